"""Reads ``decision_logic/letters.yaml``, the words of the letters the site writes from a
reader's blanks, into the core's ``Letter`` model, checked against the tables.

Every fault names the file, the line and what to write instead: an unknown table or
outcome, a ``{name}`` in the text that is no field, a field the text never uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..letter import DATE, PLACEHOLDER
from ..model import Letter, LetterField, LetterNote, Table
from .checker import Checker
from .schema import parse_condition
from .yaml_source import display_name, load_yaml

#: the longest text a blank may allow (the bridge refuses larger requests)
MAX_FIELD = 2000


def _field(check: Checker, raw: Any, at: tuple) -> LetterField:
    entry = check.mapping(raw, at, {"id": True, "label": True, "optional": False,
                                    "multiline": False, "default": False,
                                    "max_length": False})
    flags = {}
    for key in ("optional", "multiline"):
        if not isinstance(entry.get(key, False), bool):
            raise check.fail((*at, key), f"'{key}' ska vara true eller false")
        flags[key] = entry.get(key, False)
    length = entry.get("max_length", 200)
    if type(length) is not int or not 1 <= length <= MAX_FIELD:
        raise check.fail((*at, "max_length"), f"'max_length' ska vara ett heltal från 1 "
                         f"till {MAX_FIELD}")
    default = " ".join(check.text(entry, at, "default", " ").split()) if "default" in entry \
        else ""
    if len(default) > length:
        raise check.fail((*at, "default"), f"texten är längre än max_length ({length})")
    return LetterField(id=check.slug(entry, at, "id"), label=check.text(entry, at, "label"),
                       default=default, max_length=length, **flags)


def _letter(check: Checker, raw: Any, at: tuple, tables: Mapping[str, Table]) -> Letter:
    entry = check.mapping(raw, at, {"id": True, "table": True, "outcomes": True,
                                    "heading": True, "help": True, "fields": True,
                                    "from_answers": False, "blocks": True, "notes": False})
    table = tables[check.one_of(entry.get("table"), tables, (*at, "table"), "okänt "
                                "beslutsstöd", "beslutsstöd i decision_logic/tables/")]
    outcomes = tuple(check.one_of(o, table.outcomes, (*at, "outcomes", i), "okänt utfall",
                                  f"utfall i {table.id}")
                     for i, o in enumerate(check.items(entry, at, "outcomes")))
    fields = tuple(_field(check, f, (*at, "fields", i))
                   for i, f in enumerate(check.items(entry, at, "fields")))
    check.unique([f.id for f in fields], (*at, "fields"), "id", "fältet")
    questions = {q.id: q for q in table.questions}
    raw_answers = entry.get("from_answers", {})
    if not isinstance(raw_answers, Mapping):
        raise check.fail((*at, "from_answers"), "skriv namn: fråga på varje rad")
    from_answers = {str(name): check.one_of(q, questions, (*at, "from_answers", name),
                                            "okänd fråga", f"frågor i {table.id}")
                    for name, q in raw_answers.items()}
    blocks = []
    for i, block in enumerate(check.items(entry, at, "blocks")):
        if not isinstance(block, str) or not block.strip():
            raise check.fail((*at, "blocks", i), "ett stycke ska vara en text som inte är tom")
        blocks.append(block.strip("\n"))
    known = {f.id for f in fields} | set(from_answers) | {DATE}
    used = {name for block in blocks for name in PLACEHOLDER.findall(block)}
    for i, block in enumerate(blocks):
        for name in PLACEHOLDER.findall(block):
            if name not in known:
                raise check.fail((*at, "blocks", i), f"{{{name}}} är inget fält; här kan stå "
                                 + ", ".join(f"{{{k}}}" for k in sorted(known)))
    for i, f in enumerate(fields):
        if f.id not in used:
            raise check.fail((*at, "fields", i), f"fältet '{f.id}' används inte i texten "
                             "(blocks); skriv {" + f.id + "} där det ska stå")
    notes = []
    for i, note in enumerate(entry.get("notes") or ()):
        note_at = (*at, "notes", i)
        item = check.mapping(note, note_at, {"text": True, "when": False})
        when = parse_condition(check, item["when"], (*note_at, "when"), questions) \
            if "when" in item else {}
        notes.append(LetterNote(text=" ".join(check.text(item, note_at, "text").split()),
                                when=when))
    return Letter(id=check.slug(entry, at, "id"), table=table.id, outcomes=outcomes,
                  heading=check.text(entry, at, "heading"),
                  help=" ".join(check.text(entry, at, "help").split()), fields=fields,
                  blocks=tuple(blocks), from_answers=from_answers, notes=tuple(notes),
                  source=check.source)


def load_letters(path: Path, tables: Mapping[str, Table]) -> dict[str, Letter]:
    """The validated letters of ``path`` by id (none when the file does not exist)."""
    if not path.exists():
        return {}
    name = display_name(path)
    data, lines = load_yaml(path, name)
    check = Checker(name, lines.get)
    top = check.mapping(data, (), {"letters": True})
    letters = [_letter(check, raw, ("letters", i), tables)
               for i, raw in enumerate(check.items(top, (), "letters"))]
    check.unique([letter.id for letter in letters], ("letters",), "id", "brevet")
    return {letter.id: letter for letter in letters}
