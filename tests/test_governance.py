"""Every routine page and every table says whose it is, when it was approved and when it
is due for review; overdue reviews are listed, without failing the build."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from decision_logic.governance import Governance, overdue_items
from tests.conftest import ROOT, content_pages

GOVERNED_PAGES = ["rutiner/samverkan", "rutiner/inkommen-inbjudan", "om-kronobarnsmodellen"]


def governance_line(site_dir, page: str) -> str:
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<aside class="kb-governance"[^>]*><p>(.*?)</p></aside>', html)
    assert found, f"{page} visar inte ägare och granskningsdatum"
    return found[1]


@pytest.mark.parametrize("page", GOVERNED_PAGES)
def test_a_routine_page_shows_owner_dates_and_version(site_dir, page):
    line = governance_line(site_dir, page)
    assert re.search(r"Innehållsansvarig: .+ · Godkänd \d{4}-\d\d-\d\d · "
                     r"Nästa granskning \d{4}-\d\d-\d\d · Version \S+", line)


def test_every_widget_page_shows_its_tables_governance(site_dir, catalog):
    for table in catalog.tables.values():
        line = governance_line(site_dir, f"beslutsstod/{table.id}")
        g = table.governance
        assert f"Godkänd {g.approved.isoformat()}" in line
        assert f"Nästa granskning {g.review.isoformat()}" in line


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
