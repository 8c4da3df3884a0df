"""Governance as readers see it in the built site: a status and a content version on
every page, owner and review on every governed page, Utkast on drafts, the menu's status
tooltip, the changelog and the report-error link."""

from __future__ import annotations

import re

import pytest

from site_config.content.manifest import load_manifest
from tests.conftest import ROOT, content_pages
from tests.unit.test_governance import GOVERNED_PAGES


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
                     r"Nästa granskning \d{4}-\d\d-\d\d · Sidans version [0-9a-f]{8}", line)


def test_every_widget_page_shows_its_tables_governance(site_dir, catalog):
    for table in catalog.tables.values():
        line = governance_line(site_dir, load_manifest().table_page(table.id).location)
        assert f"Nästa granskning {table.governance.review.isoformat()}" in line
        assert DRAFT_WORDS in line  # nothing is approved in the repository


def test_every_page_shows_its_status_at_the_top_and_foot_and_in_the_menu(site_dir):
    pages = content_pages(site_dir)
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="admonition warning kb-draft-notice"' in html, page
        assert f'data-page-status="{DRAFT_WORDS}"' in html, page
        # Material's menu icon carries the status as its tooltip, never an empty one.
        assert 'class="md-status md-status--utkast" title="Utkast – inte fastställt' in html
        assert not re.search(r'<span class="md-status[^"]*">', html), page


def test_the_content_version_is_derived_from_the_content(site_dir):
    versions = {re.search(r"Innehållsversion ([0-9a-f]{8})\.", p.read_text(encoding="utf-8"))[1]
                for p in content_pages(site_dir)}
    assert len(versions) == 1  # one version for the whole site, on every page
    assert "content_version" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [*GOVERNED_PAGES, "beslutsstod/ansvarig",
                                  "beslutsstod/skicka-inbjudan"])
def test_a_draft_page_says_utkast_at_the_top_and_shows_no_approval(site_dir, page):
    # No one has approved the content yet: every governed page is a draft today.
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    assert DRAFT_WORDS in governance_line(site_dir, page)
    notice = html.index('class="admonition warning kb-draft-notice"')
    assert html.index("<h1") < notice < html.index("kb-governance")
    assert "Godkänd" not in html and "Fastställd" not in html


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

