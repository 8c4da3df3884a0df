"""``python -m site_config diff``: states added and removed, changed page sections, a
revision git cannot read, on a throwaway git repository with a copy of the content."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from site_config.editors.changes import compare, main, render_html, render_text
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


def _retitle(project: Path, old: str, new: str) -> None:
    table = project / "decision_logic/tables/ansvarig.yaml"
    text = table.read_text(encoding="utf-8")
    assert text.count(f"title: {old}") == 1
    table.write_text(text.replace(f"title: {old}", f"title: {new}"), encoding="utf-8")


def test_the_counts_agree_in_number(project, capsys):
    # One answer state reaches the unborn child's outcome: "1 läge, 1 ändring", not
    # "1 lägen" (#34 item 13).
    _retitle(project, "Mödrahälsovården (MHV) är BBA", "Mödrahälsovården är BBA")
    assert main("HEAD", None, project) == 0
    out = capsys.readouterr().out
    assert "Ändrade svar (1 läge, 1 ändring):" in out
    assert "Ändring 1, i 1 läge:" in out and "lägen" not in out
    assert "Ändrade svar (1 läge, 1 ändring)" in render_html(compare("HEAD", project))


def _approve_and_change(project: Path) -> None:
    """ansvarig.yaml approved in one commit, edited in the next, nothing since."""
    from site_config.content.approval import Approval, fingerprint, save_approvals

    name = "decision_logic/tables/ansvarig.yaml"
    save_approvals({name: Approval(name, fingerprint(project / name), dt.date(2026, 11, 15),
                                   "Testperson Fixtur, testroll")}, project)
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "fastställd")
    _retitle(project, "Mödrahälsovården (MHV) är BBA", "Mödrahälsovården är BBA")
    _git(project, "commit", "-qam", "ändrad efter fastställelsen")


def test_without_a_revision_the_diff_is_against_the_last_approval(project, capsys):
    _approve_and_change(project)
    assert main(None, None, project) == 0
    out = capsys.readouterr().out
    # The edit was committed, so the last commit shows nothing; the approval does.
    assert out.startswith("Skillnader mot senaste fastställelsen (1 fastställd fil")
    assert "Mödrahälsovården (MHV) är BBA" in out and "Mödrahälsovården är BBA" in out
    assert main(None, None, project, last_commit=True) == 0
    out = capsys.readouterr().out
    assert "Inga svar och inga avsnitt har ändrats." in out


def test_with_nothing_approved_the_diff_is_against_the_last_commit(project, capsys):
    assert main(None, None, project) == 0
    assert capsys.readouterr().out.startswith(
        "Skillnader mot senaste incheckningen (inget är fastställt) för läsarna:")


def test_the_command_offers_the_last_commit_as_an_option():
    from site_config.editors.command import USAGE, _parser

    args = _parser().parse_args(["diff", "--senaste-incheckning"])
    assert args.rev is None and args.last_commit is True
    assert _parser().parse_args(["diff"]).rev is None
    assert "--senaste-incheckning" in USAGE
