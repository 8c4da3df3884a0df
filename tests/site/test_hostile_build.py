"""A broken table stops mkdocs build with the editors' Swedish message, not a traceback."""

from __future__ import annotations

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

