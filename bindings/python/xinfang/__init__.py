"""xinfang: the petition (信访) and citizen-request lifecycle, from Python.

ctypes over libxinfang.so, the library's stable C ABI; standard library only. docs/python.md is
the guide. The library is found, in this order, at the path in the environment variable
XINFANG_LIBRARY, beside this package's files, or by the system loader (libxinfang.so.<ABI>).

>>> import xinfang
>>> with xinfang.Engine("cases.db", policy="cn-national-2022") as engine:
...     engine.put_staff("admin", id="r-li", name="李登记", organisation="city",
...                      unit="petition_office", roles=["registrar"])
"""

from ._version import ABI_VERSION, __version__
from . import _native
from ._time import SHANGHAI, UTC
from .calendar import Calendar, Day
from .clock import ManualClock
from .dossier import check_dossier
from .engine import Engine
from .errors import (
    AlreadyExists,
    BadHandle,
    CalendarRange,
    CallbackError,
    Conflict,
    Error,
    Forbidden,
    IntegrityError,
    InternalError,
    InvalidArgument,
    InvalidData,
    InvalidState,
    InvalidUtf8,
    NotFound,
    OutOfMemory,
    OutOfWindow,
    ParseError,
    StorageError,
    UnsupportedVersion,
)
from .policy import Policy, PolicyCheck
from .results import (
    CaseList,
    CaseSummary,
    ClockReport,
    CommandResult,
    Notification,
    StaffMember,
    SweepResult,
    VerifyReport,
)

#: The file libxinfang.so was loaded from.
library_path = _native.library_path


def library_version():
    """The loaded library's version string, e.g. "0.1.0"."""
    return _native.lib.xf_version().decode()


def status_name(status):
    """The stable name of a status code, e.g. "not_found" for -6."""
    return _native.lib.xf_status_name(status).decode()


__all__ = [
    "ABI_VERSION",
    "AlreadyExists",
    "BadHandle",
    "Calendar",
    "CalendarRange",
    "CallbackError",
    "CaseList",
    "CaseSummary",
    "ClockReport",
    "CommandResult",
    "Conflict",
    "Day",
    "Engine",
    "Error",
    "Forbidden",
    "IntegrityError",
    "InternalError",
    "InvalidArgument",
    "InvalidData",
    "InvalidState",
    "InvalidUtf8",
    "ManualClock",
    "NotFound",
    "Notification",
    "OutOfMemory",
    "OutOfWindow",
    "ParseError",
    "Policy",
    "PolicyCheck",
    "SHANGHAI",
    "StaffMember",
    "StorageError",
    "SweepResult",
    "UTC",
    "UnsupportedVersion",
    "VerifyReport",
    "__version__",
    "check_dossier",
    "library_path",
    "library_version",
    "status_name",
]
