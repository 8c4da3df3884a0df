"""Every routine page and every table says whose it is and when it is due for review;
overdue reviews are listed, without failing the build. Whether content is approved is
never typed by hand: the old keys are refused, and a page's status is computed from the
recorded approvals (tests/unit/test_approval.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import ContentError, Governance
from decision_logic.toolchain.checker import Checker
from decision_logic.toolchain.governance import RETIRED_KEYS, overdue_items, parse_governance
from site_config.content.approval import Status
from site_config.content.manifest import load_manifest
from site_config.render.governance import render_draft_notice, render_governance

#: the pages whose front matter names owner and review (``governed`` in the site
#: manifest), as site paths without the trailing slash ("rutiner/samverkan")
GOVERNED_PAGES = [page.location.rstrip("/") for page in load_manifest().governed]


def test_approved_content_names_who_approved_it_and_when():
    g = parse_governance(Checker("t.yaml", lambda _: None),
                         {"owner": "Enhet A", "review": "2027-12-01"}, ())
    status = Status(True, dt.date(2026, 12, 1), "Hälso- och sjukvårdsnämnden")
    line = render_governance(status, "abcd1234", g)
    assert "Fastställd 2026-12-01 av Hälso- och sjukvårdsnämnden" in line
    assert "Innehållsansvarig: Enhet A · Nästa granskning 2027-12-01" in line
    assert "Utkast" not in line and render_draft_notice(status) == ""


def test_a_changed_page_says_since_when_it_is_a_draft_again():
    status = Status(False, dt.date(2026, 12, 1), "")
    assert "Utkast – ändrat efter fastställelsen 2026-12-01" in render_governance(status, "1")
    assert "ändrats efter att det fastställdes 2026-12-01" in render_draft_notice(status)
    assert "Fastställd" not in render_governance(status, "1")


@pytest.mark.parametrize("key", sorted(RETIRED_KEYS))
def test_a_status_typed_by_hand_is_refused_with_what_replaced_it(key):
    with pytest.raises(ContentError) as caught:
        parse_governance(Checker("t.yaml", lambda _: None),
                         {"owner": "Enhet A", "review": "2027-12-01", key: "fastställd"}, ())
    assert "ta bort raden" in caught.value.message or "approve" in caught.value.message
    assert caught.value.key_path == key


def test_a_passed_review_date_is_listed_with_its_owner():
    items = [("a.yaml", Governance("Enhet A", dt.date(2026, 1, 1))),
             ("b.yaml", Governance("Enhet B", dt.date(2027, 1, 1)))]
    assert overdue_items(items, dt.date(2026, 6, 1)) == [
        "a.yaml: granskning skulle ha gjorts 2026-01-01 (ägare: Enhet A)"]


def test_the_ansvarig_table_is_reviewed_before_forskoleklass_becomes_arskurs_1(catalog):
    # The tioårig grundskola applies from the autumn term 2028 (riksdagen, UbU17, 2025):
    # the table speaks of förskoleklass, so its review falls before and its page says so.
    table = catalog.table("ansvarig")
    assert table.governance.review < dt.date(2028, 7, 1)
    assert "förskoleklass" in " ".join(v.label for q in table.questions for v in q.values)
    assert "årskurs 1" in table.intro and "höstterminen 2028" in table.intro
    assert "2024/25:UbU17" in table.intro
