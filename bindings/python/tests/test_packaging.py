"""Packaging: the in-tree build backend's wheel and sdist, and `pip install` offline into a
virtual environment. Everything is built from a copy of bindings/python in a temporary
directory: the source tree is never written."""

import base64
import csv
import hashlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

import xinfang

from support import PACKAGE_SOURCE

IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info")


def load_backend(root):
    path = os.path.join(root, "backend", "xinfang_build.py")
    spec = importlib.util.spec_from_file_location("xinfang_build_copy", path)
    backend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(backend)
    return backend


def run(arguments, **options):
    result = subprocess.run(arguments, capture_output=True, text=True, timeout=300, **options)
    if result.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (" ".join(arguments), result.returncode, result.stdout,
                                                         result.stderr))
    return result.stdout


class Backend(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="xf-packaging-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.root = os.path.join(self.directory, "python")
        shutil.copytree(PACKAGE_SOURCE, self.root, ignore=IGNORED)
        # A library staged beside the package (as in a build tree) must stay out of the wheel.
        with open(os.path.join(self.root, "xinfang", "libxinfang.so.1"), "wb") as library:
            library.write(b"\x7fELF not really")
        self.backend = load_backend(self.root)
        self.out = os.path.join(self.directory, "dist")
        os.makedirs(self.out)

    def test_the_wheel_is_pure_python_with_a_true_record(self):
        name = self.backend.build_wheel(self.out)
        self.assertEqual(name, "xinfang-%s-py3-none-any.whl" % xinfang.__version__)
        with zipfile.ZipFile(os.path.join(self.out, name)) as wheel:
            names = wheel.namelist()
            dist_info = "xinfang-%s.dist-info" % xinfang.__version__
            self.assertIn("xinfang/__init__.py", names)
            self.assertIn("xinfang/py.typed", names)
            self.assertIn(dist_info + "/RECORD", names)
            self.assertFalse([n for n in names if "libxinfang" in n or "__pycache__" in n or n.startswith("tests")])
            sources = sorted(n for n in os.listdir(os.path.join(PACKAGE_SOURCE, "xinfang")) if n.endswith(".py"))
            self.assertEqual(sorted(n[len("xinfang/"):] for n in names if n.endswith(".py")), sources)

            record = list(csv.reader(io.StringIO(wheel.read(dist_info + "/RECORD").decode())))
            self.assertEqual(sorted(row[0] for row in record), sorted(names))
            for path, digest, size in record:
                if path.endswith("RECORD"):
                    self.assertEqual((digest, size), ("", ""))
                    continue
                data = wheel.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                self.assertEqual((digest, int(size)), ("sha256=" + expected, len(data)), path)

            metadata = wheel.read(dist_info + "/METADATA").decode()
            self.assertIn("Name: xinfang\n", metadata)
            self.assertIn("Version: %s\n" % xinfang.__version__, metadata)
            self.assertIn("Requires-Python: >=3.8\n", metadata)
            self.assertIn("pip install bindings/python", metadata)  # the README as the description
            self.assertIn("Tag: py3-none-any", wheel.read(dist_info + "/WHEEL").decode())

    def test_the_metadata_is_pyproject_s(self):
        try:
            import tomllib
        except ImportError:
            self.skipTest("tomllib arrived in Python 3.11")
        with open(os.path.join(PACKAGE_SOURCE, "pyproject.toml"), "rb") as source:
            pyproject = tomllib.load(source)
        self.assertEqual(pyproject["build-system"], {"requires": [], "build-backend": "xinfang_build",
                                                     "backend-path": ["backend"]})
        project = self.backend._project()
        for key in ("name", "description", "requires-python", "license", "readme"):
            self.assertEqual(project[key], pyproject["project"][key], key)
        self.assertEqual(pyproject["project"]["dynamic"], ["version"])

    def test_prepare_metadata_and_the_editable_wheel(self):
        self.assertEqual(self.backend.get_requires_for_build_wheel(), [])
        self.assertEqual(self.backend.get_requires_for_build_sdist(), [])
        dist_info = self.backend.prepare_metadata_for_build_wheel(self.out)
        with open(os.path.join(self.out, dist_info, "METADATA"), encoding="utf-8") as metadata:
            self.assertIn("Version: %s" % xinfang.__version__, metadata.read())
        name = self.backend.build_editable(self.out)
        with zipfile.ZipFile(os.path.join(self.out, name)) as wheel:
            self.assertEqual(wheel.read("xinfang_editable.pth").decode().strip(), self.root)

    def test_the_sdist_rebuilds_the_same_wheel(self):
        name = self.backend.build_sdist(self.out)
        self.assertEqual(name, "xinfang-%s.tar.gz" % xinfang.__version__)
        base = "xinfang-%s/" % xinfang.__version__
        with tarfile.open(os.path.join(self.out, name)) as sdist:
            names = sdist.getnames()
            for required in ("PKG-INFO", "pyproject.toml", "README.md", "backend/xinfang_build.py",
                             "xinfang/__init__.py", "tests/test_packaging.py"):
                self.assertIn(base + required, names)
            self.assertFalse([n for n in names if "libxinfang" in n or "__pycache__" in n])
            unpacked = os.path.join(self.directory, "unpacked")
            sdist.extractall(unpacked)
        rebuilt = os.path.join(self.directory, "rebuilt")
        os.makedirs(rebuilt)
        wheel_name = load_backend(os.path.join(unpacked, base)).build_wheel(rebuilt)
        first = self.backend.build_wheel(self.out)
        with open(os.path.join(rebuilt, wheel_name), "rb") as again, open(os.path.join(self.out, first), "rb") as one:
            self.assertEqual(again.read(), one.read())  # reproducible, byte for byte


class PipInstall(unittest.TestCase):
    def test_pip_installs_offline_and_the_package_finds_the_library(self):
        directory = tempfile.mkdtemp(prefix="xf-venv-")
        self.addCleanup(shutil.rmtree, directory, True)
        source = os.path.join(directory, "python")
        shutil.copytree(PACKAGE_SOURCE, source, ignore=IGNORED)
        venv = os.path.join(directory, "venv")
        run([sys.executable, "-m", "venv", venv])
        python = os.path.join(venv, "bin", "python")
        environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "XINFANG_LIBRARY")}
        environment["PIP_NO_INDEX"] = "1"
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

        run([python, "-m", "pip", "install", "--no-index", source], env=environment, cwd=directory)
        probe = ("import xinfang, os, sys\n"
                 "print(xinfang.__file__)\n"
                 "print(xinfang.library_path)\n"
                 "with xinfang.Engine(sys.argv[1], 'cn-national-2022') as e:\n"
                 "    print(e.policy()['name'])\n")
        environment["XINFANG_LIBRARY"] = xinfang.library_path
        lines = run([python, "-c", probe, os.path.join(directory, "cases.db")], env=environment, cwd=directory).split()
        self.assertTrue(lines[0].startswith(venv), lines)  # the installed copy, not a source tree
        self.assertEqual(lines[1:], [xinfang.library_path, "cn-national-2022"])

        # Without the variable the installed package has no library beside it: a clear error.
        del environment["XINFANG_LIBRARY"]
        bare = dict(environment, LD_LIBRARY_PATH="")
        load = "import ctypes; ctypes.CDLL('libxinfang.so.%d')" % xinfang.ABI_VERSION
        installed = subprocess.run([python, "-c", load], env=bare, capture_output=True).returncode == 0
        failed = subprocess.run([python, "-c", "import xinfang"], env=bare, capture_output=True, text=True,
                                cwd=directory)
        if not installed:  # a machine with libxinfang installed system-wide finds it there instead
            self.assertNotEqual(failed.returncode, 0)
            self.assertIn("XINFANG_LIBRARY", failed.stderr)

        # The sdist installs too (pip builds its wheel with the backend inside it).
        dist = os.path.join(directory, "dist")
        os.makedirs(dist)
        sdist = load_backend(source).build_sdist(dist)
        run([python, "-m", "pip", "uninstall", "-y", "xinfang"], env=environment)
        run([python, "-m", "pip", "install", "--no-index", os.path.join(dist, sdist)], env=environment, cwd=directory)
        listed = run([python, "-m", "pip", "list", "--format=freeze"], env=environment)
        self.assertIn("xinfang==%s" % xinfang.__version__, listed.split())

        # pip wrote nothing into the package's real source tree.
        self.assertFalse(os.path.exists(os.path.join(PACKAGE_SOURCE, "build")))
        self.assertFalse([n for n in os.listdir(PACKAGE_SOURCE) if re.search(r"egg-info|\.dist-info", n)])


if __name__ == "__main__":
    unittest.main()
