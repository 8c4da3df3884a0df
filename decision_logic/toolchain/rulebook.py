"""Reading and checking ``rules.yaml``: the numbered rules (R1…) and their source documents.

The result is the core's plain ``decision_logic.model.Rulebook``.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Reading, Rulebook, RuleInfo, Source
from .checker import Checker, LineOf, no_lines

RULE_ID = re.compile(r"^R[1-9][0-9]*$")


def parse_rulebook(data: Any, source: str, line_of: LineOf = no_lines) -> Rulebook:
    """Validate ``rules.yaml`` data; every rule must name a listed source."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), {"sources": True, "reading": False, "rules": True})
    sources: dict[str, Source] = {}
    for index, raw in enumerate(check.items(top, (), "sources")):
        path = ("sources", index)
        s = check.mapping(raw, path, {"id": True, "title": True, "publisher": True})
        source_id = check.text(s, path, "id")
        if source_id in sources:
            raise check.fail((*path, "id"), f"källan '{source_id}' finns redan")
        sources[source_id] = Source(id=source_id, title=check.text(s, path, "title"),
                                    publisher=check.text(s, path, "publisher"))
    rules: dict[str, RuleInfo] = {}
    for index, raw in enumerate(check.items(top, (), "rules")):
        path = ("rules", index)
        r = check.mapping(raw, path, {"id": True, "source": True, "summary": True,
                                      "page": True})
        rule_id = check.text(r, path, "id")
        if not RULE_ID.match(rule_id):
            raise check.fail((*path, "id"), f"regelns id ska se ut som R1, R2 …; här står "
                             f"{rule_id!r}")
        if rule_id in rules:
            raise check.fail((*path, "id"), f"regeln '{rule_id}' finns redan")
        source_id = check.one_of(r["source"], sources, (*path, "source"), "okänd källa",
                                 "kända källor")
        rules[rule_id] = RuleInfo(id=rule_id, source=source_id,
                                  summary=check.text(r, path, "summary"),
                                  page=check.text(r, path, "page"))
    reading = []
    for index, raw in enumerate(check.items(top, (), "reading") if "reading" in top else ()):
        path = ("reading", index)
        r = check.mapping(raw, path, {"title": True, "url": True})
        url = check.text(r, path, "url")
        if not url.startswith("https://"):
            raise check.fail((*path, "url"), f"länken ska börja med https://; här står {url!r}")
        reading.append(Reading(title=check.text(r, path, "title"), url=url))
    return Rulebook(sources=sources, rules=rules, reading=tuple(reading))
