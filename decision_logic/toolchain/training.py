"""The exercises of /utbildning/ and the checklists of /checklistor/, from YAML files.

The data lives in ``decision_logic/training/`` (``exercises.yaml``, ``checklists.yaml``),
where the editors keep it; this module is part of the editors' toolchain. Both files are
checked like the routing tables: every error names the file, the key path and the line,
in Swedish.

An exercise stores the answers to its table's questions, never the right outcome: the
key is what ``decide()`` makes of the answers, in the tests and in the browser alike, so
it cannot drift from the tables (the browser's exercise page asks the core's
``decide()``, not this module).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import decide_in, walk
from ..errors import DecisionError
from ..model import Catalog, Rulebook, Table
from .catalog import PACKAGE_DIR
from .checker import Checker, LineOf, no_lines
from .yaml_source import display_name, load_yaml

TRAINING_DIR = PACKAGE_DIR / "training"
EXERCISES_FILE = TRAINING_DIR / "exercises.yaml"
CHECKLISTS_FILE = TRAINING_DIR / "checklists.yaml"

EXERCISE_KEYS = {"id": True, "table": True, "situation": True, "answers": True, "why": False}
CHECKLIST_KEYS = {"id": True, "title": True, "audience": True, "intro": False, "items": True}
ITEM_KEYS = {"text": True, "rule": True}


@dataclass(frozen=True)
class Exercise:
    id: str
    table: str
    situation: str
    answers: Mapping[str, str]
    """Question id -> value id: one value per question, exactly the questions on the path."""
    why: str = ""

    @property
    def answers_json(self) -> str:
        return json.dumps(dict(self.answers), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    rule: str


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    intro: str
    items: tuple[ChecklistItem, ...]
    audience: str = ""
    """Whom the list is for: S2 is health care's routine, so a list says so instead of
    passing for everyone's routine."""


def _parse_answers(check: Checker, raw: Any, path: tuple, table: Table) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not raw:
        raise check.fail(path, "'answers' ska vara en mappning fråga: svar med minst ett svar")
    answers: dict[str, str] = {}
    question_ids = [q.id for q in table.questions]
    for question_id, value in raw.items():
        at = (*path, question_id)
        if question_id not in question_ids:
            raise check.fail(at, f"okänd fråga '{question_id}' i beslutsstödet '{table.id}'; "
                             f"frågor som finns: {', '.join(question_ids)}")
        question = table.question(question_id)
        if isinstance(value, list):
            raise check.fail(at, f"frågan '{question_id}' ska ha ett enda svar per fall; "
                             "skriv ett fall för varje svar")
        if value not in question.value_ids:
            raise check.fail(at, f"okänt svar {value!r} på frågan '{question_id}'; "
                             f"tillåtna svar: {', '.join(question.value_ids)}")
        answers[question_id] = value
    used, next_question = walk(table, answers)
    if next_question is not None:
        raise check.fail(path, f"svaren leder inte till något utfall: frågan "
                         f"'{next_question.id}' (\u201d{next_question.label}\u201d) saknar svar")
    for question_id in answers:
        if question_id not in used:
            raise check.fail((*path, question_id),
                             f"frågan '{question_id}' ställs inte med de här svaren; ta bort den")
    return answers


