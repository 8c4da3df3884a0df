"""The decisions a widget page carries agree with decide() for every state it can reach."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape

import pytest

from decision_logic import decide_each
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.completeness import all_paths
from site_config.snapshot import (
    DRAWN_FIELDS,
    state_key,
    widget_snapshot,
    widget_states,
)

TABLE_IDS = sorted(load_catalog().tables)


def page_snapshot(site_dir, table_id: str) -> dict:
    html = (site_dir / "beslutsstod" / table_id / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<div data-role="snapshot" data-snapshot="([^"]*)" hidden>', html)
    assert found, f"{table_id}: the widget page carries no snapshot"
    return json.loads(unescape(found[1]))


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_state_in_the_page_is_what_decide_each_says(site_dir, catalog, table_id):
    table = catalog.table(table_id)
    snapshot = page_snapshot(site_dir, table_id)
    for key, decisions in snapshot["states"].items():
        answers: dict[str, list[str]] = {}
        for part in filter(None, key.split("&")):
            question, value = part.split("=")
            answers.setdefault(question, []).append(value)
        live = decide_each(table_id, answers)
        assert decisions == [{f: d.to_dict()[f] for f in DRAWN_FIELDS} for d in live], key
        assert state_key(table, answers) == key


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_path_a_reader_can_take_is_in_the_snapshot(catalog, table_id):
    table = catalog.table(table_id)
    states = widget_states(table)
    for path in all_paths(table):
        for length in range(len(path) + 1):
            prefix = dict(itertools.islice(path.items(), length))
            assert state_key(table, prefix) in states, prefix


def test_several_recipients_are_in_the_snapshot_in_any_combination(catalog):
    table = catalog.table("skicka-inbjudan")
    states = widget_states(table)
    recipients = table.question("mottagare")
    picked = [recipients.value_ids[0], recipients.value_ids[-1]]
    keys = [k for k in states if all(f"mottagare={v}" in k.split("&") for v in picked)]
    assert keys
    for key in keys:
        # One decision per picked recipient, each for its own recipient.
        chosen = [p.split("=")[1] for p in key.split("&") if p.startswith("mottagare=")]
        assert [d["answers"]["mottagare"] for d in states[key]] == chosen


def test_no_script_element_carries_the_snapshot(site_dir):
    """Material's instant navigation re-creates script elements; JSON in one would run."""
    html = (site_dir / "beslutsstod" / "ansvarig" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/json"' not in html
    assert page_snapshot(site_dir, "ansvarig")["states"]


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_a_bad_link_is_explained_by_labels_without_echoing_the_link(catalog, table_id):
    table = catalog.table(table_id)
    messages = widget_snapshot(table)["invalid"]
    assert set(messages) == {q.id for q in table.questions}
    for question in table.questions:
        message = messages[question.id]
        assert f"'{question.label}'" in message
        assert "okänt-svar" not in message  # the probe value the build used
        assert not any(f"{value.id}," in message or f"{value.id}." in message
                       for value in question.values if value.id not in value.label.lower())
