"""The exceptions: one class per status, the library's names and messages, built-in bases."""

import pickle
import unittest

import xinfang
from xinfang import errors

from support import EngineTestCase, letter

# Every status of capi/include/xinfang.h, its class and the built-in it also is (if any).
EXPECTED = [
    (-1, xinfang.InvalidArgument, "invalid_argument", ValueError),
    (-2, xinfang.InvalidUtf8, "invalid_utf8", ValueError),
    (-3, xinfang.ParseError, "parse_error", ValueError),
    (-4, xinfang.InvalidData, "invalid_data", ValueError),
    (-5, xinfang.CalendarRange, "calendar_range", LookupError),
    (-6, xinfang.NotFound, "not_found", LookupError),
    (-7, xinfang.AlreadyExists, "already_exists", None),
    (-8, xinfang.Conflict, "conflict", None),
    (-9, xinfang.Forbidden, "forbidden", PermissionError),
    (-10, xinfang.InvalidState, "invalid_state", None),
    (-11, xinfang.OutOfWindow, "out_of_window", None),
    (-12, xinfang.StorageError, "storage", OSError),
    (-13, xinfang.IntegrityError, "integrity", None),
    (-14, xinfang.UnsupportedVersion, "unsupported_version", None),
    (-15, xinfang.BadHandle, "bad_handle", None),
    (-16, xinfang.OutOfMemory, "out_of_memory", MemoryError),
    (-17, xinfang.InternalError, "internal", None),
    (-18, xinfang.CallbackError, "callback", None),
]


class StatusMapping(unittest.TestCase):
    def test_every_status_has_its_class_and_the_library_name(self):
        for status, cls, name, builtin in EXPECTED:
            with self.subTest(status=status):
                self.assertEqual(cls.status, status)
                self.assertEqual(cls.status_name, name)
                # The package's names are the library's own (xf_status_name()).
                self.assertEqual(xinfang.status_name(status), name)
                error = errors.error_for_status(status, "one line", name)
                self.assertIs(type(error), cls)
                self.assertIsInstance(error, xinfang.Error)
                if builtin is not None:
                    self.assertIsInstance(error, builtin)
                self.assertEqual(str(error), "one line")
                self.assertEqual((error.status, error.status_name, error.message), (status, name, "one line"))
                self.assertEqual(cls.__module__, "xinfang")

    def test_a_status_this_package_does_not_know_is_still_an_error(self):
        error = errors.error_for_status(-99, "from a newer library", "something_new")
        self.assertIs(type(error), xinfang.Error)
        self.assertEqual((error.status, error.status_name), (-99, "something_new"))
        self.assertEqual(xinfang.status_name(-99), "unknown")

    def test_errors_pickle_for_multiprocessing(self):
        error = errors.error_for_status(-9, "command accept: no", "forbidden")
        copy = pickle.loads(pickle.dumps(error))
        self.assertIs(type(copy), xinfang.Forbidden)
        self.assertEqual((copy.status, copy.status_name, copy.message), (-9, "forbidden", "command accept: no"))

    def test_storage_error_keeps_its_message_despite_oserror(self):
        error = errors.error_for_status(-12, "database is locked", "storage")
        self.assertEqual(str(error), "database is locked")
        self.assertEqual(error.args, ("database is locked",))


class RaisedByTheLibrary(EngineTestCase):
    def test_the_message_is_the_library_one_line(self):
        with self.assertRaises(xinfang.NotFound) as raised:
            self.engine.get("MZJ-2025-9999999")
        self.assertIn("MZJ-2025-9999999", raised.exception.message)
        self.assertNotIn("\n", raised.exception.message)
        self.assertIsInstance(raised.exception, LookupError)

    def test_a_refused_command_is_its_own_class(self):
        number = self.register().number
        with self.assertRaises(xinfang.Forbidden) as raised:
            self.engine.accept(number, "r-li")
        self.assertIn("dispatcher", raised.exception.message)
        with self.assertRaises(xinfang.InvalidState):
            self.engine.reply(number, "h-zhao", "supported", "补发")
        with self.assertRaises(xinfang.InvalidData) as raised:
            self.engine.run(number, "d-wang", "accept", {"nota": 1})
        self.assertIn("/args", raised.exception.message)
        with self.assertRaises(xinfang.InvalidData):
            self.engine.run(number, "d-wang", "teleport")

    def test_text_that_is_not_utf8(self):
        # A lone surrogate cannot be encoded: refused here, before the library is called.
        with self.assertRaises(xinfang.InvalidUtf8) as raised:
            self.engine.get("MZJ-\ud800")
        self.assertIn("number", raised.exception.message)
        # Bytes go to the library as they are, and it checks them.
        with self.assertRaises(xinfang.InvalidUtf8) as raised:
            self.engine.get(b"MZJ-\xff")
        self.assertIn("number", raised.exception.message)

    def test_a_nul_character_is_refused_not_truncated(self):
        number = self.register().number
        # The library reads a string argument up to its first NUL: "number\0junk" must not
        # quietly become "number".
        with self.assertRaises(xinfang.InvalidArgument) as raised:
            self.engine.get(number + "\x00junk")
        self.assertIn("NUL", raised.exception.message)
        with self.assertRaises(xinfang.InvalidArgument):
            self.engine.accept(number, "d-wang\x00")
        self.assertEqual(self.engine.get(number)["case"]["status"], "registered")

    def test_json_the_library_cannot_parse(self):
        with self.assertRaises(TypeError):
            self.engine.intake("r-li", letter(attachments=object()))  # not JSON at all
        with self.assertRaises(xinfang.ParseError) as raised:
            self.engine.put_staff("admin", None, id=1, name=float("nan"), organisation="city", roles=[])
        self.assertIn("line", raised.exception.message)


if __name__ == "__main__":
    unittest.main()
