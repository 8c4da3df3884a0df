"""Issue 25, item 4: a table too large for its page, the build or the check is refused
with its file and line, counted from the table's structure before any state is listed.

No test asserts a time (the machine is shared); before the fix the 24-value probe took a
minute and ended in a MemoryError with a traceback, so a regression shows as a hung or
crashing test, not as a slow one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import decision_logic
from decision_logic import ContentError
from decision_logic.toolchain.catalog import load_table_file
from decision_logic.toolchain.completeness import check_completeness
from decision_logic.toolchain.limits import MAX_STATES, size_faults
from site_config.render.snapshot import reachable_states, widget_snapshot

PACKAGE = Path(decision_logic.__file__).parent
SKICKA = PACKAGE / "tables" / "skicka-inbjudan.yaml"
LAST_VALUE = "      - id: polisen\n        label: Polisen\n"


def _recipients(tmp_path: Path, extra: int) -> Path:
    """skicka-inbjudan with ``extra`` more recipients (6 + extra values, multiple)."""
    text = SKICKA.read_text(encoding="utf-8")
    assert LAST_VALUE in text
    added = "".join(f"      - id: extra-{n}\n        label: Extra {n}\n" for n in range(extra))
    path = tmp_path / "skicka-inbjudan.yaml"
    path.write_text(text.replace(LAST_VALUE, LAST_VALUE + added), encoding="utf-8")
    return path


def _line_of_question(path: Path, question: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f"  - id: {question}") + 1


def test_the_published_tables_are_within_every_limit(catalog):
    for table in catalog.tables.values():
        assert size_faults(table) == [], table.id


def test_24_recipients_are_refused_by_the_check_with_the_questions_line(tmp_path, catalog):
    # Before: 'Allt stämmer' from the check, a MemoryError after a minute in the build.
    path = _recipients(tmp_path, 18)
    table = load_table_file(path, catalog.rulebook)[0]
    report = check_completeness(table)
    assert not report.ok
    line = _line_of_question(path, "mottagare")
    assert [located[0] for located in report.located()] == [line]
    message = report.located()[0][1]
    assert "24 svar och multiple: true" in message and str(MAX_STATES) in message
    with pytest.raises(ContentError) as caught:
        next(reachable_states(table))
    assert caught.value.line == line


def test_10_recipients_are_refused_for_the_size_of_the_page(tmp_path, catalog):
    # Before: within the state limit (2049 states), so a page of several MB was shipped
    # (the 12 values: 5.4 MB).
    table = load_table_file(_recipients(tmp_path, 4), catalog.rulebook)[0]
    faults = size_faults(table)
    assert [f.line for f in faults] == [_line_of_question(tmp_path / "skicka-inbjudan.yaml",
                                                          "mottagare")]
    assert "MB" in faults[0].message
    with pytest.raises(ContentError):
        widget_snapshot(table)


def _grid(size: int) -> str:
    """Two questions of ``size`` values each and one row per pair: a 'size × size' grid."""
    values = "".join(f"      - id: v{n}\n        label: Svar {n}\n" for n in range(size))
    rows = "".join(f"  - when: {{a: v{i}, b: v{j}}}\n    outcome: ut\n"
                   for i in range(size) for j in range(size))
    return ("id: grid\ntitle: Rutnät\nmeta:\n  owner: Test\n"
            "  review: 2027-01-01\nquestions:\n"
            f"  - id: a\n    label: A\n    values:\n{values}"
            f"  - id: b\n    label: B\n    values:\n{values}"
            f"rules:\n{rows}outcomes:\n  - id: ut\n    title: Ut\n    text: Text.\n"
            "    rules: [R1]\n")


def test_a_70_by_70_grid_is_refused_before_it_is_walked(tmp_path, catalog):
    # Before: 141 s of building (every path matched against every row).
    path = tmp_path / "grid.yaml"
    path.write_text(_grid(70), encoding="utf-8")
    table = load_table_file(path, catalog.rulebook)[0]
    report = check_completeness(table)
    assert not report.ok and not report.gaps
    line = path.read_text(encoding="utf-8").splitlines().index("rules:") + 1
    assert report.located()[0][0] in {line, line + 1}  # "rules:" or its first row
    assert "4900 vägar" in report.located()[0][1]


def test_the_editors_check_refuses_24_recipients_with_file_and_line(tmp_path):
    copy = tmp_path / "decision_logic"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "tables" / "skicka-inbjudan.yaml"
    target.write_text(_recipients(tmp_path, 18).read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "site_config", "check", str(copy)],
                            capture_output=True, text=True, check=False, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"skicka-inbjudan.yaml:{_line_of_question(target, 'mottagare')}" in output
    assert "Allt stämmer" not in output
