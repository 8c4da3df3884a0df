"""One load, one check: for every kind of file editors keep, a fault that stops the
build also fails ``python -m decision_logic check`` (and "Allt stämmer" is never printed
for it). Each case breaks one file of a copy of the project the way an editor might."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_copy, copy_project

#: (file kind, file, the text as it is, the text as the editor leaves it)
FAULTS = [
    ("table", "decision_logic/tables/ansvarig.yaml", "outcome: rektor-skolan\n",
     "outcome: rektor-skola\n"),
    ("rules", "decision_logic/rules.yaml", "page: rutiner/samverkan/\n",
     "page: rutiner/finns-inte/\n"),
    ("training", "decision_logic/training/checklists.yaml", "rule: R27\n", "rule: R270\n"),
    ("changelog", "decision_logic/changelog.yaml", "- date: 2026-11-25", "- date: 2026-13-25"),
    ("site.yaml", "site_config/site.yaml", "      - table: kalla-till-mote\n", ""),
    ("ui.yaml", "site_config/ui.yaml", "announce_link: Läs mer\n",
     "announce_link: Läs mer {\n"),
    ("glossary", "site_config/ordlista.yaml", "    meaning: >-\n", "    meanin: >-\n"),
    ("keywords", "site_config/search_keywords.yaml", "  beslutsstod/:\n",
     "  beslutsstod/finns-inte/:\n"),
    ("front matter", "docs/rutiner/samverkan.md", "---\nowner:",
     "---\nstatus: fastställd\nowner:"),
    ("marker", "docs/ordlista.md", "<!-- kb:ordlista -->", "<!-- kb:ordlistan -->"),
    ("page outside the menu", "docs/extra.md", None, "# Extra\n"),
    ("settings", "mkdocs.yml", "report_error_address: ", "report_error_adress: "),
]


@pytest.mark.parametrize(("kind", "file", "before", "after"), FAULTS,
                         ids=[f[0] for f in FAULTS])
def test_a_fault_the_build_stops_for_fails_the_check(tmp_path, kind, file, before, after):
    project = copy_project(tmp_path / "project")
    path: Path = project / file
    if before is None:
        path.write_text(after, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert before in text, f"{kind}: the fixture no longer matches {file}"
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "decision_logic", "check"], cwd=project,
                           capture_output=True, text=True, check=False, timeout=300,
                           env={**os.environ, "PYTHONPATH": str(project)})
    build = build_copy(project)
    assert build.returncode != 0, f"{kind}: the build passed"
    assert check.returncode == 1, f"{kind}: {check.stdout}{check.stderr}"
    assert "Allt stämmer" not in check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    # The check names the same file as the build does.
    named = file.rpartition("/")[2]
    assert named in check.stdout, check.stdout


#: every file an editor keeps, each with å, ä or ö somewhere, so Latin-1 differs from UTF-8
EDITOR_FILES = [
    "decision_logic/tables/ansvarig.yaml", "decision_logic/rules.yaml",
    "decision_logic/letters.yaml", "decision_logic/changelog.yaml",
    "decision_logic/training/exercises.yaml", "decision_logic/training/checklists.yaml",
    "decision_logic/training/handledning.yaml", "docs/rutiner/samverkan.md",
    "site_config/site.yaml", "site_config/ui.yaml", "site_config/ordlista.yaml",
    "site_config/search_keywords.yaml", "site_config/approvals.yaml", "mkdocs.yml",
]


def _run_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "decision_logic", "check"], cwd=project,
                          capture_output=True, text=True, check=False, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(project)})


@pytest.mark.parametrize("file", EDITOR_FILES, ids=[f.rpartition("/")[2] for f in EDITOR_FILES])
def test_a_file_not_saved_as_utf8_is_named_with_what_to_do(tmp_path, file):
    """An editor on Windows saves a file as Latin-1: the check names the file and says in
    Swedish to save it as UTF-8; neither the check nor the build shows a traceback."""
    project = copy_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert any(c in text for c in "åäöÅÄÖ"), f"{file} has no å, ä or ö to mis-encode"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    check = _run_check(project)
    build = build_copy(project)
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"{file.rpartition('/')[2]}:" in check.stdout, check.stdout
    assert "spara filen som UTF-8" in check.stdout, check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    assert build.returncode != 0
    assert "Traceback" not in build.stdout + build.stderr, build.stderr
    if file != "mkdocs.yml":  # MkDocs reads its settings itself, before the site's code runs
        assert "spara filen som UTF-8" in build.stderr, build.stderr
