"""Who owns a piece of content, whether and by whom it was approved, and when it is due
for review.

Every table and every routine page carries this block, the practice of the national
clinical handbooks: readers see whose content it is and how fresh, editors see what is
overdue. ``status`` is honest about approval: a ``utkast`` (draft) has no approval date,
so a reader never takes the editors' work for the region's decision; only ``fastställd``
content names who approved it and when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checker import Checker, describe
from .rulebook import Rulebook

CHANGELOG_FILE = Path(__file__).resolve().parent / "changelog.yaml"

GOVERNANCE_KEYS = {"owner": True, "status": True, "approved": False, "approved_by": False,
                   "review": True, "version": True}
DRAFT = "utkast"
APPROVED = "fastställd"
STATUSES = (DRAFT, APPROVED)


@dataclass(frozen=True)
class Governance:
    owner: str
    approved: dt.date | None
    """The approval date; None while the content is a draft."""
    review: dt.date
    version: str
    status: str = DRAFT
    approved_by: str = ""
    """Who approved the content (a role or body); empty while it is a draft."""

    @property
    def draft(self) -> bool:
        return self.status == DRAFT

    def overdue(self, today: dt.date) -> bool:
        return self.review < today


def _date(check: Checker, data: Mapping[str, Any], path: tuple, key: str) -> dt.date:
    """A date as YAML reads it (a ``date``) or as the browser's JSON carries it (a string).

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
    review = _date(check, meta, path, "review")
    approved: dt.date | None = None
    approved_by = ""
    if status == APPROVED:
        for key in ("approved", "approved_by"):
            if key not in meta:
                raise check.fail((*path, key), f"'{key}' krävs när status är {APPROVED}: "
                                 "ange när och av vem innehållet fastställdes")
        approved = _date(check, meta, path, "approved")
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


@dataclass(frozen=True)
class Change:
    date: dt.date
    change: str
    rules: tuple[str, ...]


def parse_changelog(data: Any, check: Checker, known_rules: Iterable[str]) -> tuple[Change, ...]:
    """The changelog, newest first; every entry names the rules it touched."""
    known = list(known_rules)
    top = check.mapping(data, (), {"changes": True})
    changes = []
    for index, raw in enumerate(check.items(top, (), "changes")):
        path = ("changes", index)
        entry = check.mapping(raw, path, {"date": True, "change": True, "rules": True})
        rules = [check.known_rule(rule, known, (*path, "rules", i))
                 for i, rule in enumerate(check.items(entry, path, "rules"))]
        changes.append(Change(date=_date(check, entry, path, "date"),
                              change=" ".join(check.text(entry, path, "change").split()),
                              rules=tuple(rules)))
    return tuple(sorted(changes, key=lambda c: c.date, reverse=True))


def load_changelog(rulebook: Rulebook, path: Path = CHANGELOG_FILE) -> tuple[Change, ...]:
    """Read and validate ``changelog.yaml`` (needs PyYAML)."""
    from .catalog import display_name
    from .yaml_source import load_yaml

    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_changelog(data, Checker(name, lines.get), rulebook.rules)
