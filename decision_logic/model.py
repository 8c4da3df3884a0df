"""Plain, immutable data: the routing tables, their governance and the rule list.

Part of the browser core (standard library only). The model carries no behaviour beyond
lookups, so the same objects serve ``decide()``, the exhaustive checks and the build-time
renderers. It is made in two ways: by the editors' toolchain from the validated YAML
(``decision_logic.toolchain``), and in the browser from the JSON bundle that the build
wrote from those very objects (``decision_logic.bundle``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import DecisionError

#: question id -> the value ids that satisfy the condition
Condition = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Governance:
    """Who owns a piece of content and when it is due for review (the practice of the
    national clinical handbooks).

    Whether the region has approved the content is not written here: it is computed at
    build time from the recorded approvals and the content's fingerprint
    (``site_config.content.approval``), so it can never outlive the content it was
    given for.
    """

    owner: str
    review: dt.date

    def overdue(self, today: dt.date) -> bool:
        return self.review < today


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


@dataclass(frozen=True)
class Source:
    """A document the rules come from."""

    id: str
    title: str
    publisher: str


@dataclass(frozen=True)
class RuleInfo:
    """One numbered rule (R1…) of ``rules.yaml``."""

    id: str
    source: str
    summary: str
    page: str
    """Site path of the page that explains the rule, e.g. ``rutiner/samverkan/``."""

    @property
    def anchor(self) -> str:
        return self.id.lower()


@dataclass(frozen=True)
class Reading:
    title: str
    url: str


@dataclass(frozen=True)
class Rulebook:
    """The numbered rules and their sources; the site's pages cite them."""

    sources: Mapping[str, Source] = field(default_factory=dict)
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    reading: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class LetterField:
    """One blank of a letter, as the reader's form asks for it."""

    id: str
    """The form's input name and the letter text's ``{id}``."""
    label: str
    optional: bool = False
    multiline: bool = False
    default: str = ""
    """Text the form starts with (the reader may change it or empty it to leave it out)."""
    max_length: int = 200


@dataclass(frozen=True)
class LetterNote:
    """A line for the writer, not for the letter, shown when the answers match ``when``."""

    text: str
    when: Condition


@dataclass(frozen=True)
class Letter:
    """A letter the site writes from the reader's blanks, offered beside some outcomes of
    one table (``decision_logic/letters.yaml``).

    ``blocks`` are the letter's paragraphs; a line of one whose ``{field}`` is empty is
    left out, and a paragraph left with no line goes too. ``from_answers`` fills a
    ``{name}`` with the labels of a question's answers (the invited organisations).
    """

    id: str
    table: str
    outcomes: tuple[str, ...]
    heading: str
    help: str
    fields: tuple[LetterField, ...]
    blocks: tuple[str, ...]
    from_answers: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[LetterNote, ...] = ()
    source: str = "letters.yaml"


@dataclass(frozen=True)
class Catalog:
    """Every routing table, by id, and the rule list their outcomes cite.

    The browser's catalog has an empty rulebook: no answer needs more of a rule than the
    id the outcome carries, so the bundle leaves the rule list out.
    """

    tables: Mapping[str, Table]
    rulebook: Rulebook = field(default_factory=Rulebook)
    letters: Mapping[str, Letter] = field(default_factory=dict)
    """Letter id -> the letter (``decision_logic/letters.yaml``)."""

    def letter(self, letter_id: object) -> Letter:
        """The letter with this id; anything else is a ``DecisionError`` (from outside)."""
        if isinstance(letter_id, str) and letter_id in self.letters:
            return self.letters[letter_id]
        raise DecisionError("Brevet finns inte. Brev som finns: "
                            f"{', '.join(self.letters)}.")

    def letters_of(self, table_id: str) -> tuple[Letter, ...]:
        """The letters a table's page offers, in the file's order."""
        return tuple(letter for letter in self.letters.values() if letter.table == table_id)

    def table(self, table_id: str) -> Table:
        """The table with this id; anything else (also a non-text) is a ``DecisionError``.

        The unknown id is not repeated in the message: it may come from outside.
        """
        if isinstance(table_id, str) and table_id in self.tables:
            return self.tables[table_id]
        allowed = ", ".join(self.tables)
        raise DecisionError(f"Beslutsstödet finns inte. Beslutsstöd som finns: {allowed}.")
