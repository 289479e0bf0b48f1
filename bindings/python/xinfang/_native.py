"""libxinfang.so through ctypes: finding it, declaring its functions, and the calling conventions.

Everything here is private. The rules it keeps are the header's (capi/include/xinfang.h):
every function returns a status, strings are UTF-8, and every string the library returns is
released with xf_string_free() -- never with libc free().
"""

import ctypes
import glob
import os

from . import _version
from .errors import InvalidArgument, InvalidUtf8, UnsupportedVersion, error_for_status

ENVIRONMENT_VARIABLE = "XINFANG_LIBRARY"
SONAME = "libxinfang.so.%d" % _version.ABI_VERSION

xf_status = ctypes.c_int
ClockCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int64))


class XfDate(ctypes.Structure):
    _fields_ = [("year", ctypes.c_int32), ("month", ctypes.c_int32), ("day", ctypes.c_int32)]


class XfEngineOptions(ctypes.Structure):
    # The second version of the structure; struct_size tells the library how much of it we know.
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("database", ctypes.c_char_p),
        ("policy", ctypes.c_char_p),
        ("installer", ctypes.c_char_p),
        ("durability", ctypes.c_int32),
        ("hash", ctypes.c_int32),
        ("create", ctypes.c_int32),
        ("busy_timeout_ms", ctypes.c_int32),
        ("manual_clock", ctypes.c_int32),
        ("manual_time", ctypes.c_int64),
        ("seeded_random", ctypes.c_int32),
        ("random_seed", ctypes.c_uint64),
        ("parallel_batches", ctypes.c_int32),
        ("calendar", ctypes.c_void_p),
        ("clock_callback", ClockCallback),
        ("clock_payload", ctypes.c_void_p),
    ]


_p = ctypes.c_void_p  # an opaque handle, or a string the library returns (freed by us)
_out = ctypes.POINTER(ctypes.c_void_p)
_s = ctypes.c_char_p
_i64 = ctypes.c_int64
_int = ctypes.c_int
_size = ctypes.c_size_t
_date = XfDate