def parse_exercises(data: Any, source: str, catalog: Catalog,
                    line_of: LineOf = no_lines) -> tuple[Exercise, ...]:
    """Validate the exercises; raise ``ContentError`` on the first fault."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), {"exercises": True})
    exercises: list[Exercise] = []
    for index, raw in enumerate(check.items(top, (), "exercises")):
        path = ("exercises", index)
        entry = check.mapping(raw, path, EXERCISE_KEYS)
        exercise_id = check.slug(entry, path, "id")
        table_id = check.text(entry, path, "table")
        if table_id not in catalog.tables:
            raise check.fail((*path, "table"), f"okänt beslutsstöd '{table_id}'; beslutsstöd "
                             f"som finns: {', '.join(catalog.tables)}")
        table = catalog.tables[table_id]
        answers = _parse_answers(check, entry["answers"], (*path, "answers"), table)
        try:
            decide_in(table, answers)  # exactly one rule matches (the table tests prove it)
        except DecisionError as error:
            raise check.fail((*path, "answers"), str(error)) from None
        exercises.append(Exercise(id=exercise_id, table=table_id,
                                  situation=check.text(entry, path, "situation"),
                                  answers=answers, why=check.text(entry, path, "why")))
    check.unique([e.id for e in exercises], ("exercises",), "id", "övningen")
    return tuple(exercises)


def parse_checklists(data: Any, source: str, rulebook: Rulebook,
                     line_of: LineOf = no_lines) -> tuple[Checklist, ...]:
    """Validate the checklists; every item must cite a rule that exists."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), {"checklists": True})
    checklists: list[Checklist] = []
    for index, raw in enumerate(check.items(top, (), "checklists")):
        path = ("checklists", index)
        entry = check.mapping(raw, path, CHECKLIST_KEYS)
        items = []
        for item_index, raw_item in enumerate(check.items(entry, path, "items")):
            at = (*path, "items", item_index)
            item = check.mapping(raw_item, at, ITEM_KEYS)
            rule = check.known_rule(item["rule"], rulebook.rules, (*at, "rule"))
            items.append(ChecklistItem(text=" ".join(check.text(item, at, "text").split()),
                                       rule=rule))
        checklists.append(Checklist(id=check.slug(entry, path, "id"),
                                    title=check.text(entry, path, "title"),
                                    intro=check.text(entry, path, "intro"),
                                    items=tuple(items),
                                    audience=" ".join(check.text(entry, path,
                                                                 "audience").split())))
    check.unique([c.id for c in checklists], ("checklists",), "id", "checklistan")
    return tuple(checklists)


def load_exercises(catalog: Catalog, path: Path = EXERCISES_FILE) -> tuple[Exercise, ...]:
    """Read and validate the exercises file (needs PyYAML)."""
    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_exercises(data, name, catalog, lines.get)


def load_checklists(rulebook: Rulebook, path: Path = CHECKLISTS_FILE) -> tuple[Checklist, ...]:
    """Read and validate the checklists file (needs PyYAML)."""
    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_checklists(data, name, rulebook, lines.get)


GUIDE_FILE = TRAINING_DIR / "handledning.yaml"
GUIDE_KEYS = {"minutes_per_case": True, "minutes_start": True, "groups": True}
GROUP_KEYS = {"id": True, "name": True, "about": True, "exercises": True}


@dataclass(frozen=True)
class ReaderGroup:
    id: str
    name: str
    about: str
    exercises: tuple[str, ...]
    """Exercise ids, in the order the trainer takes them."""


@dataclass(frozen=True)
class TrainingGuide:
    """The trainer's guide: which cases each reader group takes, and the time a session
    needs (the site's suggestion: minutes per case and for the start)."""

    minutes_per_case: int
    minutes_start: int
    groups: tuple[ReaderGroup, ...]

    def minutes(self, cases: int) -> int:
        return self.minutes_start + cases * self.minutes_per_case


def _minutes(check: Checker, entry: Mapping[str, Any], key: str) -> int:
    value = entry[key]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 240:
        raise check.fail((key,), f"'{key}' ska vara ett antal minuter (1–240); här står "
                         f"{value!r}")
    return value


def parse_guide(data: Any, source: str, exercises: tuple[Exercise, ...],
                line_of: LineOf = no_lines) -> TrainingGuide:
    """Validate the guide: every case a group takes must be an exercise."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), GUIDE_KEYS)
    known = [e.id for e in exercises]
    groups: list[ReaderGroup] = []
    for index, raw in enumerate(check.items(top, (), "groups")):
        path = ("groups", index)
        entry = check.mapping(raw, path, GROUP_KEYS)
        ids = []
        for case_index, case in enumerate(check.items(entry, path, "exercises")):
            if case not in known:
                raise check.fail((*path, "exercises", case_index),
                                 f"övningen {case!r} finns inte i exercises.yaml; övningar "
                                 f"som finns: {', '.join(known)}")
            ids.append(case)
        check.unique(ids, (*path, "exercises"), "id", "övningen")
        groups.append(ReaderGroup(id=check.slug(entry, path, "id"),
                                  name=check.text(entry, path, "name"),
                                  about=" ".join(check.text(entry, path, "about").split()),
                                  exercises=tuple(ids)))
    check.unique([g.id for g in groups], ("groups",), "id", "gruppen")
    return TrainingGuide(minutes_per_case=_minutes(check, top, "minutes_per_case"),
                         minutes_start=_minutes(check, top, "minutes_start"),
                         groups=tuple(groups))


def load_guide(exercises: tuple[Exercise, ...], path: Path = GUIDE_FILE) -> TrainingGuide:
    """Read and validate the trainer's guide file (needs PyYAML)."""
    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_guide(data, name, exercises, lines.get)
