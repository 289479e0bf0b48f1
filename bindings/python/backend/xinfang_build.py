"""The package's own PEP 517 build backend, standard library only.

`pip install bindings/python` builds in an isolated environment and installs the backend's
requirements into it first; a backend such as setuptools would have to come from PyPI, which a
machine without network cannot reach. This one needs nothing: it zips the pure-Python package
into a wheel (METADATA, WHEEL, RECORD) and the source tree into an sdist.

pyproject.toml is the source of the metadata; only its [project] keys with string values are
read, so that Python before 3.11 (no tomllib) reads it too.
"""

import base64
import gzip
import hashlib
import io
import os
import re
import tarfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "xinfang"
TAG = "py3-none-any"
# Files in the package directory that go into a wheel; a libxinfang.so copied beside the
# package in a build tree is a build product, not a source, and stays out.
PACKAGE_FILES = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.py$|^py\.typed$")
SDIST_DIRECTORIES = ("xinfang", "backend", "tests", "bench")
SDIST_FILES = ("pyproject.toml", "README.md")


def _project():
    """The [project] table's string values (and the version from xinfang/_version.py)."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as source:
        text = source.read()
    match = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if match is None:
        raise RuntimeError("pyproject.toml has no [project] table")
    project = dict(re.findall(r'^([A-Za-z][A-Za-z0-9_-]*)\s*=\s*"([^"]*)"\s*$', match.group(1), re.M))
    with open(os.path.join(ROOT, PACKAGE, "_version.py"), encoding="utf-8") as source:
        project["version"] = re.search(r'^__version__ = "([^"]+)"$', source.read(), re.M).group(1)
    return project


def _dist_info_name(project):
    return "%s-%s.dist-info" % (project["name"], project["version"])


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
        "Summary: %s" % project.get("description", ""),
        "License: %s" % project.get("license", "Apache-2.0"),
        "Requires-Python: %s" % project.get("requires-python", ">=3.8"),
    ]
    readme = project.get("readme")
    body = ""
    if readme:
        with open(os.path.join(ROOT, readme), encoding="utf-8") as source:
            body = source.read()
        lines.append("Description-Content-Type: text/markdown; charset=UTF-8")
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def _wheel_file():
    return ("Wheel-Version: 1.0\nGenerator: xinfang_build\nRoot-Is-Purelib: true\nTag: %s\n" % TAG).encode()


def _timestamp():
    """SOURCE_DATE_EPOCH if set (reproducible builds), else 1980-01-01, zip's earliest date."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    return max(epoch, 315532800)


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))


def _package_files():
    directory = os.path.join(ROOT, PACKAGE)
    for name in sorted(os.listdir(directory)):
        if PACKAGE_FILES.match(name):
            with open(os.path.join(directory, name), "rb") as source:
                yield "%s/%s" % (PACKAGE, name), source.read()


def _write_wheel(wheel_directory, files):
    project = _project()
    dist_info = _dist_info_name(project)
    files = list(files) + [
        ("%s/METADATA" % dist_info, _metadata(project)),
        ("%s/WHEEL" % dist_info, _wheel_file()),
        ("%s/top_level.txt" % dist_info, (PACKAGE + "\n").encode()),
    ]
    record_path = "%s/RECORD" % dist_info
    record = "\n".join([_record_line(path, data) for path, data in files] + [record_path + ",,"]) + "\n"
    files.append((record_path, record.encode()))

    name = "%s-%s-%s.whl" % (project["name"], project["version"], TAG)
    stamp = time.gmtime(_timestamp())[:6]
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in files:
            info = zipfile.ZipInfo(path, stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
    return name


def _write_metadata_directory(metadata_directory):
    project = _project()
    path = os.path.join(metadata_directory, _dist_info_name(project))
    os.makedirs(path, exist_ok=True)
    for name, data in (("METADATA", _metadata(project)), ("WHEEL", _wheel_file())):
        with open(os.path.join(path, name), "wb") as out:
            out.write(data)
    return os.path.basename(path)


# ---- the PEP 517 and PEP 660 hooks ----


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _write_metadata_directory(metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _write_metadata_directory(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _package_files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    # A .pth file puts the source tree on sys.path: edits take effect without reinstalling.
    return _write_wheel(wheel_directory, [("%s_editable.pth" % PACKAGE, (ROOT + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = "%s-%s" % (project["name"], project["version"])
    stamp = _timestamp()
    paths = [name for name in SDIST_FILES if os.path.exists(os.path.join(ROOT, name))]
    for directory in SDIST_DIRECTORIES:
        for folder, subfolders, names in os.walk(os.path.join(ROOT, directory)):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".typed", ".json", ".md", ".txt")):
                    paths.append(os.path.relpath(os.path.join(folder, name), ROOT))

    def add(archive, path, data):
        info = tarfile.TarInfo("%s/%s" % (base, path.replace(os.sep, "/")))
        info.size, info.mtime, info.mode = len(data), stamp, 0o644
        archive.addfile(info, io.BytesIO(data))

    name = base + ".tar.gz"
    with open(os.path.join(sdist_directory, name), "wb") as out:
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=stamp) as compressed:
            with tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive:
                add(archive, "PKG-INFO", _metadata(project))
                for path in paths:
                    with open(os.path.join(ROOT, path), "rb") as source:
                        add(archive, path, source.read())
    return name
