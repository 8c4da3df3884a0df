"""Who owns a piece of content, when it was approved and when it is due for review.

Every table and every routine page carries this block, the practice of the national
clinical handbooks: readers see whose content it is and how fresh, editors see what is
overdue.
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

GOVERNANCE_KEYS = {"owner": True, "approved": True, "review": True, "version": True}


@dataclass(frozen=True)
class Governance:
    owner: str
    approved: dt.date
    review: dt.date
    version: str

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
    """Validate a ``meta`` block: owner (role or unit), approved, review, version."""
    meta = check.mapping(data, path, GOVERNANCE_KEYS)
    approved = _date(check, meta, path, "approved")
    review = _date(check, meta, path, "review")
    if review <= approved:
        raise check.fail((*path, "review"), "nästa granskning ska ligga efter godkännandet")
    version = meta["version"]
    if not isinstance(version, (str, int, float)) or not str(version).strip():
        raise check.fail((*path, "version"), "'version' ska vara till exempel \"1.0\"")
    return Governance(owner=check.text(meta, path, "owner"), approved=approved, review=review,
                      version=str(version))


def overdue_items(items: Iterable[tuple[str, Governance]], today: dt.date) -> list[str]:
    """Swedish lines naming each item whose review date has passed."""
    return [f"{name}: granskning skulle ha gjorts {g.review.isoformat()} (ägare: {g.owner})"
            for name, g in items if g.overdue(today)]


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
