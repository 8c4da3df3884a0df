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


def test_a_reader_who_does_not_know_the_contact_is_told_how_to_find_out_not_a_guess():
    """#33: "Vet inte" leads to its own outcome: both roads, the sources, and a step meanwhile."""
    decision = decide("kalla-till-mote", {"verksamhet": "halso-och-sjukvard",
                                          "vardkontakt": "vet-inte"})
    text = " ".join(decision.text.split())
    assert decision.outcome == "ta-reda-pa-vardkontakten"
    assert decision.outcome not in {"kalla-sjalv", "kontakta-bba"}
    assert decision.rules == ("R2", "R3", "R6", "R32")
    # both roads, with the routine's own force: a duty to convene, a hand-over otherwise
    assert "etablerad vårdkontakt ska du själv kalla" in text
    assert "tar du i stället kontakt med den verksamhet som är Barnets bästa-ansvarig" in text
    # where to find out: the two routines S1 links, and that S1 itself does not define it
    assert "säger inte närmare vad som gör en kontakt etablerad" in text
    assert "vid-etablerad-vardkontakt-med-barn.pdf" in text
    assert "vid-tillfallig-vardkontakt-eller-barn-som-narstaende.pdf" in text
    # what to do meanwhile is the site's suggestion, not the routine's
    suggestion = text[text.index("Förslag:"):]
    assert "Barnets bästa-ansvarig" in suggestion and "(beslutsstod/ansvarig/)" in suggestion


def test_don_t_know_is_offered_last_and_only_to_health_care():
    question = get_table("kalla-till-mote").question("vardkontakt")
    assert [v.id for v in question.values][-1] == "vet-inte"
    assert question.values[-1].label == "Vet inte"
    decision = decide("kalla-till-mote", {"verksamhet": "annan", "vardkontakt": "vet-inte"})
    assert decision.outcome == "alla-far-bjuda-in"
