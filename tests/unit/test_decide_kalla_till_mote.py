"""decide() on "Ska jag kalla till samverkansmöte?" reads like the routine (R1–R5)."""

from __future__ import annotations

import pytest

from decision_logic import DecisionError, decide, get_table


def test_with_no_answers_the_first_question_is_where_you_work():
    decision = decide("kalla-till-mote", {})
    assert decision.next_question == "verksamhet"
    assert decision.outcome is None


def test_health_care_is_asked_about_its_care_contact():
    decision = decide("kalla-till-mote", {"verksamhet": "halso-och-sjukvard"})
    assert decision.next_question == "vardkontakt"
    assert decision.asked == ("verksamhet", "vardkontakt")


def test_health_care_with_an_established_contact_convenes_the_meeting_itself():
    decision = decide("kalla-till-mote", {"verksamhet": "halso-och-sjukvard",
                                          "vardkontakt": "etablerad"})
    assert decision.outcome == "kalla-sjalv"
    assert decision.rules == ("R2", "R4")
    assert "leda mötet" in decision.text


@pytest.mark.parametrize("vardkontakt", ["tillfallig", "barn-som-narstaende"])
def test_a_temporary_contact_or_a_child_as_relative_hands_over_to_the_bba(vardkontakt):
    decision = decide("kalla-till-mote", {"verksamhet": "halso-och-sjukvard",
                                          "vardkontakt": vardkontakt})
    assert decision.outcome == "kontakta-bba"
    assert "R3" in decision.rules
    assert "kontakt med den verksamhet som är Barnets bästa-ansvarig" in " ".join(
        decision.text.split())
    assert "kalla inte" not in decision.title  # #21: S1 redirects, it does not forbid
    assert "(beslutsstod/ansvarig/)" in decision.text


def test_any_other_organisation_that_sees_a_need_may_invite():
    decision = decide("kalla-till-mote", {"verksamhet": "annan"})
    assert decision.outcome == "alla-far-bjuda-in"
    assert {"R1", "R4", "R5"} <= set(decision.rules)
    assert "rektor" in decision.text


def test_other_organisations_are_not_asked_about_a_care_contact():
    decision = decide("kalla-till-mote", {"verksamhet": "annan", "vardkontakt": "etablerad"})
    assert decision.outcome == "alla-far-bjuda-in"
    assert dict(decision.answers) == {"verksamhet": "annan"}
    assert decision.asked == ("verksamhet",)


def test_an_unknown_care_contact_lists_the_allowed_values():
    with pytest.raises(DecisionError) as caught:
        decide("kalla-till-mote", {"verksamhet": "halso-och-sjukvard", "vardkontakt": "ingen"})
    table = get_table("kalla-till-mote")
    for allowed in table.question("vardkontakt").values:
        assert f"'{allowed.label}'" in str(caught.value)
    assert "'ingen'" not in str(caught.value)
