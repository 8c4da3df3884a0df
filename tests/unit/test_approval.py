"""Approval bound to the content: the fingerprint follows what readers see (not comments
or whitespace), recording an approval does not change it, and a page is Fastställd only
while every file it shows matches its approval. Run on a throwaway copy of a few files,
with an approver who is a fixture, never a name in the repository."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.approval import (
    APPROVALS,
    approve,
    combined_status,
    content_files,
    content_version,
    file_states,
    fingerprint,
    load_approvals,
    unapproved_changes,
)
from tests.conftest import ROOT

APPROVER = "Testperson Fixtur, testroll"
TABLE = "decision_logic/tables/ansvarig.yaml"
PAGE = "docs/rutiner/samverkan.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in (TABLE, PAGE, "decision_logic/rules.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_comments_and_whitespace_do_not_change_the_fingerprint(project):
    table, page = project / TABLE, project / PAGE
    before = fingerprint(table), fingerprint(page)
    table.write_text("# en ny kommentar\n" + table.read_text(encoding="utf-8")
                     .replace("\n\n", "\n\n\n").replace("\n", "  \n"), encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("\n\n", "\n \n\n")
                    .replace("barn ", "barn   ") + "\n<!-- en kommentar -->\n",
                    encoding="utf-8")
    assert (fingerprint(table), fingerprint(page)) == before


def test_a_changed_word_changes_the_fingerprint(project):
    table = project / TABLE
    before = fingerprint(table)
    table.write_text(table.read_text(encoding="utf-8").replace("Rektorn", "Rektor"),
                     encoding="utf-8")
    assert fingerprint(table) != before


def test_approving_records_the_file_and_does_not_change_its_fingerprint(project):
    before = fingerprint(project / TABLE)
    approval = approve(project / TABLE, APPROVER, dt.date(2027, 1, 15), project)
    assert approval.file == TABLE and approval.fingerprint == before
    assert fingerprint(project / TABLE) == before
    assert load_approvals(project) == {TABLE: approval}
    assert (project / APPROVALS).is_file()


def test_a_page_is_approved_only_while_every_file_it_shows_is(project):
    approve(project / TABLE, APPROVER, dt.date(2027, 1, 15), project)
    states = file_states([TABLE, PAGE], project)
    assert combined_status([states[TABLE]]).approved
    assert combined_status([states[TABLE]]).by == APPROVER
    assert not combined_status(states.values()).approved  # the page is not approved
    approve(project / PAGE, APPROVER, dt.date(2027, 1, 20), project)
    both = combined_status(file_states([TABLE, PAGE], project).values())
    assert both.approved and both.date == dt.date(2027, 1, 20)
    table = project / TABLE
    table.write_text(table.read_text(encoding="utf-8").replace("Rektorn", "Rektor"),
                     encoding="utf-8")
    after = combined_status(file_states([TABLE, PAGE], project).values())
    assert not after.approved and after.changed and after.date == dt.date(2027, 1, 15)
    assert unapproved_changes(project) == [
        f"{TABLE}: ändrad efter fastställelsen 2027-01-15 ({APPROVER}); sidorna som visar "
        "den är utkast igen"]


def test_an_approval_needs_a_name_and_a_file_inside_the_project(project, tmp_path_factory):
    with pytest.raises(ContentError):
        approve(project / TABLE, "  ", dt.date(2027, 1, 15), project)
    outside = tmp_path_factory.mktemp("annan") / "x.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(ContentError):
        approve(outside, APPROVER, dt.date(2027, 1, 15), project)


def test_the_repository_names_no_approver_and_the_content_version_follows_the_content():
    assert load_approvals(ROOT) == {}  # names come from the region, not from us
    files = content_files(ROOT)
    assert TABLE in files and PAGE in files and "site_config/ordlista.yaml" in files
    prints = [s.fingerprint for s in file_states(files, ROOT).values()]
    assert content_version(prints) == content_version(reversed(prints))
    assert content_version(prints) != content_version(prints[1:])
