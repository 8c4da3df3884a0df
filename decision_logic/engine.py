"""Walks a routing table: which question comes next, or which outcome the answers reach.

Questions are asked in table order; a question with ``ask_when`` is asked only when the
earlier answers satisfy it. Answers to questions off the path are ignored, so a URL or a
form may carry more than the path needs without changing the result.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import DecisionError, TableError
from .model import Outcome, Question, Rule, Table, condition_holds


@dataclass(frozen=True)
class Decision:
    """What the answers lead to: either the next question, or an outcome (never both)."""

    table: str
    answers: Mapping[str, str]
    """The answers on the path that were used (answers off the path are left out)."""
    asked: tuple[str, ...]
    """The questions on the path, in order, including the next one if any."""
    next_question: str | None = None
    outcome: str | None = None
    title: str | None = None
    text: str | None = None
    rules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "table": self.table,
            "answers": dict(self.answers),
            "asked": list(self.asked),
            "next_question": self.next_question,
            "outcome": self.outcome,
            "title": self.title,
            "text": self.text,
            "rules": list(self.rules),
        }


def find_question(table: Table, question_id: str) -> Question:
    """The question, or a ``DecisionError`` listing the questions the table has."""
    try:
        return table.question(question_id)
    except StopIteration:
        allowed = ", ".join(q.id for q in table.questions)
        raise DecisionError(
            f"Frågan '{question_id}' finns inte i beslutsstödet '{table.id}'. "
            f"Frågor som finns: {allowed}."
        ) from None


def check_answers(table: Table, answers: Mapping[str, object]) -> None:
    """Reject unknown questions and values with a Swedish message listing what is allowed."""
    for question_id, value in answers.items():
        question = find_question(table, question_id)
        if value not in question.value_ids:
            allowed = ", ".join(question.value_ids)
            raise DecisionError(
                f"Svaret '{value}' passar inte frågan '{question_id}' "
                f"(\u201d{question.label}\u201d). Tillåtna svar: {allowed}."
            )


def walk(table: Table, answers: Mapping[str, str]) -> tuple[dict[str, str], Question | None]:
    """Follow the path: the answers it uses, and the first unanswered question on it."""
    used: dict[str, str] = {}
    for question in table.questions:
        if not condition_holds(question.ask_when, used):
            continue
        if question.id not in answers:
            return used, question
        used[question.id] = answers[question.id]
    return used, None


def matching_rules(table: Table, answers: Mapping[str, str]) -> list[Rule]:
    return [rule for rule in table.rules if condition_holds(rule.when, answers)]


def decide_in(table: Table, answers: Mapping[str, str]) -> Decision:
    """``decide()`` on a table object already at hand."""
    check_answers(table, answers)
    used, next_question = walk(table, answers)
    if next_question is not None:
        return Decision(table=table.id, answers=used, asked=(*used, next_question.id),
                        next_question=next_question.id)
    matches = matching_rules(table, used)
    if len(matches) != 1:
        # The exhaustive tests make this unreachable for the published tables.
        found = "ingen regel" if not matches else f"{len(matches)} regler"
        raise TableError(table.source, "rules", None,
                         f"svaren {used} matchar {found}; exakt en ska matcha")
    outcome: Outcome = table.outcomes[matches[0].outcome]
    return Decision(table=table.id, answers=used, asked=tuple(used), outcome=outcome.id,
                    title=outcome.title, text=outcome.text, rules=outcome.rules)


def decide_each_in(table: Table, answers: Mapping[str, str | Sequence[str]]) -> list[Decision]:
    """One decision per combination of the values picked for ``multiple`` questions.

    A ``multiple`` question answered with an empty list counts as unanswered. A list for
    a question that takes one answer is refused, so a doubled URL parameter is not guessed.
    """
    choices: dict[str, list[str]] = {}
    for question_id, value in answers.items():
        values = [value] if isinstance(value, str) else list(value)
        question = find_question(table, question_id)
        if len(values) > 1 and not question.multiple:
            raise DecisionError(
                f"Frågan '{question_id}' (\u201d{question.label}\u201d) tar bara ett svar, "
                f"men fick {len(values)}: {', '.join(map(str, values))}."
            )
        if values:
            choices[question_id] = values
    ids = list(choices)
    decisions = [decide_in(table, dict(zip(ids, combo, strict=True)))
                 for combo in itertools.product(*choices.values())]
    unique: dict[tuple, Decision] = {}
    for decision in decisions:
        unique.setdefault((tuple(decision.answers.items()), decision.outcome), decision)
    return list(unique.values())
