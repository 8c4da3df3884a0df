"""Exhaustive checks that a table answers every case exactly once.

Part of the editors' toolchain (``python -m site_config check``, the build and the
tests); the browser runs tables that passed it. Tables are small (a few questions with a
few values each), so every combination of answers is enumerated: no sampling, no proof
obligations left to the reader.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..engine import matching_rules, walk
from ..errors import ContentError
from ..model import Table
from .limits import size_faults


def all_answer_sets(table: Table) -> Iterator[dict[str, str]]:
    """Every full combination of answers, one value for every question."""
    ids = [q.id for q in table.questions]
    for values in itertools.product(*(q.value_ids for q in table.questions)):
        yield dict(zip(ids, values, strict=True))


#: far beyond any routine a reader could answer; a table past it is a mistake, and walking
#: it would keep the check and the build busy for hours
MAX_PATHS = 100_000


class TooManyPaths(ValueError):
    """The table has more paths than can be checked one by one."""


def all_paths(table: Table, limit: int = MAX_PATHS) -> list[dict[str, str]]:
    """The distinct answer sets a user can actually give (off-path answers dropped).

    Grows the paths question by question instead of enumerating every combination of
    every question, so questions that ``ask_when`` keeps off a path cost nothing.
    """
    done: list[tuple[tuple[str, str], ...]] = []
    pending: list[dict[str, str]] = [{}]
    while pending:
        used, question = walk(table, pending.pop())
        if question is None:
            done.append(tuple(used.items()))
            continue
        pending.extend({**used, question.id: value} for value in question.value_ids)
        if len(done) + len(pending) > limit:
            raise TooManyPaths(f"tabellen har fler än {limit} olika vägar genom frågorna; "
                               "dela upp den eller använd ask_when så att färre frågor ställs")
    return [dict(p) for p in sorted(done)]


def as_written(answers: dict[str, str]) -> str:
    """Answers the way an editor writes them in a row: ``{skede: skola, verksamhet: annan}``."""
    return "{" + ", ".join(f"{q}: {v}" for q, v in answers.items()) + "}"


@dataclass
class CompletenessReport:
    table: Table
    gaps: list[dict[str, str]] = field(default_factory=list)
    overlaps: list[tuple[dict[str, str], list[int]]] = field(default_factory=list)
    unreachable_rules: list[int] = field(default_factory=list)
    unreachable_outcomes: list[str] = field(default_factory=list)
    never_asked: list[str] = field(default_factory=list)
    too_many_paths: str = ""
    #: limits the table breaks (states, page size, work), counted before any enumeration
    too_large: list[ContentError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.gaps or self.overlaps or self.unreachable_rules
                    or self.unreachable_outcomes or self.never_asked or self.too_many_paths
                    or self.too_large)

    def _row(self, index: int) -> str:
        """A row of ``rules`` as an editor finds it: by its line, and counted from 1."""
        line = self.table.rules[index].line
        where = f" (filens rad {line})" if line is not None else ""
        return f"raden nr {index + 1} under rules{where}"

    def located(self) -> list[tuple[int | None, str]]:
        """The faults in Swedish with the line each one points to (None without YAML)."""
        table = self.table
        faults: list[tuple[int | None, str]] = [(e.line, f"{e.message}. {e.hint}")
                                                for e in self.too_large]
        if self.too_many_paths:
            faults.append((table.rules_line, self.too_many_paths))
        faults += [(table.rules_line, f"Lucka: svaren {as_written(g)} leder inte till något "
                    "utfall.") for g in self.gaps]
        faults += [(table.rules[rows[0]].line,
                    f"Överlapp: svaren {as_written(answers)} passar flera rader: "
                    f"{' och '.join(self._row(i) for i in rows)}.")
                   for answers, rows in self.overlaps]
        faults += [(table.rules[i].line, f"{self._row(i).capitalize()} kan aldrig nås: "
                    "svaren i when kan inte förekomma tillsammans, eller så passar en tidigare "
                    "rad alltid först.") for i in self.unreachable_rules]
        faults += [(table.outcomes[o].line, f"Utfallet '{o}' kan aldrig nås: ingen rad under "
                    "rules leder dit.") for o in self.unreachable_outcomes]
        faults += [(table.question(q).line, f"Frågan '{q}' ställs aldrig: kontrollera dess "
                    "ask_when.") for q in self.never_asked]
        return faults

    def describe(self) -> list[str]:
        """The faults in Swedish, one line each, for editors and test failures."""
        return [message for _line, message in self.located()]


def check_completeness(table: Table) -> CompletenessReport:
    """Walk every path and report gaps, overlaps and parts that can never be reached."""
    report = CompletenessReport(table)
    # Counted first, in microseconds: a table too large to walk is refused, not walked.
    report.too_large = size_faults(table)
    if report.too_large:
        return report
    try:
        paths = all_paths(table)
    except TooManyPaths as error:
        report.too_many_paths = str(error)
        return report
    used_rules: set[int] = set()
    asked: set[str] = set()
    for answers in paths:
        asked.update(answers)
        matches = matching_rules(table, answers)
        if not matches:
            report.gaps.append(answers)
        elif len(matches) > 1:
            report.overlaps.append((answers, [r.index for r in matches]))
        used_rules.update(r.index for r in matches)
    reached = {table.rules[i].outcome for i in used_rules}
    report.unreachable_rules = [r.index for r in table.rules if r.index not in used_rules]
    report.unreachable_outcomes = [o for o in table.outcomes if o not in reached]
    report.never_asked = [q.id for q in table.questions if q.id not in asked]
    return report
