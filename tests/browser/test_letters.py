"""Every letter in Chromium, for two realistic cases each (tests/letter_cases.py): the text
Python writes in the page is the text decision_logic writes from the same fields and
answers, the notes for the writer are shown above it, and printed it fills one A4 page
with the letter and nothing else: no line of the site's (no "Utkast", no footer), so the
recipient gets only the letter.

One page per decision support: the cases are answered in the form one after the other, so
Python starts twice for the eight letters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from decision_logic import catalog, decide, decide_each, write_letter
from tests.conftest import print_letter_alone, printed_letter_alone
from tests.letter_cases import CASES, LetterCase

RESULT = '[data-role="result"]'


def _outcomes(case: LetterCase) -> list[str]:
    if any(q.multiple for q in catalog().table(case.table).questions):
        return [d.outcome for d in decide_each(case.table, case.answers)]
    return [decide(case.table, case.answers).outcome]


def _answer(page, case: LetterCase) -> None:
    """The case's answers given in the form, question by question, as a reader clicks."""
    for question in catalog().table(case.table).questions:
        if question.id not in case.answers:
            continue
        given = case.answers[question.id]
        wanted = [given] if isinstance(given, str) else list(given)
        for value in question.value_ids:
            box = page.locator(f'input[name="{question.id}"][value="{value}"]')
            if value in wanted:
                box.check()
            elif question.multiple:
                box.uncheck()
    # The outcomes the answers lead to, in any order, and nothing else.
    words = "".join(f"(?=(?:.* )?{re.escape(o)}(?: |$))" for o in _outcomes(case))
    expect(page.locator(RESULT)).to_have_attribute("data-outcome", re.compile(f"^{words}"))


def _write(page, case: LetterCase):
    """The letter filled in with the case's fields (the other blanks as they start) and
    written by Python; returns its section and what decision_logic writes."""
    section = page.locator(f'{RESULT} [data-letter="{case.letter}"]')
    expect(section).to_be_visible()
    for blank in catalog().letter(case.letter).fields:
        section.locator(f'[name="{blank.id}"]').fill(case.fields.get(blank.id, blank.default))
    expected = write_letter(case.letter, case.fields, case.answers)
    section.locator('[data-action="write-letter"]').click()
    expect(section.locator('[data-role="letter-text"]')).to_have_text(str(expected["text"]))
    return section, expected


def _names_each_empty_field(page) -> None:
    """The reply letter written with only one field filled in: Python names each required
    field left empty, and no letter is shown (merged from test_browser_widget.py's
    test_the_reply_letter_names_each_empty_field, which opened the same letter anew)."""
    section = page.locator(f'{RESULT} [data-letter="svarsbrev"]')
    expect(section).to_be_visible()
    for blank in catalog().letter("svarsbrev").fields:
        section.locator(f'[name="{blank.id}"]').fill("")
    section.locator('[name="berord"]').fill("barnet")
    section.locator('[data-action="write-letter"]').click()
    error = section.locator('[data-role="letter-error"]')
    error.wait_for()
    assert "Er verksamhets namn saknas." in error.inner_text()
    assert "Verksamheten som ni har skickat inbjudan vidare till saknas." in error.inner_text()
    assert "Vem inbjudan gäller" not in error.inner_text()
    assert section.locator('[data-role="letter-output"]').is_hidden()


@pytest.mark.python
@pytest.mark.parametrize("table_id", sorted({case.table for case in CASES}))
def test_each_letter_is_written_from_its_fields_and_prints_alone_on_one_a4_page(
        page, site_url, table_id):
    cases = [case for case in CASES if case.table == table_id]
    page.goto(f"{site_url}beslutsstod/{table_id}/?{cases[0].query}")
    page.wait_for_selector('form[data-widget][data-state="ready"]')
    empty_checked = False
    for case in cases:
        _answer(page, case)
        if case.letter == "svarsbrev" and not empty_checked:
            _names_each_empty_field(page)
            empty_checked = True
        section, expected = _write(page, case)
        # In the outcome it serves, and that outcome only.
        shown = set(page.get_attribute(RESULT, "data-outcome").split())
        assert shown <= set(section.get_attribute("data-letter-for").split()), case.name
        notes = section.locator('[data-role="letter-notes"] li')
        expect(notes).to_have_count(len(expected["notes"]))
        for index, note in enumerate(expected["notes"]):
            expect(notes.nth(index)).to_have_text(note)
        for words in case.notes:
            expect(section.locator('[data-role="letter-notes"]')).to_contain_text(words)

        # As its "Skriv ut" button prints, on one A4 sheet: the letter and nothing else, no
        # status line of the site's on the recipient's copy.
        printed = print_letter_alone(page, section.locator('[data-role="letter-output"]'),
                                     case.name)
        assert printed_letter_alone(printed) == " ".join(str(expected["text"]).split()), \
            case.name
        assert printed.startswith("Datum: 20"), case.name  # dated, as every letter
    assert empty_checked == any(case.letter == "svarsbrev" for case in cases)
