"""The letters the site writes from the blanks a reader fills in: the invitation to a
collaboration meeting, the confirmation (R22), the reply when a specialist clinic refers
an invitation on (R23–R25) and the question to the inviter where the routine is silent.

The words are data (``decision_logic/letters.yaml``, shipped in the bundle); this module
checks the blanks and puts them into the words. Nothing here stores or sends anything:
the text is returned to the page that asked. Part of the browser core (standard library
only): the letter is written in the browser.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence

from .errors import DecisionError, LetterFieldError
from .model import Letter, LetterField, Table

#: ``{name}`` in a letter's text: a blank, an answer or the date
PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)\}")
#: the date the letter is written, filled in by Python (the reader's own date)
DATE = "datum"
#: A Swedish personal identity number or coordination number (samordningsnummer: the day
#: plus 60, the same shape), or one that looks like it, which is reason enough to stop:
#: the date with or without the century, then four digits. Written in one run
#: ("2012121212", "201212 1212", "121212/1212") or with the date's parts apart
#: ("2012-12-12-1212", "12 12 12-1212", "12.12.12-1212"); between the parts a space, dot,
#: slash or dash, before the last four a dash, plus, slash, dot or nothing (a bare space
#: there, after a date written apart, is a date and a time: "2026-12-12 1300"). Digits may
#: touch letters ("pnr201212-1212"); the dash may be any of the dashes a phone or word
#: processor puts in (the text is NFKC-normalised first, so a non-breaking space or hyphen
#: and full-width digits count as ordinary ones). A date range ("2026-12-01-2026-12-15")
#: is not one: its "last four" are followed by more of a date.
_DASH = "\u2010-\u2015\u2212"
PERSONAL_NUMBER = re.compile(
    rf"(?<!\d)(?:\d{{2}})?\d{{6}} ?[-+/.{_DASH}]? ?\d{{4}}(?!\d)"
    rf"|(?<!\d)(?:\d{{2}})?\d{{2}}(?:(?: ?[ ./\-{_DASH}] ?)?\d{{2}}){{2}}"
    rf"(?: ?[-+/.{_DASH}] ?)?\d{{4}}"
    rf"(?![\d./\-{_DASH}]\d|\d)")
#: Unicode categories that never belong in a letter: control characters (NUL, BEL, ESC),
#: format characters (bidi overrides that turn text around, zero-width spaces), lone
#: surrogates and private-use characters. They are invisible on screen but travel into
#: the copied and printed text.
_UNWANTED = frozenset({"Cc", "Cf", "Cs", "Co"})


def clean_field(value: str) -> str:
    """The text as it may go into the letter: invisible characters removed, whitespace
    (line breaks and tabs included) collapsed to single spaces, NFC-normalised.

    A field holding nothing but spaces or zero-width characters comes back empty, and
    so counts as missing.
    """
    kept = "".join(" " if ch.isspace() else "" if unicodedata.category(ch) in _UNWANTED
                   else ch for ch in value)
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def has_personal_number(text: str) -> bool:
    return PERSONAL_NUMBER.search(unicodedata.normalize("NFKC", text)) is not None


def _value(blank: LetterField, fields: Mapping[object, object]) -> str:
    """The cleaned text of one blank; a blank the request leaves out gets its default,
    one it sends as ``None`` is empty."""
    value = fields.get(blank.id, blank.default)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DecisionError(f"{blank.label}: skriv en text.")
    if len(value) > 10 * blank.max_length:  # refused before any work is spent on it
        return value[: blank.max_length + 1]
    return clean_field(value)


def _check(letter: Letter, fields: object) -> dict[str, str]:
    """Every blank's text; ``LetterFieldError`` names every required blank that is empty
    and every blank that is too long or holds a personal identity number, never repeating
    what the reader typed, and says which blank each message is about (the form marks
    those blanks)."""
    if not isinstance(fields, Mapping):
        raise DecisionError("Fälten kunde inte läsas.")
    ids = [blank.id for blank in letter.fields]
    if any(key not in ids for key in fields):
        raise DecisionError("Formuläret skickade ett fält som brevet inte har. "
                            f"Fälten heter: {', '.join(ids)}.")
    values = {blank.id: _value(blank, fields) for blank in letter.fields}
    problems: list[str] = []
    faulty: dict[str, str] = {}
    numbers = False
    for blank in letter.fields:
        found = len(problems)
        value = values[blank.id]
        if not value and not blank.optional:
            problems.append(f"{blank.label} saknas.")
        elif len(value) > blank.max_length:
            problems.append(f"{blank.label}: skriv högst {blank.max_length} tecken.")
        elif has_personal_number(value):
            problems.append(f"{blank.label}: skriv inte personnummer i brevet.")
            numbers = True
        if len(problems) > found:
            faulty[blank.id] = problems[-1]
    if numbers:
        # Ten digits in a row may be a mobile number: say how to write one.
        problems.append("Ett telefonnummer kan du skriva med mellanslag, till exempel "
                        "070-123 45 67.")
    if problems:
        raise LetterFieldError("Brevet kan inte skapas ännu. " + " ".join(problems), faulty)
    return values


def _listed(labels: Sequence[str]) -> str:
    """"A, B och C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} och {labels[-1]}"


