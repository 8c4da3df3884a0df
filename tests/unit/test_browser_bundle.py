"""The JSON bundle the browser gets rebuilds exactly the tables the tests check.

The bundle is the validated model written once at build time; the browser reads it back
with structural checks only (``decision_logic.bundle``)."""

from __future__ import annotations

import json

import pytest

import decision_logic
from decision_logic import ContentError, Rulebook, browser
from decision_logic.bundle import from_bundle, to_bundle
from decision_logic.toolchain.completeness import all_paths


def test_the_bundle_rebuilds_every_table_unchanged(catalog):
    rebuilt = from_bundle(to_bundle(catalog))
    assert rebuilt.tables.keys() == catalog.tables.keys()
    for table_id, table in catalog.tables.items():
        twin = rebuilt.tables[table_id]
        assert twin.questions == table.questions
        assert twin.rules == table.rules
        assert twin.outcomes == table.outcomes
        assert twin.governance == table.governance
    # No answer needs the rule list (an outcome carries its rule ids): it stays behind.
    assert rebuilt.rulebook == Rulebook()


def test_the_bundle_is_the_same_bytes_for_the_same_tables(catalog):
    # Its hash names the directory it is served from, so it must not vary between builds
    # (a condition's values are a set, whose order does).
    assert to_bundle(from_bundle(to_bundle(catalog))) == to_bundle(catalog)


def test_a_bundle_that_breaks_what_the_engine_relies_on_is_refused_where_it_breaks(catalog):
    data = json.loads(to_bundle(catalog))
    data["tables"]["ansvarig"]["rules"][2]["outcome"] = "finns-inte"
    with pytest.raises(ContentError) as caught:
        from_bundle(json.dumps(data))
    assert caught.value.source == "tables.json"
    assert caught.value.key_path == "tables.ansvarig.rules[2].outcome"
    assert "bygg webbplatsen igen" in caught.value.hint


def test_the_worker_bridge_answers_with_json_and_never_raises(catalog, monkeypatch):
    monkeypatch.setattr(decision_logic, "_catalog", None)  # restored after the test
    browser.install(to_bundle(catalog))
    ok = json.loads(browser.answer(json.dumps(
        {"table": "skicka-inbjudan",
         "answers": {"har-link": "ja", "mottagare": ["skola", "polisen"]}})))
    assert ok["ok"] is True
    assert [d["outcome"] for d in ok["decisions"]] == ["vanlig-post", "utan-link"]
    bad = json.loads(browser.answer(json.dumps({"table": "ansvarig",
                                                "answers": {"skede": "gymnasiet"}})))
    assert bad["ok"] is False and "Möjliga svar" in bad["error"]


def test_the_letter_bridge_reports_empty_fields_in_swedish():
    reply = json.loads(browser.letter(json.dumps({"fields": {"var-verksamhet": "BUP"}})))
    berord = ("Vem inbjudan gäller (till exempel \u201dbarnet\u201d, \u201dbarnen\u201d "
              "eller \u201dnärstående till barnet\u201d) saknas.")
    vidare = "Verksamheten som ni har skickat inbjudan vidare till saknas."
    # The whole message, and each refused blank with its own (the form marks them, #33).
    assert reply == {"ok": False, "error": f"Brevet kan inte skapas ännu. {berord} {vidare}",
                     "fields": [{"field": "berord", "message": berord},
                                {"field": "vidare-till", "message": vidare}]}


HOSTILE_REQUESTS = [
    "{}",                                            # no table
    '{"table": "ansvarig", "answers": null}',
    '{"table": "ansvarig", "answers": {"skede": null}}',
    '{"table": "ansvarig", "answers": {"skede": {"skola": 1}}}',
    '{"table": ["ansvarig"], "answers": {}}',
    '{"table": "ansvarig", "answers": []}',
    "not json at all",
    "[" * 100_000 + "]" * 100_000,                   # deep nesting, and far too long
    "[" * 5_000 + "]" * 5_000,                       # deep nesting within the size limit
    '"just a string"',
    "",
]


def test_the_answer_bridge_turns_any_request_into_a_swedish_error(catalog, monkeypatch):
    monkeypatch.setattr(decision_logic, "_catalog", None)
    browser.install(to_bundle(catalog))
    for request in HOSTILE_REQUESTS:
        reply = json.loads(browser.answer(request))
        assert reply["ok"] is False, request[:60]
        assert "Traceback" not in reply["error"] and reply["error"].strip()


def test_the_letter_bridge_turns_any_request_into_a_swedish_error():
    for request in [*HOSTILE_REQUESTS, '{"fields": {"berord": 5}}', '{"fields": []}']:
        reply = json.loads(browser.letter(request))
        assert reply["ok"] is False, request[:60]
        assert "Traceback" not in reply["error"]


def test_a_broken_bundle_is_refused_in_swedish_without_a_traceback(catalog, monkeypatch,
                                                                     capsys):
    monkeypatch.setattr(decision_logic, "_catalog", None)
    for bundle in ["", "{", '{"tables": 5}', "null"]:
        reply = json.loads(browser.install(bundle))
        assert reply["ok"] is False
        assert "kunde inte läsas in" in reply["error"]
    # The detail is for the developer's console (stderr in the worker), not the reader.
    assert "Traceback" in capsys.readouterr().err


def test_a_table_with_a_gap_tells_the_reader_to_report_it_without_a_traceback(catalog,
                                                                          monkeypatch, capsys):
    data = json.loads(to_bundle(catalog))
    ansvarig = data["tables"]["ansvarig"]
    ansvarig["rules"] = ansvarig["rules"][1:]      # one case now reaches no outcome
    monkeypatch.setattr(decision_logic, "_catalog", None)
    reply = json.loads(browser.install(json.dumps(data)))
    if reply["ok"]:  # the bundle reader may already refuse it; either way no traceback
        answers = [json.loads(browser.answer(json.dumps({"table": "ansvarig",
                                                          "answers": path})))
                   for path in all_paths(catalog.table("ansvarig"))]
        failed = [r for r in answers if not r["ok"]]
        assert failed
        assert all("rapportera" in r["error"] and "Traceback" not in r["error"]
                   for r in failed)
    else:
        assert "kunde inte läsas in" in reply["error"]
