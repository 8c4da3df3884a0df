"""Every routine page and every table says whose it is, whether it is approved or still a
draft, and when it is due for review; overdue reviews and drafts are listed, without
failing the build. A draft never shows an approval ("Godkänd"/"Fastställd")."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import ContentError, Governance
from decision_logic.toolchain.checker import Checker
from decision_logic.toolchain.command import draft_warnings
from decision_logic.toolchain.governance import draft_items, overdue_items, parse_governance
from site_config.manifest import load_manifest
from site_config.render_governance import render_draft_notice, render_governance

#: the pages whose front matter names owner, status and review (``governed`` in the site
#: manifest), as site paths without the trailing slash ("rutiner/samverkan")
GOVERNED_PAGES = [page.location.rstrip("/") for page in load_manifest().governed]












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
    with pytest.raises(ContentError) as caught:
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