# name: (result type, argument types). Functions missing from an older library are left out
# and reported by require() when first needed.
_PROTOTYPES = {
    "xf_last_error_message": (ctypes.c_char_p, []),
    "xf_last_error_code": (xf_status, []),
    "xf_clear_error": (None, []),
    "xf_status_name": (ctypes.c_char_p, [xf_status]),
    "xf_version": (ctypes.c_char_p, []),
    "xf_version_number": (_int, []),
    "xf_abi_version": (_int, []),
    "xf_string_free": (None, [_p]),
    "xf_calendar_national": (xf_status, [_out]),
    "xf_calendar_load_json": (xf_status, [_s, _p, _out]),
    "xf_calendar_with_estimated_years": (xf_status, [_p, _int, _int, _out]),
    "xf_calendar_free": (None, [_p]),
    "xf_calendar_name": (xf_status, [_p, ctypes.POINTER(ctypes.c_char_p)]),
    "xf_calendar_year_status": (xf_status, [_p, _int, ctypes.POINTER(_int)]),
    "xf_calendar_day": (
        xf_status,
        [_p, _date, ctypes.POINTER(_int), ctypes.POINTER(_int), ctypes.POINTER(ctypes.c_char_p)],
    ),
    "xf_calendar_next_workday": (xf_status, [_p, _date, ctypes.POINTER(_date)]),
    "xf_calendar_previous_workday": (xf_status, [_p, _date, ctypes.POINTER(_date)]),
    "xf_calendar_add_days": (xf_status, [_p, _date, _int, ctypes.POINTER(_date)]),
    "xf_calendar_add_workdays": (xf_status, [_p, _date, _int, ctypes.POINTER(_date)]),
    "xf_calendar_statutory_end": (xf_status, [_p, _date, _int, ctypes.POINTER(_date)]),
    "xf_calendar_workdays_between": (xf_status, [_p, _date, _date, ctypes.POINTER(_int)]),
    "xf_calendar_end_of_day": (xf_status, [_p, _date, ctypes.POINTER(_i64)]),
    "xf_calendar_add_business_seconds": (xf_status, [_p, _i64, _i64, ctypes.POINTER(_i64)]),
    "xf_calendar_year_json": (xf_status, [_p, _int, _out]),
    "xf_engine_options_init": (xf_status, [ctypes.c_void_p]),
    "xf_engine_open": (xf_status, [ctypes.POINTER(XfEngineOptions), _out]),
    "xf_engine_close": (xf_status, [_p]),
    "xf_engine_set_time": (xf_status, [_p, _i64]),
    "xf_engine_intake": (xf_status, [_p, _s, _s, _s, _out]),
    "xf_engine_intake_batch": (xf_status, [_p, _s, _s, _out]),
    "xf_engine_run": (xf_status, [_p, _s, _s, _s, _s, _i64, _out]),
    "xf_engine_get": (xf_status, [_p, _s, _s, _out]),
    "xf_engine_lookup": (xf_status, [_p, _s, _s, _out]),
    "xf_engine_list": (xf_status, [_p, _s, _out]),
    "xf_engine_put_staff": (xf_status, [_p, _s, _s]),
    "xf_engine_set_roster": (xf_status, [_p, _s, _date, _s, _s]),
    "xf_engine_verify": (xf_status, [_p, _out]),
    "xf_engine_clocks": (xf_status, [_p, _s, _out]),
    "xf_engine_sweep": (xf_status, [_p, _i64, _i64, _out]),
    "xf_engine_outbox_poll": (xf_status, [_p, _i64, _i64, _out]),
    "xf_engine_outbox_ack": (xf_status, [_p, _i64]),
    "xf_engine_now": (xf_status, [_p, ctypes.POINTER(_i64)]),
    "xf_engine_policy": (xf_status, [_p, _out]),
    "xf_engine_calendar": (xf_status, [_p, _out]),
    "xf_engine_count": (xf_status, [_p, _s, ctypes.POINTER(_i64)]),
    "xf_engine_notifications": (xf_status, [_p, _s, _out]),
    "xf_engine_explain": (xf_status, [_p, _s, _out]),
    "xf_engine_indicators": (xf_status, [_p, _s, _out]),
    "xf_engine_case_score": (xf_status, [_p, _s, _out]),
    "xf_engine_bulletin": (xf_status, [_p, _s, _s, _s, _out]),
    "xf_engine_simulate": (xf_status, [_p, _s, _s, _s, _out]),
    "xf_engine_deactivate_staff": (xf_status, [_p, _s, _s]),
    "xf_engine_staff": (xf_status, [_p, _s, _out]),
    "xf_engine_list_staff": (xf_status, [_p, _s, _out]),
    "xf_engine_roster": (xf_status, [_p, _date, _s, _out]),
    "xf_engine_export_case": (xf_status, [_p, _s, _s, _s, _out, ctypes.POINTER(_size)]),
    "xf_engine_export_concluded": (xf_status, [_p, _s, _s, _s, _out, ctypes.POINTER(_size)]),
    "xf_engine_import_dossier": (xf_status, [_p, _s, _s, _size, _s, _out]),
    "xf_dossier_check": (xf_status, [_s, _size, _out]),
    "xf_policy_presets": (xf_status, [_out]),
    "xf_policy_preset_source": (xf_status, [_s, _out]),
    "xf_policy_check": (xf_status, [_s, _out]),
    "xf_policy_test": (xf_status, [_s, _s, _s, _int, ctypes.POINTER(_int), _out]),
}


def _candidates():
    """Where to look, in order: the environment variable, beside the package, the system loader."""
    explicit = os.environ.get(ENVIRONMENT_VARIABLE)
    if explicit:
        return [("$" + ENVIRONMENT_VARIABLE, explicit)]
    here = os.path.dirname(os.path.abspath(__file__))
    beside = [os.path.join(here, name) for name in (SONAME, "libxinfang.so")]
    beside += sorted(glob.glob(os.path.join(here, "libxinfang.so*")))
    found = []
    for path in beside:
        if os.path.exists(path) and path not in [p for _, p in found]:
            found.append(("beside the package", path))
    return found + [("the system loader", SONAME)]


