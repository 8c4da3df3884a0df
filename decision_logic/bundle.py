"""The tables as the browser gets them: the validated model, serialised once as JSON.

Part of the browser core (standard library only). At build time ``to_bundle`` writes the
``Catalog`` that the editors' toolchain made from the YAML and checked (schema,
completeness, governance) straight from its dataclasses; in the browser ``from_bundle``
rebuilds the same dataclasses. The editors' validation is not run a second time: the
reader checks only what the engine relies on (every value has the expected type, every
row leads to an outcome the table has, every condition names a question and values it
has), so a damaged file gives a Swedish ``ContentError``, never a traceback or a wrong
answer.

The rule list is left out: an answer needs no more of a rule than the id the outcome
carries, so the browser's catalog has an empty rulebook.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from .errors import ContentError, format_key_path
from .letter import DATE, PLACEHOLDER
from .model import (
    Catalog,
    Condition,
    Governance,
    Letter,
    LetterField,
    LetterNote,
    Outcome,
    Question,
    Rule,
    Table,
    Value,
)

#: the file the build writes the bundle to; its name is how errors point at it
BUNDLE_FILE = "tables.json"
#: raised with every fault of the file: it is made by the build, not edited by hand
HINT = ("Filen skrivs av bygget och ska inte ändras för hand: bygg webbplatsen igen "
        "(mkdocs build).")
#: the bundle's own version, so a page never reads a bundle of another layout silently
FORMAT = 2

KeyPath = tuple[str | int, ...]


# Writing (at build time) -------------------------------------------------------------

def _condition(condition: Condition) -> dict[str, list[str]]:
    # Sorted: a frozenset's order changes between runs, and the bundle's hash names the
    # directory it is served from, so the same tables must give the same bytes.
    return {question: sorted(values) for question, values in condition.items()}


def _governance(g: Governance) -> dict[str, object]:
    return {"owner": g.owner, "review": g.review.isoformat()}


def _table(table: Table) -> dict[str, object]:
    return {
        "id": table.id,
        "title": table.title,
        "intro": table.intro,
        "governance": _governance(table.governance),
        "questions": [{"id": q.id, "label": q.label, "help": q.help,
                       "values": [{"id": v.id, "label": v.label} for v in q.values],
                       "ask_when": _condition(q.ask_when), "multiple": q.multiple}
                      for q in table.questions],
        "rules": [{"when": _condition(r.when), "outcome": r.outcome} for r in table.rules],
        "outcomes": [{"id": o.id, "title": o.title, "text": o.text, "rules": list(o.rules)}
                     for o in table.outcomes.values()],
    }


def _letter(letter: Letter) -> dict[str, object]:
    return {
        "id": letter.id, "table": letter.table, "outcomes": list(letter.outcomes),
        "heading": letter.heading, "help": letter.help,
        "fields": [{"id": f.id, "label": f.label, "optional": f.optional,
                    "multiline": f.multiline, "default": f.default,
                    "max_length": f.max_length} for f in letter.fields],
        "blocks": list(letter.blocks), "from_answers": dict(letter.from_answers),
        "notes": [{"text": n.text, "when": _condition(n.when)} for n in letter.notes],
    }


def to_bundle(catalog: Catalog) -> str:
    """The catalog's tables and letters as compact JSON, the same bytes for the same
    content."""
    data = {"format": FORMAT,
            "tables": {table_id: _table(table) for table_id, table in catalog.tables.items()},
            "letters": {letter_id: _letter(letter)
                        for letter_id, letter in catalog.letters.items()}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# Reading (in the browser) ------------------------------------------------------------

def _fail(path: KeyPath, message: str) -> ContentError:
    return ContentError(BUNDLE_FILE, format_key_path(path), None, message, hint=HINT)


def _object(value: object, path: KeyPath, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, dict) or set(value) != set(keys):
        raise _fail(path, f"här ska stå ett objekt med just nycklarna {', '.join(keys)}")
    return value


def _list(value: object, path: KeyPath) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "här ska stå en lista")
    return value


def _text(value: object, path: KeyPath) -> str:
    if not isinstance(value, str):
        raise _fail(path, "här ska stå en text")
    return value


def _date(value: object, path: KeyPath) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(value, path))
    except ValueError:
        raise _fail(path, "här ska stå ett datum som 2026-11-25") from None


def _read_condition(value: object, path: KeyPath,
                    questions: Mapping[str, Question]) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise _fail(path, "här ska stå ett objekt fråga: svar")
    condition: dict[str, frozenset[str]] = {}
    for question_id, values in value.items():
        at = (*path, question_id)
        if question_id not in questions:
            raise _fail(at, "villkoret nämner en fråga som tabellen inte har (före den här)")
        wanted = frozenset(_text(v, (*at, i)) for i, v in enumerate(_list(values, at)))
        if not wanted <= set(questions[question_id].value_ids):
            raise _fail(at, "villkoret nämner ett svar som frågan inte har")
        condition[question_id] = wanted
    return condition


def _read_governance(value: object, path: KeyPath) -> Governance:
    g = _object(value, path, ("owner", "review"))
    return Governance(owner=_text(g["owner"], (*path, "owner")),
                      review=_date(g["review"], (*path, "review")))


def _read_question(value: object, path: KeyPath, earlier: Mapping[str, Question]) -> Question:
    q = _object(value, path, ("id", "label", "help", "values", "ask_when", "multiple"))
    values = []
    for index, raw in enumerate(_list(q["values"], (*path, "values"))):
        at = (*path, "values", index)
        v = _object(raw, at, ("id", "label"))
        values.append(Value(id=_text(v["id"], (*at, "id")),
                            label=_text(v["label"], (*at, "label"))))
    if not values:
        raise _fail((*path, "values"), "en fråga ska ha minst ett svar")
    if not isinstance(q["multiple"], bool):
        raise _fail((*path, "multiple"), "här ska stå true eller false")
    return Question(id=_text(q["id"], (*path, "id")), label=_text(q["label"], (*path, "label")),
                    help=_text(q["help"], (*path, "help")), values=tuple(values),
                    ask_when=_read_condition(q["ask_when"], (*path, "ask_when"), earlier),
                    multiple=q["multiple"])


def _read_table(value: object, path: KeyPath) -> Table:
    t = _object(value, path, ("id", "title", "intro", "governance", "questions", "rules",
                              "outcomes"))
    questions: dict[str, Question] = {}
    for index, raw in enumerate(_list(t["questions"], (*path, "questions"))):
        question = _read_question(raw, (*path, "questions", index), questions)
        questions[question.id] = question
    outcomes: dict[str, Outcome] = {}
    for index, raw in enumerate(_list(t["outcomes"], (*path, "outcomes"))):
        at = (*path, "outcomes", index)
        o = _object(raw, at, ("id", "title", "text", "rules"))
        rules = tuple(_text(r, (*at, "rules", i))
                      for i, r in enumerate(_list(o["rules"], (*at, "rules"))))
        outcome = Outcome(id=_text(o["id"], (*at, "id")), title=_text(o["title"], (*at, "title")),
                          text=_text(o["text"], (*at, "text")), rules=rules)
        outcomes[outcome.id] = outcome
    rules: list[Rule] = []
    for index, raw in enumerate(_list(t["rules"], (*path, "rules"))):
        at = (*path, "rules", index)
        r = _object(raw, at, ("when", "outcome"))
        if r["outcome"] not in outcomes:
            raise _fail((*at, "outcome"), "raden leder till ett utfall som tabellen inte har")
        rules.append(Rule(index=index, when=_read_condition(r["when"], (*at, "when"), questions),
                          outcome=r["outcome"]))
    return Table(id=_text(t["id"], (*path, "id")), title=_text(t["title"], (*path, "title")),
                 intro=_text(t["intro"], (*path, "intro")),
                 governance=_read_governance(t["governance"], (*path, "governance")),
                 questions=tuple(questions.values()), rules=tuple(rules), outcomes=outcomes,
                 source=BUNDLE_FILE)


def _flag(value: object, path: KeyPath) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, "här ska stå true eller false")
    return value


def _read_field(value: object, path: KeyPath) -> LetterField:
    f = _object(value, path, ("id", "label", "optional", "multiline", "default",
                              "max_length"))
    if type(f["max_length"]) is not int or f["max_length"] < 1:
        raise _fail((*path, "max_length"), "här ska stå ett positivt heltal")
    return LetterField(id=_text(f["id"], (*path, "id")),
                       label=_text(f["label"], (*path, "label")),
                       optional=_flag(f["optional"], (*path, "optional")),
                       multiline=_flag(f["multiline"], (*path, "multiline")),
                       default=_text(f["default"], (*path, "default")),
                       max_length=f["max_length"])


def _read_letter(value: object, path: KeyPath, tables: Mapping[str, Table]) -> Letter:
    """A letter, checked as far as writing it relies on: its table, outcomes and
    questions exist and every ``{name}`` in its text can be filled."""
    e = _object(value, path, ("id", "table", "outcomes", "heading", "help", "fields",
                              "blocks", "from_answers", "notes"))
    table = tables.get(_text(e["table"], (*path, "table")))
    if table is None:
        raise _fail((*path, "table"), "brevet hör till en tabell som filen inte har")
    outcomes = tuple(_text(o, (*path, "outcomes", i))
                     for i, o in enumerate(_list(e["outcomes"], (*path, "outcomes"))))
    if not set(outcomes) <= set(table.outcomes):
        raise _fail((*path, "outcomes"), "brevet nämner ett utfall som tabellen inte har")
    fields = tuple(_read_field(f, (*path, "fields", i))
                   for i, f in enumerate(_list(e["fields"], (*path, "fields"))))
    questions = {q.id: q for q in table.questions}
    if not isinstance(e["from_answers"], dict) or not all(
            isinstance(q, str) and q in questions for q in e["from_answers"].values()):
        raise _fail((*path, "from_answers"), "här ska stå namn: fråga i brevets tabell")
    blocks = tuple(_text(b, (*path, "blocks", i))
                   for i, b in enumerate(_list(e["blocks"], (*path, "blocks"))))
    known = {f.id for f in fields} | set(e["from_answers"]) | {DATE}
    if any(name not in known for block in blocks for name in PLACEHOLDER.findall(block)):
        raise _fail((*path, "blocks"), "texten nämner ett fält som brevet inte har")
    notes = []
    for i, raw in enumerate(_list(e["notes"], (*path, "notes"))):
        n = _object(raw, (*path, "notes", i), ("text", "when"))
        notes.append(LetterNote(text=_text(n["text"], (*path, "notes", i, "text")),
                                when=_read_condition(n["when"], (*path, "notes", i, "when"),
                                                     questions)))
    return Letter(id=_text(e["id"], (*path, "id")), table=table.id, outcomes=outcomes,
                  heading=_text(e["heading"], (*path, "heading")),
                  help=_text(e["help"], (*path, "help")), fields=fields, blocks=blocks,
                  from_answers=dict(e["from_answers"]), notes=tuple(notes),
                  source=BUNDLE_FILE)


def from_bundle(bundle: str) -> Catalog:
    """Rebuild the catalog from the JSON ``to_bundle`` wrote; ``ContentError`` if the file
    is not such a bundle (wrong JSON, a missing key, a value of the wrong type)."""
    try:
        data = json.loads(bundle)
    except (TypeError, ValueError, RecursionError):
        raise _fail((), "filen är inte giltig JSON") from None
    top = _object(data, (), ("format", "tables", "letters"))
    if type(top["format"]) is not int or top["format"] != FORMAT:
        raise _fail(("format",), f"filen har ett annat format än sidan läser (format {FORMAT})")
    if not isinstance(top["tables"], dict):
        raise _fail(("tables",), "här ska stå ett objekt med en tabell per id")
    tables = {}
    for table_id, raw in top["tables"].items():
        table = _read_table(raw, ("tables", table_id))
        if table.id != table_id:
            raise _fail(("tables", table_id, "id"), "tabellens id ska vara dess nyckel")
        tables[table_id] = table
    if not isinstance(top["letters"], dict):
        raise _fail(("letters",), "här ska stå ett objekt med ett brev per id")
    letters = {}
    for letter_id, raw in top["letters"].items():
        letter = _read_letter(raw, ("letters", letter_id), tables)
        if letter.id != letter_id:
            raise _fail(("letters", letter_id, "id"), "brevets id ska vara dess nyckel")
        letters[letter_id] = letter
    return Catalog(tables=tables, letters=letters)