def in_running_text(label: str) -> str:
    """An answer's label as a word inside a sentence: "Förskolan" -> "förskolan". A label
    that starts with an abbreviation ("BUP", "MVC") keeps its capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _answer_labels(letter: Letter, table: Table, answers: object) -> dict[str, str]:
    """Each ``from_answers`` name -> the labels of the question's answers, in the
    question's order and as words inside a sentence (the letter's text puts them there:
    "Inbjudna verksamheter: socialtjänsten och förskolan"); an answer the question does
    not have is a ``DecisionError``."""
    if not isinstance(answers, Mapping):
        raise DecisionError("Svaren kunde inte läsas.")
    filled = {}
    for name, question_id in letter.from_answers.items():
        given = answers.get(question_id, [])
        chosen = [given] if isinstance(given, str) else given
        question = table.question(question_id)
        if not isinstance(chosen, list) or not all(
                isinstance(v, str) and v in question.value_ids for v in chosen):
            raise DecisionError(f"Svaret på frågan ”{question.label}” finns inte.")
        filled[name] = _listed([in_running_text(question.value(v).label)
                                for v in question.value_ids if v in chosen]) if chosen else ""
    return filled


def _applies(when: Mapping[str, frozenset[str]], answers: Mapping[str, object]) -> bool:
    for question_id, wanted in when.items():
        given = answers.get(question_id, [])
        chosen = [given] if isinstance(given, str) else given if isinstance(given, list) else []
        if not any(isinstance(value, str) and value in wanted for value in chosen):
            return False
    return True


def _compose(letter: Letter, values: Mapping[str, str]) -> str:
    """The letter's paragraphs with ``values`` put into their ``{name}``s. A line whose
    blank is empty is left out, and a paragraph left with no line goes too. The one
    writer of a letter's words: Python's letter and the template on paper both."""
    paragraphs = []
    for block in letter.blocks:
        lines = [PLACEHOLDER.sub(lambda m: values[m[1]], line)
                 for line in block.splitlines()
                 if line.strip() and all(values[name] for name in PLACEHOLDER.findall(line))]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def write_letter_in(letter: Letter, table: Table, fields: object,
                    answers: object = None, today: dt.date | None = None
                    ) -> dict[str, object]:
    """``{"text": the letter, "notes": lines for the writer}``: the letter as plain text,
    dated ``today`` (the reader's own date when it runs in the browser), with the
    answers' labels where the letter names them (the invited organisations).

    A line whose blank is empty is left out, and a paragraph left with no line goes too.
    ``DecisionError`` says what to fix; the letter holds only the cleaned text (see
    ``clean_field``).
    """
    values = _check(letter, fields)
    given = {} if answers is None else answers
    values |= _answer_labels(letter, table, given)
    values[DATE] = (today or dt.date.today()).isoformat()
    notes = [note.text for note in letter.notes if _applies(note.when, given)]
    return {"text": _compose(letter, values), "notes": notes}


#: A blank on the paper template: a line to write on by hand.
BLANK = "_" * 32
#: A blank of several lines (``multiline``) on the paper template.
BLANK_LINES = "\n".join((BLANK, "_" * 56, "_" * 56))


def letter_template(letter: Letter) -> dict[str, object]:
    """``{"text": the letter with a line for each blank, "notes": every note}``: the
    letter as the build writes it into the page, to print and fill in by hand or copy,
    before (or without) Python in the browser. The same words as ``write_letter_in``
    (``_compose``): every blank the letter defines, the date and the answers it names
    (the invited organisations) are lines to write on (``BLANK``), a blank with a
    default text keeps that text (the reader may cross it out), and no line is left out:
    on paper the writer decides. The notes are all given, since the template serves
    every answer that leads to the letter; each note says whom it concerns.
    """
    values = {blank.id: clean_field(blank.default) or (BLANK_LINES if blank.multiline
                                                        else BLANK)
              for blank in letter.fields}
    values |= {name: BLANK for name in letter.from_answers}
    values[DATE] = BLANK
    return {"text": _compose(letter, values), "notes": [note.text for note in letter.notes]}