def _loaded_path(name):
    """The file the dynamic loader mapped for a library loaded by name (Linux), else the name."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.split(None, 5)[-1].strip()
                if os.path.basename(path).startswith("libxinfang.so"):
                    return path
    except OSError:
        pass
    return name


def _load():
    tried = []
    for where, path in _candidates():
        try:
            library = ctypes.CDLL(path)
        except OSError as error:
            tried.append("%s (%s): %s" % (path, where, error))
            if where.startswith("$"):
                break  # a path the user named and that fails is an error, not a hint to look elsewhere
            continue
        return library, (path if os.sep in path else _loaded_path(path))
    raise ImportError(
        "xinfang: cannot load the C library libxinfang.so; tried: %s. Set %s to the path of "
        "libxinfang.so (for a build tree: build/libxinfang.so), or install the library "
        "(cmake --install) so that the system loader finds %s" % ("; ".join(tried), ENVIRONMENT_VARIABLE, SONAME)
    )


def _declare(library):
    missing = []
    for name, (restype, argtypes) in _PROTOTYPES.items():
        function = getattr(library, name, None)
        if function is None:
            missing.append(name)
            continue
        function.restype = restype
        function.argtypes = argtypes
    return frozenset(missing)


lib, library_path = _load()
_missing = _declare(lib)
_core = {"xf_abi_version", "xf_version", "xf_status_name", "xf_last_error_message", "xf_string_free"}
if _core & _missing:
    lacking = ", ".join(sorted(_core & _missing))
    raise ImportError("xinfang: %s is not libxinfang.so: it lacks %s" % (library_path, lacking))
if lib.xf_abi_version() != _version.ABI_VERSION:
    raise ImportError(
        "xinfang: %s has C ABI version %d (library %s), but this package (xinfang %s) speaks ABI version %d; "
        "install the matching library or package, or point %s at the right libxinfang.so"
        % (
            library_path,
            lib.xf_abi_version(),
            lib.xf_version().decode(),
            _version.__version__,
            _version.ABI_VERSION,
            ENVIRONMENT_VARIABLE,
        )
    )


def require(name):
    """The library's function `name`, or UnsupportedVersion if this libxinfang.so predates it."""
    if name in _missing:
        raise UnsupportedVersion(
            "libxinfang.so %s at %s has no %s: the library is older than this package (xinfang %s); "
            "install a newer one" % (lib.xf_version().decode(), library_path, name, _version.__version__),
            status=-14,
        )
    return getattr(lib, name)


def text(value, name):
    """A str (or bytes, passed as they are) as NUL-terminated UTF-8 for the library; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidUtf8("%s: not valid UTF-8 at character %d (%s)" % (name, error.start, error.reason)) from None
    elif not isinstance(value, (bytes, bytearray)):
        raise TypeError("%s must be a str, not %s" % (name, type(value).__name__))
    value = bytes(value)
    if b"\0" in value:
        # The library reads up to the first NUL: the rest would be dropped without a word.
        raise InvalidArgument("%s contains a NUL character at byte %d" % (name, value.index(b"\0")))
    return value


def raise_last(status):
    """Raises the exception for a failed call's status, with the calling thread's message."""
    message = lib.xf_last_error_message().decode("utf-8", errors="replace")
    raise error_for_status(status, message, lib.xf_status_name(status).decode())


def check(status):
    if status != 0:
        raise_last(status)


def take_string(pointer):
    """Reads a string the library returned and frees it with xf_string_free()."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.xf_string_free(pointer.value)
        pointer.value = None


def take_bytes(pointer, size):
    """Reads `size` bytes the library returned (an archive: it may hold NULs) and frees them."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value, size)
    finally:
        lib.xf_string_free(pointer.value)
        pointer.value = None


def archive(data, name="data"):
    """A dossier's bytes for the library: bytes-like, passed with their length (NULs and all)."""
    if isinstance(data, str):
        raise TypeError(
            "%s must be bytes (a dossier is an archive; the binary form holds NUL bytes), not str: "
            "read the file in binary mode" % name
        )
    try:
        return bytes(memoryview(data))
    except TypeError:
        raise TypeError("%s must be bytes, not %s" % (name, type(data).__name__)) from None


def call_string(function, *arguments):
    """Calls a function whose last parameter is a char** result; returns the text."""
    out = ctypes.c_void_p()
    status = function(*arguments, ctypes.byref(out))
    if status != 0:
        take_string(out)  # NULL on failure by the header's rule; freed all the same if not
        raise_last(status)
    return take_string(out)


def new_options():
    """xf_engine_options filled by xf_engine_options_init(), and the size the library knows."""
    # A newer library's structure may be larger than ours: let it initialise a roomy buffer.
    buffer = ctypes.create_string_buffer(max(4096, ctypes.sizeof(XfEngineOptions)))
    check(lib.xf_engine_options_init(buffer))
    library_size = XfEngineOptions.from_buffer(buffer).struct_size
    options = XfEngineOptions.from_buffer_copy(buffer[: ctypes.sizeof(XfEngineOptions)])
    options.struct_size = min(library_size, ctypes.sizeof(XfEngineOptions))
    return options, library_size


def field_known(library_size, field):
    """Whether a library whose options structure has library_size bytes reads `field`."""
    descriptor = getattr(XfEngineOptions, field)
    return library_size >= descriptor.offset + descriptor.size
