"""The decisions a widget page carries agree with decide() for every state it can reach."""

from __future__ import annotations

import itertools

import pytest

from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.completeness import all_paths
from site_config.render.snapshot import (
    state_key,
    widget_snapshot,
    widget_states,
)

TABLE_IDS = sorted(load_catalog().tables)






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
