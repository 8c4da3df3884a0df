"""The rule list in decision_logic/rules.yaml matches the numbered rules of RULES.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RULES_MD = Path(__file__).resolve().parents[2] / "shared" / "sources" / "RULES.md"


def test_every_rule_of_the_specification_is_in_the_rule_list(catalog):
    if not RULES_MD.exists():
        pytest.skip(f"{RULES_MD} finns inte bredvid projektet")
    specified = re.findall(r"^- \*\*(R\d+)\*\*", RULES_MD.read_text(encoding="utf-8"), re.M)
    assert len(specified) >= 34
    assert list(catalog.rulebook.rules) == specified


def test_every_rule_names_a_known_source(catalog):
    for rule in catalog.rulebook.rules.values():
        assert rule.source in catalog.rulebook.sources
        assert rule.summary
