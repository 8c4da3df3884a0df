"""Approval bound to the content: the fingerprint follows what readers see (not comments
or whitespace), recording an approval does not change it, and a page is Fastställd only
while every file it shows matches its approval. Run on a throwaway copy of a few files,
with an approver who is a fixture, never a name in the repository."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_logic import ContentError
from site_config.content.approval import (
    APPROVALS,
    approve,
    combined_status,
    content_files,
    content_version,
    file_states,
    fingerprint,
    load_approvals,
    region_today,
)
from site_config.content.approval_history import approval_records
from site_config.editors.command import approval_warnings
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
    approval = approve(project / TABLE, APPROVER, dt.date(2026, 11, 15), project)
    assert approval.file == TABLE and approval.fingerprint == before
    assert fingerprint(project / TABLE) == before
    assert load_approvals(project) == {TABLE: approval}
    assert (project / APPROVALS).is_file()


def test_a_page_is_approved_only_while_every_file_it_shows_is(project):
    approve(project / TABLE, APPROVER, dt.date(2026, 11, 15), project)
    states = file_states([TABLE, PAGE], project)
    assert combined_status([states[TABLE]]).approved
    assert combined_status([states[TABLE]]).by == APPROVER
    assert not combined_status(states.values()).approved  # the page is not approved
    approve(project / PAGE, APPROVER, dt.date(2026, 11, 20), project)
    both = combined_status(file_states([TABLE, PAGE], project).values())
    assert both.approved and both.date == dt.date(2026, 11, 20)
    table = project / TABLE
    table.write_text(table.read_text(encoding="utf-8").replace("Rektorn", "Rektor"),
                     encoding="utf-8")
    after = combined_status(file_states([TABLE, PAGE], project).values())
    assert not after.approved and after.changed and after.date == dt.date(2026, 11, 15)
    # What the editors' check then prints (python -m site_config check).
    assert approval_warnings(project)[:2] == [
        "Varning – ändrat efter fastställelsen (visas som \u201dUtkast – ändrat efter "
        "fastställelsen\u201d):",
        f"  {TABLE}: ändrad efter fastställelsen 2026-11-15 ({APPROVER}) – sidorna som visar "
        "den är utkast igen"]


def test_an_approval_needs_a_name_and_a_file_inside_the_project(project, tmp_path_factory):
    with pytest.raises(ContentError):
        approve(project / TABLE, "  ", dt.date(2026, 11, 15), project)
    outside = tmp_path_factory.mktemp("annan") / "x.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(ContentError):
        approve(outside, APPROVER, dt.date(2026, 11, 15), project)


def test_the_repository_names_no_approver_and_the_content_version_follows_the_content():
    assert load_approvals(ROOT) == {}  # names come from the region, not from us
    files = content_files(ROOT)
    assert TABLE in files and PAGE in files and "site_config/ordlista.yaml" in files
    prints = [s.fingerprint for s in file_states(files, ROOT).values()]
    assert content_version(prints) == content_version(reversed(prints))
    assert content_version(prints) != content_version(prints[1:])


def _entry(file: str, approved: str = "2026-11-15", by: str = APPROVER) -> str:
    return (f"- file: {file}\n  fingerprint: sha256:0000000000000000\n"
            f"  approved: {approved}\n  approved_by: {by}\n")


def _write_approvals(project: Path, *entries: str) -> None:
    (project / APPROVALS).parent.mkdir(parents=True, exist_ok=True)
    (project / APPROVALS).write_text("approvals:\n" + "".join(entries), encoding="utf-8")


def test_a_file_approved_twice_is_refused_naming_both_lines(project):
    """A second entry for a file used to win silently ("Fastställd … av Mallory")."""
    _write_approvals(project, _entry(TABLE), _entry(PAGE), _entry(TABLE, by="Mallory, ingen"))
    with pytest.raises(ContentError) as caught:
        load_approvals(project)
    error = caught.value
    assert error.source == APPROVALS and error.line == 10
    assert "två gånger" in error.message and "rad 2 och rad 10" in error.message
    assert "approve" in error.hint


@pytest.mark.parametrize(("file", "approved", "fault"), [
    ("../utanfor.yaml", "2026-11-15", "ingen fil i projektet"),
    ("/etc/passwd", "2026-11-15", "ingen fil i projektet"),
    (TABLE, "2099-12-31", "har inte kommit än"),
])
def test_an_approval_outside_the_project_or_in_the_future_is_refused(project, file,
                                                                       approved, fault):
    (project.parent / "utanfor.yaml").write_text("a: 1\n", encoding="utf-8")
    _write_approvals(project, _entry(file, approved))
    with pytest.raises(ContentError, match=fault):
        load_approvals(project)


#: names an approve command was given in the probe: all shown on every covered page
BAD_NAMES = ["Testperson\u202eFixtur, chef", "Testperson\nFixtur", "Testperson\x07Fixtur",
             "Testperson\u200fFixtur", "x" * 5000]


@pytest.mark.parametrize("name", BAD_NAMES, ids=["rtl-override", "newline", "control",
                                                 "rtl-mark", "5000-chars"])
def test_approve_holds_the_name_to_the_rules_of_the_check(project, name):
    with pytest.raises(ContentError) as caught:
        approve(project / TABLE, name, dt.date(2026, 11, 15), project)
    assert name not in str(caught.value)  # named by its fault, not echoed
    assert not (project / APPROVALS).exists()
    # The same name written into the file by hand is refused by the check.
    quoted = name.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    _write_approvals(project, _entry(TABLE, by=f'"{quoted}"'))
    with pytest.raises(ContentError):
        load_approvals(project)


def test_approve_refuses_a_date_after_today(project):
    tomorrow = region_today() + dt.timedelta(days=1)
    with pytest.raises(ContentError, match="har inte kommit än"):
        approve(project / TABLE, APPROVER, tomorrow, project)
    assert approve(project / TABLE, APPROVER, region_today(), project).file == TABLE


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Kim Fixtur", "-c", "user.email=kim@example.org",
                    *args], cwd=project, check=True, capture_output=True, timeout=60)


def test_the_check_lists_who_recorded_each_approval_in_git(project):
    approve(project / TABLE, APPROVER, dt.date(2026, 11, 15), project)
    outside_git = approval_records(project)
    assert any("ingen git-historik" in line for line in outside_git), outside_git
    assert any(TABLE in line and APPROVER in line for line in outside_git)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Fastställd")
    approve(project / PAGE, APPROVER, dt.date(2026, 11, 20), project)
    lines = approval_records(project)
    table_line = next(line for line in lines if TABLE in line)
    page_line = next(line for line in lines if PAGE in line)
    assert "av Kim Fixtur" in table_line and "incheckad i " in table_line
    assert f"fastställd 2026-11-15 av {APPROVER}" in table_line
    assert "inte incheckad än" in page_line
