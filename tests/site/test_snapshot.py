"""The snapshot as the built widget page carries it: every state what decide_each says, in
an attribute, not a script."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from decision_logic import decide_each
from site_config.render.snapshot import (
    drawn_fields,
    state_key,
)
from tests.unit.test_snapshot import TABLE_IDS


def page_snapshot(site_dir, table_id: str) -> dict:
    html = (site_dir / "beslutsstod" / table_id / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<div data-role="snapshot" data-snapshot="([^"]*)" hidden>', html)
    assert found, f"{table_id}: the widget page carries no snapshot"
    return json.loads(unescape(found[1]))


def state_answers(key: str) -> dict[str, list[str]]:
    """The answers a snapshot's state key stands for (the ids are slugs: nothing to
    unescape)."""
    answers: dict[str, list[str]] = {}
    for part in filter(None, key.split("&")):
        question, value = part.split("=")
        answers.setdefault(question, []).append(value)
    return answers


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_state_in_the_page_is_what_decide_each_says(site_dir, catalog, table_id):
    table = catalog.table(table_id)
    snapshot = page_snapshot(site_dir, table_id)
    for key, decisions in snapshot["states"].items():
        answers = state_answers(key)
        live = decide_each(table_id, answers)
        assert decisions == [{f: d.to_dict()[f] for f in drawn_fields()} for d in live], key
        assert state_key(table, answers) == key


def test_no_script_element_carries_the_snapshot(site_dir):
    """Material's instant navigation re-creates script elements; JSON in one would run."""
    html = (site_dir / "beslutsstod" / "ansvarig" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/json"' not in html
    assert page_snapshot(site_dir, "ansvarig")["states"]

