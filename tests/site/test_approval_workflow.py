"""The approval workflow on a throwaway git repository, as the region would follow it:
approve a table, and its page says Fastställd with the name; edit one outcome, and the
page is Utkast again, the check lists the file, and ``diff`` lists exactly the answer
states that reach that outcome, old and new text. The approver is a fixture."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from decision_logic.toolchain.catalog import load_catalog
from site_config.editors.changes import answer_states
from tests.conftest import build_copy, copy_project
from tests.in_process import run_check

APPROVER = "Testperson Fixtur, testroll"
TABLE = "decision_logic/tables/ansvarig.yaml"
OUTCOME = "rektor-skolan"
OLD_TITLE = "Rektorn på barnets skola är BBA"
NEW_TITLE = "Rektorn på skolan är BBA"


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(project)}, timeout=300)


def _tool(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(project, sys.executable, "-m", "site_config", *args)


def _page(project: Path) -> str:
    return (project / "site/beslutsstod/ansvarig/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("region"))
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                     "commit", "-qm", "start"]):
        assert _run(project, *command).returncode == 0
    return project


def test_approve_edit_diff(repository):
    approved = _tool(repository, "approve", TABLE, "--by", APPROVER, "--date", "2026-11-15")
    assert approved.returncode == 0, approved.stderr
    assert "fastställd 2026-11-15" in approved.stdout
    assert build_copy(repository).returncode == 0
    page = _page(repository)
    assert f"Fastställd 2026-11-15 av {APPROVER}" in page
    assert "kb-draft-notice" not in page
    # Another page that shows other files still says Utkast.
    assert "Fastställd" not in (repository / "site/index.html").read_text(encoding="utf-8")

    table = repository / TABLE
    text = table.read_text(encoding="utf-8")
    assert text.count(f"title: {OLD_TITLE}") == 1
    table.write_text(text.replace(f"title: {OLD_TITLE}", f"title: {NEW_TITLE}"),
                     encoding="utf-8")
    assert build_copy(repository).returncode == 0
    page = _page(repository)
    assert "Utkast – ändrat efter fastställelsen 2026-11-15" in page
    assert "Fastställd" not in page
    check = run_check(repository)  # in-process (tests/in_process.py)
    assert check.returncode == 0
    assert f"{TABLE}: ändrad efter fastställelsen 2026-11-15 ({APPROVER})" in check.stdout

    diff = _tool(repository, "diff", "--html", "diff.html")
    assert diff.returncode == 0, diff.stderr
    table_model = load_catalog(repository / "decision_logic/rules.yaml",
                               repository / "decision_logic/tables").table("ansvarig")
    reaching = {link for link, answer in answer_states(table_model).items()
                if any(outcome[0] == OUTCOME for outcome in answer.outcomes)}
    assert reaching  # the outcome is reached, so the diff has something to list
    listed = {line.strip() for line in diff.stdout.splitlines()
              if line.strip().startswith("beslutsstod/")}
    assert listed == reaching
    states = f"{len(reaching)} {'läge' if len(reaching) == 1 else 'lägen'}"
    assert f"Ändrade svar ({states}, 1 ändring)" in diff.stdout
    # Against the approval (recorded, not yet committed: the approved text is HEAD's).
    assert diff.stdout.startswith("Skillnader mot senaste fastställelsen (1 fastställd fil")
    assert OLD_TITLE in diff.stdout and NEW_TITLE in diff.stdout
    assert "Nya lägen" not in diff.stdout and "Borttagna lägen" not in diff.stdout
    html = (repository / "diff.html").read_text(encoding="utf-8")
    assert all(link in html for link in reaching) and "<script" not in html
