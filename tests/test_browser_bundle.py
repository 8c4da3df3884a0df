"""The JSON bundle the browser gets rebuilds exactly the tables the tests check."""

from __future__ import annotations

import json

import decision_logic
from decision_logic import browser
from decision_logic.catalog import catalog_from_bundle


def test_the_bundle_rebuilds_every_table_unchanged(catalog):
    rebuilt = catalog_from_bundle(catalog.to_bundle())
    assert rebuilt.tables.keys() == catalog.tables.keys()
    for table_id, table in catalog.tables.items():
        twin = rebuilt.tables[table_id]
        assert twin.questions == table.questions
        assert twin.rules == table.rules
        assert twin.outcomes == table.outcomes
        assert twin.governance == table.governance
    assert rebuilt.rulebook.rules == catalog.rulebook.rules


def test_the_worker_bridge_answers_with_json_and_never_raises(catalog, monkeypatch):
    monkeypatch.setattr(decision_logic, "_catalog", None)  # restored after the test
    browser.install(catalog.to_bundle())
    ok = json.loads(browser.answer(json.dumps(
        {"table": "skicka-inbjudan", "answers": {"mottagare": ["skola", "polisen"]}})))
    assert ok["ok"] is True
    assert [d["outcome"] for d in ok["decisions"]] == ["vanlig-post", "utan-link"]
    bad = json.loads(browser.answer(json.dumps({"table": "ansvarig",
                                                "answers": {"skede": "gymnasiet"}})))
    assert bad["ok"] is False and "Möjliga svar" in bad["error"]


def test_the_letter_bridge_reports_empty_fields_in_swedish():
    reply = json.loads(browser.letter(json.dumps({"fields": {"var-verksamhet": "BUP"}})))
    assert reply == {"ok": False, "error": "Svaret kan inte skapas ännu. Vem inbjudan gäller "
                     "(till exempel \u201dbarnet\u201d eller \u201dnärstående till barnet\u201d) "
                     "saknas. Verksamheten som ni har skickat inbjudan vidare till saknas."}
