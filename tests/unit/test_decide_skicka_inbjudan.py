"""decide() on "Hur skickar jag inbjudan?" reads like the routine (R11–R13).

R11–R12 describe sending *from* Link, so the table first asks whether the sender has Link;
a sender without it is told what the routines say about the recipient and that they name
no channel for the sender (R13 only notes that such invitations come by e-mail or letter).
"""

from __future__ import annotations

import pytest

from decision_logic import DecisionError, decide, decide_each

RECIPIENTS = ("halso-och-sjukvard", "socialtjanst", "forskola", "skola", "frivilligsektorn",
              "polisen")


def test_with_no_answers_the_first_question_is_whether_you_have_link():
    decision = decide("skicka-inbjudan", {})
    assert decision.next_question == "har-link"
    assert decision.outcome is None


def test_an_old_link_with_only_the_recipient_asks_about_link_and_guesses_nothing():
    decision = decide("skicka-inbjudan", {"mottagare": "skola"})
    assert decision.next_question == "har-link"
    assert decision.outcome is None


def test_after_link_access_the_question_is_who_receives_the_invitation():
    decision = decide("skicka-inbjudan", {"har-link": "nej"})
    assert decision.next_question == "mottagare"
    assert decision.asked == ("har-link", "mottagare")


def test_health_care_gets_the_invitation_in_link():
    decision = decide("skicka-inbjudan", {"har-link": "ja", "mottagare": "halso-och-sjukvard"})
    assert decision.outcome == "link"
    assert "R11" in decision.rules


def test_social_services_can_get_it_in_link_though_most_of_them_lack_link():
    decision = decide("skicka-inbjudan", {"har-link": "ja", "mottagare": "socialtjanst"})
    assert decision.outcome == "link-socialtjansten"
    assert {"R11", "R12"} <= set(decision.rules)
    assert "de flesta har det inte" in decision.text


@pytest.mark.parametrize("mottagare", ["forskola", "skola"])
def test_preschools_and_schools_always_get_it_printed_by_ordinary_post(mottagare):
    decision = decide("skicka-inbjudan", {"har-link": "ja", "mottagare": mottagare})
    assert decision.outcome == "vanlig-post"
    assert "R12" in decision.rules
    assert "ska inbjudan alltid skrivas ut" in " ".join(decision.text.split())


@pytest.mark.parametrize("mottagare", ["frivilligsektorn", "polisen"])
def test_without_link_the_site_says_the_routine_names_no_channel(mottagare):
    decision = decide("skicka-inbjudan", {"har-link": "ja", "mottagare": mottagare})
    assert decision.outcome == "utan-link"
    assert decision.rules == ("R11",)
    assert "Rutinen säger inte" in decision.text
    # #21: S2's "mejl eller brev" is said of invitations reaching health care only
    assert "mejl eller brev" not in decision.text


@pytest.mark.parametrize("mottagare", RECIPIENTS)
def test_a_sender_without_link_is_never_told_to_send_in_link(mottagare):
    decision = decide("skicka-inbjudan", {"har-link": "nej", "mottagare": mottagare})
    assert decision.outcome.startswith("avsandare-utan-link")
    text = " ".join(decision.text.split())
    assert "Hur du bjuder in när du själv saknar Link säger de inte" in text
    # #21: S2 (R13) says invitations reach health care by e-mail or letter too; the site
    # says so for that recipient only, and never as if it were said of every recipient
    to_care = mottagare == "halso-och-sjukvard"
    assert ("R13" in decision.rules) == to_care
    assert ("inbjudningar till vården också kan komma med mejl eller brev" in text) == to_care
    if not to_care:
        assert "mejl eller brev" not in text
    assert "Skicka inbjudan" not in decision.title


def test_a_sender_without_link_hears_the_post_rule_only_as_a_rule_for_link_invitations():
    decision = decide("skicka-inbjudan", {"har-link": "nej", "mottagare": "skola"})
    assert decision.outcome == "avsandare-utan-link-till-skolan"
    assert "R12" in decision.rules
    assert "en inbjudan som görs i Link ska alltid skrivas ut" in " ".join(decision.text.split())


def test_each_recipient_is_one_decision_of_its_own():
    with_link = {d.answers["mottagare"]: d.outcome for d in decide_each(
        "skicka-inbjudan", {"har-link": "ja", "mottagare": list(RECIPIENTS)})}
    assert with_link == {
        "halso-och-sjukvard": "link",
        "socialtjanst": "link-socialtjansten",
        "forskola": "vanlig-post",
        "skola": "vanlig-post",
        "frivilligsektorn": "utan-link",
        "polisen": "utan-link",
    }
    without = {d.answers["mottagare"]: d.outcome for d in decide_each(
        "skicka-inbjudan", {"har-link": "nej", "mottagare": list(RECIPIENTS)})}
    assert without == {
        "halso-och-sjukvard": "avsandare-utan-link-till-varden",
        "socialtjanst": "avsandare-utan-link",
        "forskola": "avsandare-utan-link-till-skolan",
        "skola": "avsandare-utan-link-till-skolan",
        "frivilligsektorn": "avsandare-utan-link",
        "polisen": "avsandare-utan-link",
    }


def test_an_unknown_recipient_lists_the_allowed_recipients():
    with pytest.raises(DecisionError) as caught:
        decide("skicka-inbjudan", {"har-link": "ja", "mottagare": "kommunen"})
    assert "kommunen" not in str(caught.value)
    assert "'Polisen'" in str(caught.value)
