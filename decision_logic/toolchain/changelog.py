"""The changelog (``decision_logic/changelog.yaml``), shown on /kallor/: what changed,
when, and which rules it touched. Part of the editors' toolchain; the browser never
needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Rulebook
from .catalog import PACKAGE_DIR
from .checker import Checker
from .governance import parse_date
from .yaml_source import display_name, load_yaml

CHANGELOG_FILE = PACKAGE_DIR / "changelog.yaml"


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
        changes.append(Change(date=parse_date(check, entry, path, "date"),
                              change=" ".join(check.text(entry, path, "change").split()),
                              rules=tuple(rules)))
    return tuple(sorted(changes, key=lambda c: c.date, reverse=True))


def load_changelog(rulebook: Rulebook, path: Path = CHANGELOG_FILE) -> tuple[Change, ...]:
    """Read and validate ``changelog.yaml`` (needs PyYAML)."""
    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_changelog(data, Checker(name, lines.get), rulebook.rules)
