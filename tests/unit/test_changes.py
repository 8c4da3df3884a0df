"""``python -m decision_logic diff``: states added and removed, changed page sections, a
revision git cannot read, on a throwaway git repository with a copy of the content."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_config.changes import compare, main, render_html, render_text
from tests.conftest import ROOT


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    *args], cwd=project, check=True, capture_output=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("decision_logic/tables", "docs/rutiner"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "decision_logic/rules.yaml", tmp_path / "decision_logic/rules.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "start")
    return tmp_path


def test_nothing_changed_says_so(project):
    report = compare("HEAD", project)
    assert report.empty
    assert "Inga svar och inga avsnitt har ändrats." in render_text(report)


def test_a_new_recipient_adds_states_and_a_reworded_section_is_named(project):
    table = project / "decision_logic/tables/skicka-inbjudan.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace(
        "      - id: polisen\n        label: Polisen\n",
        "      - id: polisen\n        label: Polisen\n"
        "      - id: tandvarden\n        label: Tandvården\n").replace(
        "mottagare: [frivilligsektorn, polisen]}",
        "mottagare: [frivilligsektorn, polisen, tandvarden]}").replace(
        "mottagare: [socialtjanst, frivilligsektorn, polisen]}",
        "mottagare: [socialtjanst, frivilligsektorn, polisen, tandvarden]}"),
        encoding="utf-8")
    page = project / "docs/rutiner/samverkan.md"
    body = page.read_text(encoding="utf-8")
    page.write_text(body.replace("Den här sidan går igenom", "Sidan går igenom", 1),
                    encoding="utf-8")
    report = compare("HEAD", project)
    added = [link for link, _ in report.added]
    assert "beslutsstod/skicka-inbjudan/?har-link=ja&mottagare=tandvarden" in added
    assert all("tandvarden" in link for link in added)
    assert report.changed == [] and report.removed == []
    assert report.sections == [("docs/rutiner/samverkan.md", "Förtydligande kring samverkan "
                                "inom Kronobarnsmodellen", "ändrat")]
    page_html = render_html(report)
    assert "<script" not in page_html and "Nya lägen" in page_html


def test_a_removed_value_lists_its_states_as_removed(project):
    table = project / "decision_logic/tables/skicka-inbjudan.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("      - id: polisen\n        label: Polisen\n", "")
                     .replace("[frivilligsektorn, polisen]", "[frivilligsektorn]")
                     .replace("[socialtjanst, frivilligsektorn, polisen]",
                              "[socialtjanst, frivilligsektorn]"), encoding="utf-8")
    removed = [link for link, _ in compare("HEAD", project).removed]
    assert removed and all("polisen" in link for link in removed)


def test_a_revision_git_cannot_read_is_named_without_a_traceback(project, capsys):
    assert main("finns-inte", None, project) == 2
    assert "git kunde inte läsa versionen 'finns-inte'" in capsys.readouterr().err
