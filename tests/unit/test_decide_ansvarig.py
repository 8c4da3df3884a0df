"""decide() on "Vem är Barnets bästa-ansvarig?" reads like the routine (R6–R10)."""

from __future__ import annotations

import pytest

from decision_logic import DecisionError, decide


def test_with_no_answers_the_first_question_is_the_childs_stage():
    decision = decide("ansvarig", {})
    assert decision.next_question == "skede"
    assert decision.outcome is None
    assert decision.title is None


@pytest.mark.parametrize(
    ("skede", "outcome", "rule"),
    [
        ("vantat-barn", "modrahalsovarden", "R7"),
        ("skola", "rektor-skolan", "R9"),
        ("utanfor-gymnasiet", "kaa", "R10"),
    ],
)
def test_the_stage_alone_decides_outside_the_preschool_years(skede, outcome, rule):
    decision = decide("ansvarig", {"skede": skede})
    assert decision.outcome == outcome
    assert decision.next_question is None
    assert rule in decision.rules and "R6" in decision.rules
    assert decision.title and decision.text


def test_before_preschool_class_the_routine_asks_where_you_work():
    decision = decide("ansvarig", {"skede": "fore-forskoleklass"})
    assert decision.next_question == "verksamhet"
    assert decision.asked == ("skede", "verksamhet")


def test_health_care_staff_turn_to_child_health_care_first():
    decision = decide("ansvarig", {"skede": "fore-forskoleklass",
                                   "verksamhet": "halso-och-sjukvard"})
    assert decision.outcome == "barnhalsovarden-forst"
    assert "barnhälsovården" in decision.text
    assert decision.rules == ("R6", "R8", "R2")  # R2: a reader who follows the child


def test_other_organisations_are_told_the_routine_gives_no_order():
    decision = decide("ansvarig", {"skede": "fore-forskoleklass", "verksamhet": "annan"})
    assert decision.outcome == "barnhalsovarden-eller-forskolan"
    text = " ".join(decision.text.split())
    assert "Vem av de två du vänder dig till när du arbetar i en annan verksamhet säger " \
        "rutinen inte" in text
    assert "känner barnet bäst" not in text  # #21: no rule of our own for others


def test_an_answer_off_the_path_is_ignored():
    decision = decide("ansvarig", {"skede": "skola", "verksamhet": "annan"})
    assert decision.outcome == "rektor-skolan"
    assert dict(decision.answers) == {"skede": "skola"}


def test_an_unknown_value_names_the_question_and_the_answers_by_their_labels():
    with pytest.raises(DecisionError) as caught:
        decide("ansvarig", {"skede": "gymnasiet"})
    message = str(caught.value)
    assert message.startswith("Svaret i länken finns inte bland svaren på frågan "
                              "'Vilket av följande stämmer in på barnet?'. Möjliga svar: ")
    assert "'Barnet går i skolan (förskoleklass, grundskola eller gymnasiet)'" in message
    assert "'gymnasiet'" not in message and "utanfor-gymnasiet" not in message
    assert isinstance(caught.value, ValueError)


def test_an_unknown_question_lists_the_questions():
    with pytest.raises(DecisionError, match="Frågor som finns: skede, verksamhet"):
        decide("ansvarig", {"alder": "3"})


def test_an_unknown_table_lists_the_tables():
    with pytest.raises(DecisionError, match=r"Beslutsstöd som finns: .*ansvarig"):
        decide("vem-vet", {})


def test_a_reader_who_does_not_know_the_child_s_schooling_gets_every_bba_not_one():
    """#33: "Vet inte" names no organisation: it gives the rule for each stage and how to
    find the stage out, and asks nothing more (not where the reader works)."""
    decision = decide("ansvarig", {"skede": "vet-inte"})
    text = " ".join(decision.text.split())
    assert decision.outcome == "ta-reda-pa-skedet"
    assert decision.asked == ("skede",)
    assert decision.rules == ("R6", "R7", "R8", "R9", "R10")
    for bba in ("mödrahälsovården (MHV)", "barnhälsovården (BHV) eller rektorn på barnets "
                "förskola", "rektorn på barnets skola", "kommunal aktivitetsansvarig (KAA)"):
        assert bba in text
    assert decision.title.startswith("Ta reda på")  # no organisation named as BBA
    assert "Förslag: Fråga barnet eller familjen" in text
