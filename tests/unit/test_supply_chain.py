"""What is installed is exactly what was locked: Python packages by hash, Pyodide by hash.

The Python lock (``requirements/*.txt``, made by ``make lock``) must cover every range in
``pyproject.toml``; the Pyodide files are checked against ``site_config/pyodide.sha256``
when the build starts and again when they are in the site, where a tampered copy of the
same size used to survive ``mkdocs build --dirty``.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import shutil
import tomllib
import zipfile

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from site_config.browser import assets as browser_assets
from site_config.browser.assets import AssetError, BrowserAssets
from tests.conftest import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"


def locked(extra: str) -> dict[str, tuple[str, list[str]]]:
    """Package -> (pinned version, sha256 hashes) from ``requirements/<extra>.txt``."""
    text = (ROOT / "requirements" / f"{extra}.txt").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    for entry in re.sub(r"\\\n", " ", text).splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        match = re.match(r"^([A-Za-z0-9._-]+)==(\S+)", entry)
        assert match, f"requirements/{extra}.txt: '{entry[:60]}' är inte låst med =="
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", entry)
        entries[canonicalize_name(match[1])] = (match[2], hashes)
    return entries


def declared(extra: str) -> list[Requirement]:
    """The requirements of an extra in pyproject.toml, with the extras it includes."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = []
    for line in project["optional-dependencies"][extra]:
        requirement = Requirement(line)
        if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
            for included in requirement.extras:
                requirements += declared(included)
        else:
            requirements.append(requirement)
    return requirements


@pytest.mark.parametrize("extra", ["site", "test"])
def test_every_declared_requirement_is_locked_within_its_range(extra):
    lock = locked(extra)
    for requirement in declared(extra):
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} saknas i requirements/{extra}.txt: kör 'make lock'"
        version = lock[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} i requirements/{extra}.txt passar inte '{requirement}' i "
            "pyproject.toml: kör 'make lock'")


@pytest.mark.parametrize("extra", ["site", "test", "uv"])
def test_every_locked_package_carries_hashes(extra):
    lock = locked(extra)
    assert len(lock) > (0 if extra == "uv" else 20)
    assert [name for name, (_version, hashes) in lock.items() if not hashes] == []


def test_setup_installs_from_the_lock_and_requires_the_hashes():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert '--require-hashes --no-deps -r "requirements/$extra.txt"' in setup
    # uv, which installs the lock, comes by its own hashes
    assert re.search(r"--require-hashes --no-deps \\\n\s*-r requirements/uv\.txt", setup)
    assert "--no-deps --no-build-isolation -e ." in setup
    assert '-e ".[' not in setup  # the ranges in pyproject.toml are never resolved anew


def test_every_pyodide_file_the_build_uses_has_a_committed_checksum():
    expected = browser_assets.expected_checksums()
    for name in (*browser_assets.PYODIDE_FILES, browser_assets.PYODIDE_LOCK):
        assert hashlib.sha256((PYODIDE / name).read_bytes()).hexdigest() == expected[name]


def test_a_changed_pyodide_lockfile_stops_the_build(tmp_path, monkeypatch):
    sums = browser_assets.CHECKSUMS.read_text(encoding="utf-8")
    wrong = re.sub(r"^[0-9a-f]{64}(?=\s+pyodide-lock\.json$)", "0" * 64, sums, flags=re.M)
    assert wrong != sums
    (tmp_path / "pyodide.sha256").write_text(wrong, encoding="utf-8")
    monkeypatch.setattr(browser_assets, "CHECKSUMS", tmp_path / "pyodide.sha256")
    with pytest.raises(AssetError, match=r"pyodide-lock\.json stämmer inte"):
        browser_assets.verified_pyodide_dir()


def test_a_checksum_file_without_the_lockfile_stops_the_build(tmp_path, monkeypatch):
    sums = browser_assets.CHECKSUMS.read_text(encoding="utf-8")
    kept = "".join(line for line in sums.splitlines(keepends=True) if "pyodide-lock" not in line)
    (tmp_path / "pyodide.sha256").write_text(kept, encoding="utf-8")
    monkeypatch.setattr(browser_assets, "CHECKSUMS", tmp_path / "pyodide.sha256")
    with pytest.raises(AssetError, match=r"saknar kontrollsumma för pyodide-lock\.json"):
        browser_assets.verified_pyodide_dir()


def test_a_tampered_runtime_file_of_the_same_size_is_replaced_in_a_dirty_build(tmp_path):
    site = tmp_path / "site"
    assets = BrowserAssets(pyodide_version="test", pyodide_source=PYODIDE, app_files={},
                           app_hash="0", stdlib=b"")
    browser_assets.write(assets, site)
    target = site / assets.pyodide_dir / "pyodide.mjs"
    original = target.read_bytes()
    tampered = b"/*x*/" + original[5:]
    assert len(tampered) == len(original) and tampered != original
    target.write_bytes(tampered)
    browser_assets.write(assets, site)  # what `mkdocs build --dirty` does
    assert target.read_bytes() == original


def test_a_source_file_that_no_longer_matches_is_not_copied(tmp_path):
    source = tmp_path / "pyodide"
    source.mkdir()
    for name in browser_assets.PYODIDE_FILES:
        shutil.copyfile(PYODIDE / name, source / name)
    (source / "pyodide.mjs").write_bytes(b"/*x*/" + (PYODIDE / "pyodide.mjs").read_bytes()[5:])
    assets = BrowserAssets(pyodide_version="test", pyodide_source=source, app_files={},
                           app_hash="0", stdlib=b"")
    with pytest.raises(AssetError, match=r"pyodide\.mjs stämmer inte"):
        browser_assets.write(assets, tmp_path / "site")


def _imported_by_core() -> set[str]:
    """The top-level names of every absolute import in the browser core's modules,
    including imports inside functions."""
    names: set[str] = set()
    for module in browser_assets.core_modules():
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.partition(".")[0])
    return names


def test_the_trimmed_standard_library_holds_every_module_the_core_imports():
    """Every module the core imports that Pyodide ships as Python source (not compiled
    into the runtime, like ``itertools`` or ``unicodedata``) is in the trimmed archive."""
    full = zipfile.ZipFile(PYODIDE / "python_stdlib.zip")
    in_archive = {name.partition("/")[0].removesuffix(".py") for name in full.namelist()}
    needed = _imported_by_core() & in_archive
    assert {"datetime", "json", "re", "dataclasses"} <= needed  # the check sees imports
    trimmed = zipfile.ZipFile(io.BytesIO(browser_assets.trimmed_stdlib(
        (PYODIDE / "python_stdlib.zip").read_bytes())))
    kept = {name.partition("/")[0].removesuffix(".py") for name in trimmed.namelist()}
    assert needed <= kept, needed - kept


def test_the_trimmed_standard_library_is_the_same_bytes_every_build():
    full = (PYODIDE / "python_stdlib.zip").read_bytes()
    first = browser_assets.trimmed_stdlib(full)
    assert first == browser_assets.trimmed_stdlib(full)
    assert len(first) < len(full) / 2
