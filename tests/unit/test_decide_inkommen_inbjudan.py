"""decide() on "Vad gör jag med en inkommen inbjudan?" reads like the routines: S2's
handling (R22–R26) for health care, R19 (the invited organisation shall take part) for
everyone else."""

from __future__ import annotations

from decision_logic import decide

CARE = {"verksamhet": "halso-och-sjukvard"}


def test_with_no_answers_the_first_question_is_where_you_work():
    decision = decide("inkommen-inbjudan", {})
    assert decision.next_question == "verksamhet"
    assert decision.outcome is None


def test_an_old_link_without_verksamhet_asks_it_first_and_keeps_the_later_answers():
    old = {"kontakt": "saknas", "specialist": "ja"}
    assert decide("inkommen-inbjudan", old).next_question == "verksamhet"
    assert decide("inkommen-inbjudan", {**old, **CARE}).outcome == "hanvisa"


def test_another_organisation_shall_take_part_and_hears_that_s2_is_health_cares():
    decision = decide("inkommen-inbjudan", {"verksamhet": "annan"})
    assert decision.outcome == "annan-verksamhet-ska-delta"
    assert decision.rules == ("R19",)
    text = " ".join(decision.text.split())
    assert "den verksamhet som kallas ska delta" in text
    assert "skriven för hälso- och sjukvården" in text
    assert "flera barn" in text
    assert "Rutinen täcker inte" not in decision.title


def test_another_organisation_is_not_asked_about_care_contacts():
    decision = decide("inkommen-inbjudan", {"verksamhet": "annan", "kontakt": "saknas",
                                            "specialist": "nej"})
    assert decision.outcome == "annan-verksamhet-ska-delta"
    assert decision.asked == ("verksamhet",)


def test_an_established_contact_appoints_a_participant_and_confirms():
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "etablerad"})
    assert decision.outcome == "delta"
    assert decision.rules == ("R22",)
    text = " ".join(decision.text.split())
    assert "Ni ska så snart som möjligt utse" in text
    assert "Det bör helst vara" in text
    assert "barnet eller barnen" in text
    assert "Bekräfta" in text


def test_without_a_contact_the_routine_asks_whether_you_are_a_specialist():
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "saknas"})
    assert decision.next_question == "specialist"
    assert decision.asked == ("verksamhet", "kontakt", "specialist")


def test_a_specialist_clinic_without_contact_refers_the_invitation():
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "saknas", "specialist": "ja"})
    assert decision.outcome == "hanvisa"
    assert decision.rules == ("R23", "R24", "R25")
    assert "kan ni hänvisa" in " ".join(decision.text.split())
    assert "remissvägarna" in decision.text
    assert "#svarsbrev" in decision.text


def test_no_specialist_and_no_contact_is_not_covered_by_the_routine_but_still_binding():
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "saknas", "specialist": "nej"})
    assert decision.outcome == "rutinen-saknar-svar"
    assert decision.rules == ("R26", "R19")
    text = " ".join(decision.text.split())
    assert "säger rutinen ingenting" in text
    assert "ska delta" in text
    assert "Kontakta den verksamhet som bjöd in" in text


def test_with_a_contact_being_a_specialist_does_not_matter():
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "etablerad", "specialist": "ja"})
    assert decision.outcome == "delta"
    assert dict(decision.answers) == {**CARE, "kontakt": "etablerad"}


def test_not_knowing_whether_you_have_a_contact_leads_to_finding_out_and_replying_meanwhile():
    """#33: the reader who cannot yet tell whether the invitation concerns their patient gets
    S2's two cases, the rule that the invitation binds (R19), and a step meanwhile."""
    decision = decide("inkommen-inbjudan", {**CARE, "kontakt": "vet-inte"})
    text = " ".join(decision.text.split())
    assert decision.outcome == "ta-reda-pa-kontakten"
    assert decision.asked == ("verksamhet", "kontakt")  # not asked whether a specialist
    assert decision.rules == ("R22", "R23", "R24", "R19")
    assert "ska ni så snart som möjligt utse någon som deltar" in text
    assert "kan ni hänvisa inbjudan" in text
    assert "den verksamhet som kallas ska delta" in text
    suggestion = text[text.index("Förslag:"):]
    assert "Svara den som bjöd in redan nu" in suggestion


def test_other_organisations_are_not_asked_about_a_contact_even_with_don_t_know():
    decision = decide("inkommen-inbjudan", {"verksamhet": "annan", "kontakt": "vet-inte"})
    assert decision.outcome == "annan-verksamhet-ska-delta"
    assert dict(decision.answers) == {"verksamhet": "annan"}
