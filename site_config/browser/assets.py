"""The files the widgets need in the browser, made from the same sources as the tests use.

- Pyodide, copied from the npm package pinned in ``package.json``/``package-lock.json`` and
  checked against the sha256 sums committed in ``pyodide.sha256``;
- the browser core of ``decision_logic`` as a wheel (the modules at the package's top
  level, standard library only: no content YAML, no editors' toolchain, no
  ``__main__``), and a Pyodide lockfile for it made with pyodide-build's lockfile
  library, so Pyodide verifies the wheel's sha256 before it installs it;
- the validated routing tables as one JSON bundle (``decision_logic.bundle``), the only
  way the tables reach the browser.

The app files live under a directory named by their content hash, so every URL can be
cached for a long time and a new build never meets a stale copy.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from decision_logic import Catalog, to_bundle
from site_config import PROJECT_DIR, SITE_CONFIG_DIR

ROOT = PROJECT_DIR
#: the Pyodide files copied into the site
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: Pyodide's files copied as they are (its full standard library is replaced by the
#: build's trimmed copy, ``BrowserAssets.stdlib_name``)
PYODIDE_COPIED = tuple(name for name in PYODIDE_FILES if name != "python_stdlib.zip")
#: The standard library's top-level modules and packages the browser needs, found by
#: experiment (``sys.modules`` after Pyodide 314.0.8 has started, installed the wheel and
#: run ``decide()`` and ``write_letter()``) and checked against the core's own imports
#: by ``tests/unit/test_supply_chain.py`` (modulefinder) and in the browser by
#: ``tests/browser/test_trimmed_stdlib.py``. Pyodide's start imports asyncio, logging,
#: zipfile and the like (its package loader, its event loop), and installing the wheel
#: runs ``importlib.invalidate_caches()``, which imports ``importlib.metadata`` and so
#: ``email``; the core needs datetime, json, re, dataclasses, typing, traceback, importlib.
STDLIB_KEPT = frozenset({
    "__future__", "_collections_abc", "_colorize", "_opcode_metadata", "_py_warnings",
    "_pyodide", "_sitebuiltins", "_ssl", "_weakrefset", "abc", "annotationlib", "ast",
    "asyncio", "base64", "bisect", "bz2", "codecs", "codeop", "collections", "compression",
    "concurrent", "contextlib", "contextvars", "copy", "copyreg", "dataclasses", "datetime",
    "dis", "email", "encodings", "enum", "fnmatch", "functools", "genericpath", "glob", "heapq",
    "importlib", "inspect", "io", "json", "keyword", "linecache", "locale", "logging", "lzma",
    "ntpath", "opcode", "operator", "os", "pathlib", "posixpath", "pyodide", "random", "re",
    "reprlib", "selectors", "shutil", "signal", "site", "socket", "ssl", "stat", "string",
    "struct", "subprocess", "tarfile", "tempfile", "textwrap", "threading", "token", "tokenize",
    "traceback", "types", "typing", "warnings", "weakref", "zipfile", "zipimport",
})
#: Of the 120 codecs only these: UTF-8 (Python's own), ASCII and Latin-1 (Python's
#: fallbacks) and cp437, which ``zipfile`` uses for the wheel's file names.
STDLIB_CODECS = frozenset({"__init__", "aliases", "ascii", "cp437", "latin_1", "utf_8",
                           "utf_8_sig"})
#: Pyodide's full lockfile: not copied, but the lockfile we ship is made from it
PYODIDE_LOCK = "pyodide-lock.json"
#: sha256 of every file above, as ``sha256sum`` writes them (see the README on updating)
CHECKSUMS = SITE_CONFIG_DIR / "pyodide.sha256"
WHEEL_PACKAGE = "decision-logic"
#: the package whose core goes into the wheel
PACKAGE_DIR = ROOT / "decision_logic"
#: in the package directory but not part of the browser core: the command line entry
NOT_CORE = frozenset({"__main__.py"})
#: every file in the wheel gets this timestamp, so the same code gives the same bytes
#: (and the same hash in the app directory's name)
ZIP_TIME = (2023, 11, 14, 22, 13, 20)


class AssetError(RuntimeError):
    """The build lacks something from the machine; the message says which command fixes it.

    A setup fault, not a content fault (those are ``decision_logic.ContentError``): no
    file an editor keeps is wrong, the machine lacks what ``npm ci`` (Pyodide) or
    ``scripts/setup.sh`` (Graphviz, for the diagrams) installs. The only error of the build
    besides ``ContentError`` (and ``DecisionError``, a reader's)."""


@dataclass(frozen=True)
class BrowserAssets:
    pyodide_version: str
    pyodide_source: Path
    app_files: dict[str, bytes]
    app_hash: str
    stdlib: bytes
    """The trimmed standard library, made once per build."""

    @property
    def stdlib_name(self) -> str:
        """The trimmed standard library's file name, which carries its content hash.

        It lives beside Pyodide's files, which are cached for a year as immutable: a
        build that keeps more or fewer modules under the same Pyodide version must get a
        new address, or a returning reader would be served the old archive. The hash
        also keys the reader's stored Python snapshot (docs/assets/widget/worker.mjs).
        """
        return f"python_stdlib.{_sha256(self.stdlib)[:12]}.zip"

    @property
    def fetched_bytes(self) -> int:
        """What the worker's start reads with fetch(), unpacked: the wasm, the standard
        library and the app files. The page shows progress against it while Python
        loads (the two .mjs files come by import(), which cannot be counted)."""
        wasm = (self.pyodide_source / "pyodide.asm.wasm").stat().st_size
        return wasm + len(self.stdlib) + sum(len(data) for data in self.app_files.values())

    @property
    def pyodide_dir(self) -> str:
        return f"assets/pyodide/{self.pyodide_version}/"

    @property
    def app_dir(self) -> str:
        return f"assets/beslutsstod/{self.app_hash}/"


def pinned_pyodide_version(root: Path = ROOT) -> str:
    package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    return package["dependencies"]["pyodide"]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified_pyodide_dir(root: Path = ROOT) -> tuple[str, Path]:
    """The installed Pyodide package, after checking its version and file checksums."""
    version = pinned_pyodide_version(root)
    source = root / "node_modules" / "pyodide"
    try:
        installed = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
    except OSError:
        raise AssetError("Pyodide saknas i node_modules/: kör 'npm ci'.") from None
    if installed != version:
        raise AssetError(f"node_modules/ har Pyodide {installed}, men package.json kräver "
                         f"{version}: kör 'npm ci'.")
    expected = expected_checksums()
    for name in (*PYODIDE_FILES, PYODIDE_LOCK):
        try:
            actual = _sha256((source / name).read_bytes())
        except OSError:
            raise AssetError(f"node_modules/pyodide/{name} saknas: kör 'npm ci'.") from None
        if actual != expected.get(name):
            raise AssetError(f"Kontrollsumman för node_modules/pyodide/{name} stämmer inte "
                             f"med {CHECKSUMS.name}: kör 'npm ci'.")
    return version, source


def expected_checksums() -> dict[str, str]:
    """File name -> sha256 from ``pyodide.sha256``; every shipped file must be listed."""
    lines = [line.split() for line in CHECKSUMS.read_text(encoding="utf-8").splitlines()]
    expected = {name: digest for digest, name in (line for line in lines if len(line) == 2)}
    missing = [name for name in (*PYODIDE_FILES, PYODIDE_LOCK) if name not in expected]
    if missing:
        raise AssetError(f"{CHECKSUMS.name} saknar kontrollsumma för {', '.join(missing)}.")
    return expected


def core_modules(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The browser core: the modules at the package's top level, ``__main__`` excepted.

    Subpackages (the editors' toolchain) and data files (the content YAML) are left out
    by construction; ``tests/unit/test_import_layers.py`` proves the core needs nothing else.
    """
    return sorted(p for p in package_dir.glob("*.py") if p.name not in NOT_CORE)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def build_wheel(root: Path, out_dir: Path) -> Path:
    """Build the browser core's wheel reproducibly: the core modules and a minimal
    ``dist-info`` (METADATA without the README, WHEEL, RECORD with every file's sha256).

    Written with ``zipfile`` rather than a build backend, which would pack the whole
    package with its content files and toolchain.
    """
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name = project["name"].replace("-", "_")
    dist_info = f"{name}-{project['version']}.dist-info"
    package = root / "decision_logic"
    files = {f"decision_logic/{p.name}": p.read_bytes() for p in core_modules(package)}
    files[f"{dist_info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: {project['name']}\n"
        f"Version: {project['version']}\n"
        f"Summary: {project['description']}\n"
        f"Requires-Python: {project['requires-python']}\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\n"
        b"Generator: site_config.browser.assets\n"
        b"Root-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n"
                     for path, data in files.items())
    files[f"{dist_info}/RECORD"] = f"{record}{dist_info}/RECORD,,\n".encode()
    wheel = out_dir / f"{name}-{project['version']}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return wheel


def app_lockfile(pyodide_source: Path, wheel: Path) -> bytes:
    """A Pyodide lockfile holding only our wheel, with its sha256.

    The full lockfile lists some 350 packages the widgets never load; ours is a few
    hundred bytes, so the browser skips a 120 KB download.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    full = PyodideLockSpec.from_json(pyodide_source / "pyodide-lock.json")
    spec = add_wheels_to_spec(full, [wheel], base_path=wheel.parent)
    data = spec.to_dict()
    data["packages"] = {WHEEL_PACKAGE: data["packages"][WHEEL_PACKAGE]}
    return json.dumps(data, indent=1, sort_keys=True).encode()


def _kept_in_stdlib(name: str) -> bool:
    """Whether the archive entry ``name`` belongs to the trimmed standard library."""
    top, _, rest = name.partition("/")
    if top.removesuffix(".py") not in STDLIB_KEPT:
        return False
    return top != "encodings" or not rest or rest.removesuffix(".py") in STDLIB_CODECS


def trimmed_stdlib(full: bytes) -> bytes:
    """Pyodide's ``python_stdlib.zip`` with only the modules the browser needs.

    The full archive is 2.5 MB, most of it modules the widgets never import (email,
    unittest, xml, sqlite3, pydoc, 110 codecs …). Entries keep their order by name and
    get ``ZIP_TIME``, so the same Pyodide gives the same bytes.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(full)) as source, zipfile.ZipFile(out, "w") as archive:
        for entry in sorted(source.infolist(), key=lambda entry: entry.filename):
            if not _kept_in_stdlib(entry.filename):
                continue
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.external_attr = entry.external_attr
            if entry.is_dir():
                archive.writestr(info, b"")
            else:
                archive.writestr(info, source.read(entry), compress_type=zipfile.ZIP_DEFLATED,
                                 compresslevel=9)
    return out.getvalue()


def prepare(catalog: Catalog, root: Path = ROOT) -> BrowserAssets:
    """Make the app files in memory; nothing is written to the site yet."""
    version, source = verified_pyodide_dir(root)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(root, Path(tmp))
        files = {
            wheel.name: wheel.read_bytes(),
            "pyodide-lock.json": app_lockfile(source, wheel),
            "tables.json": to_bundle(catalog).encode(),
        }
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    full = (source / "python_stdlib.zip").read_bytes()
    if _sha256(full) != expected_checksums()["python_stdlib.zip"]:
        raise AssetError(f"Kontrollsumman för node_modules/pyodide/python_stdlib.zip stämmer "
                         f"inte med {CHECKSUMS.name}: kör 'npm ci'.")
    return BrowserAssets(pyodide_version=version, pyodide_source=source, app_files=files,
                         app_hash=digest.hexdigest()[:12], stdlib=trimmed_stdlib(full))


def _sha256_of(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def write(assets: BrowserAssets, site_dir: Path) -> None:
    """Copy Pyodide and the app files into the built site.

    A Pyodide file already in the site (``mkdocs build --dirty``, ``mkdocs serve``) is
    kept only when its sha256 is the committed one: a tampered file of the same size is
    replaced. Every copied file is checked again, so the site holds exactly the files
    the checksums name.
    """
    expected = expected_checksums()
    pyodide_dir = site_dir / assets.pyodide_dir
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_COPIED:
        target = pyodide_dir / name
        if _sha256_of(target) == expected[name]:
            continue
        shutil.copyfile(assets.pyodide_source / name, target)
        if _sha256_of(target) != expected[name]:
            raise AssetError(f"Kontrollsumman för node_modules/pyodide/{name} stämmer inte "
                             f"med {CHECKSUMS.name}: kör 'npm ci'.")
    (pyodide_dir / assets.stdlib_name).write_bytes(assets.stdlib)
    app_dir = site_dir / assets.app_dir
    app_dir.mkdir(parents=True, exist_ok=True)
    for name, data in assets.app_files.items():
        (app_dir / name).write_bytes(data)
