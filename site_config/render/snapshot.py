"""Python's decisions for every state a widget can reach, computed at build time.

The tables are small, so every answer state a reader can click or link to is enumerated
here and ``decide_each`` is asked once for each. The page carries the result, so a
deep-linked answer is drawn as soon as the page is parsed and every question can be
clicked through before (and without) Pyodide. The JavaScript only looks a state up; the
Pyodide worker recomputes the current state when it is ready and wins if it disagrees.

A state's key is its answers in question order, each value in the order the question
lists its values, as a query string (``har-link=ja&mottagare=skola&mottagare=polisen``):
the widget builds the same key from its form, which has the same order. Ids and values
are escaped as JavaScript's ``encodeURIComponent`` escapes them (the ids are slugs, so
the key reads the same), so no value can bring an ``&`` or ``=`` of its own into a key.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping, Sequence
from urllib.parse import quote

from decision_logic import ContentError, DecisionError, Question, Table
from decision_logic.engine import decide_each_in, decide_in
from decision_logic.toolchain.limits import MAX_STATES, size_faults
from site_config.content.protocol import name as protocol_name

Answers = Mapping[str, str | Sequence[str]]

#: The fields of a decision the widget draws from (titles and texts are in the page), by
#: their keys in site_config/protocol.yaml (snapshot_fields).
DRAWN = ("answers", "asked", "next_question", "outcome")


def field(key: str) -> str:
    """A snapshot field's name, as widget.js reads it (protocol.yaml, snapshot_fields)."""
    return protocol_name("snapshot_fields", key)


def drawn_fields() -> tuple[str, ...]:
    """The names of the fields of a decision the widget draws from."""
    return tuple(field(key) for key in DRAWN)


def _escape(text: str) -> str:
    """``encodeURIComponent`` in Python: what widget.js does to the same id or value."""
    return quote(text, safe="!*'()")


def state_key(table: Table, answers: Answers) -> str:
    """The canonical key of ``answers``: question order, then value order."""
    parts = []
    for question in table.questions:
        if question.id not in answers:
            continue
        given = answers[question.id]
        chosen = {given} if isinstance(given, str) else set(given)
        parts += [f"{_escape(question.id)}={_escape(v)}" for v in question.value_ids
                  if v in chosen]
    return "&".join(parts)


def possible_answers(question: Question) -> Iterator[str | tuple[str, ...]]:
    """One value, or for a ``multiple`` question every non-empty set of values."""
    if not question.multiple:
        yield from question.value_ids
        return
    ids = question.value_ids
    for size in range(1, len(ids) + 1):
        yield from itertools.combinations(ids, size)


def drawn(decision: Mapping[str, object]) -> dict[str, object]:
    return {name: decision[name] for name in drawn_fields()}


def reachable_states(table: Table) -> Iterator[tuple[dict[str, object], list[dict[str, object]]]]:
    """Every state reachable by answering the question the widget shows next: its answers
    and what ``decide_each`` returns for them, each state once.

    The states are counted from the table's structure before any is listed: a table over
    a limit (``decision_logic/toolchain/limits.py``) stops here with its file and line."""
    faults = size_faults(table)
    if faults:
        raise faults[0]
    seen: set[str] = set()
    waiting: list[dict[str, object]] = [{}]
    while waiting:
        answers = waiting.pop()
        key = state_key(table, answers)
        if key in seen:
            continue
        seen.add(key)
        if len(seen) > MAX_STATES:
            raise ContentError(table.source, "", None, f"beslutsstödet '{table.id}' har fler "
                               f"än {MAX_STATES} lägen; förberäkningen i sidan blir för stor",
                               hint="Dela upp tabellen, eller använd ask_when så att färre "
                               "frågor ställs.")
        decisions = [d.to_dict() for d in decide_each_in(table, answers)]
        yield answers, decisions
        next_question = next((d["next_question"] for d in decisions if d["next_question"]),
                             None)
        if next_question is not None:
            question = table.question(str(next_question))
            waiting += [{**answers, question.id: value} for value in possible_answers(question)]


States = list[tuple[dict[str, object], list[dict[str, object]]]]


def widget_states(table: Table, states: States | None = None
                  ) -> dict[str, list[dict[str, object]]]:
    """Every reachable state's key, mapped to the fields of its decisions the widget draws."""
    return {state_key(table, answers): [drawn(d) for d in decisions]
            for answers, decisions in (states or reachable_states(table))}


def bad_link_messages(table: Table, states: States | None = None) -> dict[str, str]:
    """Per question, what Python says about an answer in a link that the question does
    not have (asked where the widget asks that question), so a bad link is explained
    before Pyodide is ready."""
    messages: dict[str, str] = {}
    for answers, decisions in (states or reachable_states(table)):
        for decision in decisions:
            question_id = decision["next_question"]
            if not question_id or question_id in messages:
                continue
            question = table.question(str(question_id))
            unknown = "okänt-svar"
            while unknown in question.value_ids:
                unknown += "-"
            try:
                decide_each_in(table, {**answers, question.id: unknown})
            except DecisionError as exc:
                messages[question.id] = str(exc)
    return messages


def widget_snapshot(table: Table) -> dict[str, object]:
    """What the widget page carries: the states and the bad-link messages (the states
    are listed once for both)."""
    states = list(reachable_states(table))
    return {field("states"): widget_states(table, states),
            field("invalid"): bad_link_messages(table, states)}


def snapshot_json(snapshot: Mapping[str, object]) -> str:
    """A snapshot as compact JSON (the page escapes it into an attribute)."""
    return json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


#: The fields of an exercise's decision the feedback draws from.
EXERCISE_FIELDS = ("outcome", "title", "rules")


def exercise_decision(table: Table, answers: Mapping[str, str]) -> str:
    """What Python decides for an exercise's answers, as compact JSON: the exercise is
    corrected from it at once, before (and without) Pyodide, which confirms it later."""
    decision = decide_in(table, answers).to_dict()
    return snapshot_json({name: decision[name] for name in EXERCISE_FIELDS})
