"""Pyodide starts on the build's trimmed standard library (``python_stdlib.<hash>.zip``) and
everything the browser core does works on it: every core module imports, a decision is
made and a letter written, in Chromium, from the site's own files, as the worker loads
them (``stdLibURL``, our lockfile, the wheel).

The widget and letter tests run on the same archive (the worker loads nothing else);
this test names the modules one by one, so a module the core starts to import that the
archive lacks fails here with its name."""

from __future__ import annotations

import json

import pytest

from decision_logic import decide_each, write_letter
from site_config.browser import assets as browser_assets
from tests.conftest import shipped_stdlib

#: answers and fields that reach a letter (fixtures, no real person)
TABLE, ANSWERS = "inkommen-inbjudan", {"verksamhet": "halso-och-sjukvard",
                                       "kontakt": "saknas", "specialist": "nej"}
LETTER, FIELDS = "fraga-till-inbjudaren", {
    "till": "Exempelskolan", "var-verksamhet": "Exempelvårdcentralen",
    "inbjudan": "samverkansmöte måndag 12 januari kl. 9.00",
    "fraga": "Vad behöver vi ta med till mötet?",
    "kontaktperson": "Mottagningen, 0470-00 00 03"}

#: Runs in the page: loads Pyodide as worker.mjs does, then the core, in Python.
LOAD = """async ({ pyodide, stdlib, app, modules, table, answers, letter, fields }) => {
  const { loadPyodide } = await import(`${pyodide}pyodide.mjs`);
  const lockFile = await (await fetch(`${app}pyodide-lock.json`)).text();
  const bundle = await (await fetch(`${app}tables.json`)).text();
  const py = await loadPyodide({
    indexURL: pyodide, stdLibURL: stdlib,
    lockFileContents: lockFile, packageBaseUrl: app, packages: ["decision-logic"],
  });
  py.globals.set("request", JSON.stringify({ modules, bundle, table, answers, letter, fields }));
  return py.runPython(`
import importlib, json
request = json.loads(request)
for name in request["modules"]:
    importlib.import_module(name)
browser = importlib.import_module("decision_logic.browser")
try:
    import sqlite3  # in the full standard library, not in the trimmed one
    trimmed = False
except ModuleNotFoundError:
    trimmed = True
json.dumps({
    "installed": json.loads(browser.install(request["bundle"])),
    "answer": json.loads(browser.answer(json.dumps(
        {"table": request["table"], "answers": request["answers"]}))),
    "letter": json.loads(browser.letter(json.dumps({
        "letter": request["letter"], "fields": request["fields"],
        "answers": request["answers"]}))),
    "trimmed": trimmed,
})
`);
}"""


@pytest.mark.python
def test_pyodide_runs_the_core_on_the_trimmed_standard_library(page, site_url, site_dir):
    pyodide_dir = next((site_dir / "assets" / "pyodide").iterdir())
    app_dir = next((site_dir / "assets" / "beslutsstod").iterdir())
    stdlib = shipped_stdlib(site_dir)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    # Pyodide logs a failed import while installing the wheel and goes on (before: tarfile,
    # which its package loader imports, was missing): any error there fails the test.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site_url}ordlista/")
    modules = [f"decision_logic.{p.stem}" if p.stem != "__init__" else "decision_logic"
               for p in browser_assets.core_modules()]
    result = json.loads(page.evaluate(LOAD, {
        "pyodide": f"{site_url}assets/pyodide/{pyodide_dir.name}/",
        "stdlib": f"{site_url}assets/pyodide/{pyodide_dir.name}/{stdlib.name}",
        "app": f"{site_url}assets/beslutsstod/{app_dir.name}/",
        "modules": modules, "table": TABLE, "answers": ANSWERS, "letter": LETTER,
        "fields": FIELDS,
    }))
    assert result["trimmed"] is True
    assert result["installed"] == {"ok": True}
    expected = [d.to_dict() for d in decide_each(TABLE, ANSWERS)]
    assert result["answer"] == {"ok": True, "decisions": expected}
    assert result["letter"]["ok"] is True
    assert result["letter"]["text"] == write_letter(LETTER, FIELDS, ANSWERS)["text"]
    assert any(url.endswith(f"/{stdlib.name}") for url in fetched)
    assert not any(url.endswith("/python_stdlib.zip") for url in fetched)
    assert errors == []
