"""Every routine page and every table says whose it is, whether it is approved or still a
draft, and when it is due for review; overdue reviews and drafts are listed, without
failing the build. A draft never shows an approval ("Godkänd"/"Fastställd")."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from decision_logic import TableError
from decision_logic.check import draft_warnings
from decision_logic.checker import Checker
from decision_logic.governance import Governance, draft_items, overdue_items, parse_governance
from site_config.manifest import load_manifest
from site_config.render_governance import render_draft_notice, render_governance
from tests.conftest import ROOT, content_pages

#: the pages whose front matter names owner, status and review (``governed`` in the site
#: manifest), as site paths without the trailing slash ("rutiner/samverkan")
GOVERNED_PAGES = [page.location.rstrip("/") for page in load_manifest().governed]


def governance_line(site_dir, page: str) -> str:
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<aside class="kb-governance"[^>]*><p>(.*?)</p></aside>', html)
    assert found, f"{page} visar inte ägare och granskningsdatum"
    return found[1]


DRAFT_WORDS = "Utkast – innehållet är inte fastställt av Region Kronoberg"


@pytest.mark.parametrize("page", GOVERNED_PAGES)
def test_a_routine_page_shows_status_owner_review_and_version(site_dir, page):
    line = governance_line(site_dir, page)
    assert re.search(r"Innehållsansvarig: .+ · "
                     r"Nästa granskning \d{4}-\d\d-\d\d · Version \S+", line)


def test_every_widget_page_shows_its_tables_governance(site_dir, catalog):
    for table in catalog.tables.values():
        line = governance_line(site_dir, load_manifest().table_page(table.id).location)
        g = table.governance
        assert f"Nästa granskning {g.review.isoformat()}" in line
        assert (DRAFT_WORDS in line) == g.draft


@pytest.mark.parametrize("page", [*GOVERNED_PAGES, "beslutsstod/ansvarig",
                                  "beslutsstod/skicka-inbjudan"])
def test_a_draft_page_says_utkast_at_the_top_and_shows_no_approval(site_dir, page):
    # No one has approved the content yet: every governed page is a draft today.
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    assert DRAFT_WORDS in governance_line(site_dir, page)
    notice = html.index('class="admonition warning kb-draft-notice"')
    assert html.index("<h1") < notice < html.index("kb-governance")
    assert "Godkänd" not in html and "Fastställd" not in html


def test_approved_content_names_who_approved_it_and_when():
    g = parse_governance(Checker("t.yaml", lambda _: None),
                         {"owner": "Enhet A", "status": "fastställd", "approved": "2026-12-01",
                          "approved_by": "Hälso- och sjukvårdsnämnden",
                          "review": "2027-12-01", "version": "2.0"}, ())
    line = render_governance(g)
    assert "Fastställd 2026-12-01 av Hälso- och sjukvårdsnämnden" in line
    assert "Utkast" not in line and render_draft_notice(g) == ""


@pytest.mark.parametrize(("meta", "words"), [
    ({"status": "godkänd"}, "'status' ska vara utkast eller fastställd"),
    ({"status": "fastställd"}, "'approved' krävs när status är fastställd"),
    ({"status": "fastställd", "approved": "2026-12-01"}, "'approved_by' krävs"),
    ({"status": "utkast", "approved": "2026-12-01"}, "ett utkast har inte fastställts"),
    ({"status": "utkast", "approved_by": "Nämnden"}, "ett utkast har inte fastställts"),
])
def test_status_and_approval_must_agree(meta, words):
    with pytest.raises(TableError) as caught:
        parse_governance(Checker("t.yaml", lambda _: None),
                         {"owner": "Enhet A", "review": "2027-12-01", "version": "1", **meta},
                         ())
    assert words in caught.value.message


def test_the_check_command_lists_every_draft_table_and_page(catalog):
    warnings = draft_warnings()
    for table in catalog.tables.values():
        assert any(line.startswith(f"{table.source}: utkast") for line in warnings)
    for page in load_manifest().governed:
        assert any(line.startswith(f"docs/{page.src}: utkast") for line in warnings)
    assert draft_items([("a.yaml", Governance("A", dt.date(2026, 1, 1), dt.date(2027, 1, 1),
                                              "1", "fastställd", "Nämnden"))]) == []


def test_a_passed_review_date_is_listed_with_its_owner():
    items = [("a.yaml", Governance("Enhet A", dt.date(2025, 1, 1), dt.date(2026, 1, 1), "1")),
             ("b.yaml", Governance("Enhet B", dt.date(2026, 1, 1), dt.date(2027, 1, 1), "2"))]
    assert overdue_items(items, dt.date(2026, 6, 1)) == [
        "a.yaml: granskning skulle ha gjorts 2026-01-01 (ägare: Enhet A)"]


def test_the_sources_page_shows_the_changelog(site_dir):
    html = (site_dir / "kallor" / "index.html").read_text(encoding="utf-8")
    assert '<table class="kb-changelog">' in html
    assert "<td>2026-11-25</td>" in html


def test_every_page_has_a_report_error_link_to_the_configured_address(site_dir):
    address = re.search(r"report_error_address: (\S+)",
                        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[1]
    pages = content_pages(site_dir)
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(rf'<a href="mailto:{re.escape(address)}\?subject=[^"]+">Rapportera fel'
                         "</a>", html), page
