"""The letter to fill in by hand (#33): the build writes it into the page with Python's
own words, every blank a line, so a reader can print or copy it before and without
Python in the browser. It must say what Python's letter says, for every letter and any
blank the YAML defines."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from decision_logic import (
    DecisionError,
    LetterField,
    LetterFieldError,
    catalog,
    letter_template,
    write_letter,
)
from decision_logic.letter import (
    BLANK,
    BLANK_LINES,
    PLACEHOLDER,
    in_running_text,
    write_letter_in,
)

LETTERS = sorted(catalog().letters)
DAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize("letter_id", LETTERS)
def test_every_blank_of_every_letter_is_a_line_and_every_word_is_python_s(letter_id):
    letter = catalog().letter(letter_id)
    text = str(letter_template(letter)["text"])
    assert "{" not in text and "}" not in text, "no placeholder is left"
    # Filled in with each blank's own marker, Python's letter is the template with the
    # markers where the lines are: the same words, in the same order, no line left out.
    markers = {blank.id: f"«{blank.id}»" for blank in letter.fields}
    written = str(write_letter_in(letter, catalog().table(letter.table),
                                  markers, _answers(letter),
                                  today=DAY)["text"])
    expected = written.replace(DAY.isoformat(), BLANK)
    for label in _answer_labels(letter):
        assert expected.count(label) == 1
        expected = expected.replace(label, BLANK)
    for blank in letter.fields:
        filled = blank.default.strip() and " ".join(blank.default.split())
        line = filled or (BLANK_LINES if blank.multiline else BLANK)
        expected = expected.replace(markers[blank.id], line)
    assert text == expected


def _answers(letter) -> dict[str, list[str]]:
    """The first value of each question the letter names (the invited organisations)."""
    table = catalog().table(letter.table)
    return {q: [table.question(q).value_ids[0]] for q in letter.from_answers.values()}


def _answer_labels(letter) -> list[str]:
    table = catalog().table(letter.table)
    return [in_running_text(table.question(q).values[0].label)
            for q in letter.from_answers.values()]


@pytest.mark.parametrize("letter_id", LETTERS)
def test_the_template_keeps_every_line_even_those_of_optional_blanks(letter_id):
    letter = catalog().letter(letter_id)
    text = str(letter_template(letter)["text"])
    lines = [line for block in letter.blocks for line in block.splitlines() if line.strip()]
    # Each line of the letter is in the template, its words around the blanks intact.
    for line in lines:
        for piece in PLACEHOLDER.split(line)[::2]:
            assert piece.strip() in text
    assert text.count("\n\n") == len(letter.blocks) - 1, "one paragraph per block"


def test_the_date_and_the_answers_named_are_lines_to_write_on():
    text = str(letter_template(catalog().letter("inbjudan"))["text"])
    assert text.startswith(f"Datum: {BLANK}\nTill: {BLANK}\n")


def test_a_default_text_stands_as_written_and_a_long_blank_gets_several_lines():
    reply = str(letter_template(catalog().letter("svarsbrev"))["text"])
    assert ("krävs en etablerad vårdrelation på specialistnivå för att en "
            "specialistverksamhet ska delta") in reply
    invitation = str(letter_template(catalog().letter("inbjudan"))["text"])
    assert f"Behovet vi ser: {BLANK_LINES}\n" in invitation
    assert BLANK_LINES.count("\n") == 2


def test_any_blank_the_yaml_defines_is_rendered_as_a_line():
    """A blank added to letters.yaml (as #34 may add one for "which child") needs no code."""
    letter = catalog().letter("bekraftelse")
    child = LetterField(id="vilket-barn", label="Vilket barn mötet gäller", optional=True)
    block = "Mötet gäller: {vilket-barn}\n"
    added = dataclasses.replace(letter, fields=(*letter.fields, child),
                                blocks=(*letter.blocks[:1], block, *letter.blocks[1:]))
    text = str(letter_template(added)["text"])
    assert f"\n\nMötet gäller: {BLANK}\n\n" in text


def test_all_notes_are_given_since_the_template_serves_every_answer():
    letter = catalog().letter("inbjudan")
    notes = letter_template(letter)["notes"]
    assert notes == [note.text for note in letter.notes]
    assert any(note.when for note in letter.notes), "a note that depends on the answers"


def test_a_refused_blank_is_named_with_its_own_message_in_the_form_s_order():
    with pytest.raises(LetterFieldError) as refused:
        write_letter("svarsbrev", {"berord": "gäller 20150312-1234"}, today=DAY)
    fields = refused.value.fields
    assert list(fields) == ["var-verksamhet", "berord", "vidare-till"]
    assert fields["var-verksamhet"] == "Er verksamhets namn saknas."
    assert "personnummer" in fields["berord"] and "20150312" not in fields["berord"]
    # The whole message is still one DecisionError's, as before.
    assert isinstance(refused.value, DecisionError)
    assert all(message in str(refused.value) for message in fields.values())
