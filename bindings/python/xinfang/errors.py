"""The exceptions: one class per status code of the C ABI (docs/error-handling.md).

Every failure the library reports is raised as a subclass of :class:`Error`, chosen by the
status code, carrying the code (``status``), its stable name (``status_name``) and the
library's one-line message. Where a built-in exception means the same, the class inherits it
too, so ``except LookupError`` catches :class:`NotFound`.
"""


class Error(Exception):
    """A call into xinfang failed.

    Attributes:
        status: The negative status code (``xf_status``), e.g. -6.
        status_name: Its stable name, e.g. ``"not_found"``.
        message: The library's one-line message.
    """

    status = 0
    status_name = "unknown"

    def __init__(self, message, status=None, status_name=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if status_name is not None:
            self.status_name = status_name

    def __reduce__(self):
        return (self.__class__, (self.message, self.status, self.status_name))


def _error(name, status, status_name, doc, *bases):
    cls = type(name, (Error,) + bases, {"status": status, "status_name": status_name, "__doc__": doc})
    cls.__module__ = "xinfang"
    return cls


InvalidArgument = _error(
    "InvalidArgument", -1, "invalid_argument", "A NULL pointer, a value out of range, an impossible date.", ValueError
)
InvalidUtf8 = _error("InvalidUtf8", -2, "invalid_utf8", "Text that is not valid UTF-8.", ValueError)
ParseError = _error("ParseError", -3, "parse_error", "Malformed input, e.g. JSON syntax (line and column).", ValueError)
InvalidData = _error(
    "InvalidData", -4, "invalid_data", "Well-formed input that breaks the rules (the JSON path in the message).",
    ValueError,
)
CalendarRange = _error(
    "CalendarRange", -5, "calendar_range", "A date in a year the calendar has no holiday table for.", LookupError
)
NotFound = _error("NotFound", -6, "not_found", "A case, unit, person or other named thing does not exist.", LookupError)
AlreadyExists = _error("AlreadyExists", -7, "already_exists", "Something that must be unique exists already.")
Conflict = _error(
    "Conflict", -8, "conflict", "A stale expected_version, or an idempotency key reused with other content."
)
Forbidden = _error("Forbidden", -9, "forbidden", "The actor's roles do not allow the command.", PermissionError)
InvalidState = _error("InvalidState", -10, "invalid_state", "The command is not allowed in the case's state.")
OutOfWindow = _error("OutOfWindow", -11, "out_of_window", "The command came outside the period in which it is allowed.")
StorageError = _error(
    "StorageError", -12, "storage", "The database failed (I/O, disk full, locked past the timeout).", OSError
)
IntegrityError = _error("IntegrityError", -13, "integrity", "Stored or imported data fails verification.")
UnsupportedVersion = _error(
    "UnsupportedVersion", -14, "unsupported_version", "A file or library from another version of xinfang."
)
BadHandle = _error("BadHandle", -15, "bad_handle", "A closed engine or calendar, or a handle of another kind.")
OutOfMemory = _error("OutOfMemory", -16, "out_of_memory", "An allocation failed.", MemoryError)
InternalError = _error("InternalError", -17, "internal", "A bug in xinfang: please report it with the message.")
CallbackError = _error(
    "CallbackError", -18, "callback", "A Python callback given to xinfang (the clock) failed; see __cause__."
)

_BY_STATUS = {
    cls.status: cls
    for cls in (
        InvalidArgument,
        InvalidUtf8,
        ParseError,
        InvalidData,
        CalendarRange,
        NotFound,
        AlreadyExists,
        Conflict,
        Forbidden,
        InvalidState,
        OutOfWindow,
        StorageError,
        IntegrityError,
        UnsupportedVersion,
        BadHandle,
        OutOfMemory,
        InternalError,
        CallbackError,
    )
}

__all__ = ["Error", "error_for_status"] + sorted(cls.__name__ for cls in _BY_STATUS.values())


def error_for_status(status, message, status_name=None):
    """The exception for a status code: its class, or :class:`Error` for a code this package does not know."""
    cls = _BY_STATUS.get(status, Error)
    return cls(message, status, status_name if status_name is not None else cls.status_name)


def error_class(status):
    """The class raised for a status code (Error for an unknown one)."""
    return _BY_STATUS.get(status, Error)
