"""Checks a routing table's raw data (as read from its YAML file) against the schema and
builds the core's model.

Every error names the file, the key path and, where known, the line, so an editor can go
straight to the broken row. This runs once, in the editors' toolchain and the build; the
browser gets the validated model as JSON (``decision_logic.bundle``) and does not repeat
it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..model import Condition, Outcome, Question, Rule, Table, Value
from .checker import Checker, LineOf, no_lines
from .governance import parse_governance

TABLE_KEYS = {"id": True, "title": True, "intro": False, "meta": True, "questions": True,
              "rules": True, "outcomes": True}
QUESTION_KEYS = {"id": True, "label": True, "help": False, "values": True, "ask_when": False,
                 "multiple": False}
VALUE_KEYS = {"id": True, "label": True}
RULE_KEYS = {"when": True, "outcome": True}
OUTCOME_KEYS = {"id": True, "title": True, "text": True, "rules": True}


def parse_table(data: Any, source: str, known_rules: Collection[str],
                line_of: LineOf = no_lines) -> Table:
    """Validate raw table data and return the model; raise ``ContentError`` on the first fault."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), TABLE_KEYS)
    table_id = check.slug(top, (), "id")

    questions = _parse_questions(check, top)
    by_id = {q.id: q for q in questions}
    outcomes = _parse_outcomes(check, top, known_rules)
    rules = _parse_rules(check, top, by_id, outcomes)
    return Table(
        id=table_id,
        title=check.line(top, (), "title"),
        intro=check.prose(top, (), "intro"),
        governance=parse_governance(check, top["meta"], ("meta",)),
        questions=questions,
        rules=rules,
        outcomes=outcomes,
        source=source,
        rules_line=line_of(("rules",)),
    )


def parse_condition(check: Checker, raw: Any, path: tuple,
                     questions: Mapping[str, Question]) -> Condition:
    if not isinstance(raw, Mapping) or not raw:
        raise check.fail(path, "villkoret ska vara en mappning fråga: svar (eller en lista svar)")
    condition: dict[str, frozenset[str]] = {}
    for question_id, wanted in raw.items():
        if not isinstance(question_id, str) or question_id not in questions:
            allowed = ", ".join(questions)
            raise check.fail((*path, question_id),
                             f"okänd fråga '{question_id}'; här kan stå: {allowed}")
        question = questions[question_id]
        values = wanted if isinstance(wanted, list) else [wanted]
        for index, value in enumerate(values):
            if value not in question.value_ids:
                allowed = ", ".join(question.value_ids)
                at = (*path, question_id, index) if isinstance(wanted, list) else (*path,
                                                                                   question_id)
                raise check.fail(at, f"okänt svar {value!r} på frågan '{question_id}'; "
                                 f"tillåtna svar: {allowed}")
        condition[question_id] = frozenset(values)
    return condition


def _parse_questions(check: Checker, top: Mapping[str, Any]) -> tuple[Question, ...]:
    raw_questions = check.items(top, (), "questions")
    questions: dict[str, Question] = {}
    for qi, raw in enumerate(raw_questions):
        path = ("questions", qi)
        q = check.mapping(raw, path, QUESTION_KEYS)
        question_id = check.slug(q, path, "id")
        if question_id in questions:
            raise check.fail((*path, "id"), f"frågan '{question_id}' finns redan; varje id får "
                             "bara förekomma en gång")
        raw_values = check.items(q, path, "values")
        values = []
        for vi, raw_value in enumerate(raw_values):
            vpath = (*path, "values", vi)
            v = check.mapping(raw_value, vpath, VALUE_KEYS)
            values.append(Value(id=check.slug(v, vpath, "id"), label=check.line(v, vpath, "label")))
        check.unique([v.id for v in values], (*path, "values"), "id", "svaret")
        # A question may only depend on questions asked before it, so the order is the path.
        ask_when = (parse_condition(check, q["ask_when"], (*path, "ask_when"), questions)
                    if "ask_when" in q else {})
        multiple = q.get("multiple", False)
        if not isinstance(multiple, bool):
            raise check.fail((*path, "multiple"), "'multiple' ska vara true eller false")
        questions[question_id] = Question(
            id=question_id,
            label=check.line(q, path, "label"),
            help=check.prose(q, path, "help"),
            values=tuple(values),
            ask_when=ask_when,
            multiple=multiple,
            line=check.line_of(path),
        )
    return tuple(questions.values())


def _parse_outcomes(check: Checker, top: Mapping[str, Any],
                    known_rules: Collection[str]) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for oi, raw in enumerate(check.items(top, (), "outcomes")):
        path = ("outcomes", oi)
        o = check.mapping(raw, path, OUTCOME_KEYS)
        outcome_id = check.slug(o, path, "id")
        if outcome_id in outcomes:
            raise check.fail((*path, "id"), f"utfallet '{outcome_id}' finns redan; varje id får "
                             "bara förekomma en gång")
        rule_ids = [check.known_rule(rule_id, known_rules, (*path, "rules", ri))
                    for ri, rule_id in enumerate(check.items(o, path, "rules"))]
        outcomes[outcome_id] = Outcome(
            id=outcome_id,
            title=check.line(o, path, "title"),
            text=check.prose(o, path, "text"),
            rules=tuple(rule_ids),
            line=check.line_of(path),
        )
    return outcomes


def _parse_rules(check: Checker, top: Mapping[str, Any], questions: Mapping[str, Question],
                 outcomes: Mapping[str, Outcome]) -> tuple[Rule, ...]:
    rules = []
    for ri, raw in enumerate(check.items(top, (), "rules")):
        path = ("rules", ri)
        r = check.mapping(raw, path, RULE_KEYS)
        outcome = check.one_of(r["outcome"], outcomes, (*path, "outcome"), "okänt utfall",
                               "tillåtna utfall")
        when = parse_condition(check, r["when"], (*path, "when"), questions)
        rules.append(Rule(index=ri, when=when, outcome=outcome, line=check.line_of(path)))
    return tuple(rules)
