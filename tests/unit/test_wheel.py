"""The wheel the browser installs holds the browser core and nothing else: no content
YAML, no editors' toolchain, no command line, no README; its RECORD is right, and the
same code gives the same bytes (the app directory is named by their hash). The wheel in
the built site is checked in tests/site/test_built_wheel.py."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

from site_config.browser.assets import build_wheel, core_modules
from tests.conftest import ROOT

DIST_INFO = {"METADATA", "WHEEL", "RECORD"}


def _expected_names() -> set[str]:
    return {f"decision_logic/{p.name}" for p in core_modules()}


def _check_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        core = {n for n in names if not n.startswith("decision_logic-")}
        assert core == _expected_names()
        assert {n.rsplit("/", 1)[1] for n in names - core} == DIST_INFO
        assert not [n for n in names if n.endswith((".yaml", ".yml")) or "toolchain" in n
                    or n.endswith("__main__.py")]
        record_name = next(n for n in names if n.endswith("/RECORD"))
        rows = [line.split(",") for line in archive.read(record_name).decode().splitlines()]
        assert {row[0] for row in rows} == names
        for path, digest, size in rows:
            if path == record_name:
                assert digest == size == ""
                continue
            data = archive.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == f"sha256={expected.decode()}" and int(size) == len(data)
        metadata = archive.read(next(n for n in names if n.endswith("/METADATA"))).decode()
        assert "Name: decision-logic" in metadata
        assert len(metadata) < 500, "METADATA should not carry the README"


def test_the_core_is_the_package_top_level_without_the_command_line():
    names = {p.name for p in core_modules()}
    assert {"__init__.py", "model.py", "engine.py", "bundle.py", "browser.py", "letter.py",
            "errors.py"} <= names
    assert "__main__.py" not in names


def test_the_wheel_is_the_same_bytes_every_time(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build_wheel(ROOT, tmp_path / "a")
    second = build_wheel(ROOT, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    _check_wheel(first)
