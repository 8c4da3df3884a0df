"""The editors' check, ``python -m site_config check``: the suite runs it too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import decision_logic

PACKAGE = Path(decision_logic.__file__).parent


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_config", "check", *args],
                          capture_output=True, text=True, check=False)


def editable_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "decision_logic"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_published_content_passes_the_check():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Allt stämmer" in result.stdout
    # Drafts are a warning, not a fault: listed, and the exit status stays 0.
    assert "Varning" in result.stdout
    assert "\n  decision_logic/tables/ansvarig.yaml\n" in result.stdout


def test_a_misspelt_outcome_is_reported_with_file_line_and_hint(tmp_path):
    copy = editable_copy(tmp_path)
    table = copy / "tables" / "ansvarig.yaml"
    lines = table.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.strip() == "outcome: kaa")
    lines[broken] = lines[broken].replace("kaa", "kaaa")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_check(str(copy))
    assert result.returncode == 1
    assert f"ansvarig.yaml:{broken + 1}: rules[4].outcome: okänt utfall 'kaaa'" in result.stdout
    assert "Tips:" in result.stdout


def test_a_removed_rule_row_is_reported_as_a_gap(tmp_path):
    copy = editable_copy(tmp_path)
    table = copy / "tables" / "kalla-till-mote.yaml"
    text = table.read_text(encoding="utf-8")
    start = text.index("  - when: {verksamhet: annan}")
    end = text.index("\n", text.index("outcome:", start)) + 1
    table.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_check(str(copy))
    assert result.returncode == 1
    assert "kalla-till-mote.yaml:" in result.stdout
    assert "Lucka: svaren {verksamhet: annan} leder inte till något utfall." in result.stdout


def test_a_checklist_item_citing_an_unknown_rule_is_reported(tmp_path):
    copy = editable_copy(tmp_path)
    checklists = copy / "training" / "checklists.yaml"
    text = checklists.read_text(encoding="utf-8")
    checklists.write_text(text.replace("rule: R27", "rule: R270", 1), encoding="utf-8")
    result = run_check(str(copy))
    assert result.returncode == 1
    assert "checklists.yaml:" in result.stdout and "okänd regel 'R270'" in result.stdout


def test_a_wrong_argument_explains_the_usage():
    result = subprocess.run([sys.executable, "-m", "site_config", "kontroll"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Användning:\n  python -m site_config check" in result.stderr
    assert "approve FIL --by" in result.stderr and "Traceback" not in result.stderr
