"""Plain, immutable data for a parsed routing table.

The model carries no behaviour beyond lookups, so the same objects serve ``decide()``,
the exhaustive checks and the build-time renderers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .governance import Governance

#: question id -> the value ids that satisfy the condition
Condition = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Value:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    help: str
    values: tuple[Value, ...]
    ask_when: Condition = field(default_factory=dict)
    multiple: bool = False
    """The user may pick several values; the table then decides once per value."""
    line: int | None = field(default=None, compare=False)
    """Where the question starts in its YAML file (None for the browser's JSON)."""

    @property
    def value_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.values)

    def value(self, value_id: str) -> Value:
        return next(v for v in self.values if v.id == value_id)


@dataclass(frozen=True)
class Rule:
    """One row of the routing table: when every condition holds, the outcome applies."""

    index: int
    when: Condition
    outcome: str
    line: int | None = field(default=None, compare=False)
    """Where the row starts in its YAML file, for the editors' messages."""


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    text: str
    rules: tuple[str, ...]
    line: int | None = field(default=None, compare=False)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text split on blank lines, as the site shows it."""
        return tuple(p.strip() for p in self.text.split("\n\n") if p.strip())


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    intro: str
    governance: Governance
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    outcomes: Mapping[str, Outcome]
    source: str = ""
    rules_line: int | None = field(default=None, compare=False)
    """The line where the rows under ``rules:`` begin, where a missing row would go."""

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id (R1…) the table's outcomes rest on, in first-use order."""
        seen: dict[str, None] = {}
        for outcome in self.outcomes.values():
            seen.update(dict.fromkeys(outcome.rules))
        return tuple(seen)


def condition_holds(condition: Condition, answers: Mapping[str, str]) -> bool:
    """True when every question in ``condition`` has been answered with an allowed value."""
    return all(answers.get(q) in allowed for q, allowed in condition.items())
