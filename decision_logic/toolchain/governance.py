"""Reading and checking the governance block (``meta:`` of a table, the front matter of a
routine page): who owns the content and when it is due for review.

Every table and every routine page carries this block: readers see whose content it is
and how fresh, editors see what is overdue. Whether the content is approved is *not*
written here: ``approval.py`` computes it from the recorded approvals and the content's
fingerprint, so the keys that once claimed it by hand (``status``, ``approved``,
``approved_by``) and the hand-kept ``version`` are refused with a message saying what
replaced them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Governance
from .checker import Checker, describe

GOVERNANCE_KEYS = {"owner": True, "review": True}
#: keys of the old hand-typed status, and what the editor is told instead
RETIRED_KEYS = {
    "status": "status räknas nu fram: ta bort raden. Innehållet fastställs med "
              "python -m site_config approve FIL --by \"NAMN, ROLL\"",
    "approved": "datumet för fastställelsen registreras nu med python -m site_config "
                "approve: ta bort raden",
    "approved_by": "vem som fastställt registreras nu med python -m site_config approve: "
                   "ta bort raden",
    "version": "innehållsversionen räknas nu fram ur innehållet: ta bort raden",
}


def parse_date(check: Checker, data: Mapping[str, Any], path: tuple, key: str) -> dt.date:
    """A date as YAML reads it (a ``date``) or written as a text (``"2026-11-25"``).

    A time of day (``2026-11-25 10:00:00``) makes YAML return a ``datetime``, which cannot
    be compared with a date: refused, since approvals and reviews are whole days.
    """
    value = data[key]
    if isinstance(value, dt.datetime):
        raise check.fail((*path, key), f"'{key}' ska vara bara ett datum, utan klockslag: "
                         f"skriv {value.date().isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise check.fail((*path, key), f"'{key}' ska vara ett datum som 2026-11-25; här står "
                     f"{describe(value)}")


def parse_governance(check: Checker, data: Any, path: tuple) -> Governance:
    """Validate a ``meta`` block: owner (role or unit) and next review date.

    A key of the old hand-typed status is refused, naming what replaced it: a status typed
    by hand is exactly what could tell readers the region approved content it never saw."""
    if isinstance(data, Mapping):
        for key, message in RETIRED_KEYS.items():
            if key in data:
                raise check.fail((*path, key), message)
    meta = check.mapping(data, path, GOVERNANCE_KEYS)
    return Governance(owner=check.text(meta, path, "owner"),
                      review=parse_date(check, meta, path, "review"))


def overdue_items(items: Iterable[tuple[str, Governance]], today: dt.date) -> list[str]:
    """Swedish lines naming each item whose review date has passed."""
    return [f"{name}: granskning skulle ha gjorts {g.review.isoformat()} (ägare: {g.owner})"
            for name, g in items if g.overdue(today)]
