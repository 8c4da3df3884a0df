"""decide() on "Vad gör jag med en inkommen inbjudan?" reads like the routine (R22–R26)."""

from __future__ import annotations

from decision_logic import decide


def test_with_no_answers_the_first_question_is_the_care_contact():
    decision = decide("inkommen-inbjudan", {})
    assert decision.next_question == "kontakt"
    assert decision.outcome is None


def test_an_established_contact_appoints_a_participant_and_confirms():
    decision = decide("inkommen-inbjudan", {"kontakt": "etablerad"})
    assert decision.outcome == "delta"
    assert decision.rules == ("R22",)
    assert "så snart som möjligt" in decision.text
    assert "Bekräfta" in decision.text


def test_without_a_contact_the_routine_asks_whether_you_are_a_specialist():
    decision = decide("inkommen-inbjudan", {"kontakt": "saknas"})
    assert decision.next_question == "specialist"
    assert decision.asked == ("kontakt", "specialist")


def test_a_specialist_clinic_without_contact_refers_the_invitation():
    decision = decide("inkommen-inbjudan", {"kontakt": "saknas", "specialist": "ja"})
    assert decision.outcome == "hanvisa"
    assert decision.rules == ("R23", "R24", "R25")
    assert "remissvägarna" in decision.text
    assert "#svarsbrev" in decision.text


def test_no_specialist_and_no_contact_is_not_covered_by_the_routine():
    decision = decide("inkommen-inbjudan", {"kontakt": "saknas", "specialist": "nej"})
    assert decision.outcome == "rutinen-saknar-svar"
    assert decision.rules == ("R26",)
    assert "säger rutinen ingenting" in decision.text
    assert "Kontakta den verksamhet som bjöd in" in decision.text


def test_with_a_contact_being_a_specialist_does_not_matter():
    decision = decide("inkommen-inbjudan", {"kontakt": "etablerad", "specialist": "ja"})
    assert decision.outcome == "delta"
    assert dict(decision.answers) == {"kontakt": "etablerad"}
