"""A broken table stops mkdocs build with the editors' Swedish message, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import build_copy, copy_project
from tests.unit.test_hostile_input import alias_bomb, write


def test_mkdocs_build_with_a_broken_table_stops_with_the_swedish_message(tmp_path):
    # Before: a ~50-line traceback with the Swedish message only on its last line.
    copy_project(tmp_path)
    write(tmp_path / "decision_logic" / "tables", alias_bomb(8), "ansvarig.yaml")
    result = build_copy(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "decision_logic/tables/ansvarig.yaml:2: aliaset *a används inte" in output
    assert "Bygget avbröts: 1 fel" in output



@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://vard.example.se/",
                                 "https://user:pw@vard.example.se/",
                                 "https://vard.example.se/?q=1#frag"])
def test_a_wrong_site_url_stops_the_build_with_a_swedish_message(tmp_path, url):
    """Before: ftp://, user:pw@, ?q and #frag built (into every QR code and the canonical
    link), and javascript: got MkDocs' English "Config value 'site_url'"."""
    project = copy_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
         str(project / "site")], cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(project), "SITE_URL": url}, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "SITE_URL ska börja med https://" in output or "SITE_URL får inte" in output, output
    assert "Config value" not in output and "Traceback" not in output
