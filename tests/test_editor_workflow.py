"""The README's "Så ändrar du en rutin", proven: on a copy of the project, one changed row
in a table's YAML changes the rendered table, the diagram and the widget's answer."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, _QuietHandler

COPIED = ["decision_logic", "site_config", "docs", "mkdocs.yml", "pyproject.toml",
          "package.json", "README.md"]


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    table = copy / "decision_logic" / "tables" / "ansvarig.yaml"
    text = table.read_text(encoding="utf-8")
    row = "  - when: {skede: skola}\n    outcome: rektor-skolan\n"
    assert row in text
    table.write_text(text.replace(row, "  - when: {skede: skola}\n    outcome: kaa\n"),
                     encoding="utf-8")
    # The editor's check notices that the school outcome is now used by no row.
    check = subprocess.run([sys.executable, "-m", "decision_logic", "check",
                            str(copy / "decision_logic")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(copy)}, check=False)
    assert check.returncode == 1
    assert "Utfallet 'rektor-skolan' kan aldrig nås" in check.stdout
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                    str(copy / "site")], cwd=copy, check=True,
                   env={**os.environ, "PYTHONPATH": str(copy)})
    return copy / "site"


def _row_for_school(html: str) -> str:
    table = html[html.index('class="kb-table"'):]
    start = table.index("Barnet går i skolan")
    return table[start:table.index("</tr>", start)]


def test_the_rendered_table_follows_the_changed_row(edited_site, site_dir):
    page = "beslutsstod/ansvarig/index.html"
    assert "Rektorn på barnets skola är BBA" in _row_for_school(
        (site_dir / page).read_text(encoding="utf-8"))
    assert "Kommunal aktivitetsansvarig (KAA) är BBA" in _row_for_school(
        (edited_site / page).read_text(encoding="utf-8"))


def test_the_diagram_follows_the_changed_row(edited_site):
    html = (edited_site / "beslutsstod/ansvarig/index.html").read_text(encoding="utf-8")
    diagram = html[html.index('data-diagram="ansvarig"'):html.index("</figure>")]
    assert "Barnet går i skolan (från förskoleklass) → <strong>Kommunal aktivitetsansvarig" \
        in diagram


@pytest.mark.browser
def test_the_widget_gives_the_changed_answer(edited_site, browser):
    handler = functools.partial(_QuietHandler, directory=str(edited_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/beslutsstod/ansvarig/"
                  "?skede=skola")
        page.wait_for_selector('form[data-widget][data-state="ready"]')
        assert page.get_attribute('[data-role="result"]', "data-outcome") == "kaa"
    finally:
        context.close()
        server.shutdown()
        server.server_close()
