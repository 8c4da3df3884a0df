"""Reading and checking the governance block (``meta:`` of a table, the front matter of a
routine page): who owns the content, its status, approval and review date.

Every table and every routine page carries this block: readers see whose content it is
and how fresh, editors see what is overdue. The result is the core's plain
``decision_logic.model.Governance``; the rules that make it honest (a draft names no
approval) are enforced here, once, by the editors' toolchain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model import APPROVED, DRAFT, STATUSES, Governance
from .checker import Checker, describe

GOVERNANCE_KEYS = {"owner": True, "status": True, "approved": False, "approved_by": False,
                   "review": True, "version": True}


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
    """Validate a ``meta`` block: owner (role or unit), status, review, version, and for
    ``fastställd`` content also who approved it (``approved_by``) and when (``approved``).

    A draft may not carry an approval date or approver: that is exactly what would make a
    reader believe the region has approved it."""
    meta = check.mapping(data, path, GOVERNANCE_KEYS)
    status = meta["status"]
    if status not in STATUSES:
        raise check.fail((*path, "status"), f"'status' ska vara {DRAFT} eller {APPROVED}; "
                         f"här står {status!r}")
    review = parse_date(check, meta, path, "review")
    approved: dt.date | None = None
    approved_by = ""
    if status == APPROVED:
        for key in ("approved", "approved_by"):
            if key not in meta:
                raise check.fail((*path, key), f"'{key}' krävs när status är {APPROVED}: "
                                 "ange när och av vem innehållet fastställdes")
        approved = parse_date(check, meta, path, "approved")
        approved_by = check.text(meta, path, "approved_by")
        if review <= approved:
            raise check.fail((*path, "review"), "nästa granskning ska ligga efter "
                             "godkännandet")
    else:
        for key in ("approved", "approved_by"):
            if key in meta:
                raise check.fail((*path, key), f"ett {DRAFT} har inte fastställts: ta bort "
                                 f"'{key}' eller sätt status till {APPROVED}")
    version = meta["version"]
    if not isinstance(version, (str, int, float)) or not str(version).strip():
        raise check.fail((*path, "version"), "'version' ska vara till exempel \"1.0\"")
    return Governance(owner=check.text(meta, path, "owner"), approved=approved, review=review,
                      version=str(version), status=status, approved_by=approved_by)


def overdue_items(items: Iterable[tuple[str, Governance]], today: dt.date) -> list[str]:
    """Swedish lines naming each item whose review date has passed."""
    return [f"{name}: granskning skulle ha gjorts {g.review.isoformat()} (ägare: {g.owner})"
            for name, g in items if g.overdue(today)]


def draft_items(items: Iterable[tuple[str, Governance]]) -> list[str]:
    """Swedish lines naming each item that is still a draft: a warning for editors, since
    readers are shown "Utkast" until the region approves the content."""
    return [f"{name}: {DRAFT} – innehållet är inte fastställt (ägare: {g.owner})"
            for name, g in items if g.draft]
