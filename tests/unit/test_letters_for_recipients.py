"""Every letter read as its recipient reads it (#34): for two realistic cases each
(tests/letter_cases.py), the letter Python writes says who writes, to whom, which meeting,
what is asked and how to answer, and has the line where the writer puts which child by
hand; the notes for the writer stay off the letter."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from decision_logic import catalog, decide, write_letter
from tests.letter_cases import CASES, LetterCase

DAY = dt.date(2027, 1, 8)
CHILD_LINE = re.compile(r"^Barnet eller barnen som (mötet|inbjudan) gäller: _{20,}$", re.M)


def _written(case: LetterCase) -> dict[str, object]:
    return write_letter(case.letter, case.fields, case.answers, today=DAY)


def test_every_letter_has_two_cases():
    per_letter = {letter_id: [c for c in CASES if c.letter == letter_id]
                  for letter_id in catalog().letters}
    assert all(len(cases) == 2 for cases in per_letter.values()), per_letter


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_recipient_can_act_on_the_letter(case):
    written = _written(case)
    text = str(written["text"])
    flat = " ".join(text.split())
    # Served where the reader is: the answers lead to an outcome the letter serves.
    letter = catalog().letter(case.letter)
    if case.table == "skicka-inbjudan":
        outcomes = {decide(case.table, {"har-link": case.answers["har-link"], "mottagare": m})
                    .outcome for m in case.answers["mottagare"]}  # type: ignore[union-attr]
    else:
        outcomes = {decide(case.table, case.answers).outcome}
    assert outcomes <= set(letter.outcomes)
    # Dated, to whom, from whom (signed, with a way back).
    assert text.startswith(f"Datum: 2027-01-08\nTill: {case.to}\n")
    assert text.split("Med vänliga hälsningar\n")[1].startswith(case.sender)
    assert case.answer_to in flat
    # Which meeting, what is asked.
    for words in (*case.meeting, *case.asked):
        assert " ".join(words.split()) in flat, words
    # Where the writer puts which child: a line to fill in by hand, once.
    assert len(CHILD_LINE.findall(text)) == 1
    # Everything typed is there, and nothing of the site's.
    for value in case.fields.values():
        assert " ".join(value.split()) in flat
    assert "Utkast" not in text and "Förslag" not in text
    for note in written["notes"]:  # type: ignore[union-attr]
        assert note not in text
    notes = " ".join(written["notes"])  # type: ignore[arg-type]
    for words in case.notes:
        assert words in notes
