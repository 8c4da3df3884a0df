"""Issue 25, item 1: editors' text never runs as script. Each route by which a text an
editor keeps reached a page as raw HTML, probed as the issue did on a copy of the
project: the build must stop with the file and line, before any page carries the script."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import copy_project
from tests.in_process import build_stops_with

SCRIPT = "<script>alert('probe')</script>"


def _stops_at(project: Path, where: str) -> str:
    """The build of the copy stops, naming ``where`` (file:line), before it writes any
    page: it stops in its config step (made in-process here, ``tests/in_process.py``;
    test_check_matches_build.py shows the real build prints the same list and writes no
    page). Returns what it prints."""
    stops = build_stops_with(project)
    output = "\n".join(stops)
    assert stops, "the build passed"
    assert re.search(re.escape(where) + r"\b(?!\d)", output), output
    return output


def test_a_script_in_a_tables_intro_stops_the_build(tmp_path):
    # Before: rc 0, and the alert ran under the enforced policy (its hash was allowed).
    copy_project(tmp_path)
    table = tmp_path / "decision_logic" / "tables" / "ansvarig.yaml"
    text = table.read_text(encoding="utf-8")
    start = text.index("intro: ")
    end = text.index("\n\n", start)
    table.write_text(text[:start] + f"intro: |\n  Text.\n  {SCRIPT}" + text[end:],
                     encoding="utf-8")
    line = text[:start].count("\n") + 1
    output = _stops_at(tmp_path, f"decision_logic/tables/ansvarig.yaml:{line}")
    assert "HTML-kod" in output


def test_a_new_line_and_a_script_in_a_glossary_term_stops_the_build(tmp_path):
    # Before: the term went into '*[abbr]: term' on every page and its script ran there.
    copy_project(tmp_path)
    glossary = tmp_path / "site_config" / "ordlista.yaml"
    text = glossary.read_text(encoding="utf-8")
    old = "  - term: Barn som närstående\n"
    assert old in text
    glossary.write_text(text.replace(old, f'  - term: "Barn som närstående\\n\\n{SCRIPT}"\n'),
                        encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    output = _stops_at(tmp_path, f"ordlista.yaml:{line}")
    assert "en enda rad" in output


def test_a_script_written_into_a_page_stops_the_build_at_its_line(tmp_path):
    # Before: csp.py hashed every inline script it found, so this one was allowed.
    copy_project(tmp_path)
    page = tmp_path / "docs" / "om-kronobarnsmodellen.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + f"\n\n{SCRIPT}\n", encoding="utf-8")
    line = text.count("\n") + 3
    output = _stops_at(tmp_path, f"docs/om-kronobarnsmodellen.md:{line}")
    # Since #35 the pages' markup is refused on the source, by the check's own list,
    # before anything is rendered (csp.check_page stays behind it for the theme's output).
    assert "HTML-koden '<script>' är inte tillåten" in output
