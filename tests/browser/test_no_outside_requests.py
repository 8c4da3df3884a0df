"""Every page, and every widget through its states, requests nothing from another origin
(the page's and its workers' requests alike, the service worker's too: the reader stores
the site for offline use first, so its worker fetches every file of the site). One browser
visit for all (it merges the former per-table test_no_request_leaves_the_site of
test_browser_widget.py, which opened each widget in a browser of its own)."""

from __future__ import annotations

import pytest

from decision_logic import decide
from decision_logic.toolchain.completeness import all_paths
from tests.conftest import content_pages, new_context


@pytest.fixture(scope="module")
def recording(browser, site_url):
    context = new_context(browser, python=True, service_worker=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page, requests
    context.close()


@pytest.mark.python
def test_no_page_or_widget_state_requests_another_origin(recording, site_url, site_dir,
                                                         catalog):
    page, requests = recording
    pages = [p.relative_to(site_dir).parent.as_posix() for p in content_pages(site_dir)]
    assert len(pages) >= 14
    page.goto(site_url)
    page.locator('[data-action="offline-on"]').click()
    page.wait_for_selector('html[data-kb-offline="all"]', state="attached")
    for path in pages:
        page.goto(site_url + ("" if path == "." else f"{path}/"))
        page.wait_for_load_state("networkidle")
        table_id = path.removeprefix("beslutsstod/")
        if table_id in catalog.tables:
            page.wait_for_selector('form[data-widget][data-state="ready"]')
            # Through the questions to an outcome: a letter's outcome where there is one.
            paths = all_paths(catalog.table(table_id))
            served = {o for letter in catalog.letters_of(table_id) for o in letter.outcomes}
            paths = [a for a in paths if decide(table_id, a).outcome in served] or paths
            for question, value in paths[-1].items():
                page.check(f'input[name="{question}"][value="{value}"]')
            page.wait_for_selector('[data-role="result"][data-outcome]')
            if served:
                letter = page.locator('[data-role="result"] [data-letter]')
                letter.locator('input[name="var-verksamhet"]').fill("Exempelmottagningen")
                letter.locator('[data-action="write-letter"]').click()
                letter.locator('[data-role="letter-error"]:not([hidden])').wait_for()
    assert any(url.endswith("pyodide.asm.wasm") for url in requests)
    # Every widget page was requested from the site itself (the former per-table test).
    for table_id in catalog.tables:
        assert any(url.startswith(f"{site_url}beslutsstod/{table_id}/") for url in requests)
    outside = sorted({url for url in requests if not url.startswith(site_url)})
    assert outside == []
