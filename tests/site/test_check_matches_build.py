"""One load, one check: for every kind of file editors keep, a fault that stops the
build also fails ``python -m site_config check`` (and "Allt stämmer" is never printed
for it). Each case breaks one file of a copy of the project the way an editor might.

The build stops in its config step, before it renders anything, on the list of one
load: for each broken copy the tests call that very loader in-process
(``tests/in_process.py``) instead of a ``mkdocs build`` subprocess each, and
``test_a_real_build_stops_with_the_list_made_in_process`` runs the real ``mkdocs build``
once, on a copy with many faults at once, to show that it prints exactly that list and
the Swedish stop message. The check runs in-process too (its command's own ``main``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_copy, copy_project
from tests.in_process import build_stops_with, run_check


def break_file(project: Path, kind: str, file: str, before: str | None, after: str) -> None:
    """One fault of ``FAULTS`` written into the copy (``before`` None: a new file)."""
    path = project / file
    if before is None:
        path.write_text(after, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert before in text, f"{kind}: the fixture no longer matches {file}"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")


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
    break_file(project, kind, file, before, after)
    stops = build_stops_with(project)
    check = run_check(project)
    assert stops, f"{kind}: the build passed"
    assert check.returncode == 1, f"{kind}: {check.stdout}{check.stderr}"
    assert "Allt stämmer" not in check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    # The check prints every problem the build stops on, and names the same file.
    assert all(problem in check.stdout for problem in stops), (stops, check.stdout)
    named = file.rpartition("/")[2]
    assert named in check.stdout, check.stdout
    assert any(named in problem for problem in stops), stops


#: every file an editor keeps, each with å, ä or ö somewhere, so Latin-1 differs from UTF-8
EDITOR_FILES = [
    "decision_logic/tables/ansvarig.yaml", "decision_logic/rules.yaml",
    "decision_logic/letters.yaml", "decision_logic/changelog.yaml",
    "decision_logic/training/exercises.yaml", "decision_logic/training/checklists.yaml",
    "decision_logic/training/handledning.yaml", "docs/rutiner/samverkan.md",
    "site_config/site.yaml", "site_config/ui.yaml", "site_config/ordlista.yaml",
    "site_config/search_keywords.yaml", "site_config/approvals.yaml", "mkdocs.yml",
]



@pytest.mark.parametrize("file", EDITOR_FILES, ids=[f.rpartition("/")[2] for f in EDITOR_FILES])
def test_a_file_not_saved_as_utf8_is_named_with_what_to_do(tmp_path, file):
    """An editor on Windows saves a file as Latin-1: the check names the file and says in
    Swedish to save it as UTF-8; neither the check nor the build shows a traceback.
    MkDocs reads mkdocs.yml itself, before the site's code runs: that copy is built for
    real; for every other file the build stops in the load made in-process."""
    project = copy_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert any(c in text for c in "åäöÅÄÖ"), f"{file} has no å, ä or ö to mis-encode"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    check = run_check(project)
    assert check.returncode == 1, check.stdout + check.stderr
    assert f"{file.rpartition('/')[2]}:" in check.stdout, check.stdout
    assert "spara filen som UTF-8" in check.stdout, check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    if file == "mkdocs.yml":
        build = build_copy(project)
        assert build.returncode != 0
        assert "Traceback" not in build.stdout + build.stderr, build.stderr
    else:
        stops = build_stops_with(project)
        assert any("spara filen som UTF-8" in problem for problem in stops), stops
        assert all(problem in check.stdout for problem in stops), (stops, check.stdout)


#: markup an editor might paste into a page; before #35 the first two passed the check
#: and failed the build (the second without a line), the others passed both
HOSTILE_MARKUP = {
    "script": "<script>alert(1)</script>",
    "javascript-link": "Läs [mer](javascript:alert(1)).",
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "form": '<form action="https://example.org/"><input name="pnr"></form>',
    "img": '<img src="https://example.org/spar.png" alt="">',
    "style": "<style>body { display: none }</style>",
    "handler-in-attribute-list": 'Ett stycke { onclick="alert(1)" }',
    "handler-in-layout-tag": '<div class="x" onmouseover="alert(1)" markdown>\nText\n</div>',
}



def _append_to_page(project: Path, markup: str) -> str:
    """``markup`` pasted at the end of a page of the copy; returns the check's and the
    build's prefix for its line."""
    page = project / "docs/rutiner/samverkan.md"
    text = page.read_text(encoding="utf-8")
    assert text.endswith("\n")
    line = text.count("\n") + 2
    page.write_text(f"{text}\n{markup}\n", encoding="utf-8")
    return f"docs/rutiner/samverkan.md:{line}: "


@pytest.mark.parametrize("markup", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
def test_markup_the_build_refuses_is_refused_first_by_the_check_with_its_line(tmp_path,
                                                                              markup):
    project = copy_project(tmp_path / "project")
    where = _append_to_page(project, markup)
    check = run_check(project)
    stops = build_stops_with(project)
    assert check.returncode == 1, check.stdout
    assert where in check.stdout, check.stdout
    assert stops
    # The build stops on the very same list, before it renders anything.
    faults = [row for row in check.stdout.splitlines() if row.startswith(where)]
    printed = "\n".join(stops)
    assert faults and all(fault in printed for fault in faults), stops
    assert "Traceback" not in check.stdout + check.stderr


def test_a_real_build_stops_with_the_list_made_in_process(tmp_path):
    """The real ``mkdocs build`` of a copy with every fault above at once (each kind of
    file, and each markup pasted into a page): it prints exactly the problems
    ``build_stops_with`` gives, then the Swedish stop message with their number, and no
    traceback; the check prints each of them too."""
    project = copy_project(tmp_path / "project")
    for fault in FAULTS:
        break_file(project, *fault)
    wheres = {_append_to_page(project, markup) for markup in HOSTILE_MARKUP.values()}
    stops = build_stops_with(project)
    build = build_copy(project)
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stdout + build.stderr
    # MkDocs prints the problems on stderr and its Abort's message on stdout.
    assert build.stderr.strip("\n") == "\n".join(stops), build.stderr
    assert f"Bygget avbröts: {len(stops)} fel (se ovan). Rätta dem och bygg igen" \
        in build.stdout, build.stdout
    # Faults of many kinds among them (a table that cannot be read holds back the checks
    # that name tables, such as the keywords' and the markers'): each markup at its line.
    assert len(wheres) == len(HOSTILE_MARKUP) and all(w in build.stderr for w in wheres)
    assert len({problem.partition(":")[0] for problem in stops}) >= 8, stops
    # It stops before it renders anything: no page is written.
    assert not list((project / "site").rglob("*.html"))
    check = run_check(project)
    assert check.returncode == 1
    assert all(problem in check.stdout for problem in stops), check.stdout


def test_the_pages_hold_only_the_layout_markup_the_check_allows():
    """What the pages hold today (layout tags with a class, autolinks, markers) passes."""
    from site_config.content.load import load_site_content

    site = load_site_content()
    assert not [e for page in site.pages.values() for e in page.markup_faults()]
    assert "<nav" in site.pages["index.md"].markdown  # a layout tag is there to allow
