"""How big a table may grow before the widget's page, the build or the check would choke.

Counted from the table's structure, never by listing its states: a ``multiple``
question with n values has 2ⁿ−1 answer sets, so 24 values would mean 16 million states
to enumerate (a MemoryError after a minute) where counting takes microseconds. The
editors' check (through ``check_completeness``) and the build's snapshot
(``site_config/render/snapshot.py``) both refuse a table over a limit with its file and line,
before any enumeration.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..engine import walk
from ..errors import ContentError
from ..model import Question, Table

#: The widget page carries Python's decision for every state; a table with more states
#: than this is no longer "small" (the largest table today has 129).
MAX_STATES = 5000
#: The page's size, estimated from the decisions it would carry (about 300 bytes each in
#: the page, measured on the current tables); today's largest widget page is 0.16 MB.
MAX_PAGE_BYTES = 1_500_000
BYTES_PER_DECISION = 300
#: Paths through the questions times rows: the work of the completeness check, which
#: matches every path against every row (a 70×70 grid is 24 million, minutes of work).
MAX_ROW_CHECKS = 1_000_000


def _states(table: Table, answers: Mapping[str, str], limit: int) -> tuple[int, int]:
    """An upper bound of the widget states reachable from ``answers`` (one value per
    question), and the number of complete paths below them; past ``limit`` states the
    count stops (the result is then just over it)."""
    used, question = walk(table, answers)
    if question is None:
        return 1, 1
    states, paths = (1, 0)
    below: list[int] = []
    for value in question.value_ids:
        child, child_paths = _states(table, {**used, question.id: value}, limit)
        below.append(child)
        paths += child_paths
        if sum(below) > limit or paths > limit:
            return limit + 1, paths
    if question.multiple:
        # Every non-empty set S of values: at most the product of what each value leads
        # to (the later answers are shared), summed over all S: Π(1 + c) − 1.
        states += math.prod(1 + c for c in below) - 1
    else:
        states += sum(below)
    return min(states, limit + 1), paths


def _widest(table: Table) -> Question:
    """The question that multiplies the states most (a multiple one first)."""
    return max(table.questions, key=lambda q: (2 ** len(q.values) if q.multiple
                                               else len(q.values)))


def size_faults(table: Table) -> list[ContentError]:
    """The limits a table breaks, each as a located error; empty when it is within all.

    Cheap whatever the table holds: the counting stops just past the limits.
    """
    limit = max(MAX_STATES, MAX_ROW_CHECKS)
    states, paths = _states(table, {}, limit)
    widest = _widest(table)
    faults: list[ContentError] = []
    if states > MAX_STATES:
        count = len(widest.values)
        many = (f"{count} svar och multiple: true, alltså {2 ** count - 1} möjliga "
                "kombinationer" if widest.multiple else f"{count} svar")
        faults.append(ContentError(
            table.source, "", widest.line,
            f"beslutsstödet '{table.id}' kan hamna i fler än {MAX_STATES} olika lägen "
            f"(frågan '{widest.id}' har {many}); sidan kan inte bära svaren på alla",
            hint="Dela upp tabellen, ge frågan färre svar, eller använd ask_when så att "
            "färre frågor ställs."))
        return faults
    per_state = math.prod(len(q.values) for q in table.questions if q.multiple)
    page = states * per_state * BYTES_PER_DECISION
    if page > MAX_PAGE_BYTES:
        faults.append(ContentError(
            table.source, "", widest.line,
            f"sidan för beslutsstödet '{table.id}' skulle bli omkring "
            f"{page / 1e6:.1f} MB (gränsen är {MAX_PAGE_BYTES / 1e6:.1f} MB): {states} lägen "
            f"med upp till {per_state} svar vardera",
            hint="Ge frågan färre svar, eller dela upp tabellen."))
    if paths * len(table.rules) > MAX_ROW_CHECKS:
        faults.append(ContentError(
            table.source, "rules", table.rules_line,
            f"tabellen '{table.id}' har {paths} vägar genom frågorna och {len(table.rules)} "
            f"rader; att pröva varje väg mot varje rad ({paths * len(table.rules)}) är mer "
            f"än gränsen {MAX_ROW_CHECKS}",
            hint="Dela upp tabellen i flera beslutsstöd, eller använd ask_when så att färre "
            "frågor ställs."))
    return faults
