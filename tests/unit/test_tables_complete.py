"""Every published table answers every combination of answers exactly once, and every
row, outcome and question in it can be reached. Generic: runs for each table."""

from __future__ import annotations

import pytest

from decision_logic import decide
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.completeness import all_answer_sets, check_completeness
from decision_logic.toolchain.schema import parse_table

TABLE_IDS = sorted(load_catalog().tables)


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_combination_reaches_exactly_one_outcome(catalog, table_id):
    table = catalog.table(table_id)
    report = check_completeness(table)
    assert report.ok, "\n".join(report.describe())
    for answers in all_answer_sets(table):
        decision = decide(table_id, answers)
        assert decision.outcome in table.outcomes
        assert decision.next_question is None


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_partial_answer_set_asks_a_question_on_the_path(catalog, table_id):
    table = catalog.table(table_id)
    for answers in all_answer_sets(table):
        full = decide(table_id, answers)
        # Dropping the last answer on the path must bring back exactly that question.
        last = full.asked[-1]
        partial = {q: v for q, v in full.answers.items() if q != last}
        assert decide(table_id, partial).next_question == last


def _raw_with(catalog, table_id, mutate):
    from decision_logic.toolchain.catalog import TABLES_DIR
    from decision_logic.toolchain.yaml_source import load_yaml

    raw, _lines = load_yaml(TABLES_DIR / f"{table_id}.yaml")
    mutate(raw)
    return parse_table(raw, f"{table_id}.yaml", catalog.rulebook.rules)


def test_the_check_finds_a_gap(catalog):
    def drop_kaa(raw):
        raw["rules"] = [r for r in raw["rules"] if r["outcome"] != "kaa"]

    table = _raw_with(catalog, "ansvarig", drop_kaa)
    report = check_completeness(table)
    assert report.gaps == [{"skede": "utanfor-gymnasiet"}]
    assert "kaa" in report.unreachable_outcomes
    assert not report.ok


def test_the_check_finds_an_overlap(catalog):
    table = _raw_with(catalog, "ansvarig", lambda raw: raw["rules"].append(
        {"when": {"skede": "skola"}, "outcome": "kaa"}))
    report = check_completeness(table)
    assert report.overlaps == [({"skede": "skola"}, [3, 6])]
    assert "Överlapp" in report.describe()[0]


def test_the_check_finds_a_rule_that_can_never_match(catalog):
    table = _raw_with(catalog, "ansvarig", lambda raw: raw["rules"].append(
        {"when": {"skede": "skola", "verksamhet": "annan"}, "outcome": "kaa"}))
    assert check_completeness(table).unreachable_rules == [6]
