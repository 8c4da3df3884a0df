"""decide() on "Vem dokumenterar Barnets plan och vem får den på papper?" reads like the
routine (R14–R18)."""

from __future__ import annotations

from decision_logic import decide


def test_with_no_answers_the_first_question_is_whether_health_care_takes_part():
    decision = decide("barnets-plan", {})
    assert decision.next_question == "vard-deltar"
    assert decision.outcome is None


def test_when_health_care_takes_part_the_routine_asks_about_1177():
    decision = decide("barnets-plan", {"vard-deltar": "ja"})
    assert decision.next_question == "vardnadshavare-1177"
    assert decision.asked == ("vard-deltar", "vardnadshavare-1177")


def test_health_care_offers_to_write_in_link_and_the_family_reads_it_on_1177():
    decision = decide("barnets-plan", {"vard-deltar": "ja", "vardnadshavare-1177": "ja"})
    assert decision.outcome == "link-familjen-pa-1177"
    assert {"R14", "R15", "R16", "R17", "R18"} == set(decision.rules)
    assert "i Link" in decision.text and "1177" in decision.text
    assert "skannas in" in decision.text


def test_guardians_without_access_to_1177_get_the_plan_on_paper():
    decision = decide("barnets-plan", {"vard-deltar": "ja", "vardnadshavare-1177": "nej"})
    assert decision.outcome == "link-familjen-pa-papper"
    assert "R18" in decision.rules
    # S2 says health care *can* print it (R18): a possibility, not a duty.
    text = " ".join(decision.text.split())
    assert "Hälso- och sjukvården kan då skriva ut planen på papper åt dem" in text
    assert "Skriv därför ut" not in text


def test_everyone_without_link_gets_a_printed_plan_on_every_path():
    for answers in ({"vard-deltar": "ja", "vardnadshavare-1177": "ja"},
                    {"vard-deltar": "ja", "vardnadshavare-1177": "nej"},
                    {"vard-deltar": "nej"}):
        decision = decide("barnets-plan", answers)
        assert "R15" in decision.rules
        assert "saknar Link ska få en utskriven kopia" in " ".join(decision.text.split())


def test_without_health_care_the_site_says_the_routine_is_silent_on_who_documents():
    decision = decide("barnets-plan", {"vard-deltar": "nej"})
    assert decision.outcome == "utan-halso-och-sjukvard"
    assert "R18" not in decision.rules
    text = " ".join(decision.text.split())
    assert "säger de inte vem som skriver planen" in text
    # No self-contradiction: the outcome does not also say where the plan is written.
    assert "helst skrivas direkt i Link" not in text and "lägger det på" not in text


def test_health_care_is_asked_to_offer_not_told_to_write():
    for answers in ({"vard-deltar": "ja", "vardnadshavare-1177": "ja"},
                    {"vard-deltar": "ja", "vardnadshavare-1177": "nej"}):
        decision = decide("barnets-plan", answers)
        text = " ".join(decision.text.split())
        assert "bör erbjuda sig att skriva Barnets plan i Link" in text
        assert decision.title.startswith("Vården bör erbjuda sig")
        assert "Skriv planen i Link från början" not in text


def test_without_health_care_access_to_1177_is_not_asked_and_is_ignored():
    decision = decide("barnets-plan", {"vard-deltar": "nej", "vardnadshavare-1177": "ja"})
    assert decision.outcome == "utan-halso-och-sjukvard"
    assert dict(decision.answers) == {"vard-deltar": "nej"}
    assert decision.asked == ("vard-deltar",)


def test_not_knowing_whether_the_family_reads_1177_gives_both_ways_and_asks_the_family():
    """#33: "Vet inte" about 1177 keeps the duty that does not depend on it (vården bör
    erbjuda Link) and gives both ways to the family, with asking them as the site's step."""
    decision = decide("barnets-plan", {"vard-deltar": "ja", "vardnadshavare-1177": "vet-inte"})
    text = " ".join(decision.text.split())
    assert decision.outcome == "link-fraga-familjen"
    assert decision.rules == ("R14", "R15", "R16", "R17", "R18")
    assert "bör erbjuda sig att skriva Barnets plan i Link" in text
    assert "berätta för familjen att de hittar planen där" in text
    assert "kan hälso- och sjukvården skriva ut planen på papper" in text  # R18: kan
    assert "Förslag: Fråga vårdnadshavarna" in text
