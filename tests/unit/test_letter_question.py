"""Where the routine is silent (`rutinen-saknar-svar`): a short question to the inviter,
which the writer may rewrite; a question emptied is a question missing."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

DAY = dt.date(2026, 12, 3)
FIELDS = {"var-verksamhet": "Vårdcentralen Teleborg", "kontaktperson": "Mottagningen, 0470-1 23 45"}


def test_the_question_serves_the_outcome_where_the_routine_is_silent():
    letter = catalog().letter("fraga-till-inbjudaren")
    assert (letter.table, letter.outcomes) == ("inkommen-inbjudan", ("rutinen-saknar-svar",))


def test_the_question_starts_as_the_sites_suggestion_and_asks_the_inviter():
    text = str(write_letter("fraga-till-inbjudaren", FIELDS, today=DAY)["text"])
    assert text.startswith("Datum: 2026-12-03\n\nTack för er inbjudan")
    assert "hur vi bäst bidrar" in text and text.count("?") == 1
    assert text.endswith("Vårdcentralen Teleborg\nKontaktperson: Mottagningen, 0470-1 23 45")


def test_the_writer_may_rewrite_the_question_but_not_leave_it_out():
    text = str(write_letter("fraga-till-inbjudaren",
                            {**FIELDS, "fraga": "Vem hos oss vill ni träffa?"}, today=DAY)["text"])
    assert "\n\nVem hos oss vill ni träffa?\n\n" in text and "bäst bidrar" not in text
    with pytest.raises(DecisionError, match="Frågan saknas"):
        write_letter("fraga-till-inbjudaren", {**FIELDS, "fraga": " "}, today=DAY)
