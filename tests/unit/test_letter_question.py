"""Where the routine is silent (`rutinen-saknar-svar`): a reply that says the organisation
will take part (S1, R19: "kallad verksamhet ska delta") and asks the inviter what it needs;
the question may be rewritten, but a question emptied is a question missing."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

DAY = dt.date(2026, 12, 3)
FIELDS = {"till": "Förskolan Solrosen, rektor", "var-verksamhet": "Vårdcentralen Teleborg",
          "inbjudan": "inbjudan daterad 1 december",
          "kontaktperson": "Mottagningen, 0470-1 23 45"}


def test_the_question_serves_the_outcome_where_the_routine_is_silent():
    letter = catalog().letter("fraga-till-inbjudaren")
    assert (letter.table, letter.outcomes) == ("inkommen-inbjudan", ("rutinen-saknar-svar",))


def test_the_reply_says_we_take_part_and_asks_what_the_inviter_needs():
    text = str(write_letter("fraga-till-inbjudaren", FIELDS, today=DAY)["text"])
    assert text.startswith("Datum: 2026-12-03\nTill: Förskolan Solrosen, rektor\n"
                           "Er inbjudan: inbjudan daterad 1 december\n")
    assert "Vårdcentralen Teleborg kommer att delta i mötet" in text
    assert "Vad vill ni att vi tar med oss till mötet" in " ".join(text.split())
    # Not the inviter's job to know who at our organisation can help, and no jargon.
    assert "vem hos oss" not in text and "specialistverksamhet" not in text
    assert text.endswith("Vårdcentralen Teleborg\nKontaktperson: Mottagningen, 0470-1 23 45")


def test_the_writer_may_rewrite_the_question_but_not_leave_it_out_or_the_commitment():
    text = str(write_letter("fraga-till-inbjudaren",
                            {**FIELDS, "fraga": "Vad behöver ni från oss?"}, today=DAY)["text"])
    assert "\n\nVad behöver ni från oss?\n\n" in text and "tar med oss" not in text
    assert "kommer att delta i mötet" in text  # not part of the editable question
    with pytest.raises(DecisionError, match="Frågan saknas"):
        write_letter("fraga-till-inbjudaren", {**FIELDS, "fraga": " "}, today=DAY)


@pytest.mark.parametrize("missing", ["till", "inbjudan"])
def test_to_whom_and_which_meeting_are_required(missing):
    with pytest.raises(DecisionError, match="saknas"):
        write_letter("fraga-till-inbjudaren", {k: v for k, v in FIELDS.items() if k != missing},
                     today=DAY)
