"""Walks a routing table: which question comes next, or which outcome the answers reach.

Questions are asked in table order; a question with ``ask_when`` is asked only when the
earlier answers satisfy it. Answers to questions off the path are ignored, so a URL or a
form may carry more than the path needs without changing the result.

Part of the browser core (standard library only): the same walk answers in the browser,
in the build's snapshot and in the editors' completeness check.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import DecisionError
from .model import Outcome, Question, Rule, Table, Value, condition_holds


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


def _labels(items: Sequence[Question] | Sequence[Value]) -> str:
    return ", ".join(f"'{item.label}'" for item in items)


def _mapping(answers: object) -> Mapping[object, object]:
    if not isinstance(answers, Mapping):
        raise DecisionError("Svaren kunde inte läsas: de ska vara par av fråga och svar.")
    return answers


def find_question(table: Table, question_id: object) -> Question:
    """The question, or a ``DecisionError`` listing the questions the table has.

    The unknown id is not repeated: it typically comes from a link, and a link must not
    be able to put its own words into the site's message.
    """
    for question in table.questions:
        if question.id == question_id:
            return question
    allowed = ", ".join(q.id for q in table.questions)
    raise DecisionError(f"Länken innehåller en fråga som inte finns i beslutsstödet "
                        f"'{table.title}'. Frågor som finns: {allowed}.")


def bad_answer(question: Question) -> DecisionError:
    """The message for an answer that is not one of the question's: labels, never the value."""
    return DecisionError(f"Svaret i länken finns inte bland svaren på frågan "
                         f"'{question.label}'. Möjliga svar: {_labels(question.values)}.")


def walk(table: Table, answers: Mapping[str, object]) -> tuple[dict[str, str], Question | None]:
    """Follow the path: the answers it uses, and the first unanswered question on it.

    Only the answers on the path are read, and each of them must be one of its
    question's values; answers off the path are ignored, whatever they hold.
    """
    used: dict[str, str] = {}
    for question in table.questions:
        if not condition_holds(question.ask_when, used):
            continue
        if question.id not in answers:
            return used, question
        value = answers[question.id]
        if not isinstance(value, str) or value not in question.value_ids:
            raise bad_answer(question)
        used[question.id] = value
    return used, None


def matching_rules(table: Table, answers: Mapping[str, str]) -> list[Rule]:
    return [rule for rule in table.rules if condition_holds(rule.when, answers)]


def decide_in(table: Table, answers: Mapping[str, str]) -> Decision:
    """``decide()`` on a table object already at hand; raises ``DecisionError`` only."""
    answers = _mapping(answers)
    for question_id in answers:
        find_question(table, question_id)
    used, next_question = walk(table, answers)
    if next_question is not None:
        return Decision(table=table.id, answers=used, asked=(*used, next_question.id),
                        next_question=next_question.id)
    matches = matching_rules(table, used)
    if len(matches) != 1:
        # The editors' check and the exhaustive tests make this unreachable for the
        # published tables; should it happen, the reader is told plainly.
        raise DecisionError(f"Beslutsstödet '{table.title}' ger inget entydigt svar på de "
                            "här svaren. Läs tabellen på sidan och rapportera felet.")
    outcome: Outcome = table.outcomes[matches[0].outcome]
    return Decision(table=table.id, answers=used, asked=tuple(used), outcome=outcome.id,
                    title=outcome.title, text=outcome.text, rules=outcome.rules)


def _values(question: Question, value: object) -> list[str]:
    """The values given for one question: a text, or a list of texts (duplicates dropped).

    Values that are not the question's are kept as one representative, so a path that
    asks the question still refuses them, while a link repeating thousands of them
    costs no more than one.
    """
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise DecisionError(f"Svaret på frågan '{question.label}' kunde inte läsas.")
    valid = [v for v in question.value_ids if v in value]
    valid.sort(key=value.index)
    invalid = next((v for v in value if v not in question.value_ids), None)
    return valid if invalid is None else [*valid, invalid]


def decide_each_in(table: Table, answers: Mapping[str, str | Sequence[str]]) -> list[Decision]:
    """One decision per combination of the values picked for ``multiple`` questions.

    A ``multiple`` question answered with an empty list counts as unanswered. Two
    different values for a question that takes one answer are refused, so a doubled URL
    parameter is not guessed.
    """
    choices: dict[str, list[str]] = {}
    for question_id, value in _mapping(answers).items():
        question = find_question(table, question_id)
        values = _values(question, value)
        if len(values) > 1 and not question.multiple:
            raise DecisionError(f"Länken ger flera svar på frågan '{question.label}', som "
                                "bara tar ett svar.")
        if values:
            choices[question.id] = values
    ids = list(choices)
    decisions = [decide_in(table, dict(zip(ids, combo, strict=True)))
                 for combo in itertools.product(*choices.values())]
    unique: dict[tuple, Decision] = {}
    for decision in decisions:
        unique.setdefault((tuple(decision.answers.items()), decision.outcome), decision)
    return list(unique.values())
