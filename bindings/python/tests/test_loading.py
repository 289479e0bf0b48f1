"""Finding libxinfang.so (XINFANG_LIBRARY, beside the package, the system loader), and the
versions checked at import."""

import _ctypes
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import xinfang

from support import REPOSITORY

PACKAGE_DIRECTORY = os.path.dirname(os.path.abspath(xinfang.__file__))
PROBE = "import xinfang; print(xinfang.library_path)"


def header_define(name):
    with open(os.path.join(REPOSITORY, "include", "xinfang", "version.h"), encoding="utf-8") as header:
        return re.search(r"^#define %s (.+)$" % name, header.read(), re.M).group(1).strip().strip('"')


def run_python(code, path, **environment):
    """Runs `code` in a fresh interpreter with `path` as PYTHONPATH and the given variables."""
    env = dict(os.environ, PYTHONPATH=path, PYTHONDONTWRITEBYTECODE="1")
    env.pop("XINFANG_LIBRARY", None)
    env.pop("LD_LIBRARY_PATH", None)
    env.update(environment)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


class Loading(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="xf-loading-")
        self.addCleanup(shutil.rmtree, self.directory, True)

    def package_copy(self, abi_version=None):
        """The package's .py files, without a library beside them, in a directory of their own."""
        target = os.path.join(self.directory, "xinfang")
        os.makedirs(target)
        for path in glob.glob(os.path.join(PACKAGE_DIRECTORY, "*.py")):
            shutil.copy(path, target)
        if abi_version is not None:
            version_file = os.path.join(target, "_version.py")
            with open(version_file, encoding="utf-8") as source:
                text = source.read()
            with open(version_file, "w", encoding="utf-8") as out:
                out.write(re.sub(r"ABI_VERSION = \d+", "ABI_VERSION = %d" % abi_version, text))
        return self.directory

    def test_the_build_tree_package_loads_the_library_beside_it(self):
        # CTest runs this with PYTHONPATH=build/python and XINFANG_LIBRARY empty.
        self.assertEqual(os.path.dirname(xinfang.library_path), PACKAGE_DIRECTORY)
        self.assertEqual(os.path.basename(xinfang.library_path), "libxinfang.so.%d" % xinfang.ABI_VERSION)

    def test_versions_agree_with_the_header(self):
        self.assertEqual(xinfang.__version__, header_define("XF_VERSION_STRING"))
        self.assertEqual(xinfang.ABI_VERSION, int(header_define("XF_ABI_VERSION")))
        self.assertEqual(xinfang.library_version(), xinfang.__version__)

    def test_the_environment_variable_comes_first(self):
        result = run_python(PROBE, self.package_copy(), XINFANG_LIBRARY=xinfang.library_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), xinfang.library_path)

    def test_a_wrong_path_in_the_variable_fails_without_looking_elsewhere(self):
        missing = os.path.join(self.directory, "nowhere", "libxinfang.so")
        # The build-tree package has a library beside it; the named path still wins, and fails.
        result = run_python(PROBE, os.path.dirname(PACKAGE_DIRECTORY), XINFANG_LIBRARY=missing)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImportError", result.stderr)
        self.assertIn(missing, result.stderr)
        self.assertIn("$XINFANG_LIBRARY", result.stderr)

    def test_a_library_that_is_not_xinfang_is_refused(self):
        result = run_python(PROBE, self.package_copy(), XINFANG_LIBRARY=_ctypes.__file__)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("is not libxinfang.so", result.stderr)

    def test_an_abi_mismatch_fails_at_import_with_both_versions(self):
        result = run_python(PROBE, self.package_copy(abi_version=99), XINFANG_LIBRARY=xinfang.library_path)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImportError", result.stderr)
        self.assertIn("ABI version %d" % xinfang.ABI_VERSION, result.stderr)
        self.assertIn("ABI version 99", result.stderr)

    def test_the_system_loader_finds_the_soname(self):
        result = run_python(PROBE, self.package_copy(), LD_LIBRARY_PATH=PACKAGE_DIRECTORY)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(os.path.realpath(result.stdout.strip()), os.path.realpath(xinfang.library_path))

    def test_no_library_anywhere_says_what_to_do(self):
        # Asked in a fresh process: this one has the library loaded, so its SONAME resolves here.
        if run_python("import ctypes; ctypes.CDLL('libxinfang.so.%d')" % xinfang.ABI_VERSION, "").returncode == 0:
            self.skipTest("libxinfang is installed on this machine")
        result = run_python(PROBE, self.package_copy())
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("XINFANG_LIBRARY", result.stderr)
        self.assertIn("libxinfang.so.%d" % xinfang.ABI_VERSION, result.stderr)


if __name__ == "__main__":
    unittest.main()
