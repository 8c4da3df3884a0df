"""decide() on "Hur skickar jag inbjudan?" reads like the routine (R11–R13)."""

from __future__ import annotations

import pytest

from decision_logic import DecisionError, decide


def test_with_no_answers_the_question_is_who_receives_the_invitation():
    decision = decide("skicka-inbjudan", {})
    assert decision.next_question == "mottagare"
    assert decision.outcome is None


def test_health_care_gets_the_invitation_in_link():
    decision = decide("skicka-inbjudan", {"mottagare": "halso-och-sjukvard"})
    assert decision.outcome == "link"
    assert "R11" in decision.rules


def test_social_services_can_get_it_in_link_though_most_of_them_lack_link():
    decision = decide("skicka-inbjudan", {"mottagare": "socialtjanst"})
    assert decision.outcome == "link-socialtjansten"
    assert {"R11", "R12"} <= set(decision.rules)
    assert "de flesta har det inte" in decision.text


@pytest.mark.parametrize("mottagare", ["forskola", "skola"])
def test_preschools_and_schools_always_get_it_printed_by_ordinary_post(mottagare):
    decision = decide("skicka-inbjudan", {"mottagare": mottagare})
    assert decision.outcome == "vanlig-post"
    assert "R12" in decision.rules
    assert "alltid" in decision.text and "vanlig" in decision.text


@pytest.mark.parametrize("mottagare", ["frivilligsektorn", "polisen"])
def test_without_link_the_site_says_the_routine_names_no_channel(mottagare):
    decision = decide("skicka-inbjudan", {"mottagare": mottagare})
    assert decision.outcome == "utan-link"
    assert decision.rules == ("R11", "R13")
    assert "Rutinen säger inte" in decision.text


def test_each_recipient_is_one_decision_of_its_own():
    outcomes = {m: decide("skicka-inbjudan", {"mottagare": m}).outcome
                for m in ("halso-och-sjukvard", "socialtjanst", "forskola", "skola",
                          "frivilligsektorn", "polisen")}
    assert outcomes == {
        "halso-och-sjukvard": "link",
        "socialtjanst": "link-socialtjansten",
        "forskola": "vanlig-post",
        "skola": "vanlig-post",
        "frivilligsektorn": "utan-link",
        "polisen": "utan-link",
    }


def test_an_unknown_recipient_lists_the_allowed_recipients():
    with pytest.raises(DecisionError) as caught:
        decide("skicka-inbjudan", {"mottagare": "kommunen"})
    assert "kommunen" not in str(caught.value)
    assert "'Polisen'" in str(caught.value)
