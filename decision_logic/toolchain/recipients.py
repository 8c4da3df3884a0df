"""An outcome that names the wrong group: the check's warning.

Add "Tandvården" to the row for frivilligsektorn and polisen and the check used to say
"Allt stämmer", while readers who chose Tandvården were told "Frivilligsektorn och
polisen har inte tillgång till Link". The outcome's words name some of a question's
answers (recipients, reader groups); a row that leads there for an answer the words do
not name is worth a look. A warning, not a fault: the text may be meant for all of them.
"""

from __future__ import annotations

import re

from ..model import Catalog, Question, Table

#: a label longer than this is a sentence ("Barnet går i skolan …"), not a group's name
MAX_NAME_WORDS = 4
#: "Ja" and "Nej" answer a question; they name no group
MIN_NAME_LENGTH = 5


def _name(label: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", label).strip().lower()


def names_groups(question: Question) -> bool:
    """Whether every answer of ``question`` is a group's name (recipients, reader groups),
    not a sentence describing a situation: only then can a text name one of them."""
    return all(len(_name(v.label)) >= MIN_NAME_LENGTH
               and len(_name(v.label).split()) <= MAX_NAME_WORDS for v in question.values)


def _named(question: Question, words: str) -> set[str]:
    """The values of ``question`` whose label the text names (whole words, any case)."""
    return {value.id for value in question.values
            if re.search(rf"(?<!\w){re.escape(_name(value.label))}(?!\w)", words)}


def table_warnings(table: Table) -> list[tuple[int | None, str]]:
    """(line, message) for each row that leads an answer to an outcome naming only other
    answers of the same question."""
    warnings = []
    for rule in table.rules:
        outcome = table.outcomes[rule.outcome]
        words = f"{outcome.title}\n{outcome.text}".lower()
        for question_id, values in rule.when.items():
            question = table.question(question_id)
            named = _named(question, words) if names_groups(question) else set()
            if not named:
                continue
            for value_id in sorted(values - named, key=question.value_ids.index):
                others = ", ".join(question.value(v).label for v in sorted(
                    named, key=question.value_ids.index))
                warnings.append((rule.line, f"utfallet '{outcome.id}' nämner {others} men "
                                 f"inte '{question.value(value_id).label}', som den här "
                                 f"raden leder dit (frågan '{question_id}'); läsare som "
                                 "valt det svaret får en text om någon annan"))
    return warnings


def recipient_warnings(catalog: Catalog) -> list[str]:
    """Every such warning as ``file:line: message``."""
    return [f"{table.source}:{line}: {message}" if line else f"{table.source}: {message}"
            for table in catalog.tables.values() for line, message in table_warnings(table)]
