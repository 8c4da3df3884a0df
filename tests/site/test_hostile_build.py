"""A broken table stops mkdocs build with the editors' Swedish message, not a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT
from tests.unit.test_hostile_input import alias_bomb, write


def test_mkdocs_build_with_a_broken_table_stops_with_the_swedish_message(tmp_path):
    # Before: a ~50-line traceback with the Swedish message only on its last line.
    for name in ["decision_logic", "site_config", "docs", "mkdocs.yml", "pyproject.toml",
                 "package.json", "README.md"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    write(tmp_path / "decision_logic" / "tables", alias_bomb(8), "ansvarig.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
         str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"},
        timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "decision_logic/tables/ansvarig.yaml:2: aliaset *a används inte" in output
    assert "Bygget avbröts: 1 fel" in output

