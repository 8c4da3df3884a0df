"""Exhaustive checks that a table answers every case exactly once.

Tables are small (a few questions with a few values each), so every combination of
answers is enumerated: no sampling, no proof obligations left to the reader.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from .engine import matching_rules, walk
from .model import Table


def all_answer_sets(table: Table) -> Iterator[dict[str, str]]:
    """Every full combination of answers, one value for every question."""
    ids = [q.id for q in table.questions]
    for values in itertools.product(*(q.value_ids for q in table.questions)):
        yield dict(zip(ids, values, strict=True))


def all_paths(table: Table) -> list[dict[str, str]]:
    """The distinct answer sets a user can actually give (off-path answers dropped)."""
    paths = {tuple(walk(table, answers)[0].items()) for answers in all_answer_sets(table)}
    return [dict(p) for p in sorted(paths)]


@dataclass
class CompletenessReport:
    gaps: list[dict[str, str]] = field(default_factory=list)
    overlaps: list[tuple[dict[str, str], list[int]]] = field(default_factory=list)
    unreachable_rules: list[int] = field(default_factory=list)
    unreachable_outcomes: list[str] = field(default_factory=list)
    never_asked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.gaps or self.overlaps or self.unreachable_rules
                    or self.unreachable_outcomes or self.never_asked)

    def describe(self) -> list[str]:
        """The faults in Swedish, one line each, for editors and test failures."""
        lines = [f"Lucka: svaren {g} leder inte till något utfall." for g in self.gaps]
        lines += [f"Överlapp: svaren {a} matchar raderna {', '.join(map(str, r))} i rules."
                  for a, r in self.overlaps]
        lines += [f"Raden rules[{i}] kan aldrig nås." for i in self.unreachable_rules]
        lines += [f"Utfallet '{o}' kan aldrig nås." for o in self.unreachable_outcomes]
        lines += [f"Frågan '{q}' ställs aldrig." for q in self.never_asked]
        return lines


def check_completeness(table: Table) -> CompletenessReport:
    """Walk every path and report gaps, overlaps and parts that can never be reached."""
    report = CompletenessReport()
    used_rules: set[int] = set()
    asked: set[str] = set()
    for answers in all_paths(table):
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
