"""The service worker (site_config/offline): after one visit every page, a deep-linked
answer, Python and a letter work offline, a page from the store says so, a redeploy
reaches the reader on the next navigation and an open page offers to reload, and
Save-Data keeps Pyodide out of the store.

The site is built for the address it is served at (instant navigation needs it), once
per run (conftest's ``deployment``); each test starts from a fresh copy of it, and a
redeploy replaces the served folder with the build of the changed table.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from site_config.offline import offline_list
from tests.conftest import (
    REPLY_LETTER_QUERY,
    Deployment,
    new_context,
    wait_for_async,
    write_reply_letter,
)

READY = 'form[data-widget][data-state="ready"]'
STORED_ALL = 'html[data-kb-offline="all"]'
NOTICE = '[data-role="offline-notice"]'
#: Sparad version från <datum> – du är inte uppkopplad.
STORED_TEXT = re.compile(r"^Sparad version från \d{1,2} \w+ \d{4} – du är inte uppkopplad\.$")
#: the stored snapshot of Python's memory, as the worker keeps it (docs/assets/widget/worker.mjs)
SNAPSHOTS = """async () => {
    const cache = await caches.open("kb-python-snapshot");
    return (await cache.keys()).map((request) => request.url);
}"""
PYTHON_FROM = 'html[data-kb-python="{}"]'


@pytest.fixture
def served(deployment: Deployment) -> Deployment:
    """The site as deployed first, fresh for each test (a copy of the run's one build for
    this address; ``deploy(edited=True)`` redeploys the changed table)."""
    deployment.deploy()
    return deployment


@pytest.fixture
def context(browser):
    """A context with Python and the service worker: both are what these tests test."""
    context = new_context(browser, python=True, service_worker=True)
    yield context
    context.close()


def visit_once(page, served: Deployment, path: str) -> None:
    page.goto(served.url + path)
    page.wait_for_selector(READY)
    page.wait_for_selector(STORED_ALL, state="attached")


@pytest.mark.python
def test_after_one_visit_every_page_a_deep_link_and_a_letter_work_offline(context, served):
    page = context.new_page()
    visit_once(page, served, "beslutsstod/ansvarig/?skede=skola")
    # Online, a page is the network's and says nothing about the store.
    page.goto(served.url + "kallor/")
    page.wait_for_selector("article h1")
    assert page.locator(NOTICE).count() == 0

    context.set_offline(True)
    # Before: Chromium's ERR_INTERNET_DISCONNECTED for every address but the open one.
    pages = offline_list(served.folder)["pages"]
    assert len(pages) > 10
    for path in pages:
        page.goto(served.url + ("" if path == "./" else path))
        page.wait_for_selector("h1")
        if "bba" in path:  # an old address: its redirect page leads on, also offline
            page.wait_for_url(served.url + "beslutsstod/ansvarig/")
        expect(page.locator(NOTICE)).to_have_text(STORED_TEXT)

    # A deep-linked answer, then Python from the store, then a letter.
    page.goto(served.url + "beslutsstod/inkommen-inbjudan/" + REPLY_LETTER_QUERY)
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "hanvisa")
    letter = write_reply_letter(page)
    expect(letter).to_contain_text("Exempelmottagningen")

    # Search, from the stored index.
    page.locator("input[data-md-component=search-query]").press_sequentially("rektor")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.python
def test_a_redeploy_reaches_the_reader_on_the_next_navigation(context, served):
    page = context.new_page()
    visit_once(page, served, "beslutsstod/ansvarig/?skede=skola")
    expect(page.locator('[data-role="result"]')).to_have_attribute(
        "data-outcome", "rektor-skolan")
    # A Python snapshot made with a standard library no longer on the site (as after an
    # update of Pyodide): the new deploy's worker drops it.
    foreign = f"{served.url}assets/pyodide/0.0.0/python_stdlib.000000000000.zip?snapshot"
    page.evaluate("""async (key) => (await caches.open("kb-python-snapshot"))
        .put(key, new Response("old"))""", foreign)
    # The region deploys a changed table (school → kaa) while the page is open.
    served.deploy(edited=True)

    # The open page learns of it on its next (instant) navigation and offers a reload.
    page.locator('nav a[href$="kallor/"]').first.click()
    page.wait_for_url(served.url + "kallor/")
    update = page.locator('[data-role="update-notice"]')
    expect(update).to_contain_text("Ny version – ladda om")
    update.locator('[data-action="reload"]').click()
    page.wait_for_selector("article h1")
    expect(page.locator('[data-role="update-notice"]')).to_have_count(0)

    # The next navigation to the answer shows the new one, from snapshot and Python alike.
    page.goto(served.url + "beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector(READY)
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "kaa")
    # The old build's store is gone; one store of pages remains.
    wait_for_async(page, """async () => (await caches.keys())
        .filter((name) => name.startsWith("kb-site-")).length === 1""")
    wait_for_async(page, f"""async () => !(await (await caches.open("kb-python-snapshot"))
        .keys()).some((request) => request.url === {foreign!r})""")


@pytest.mark.python
def test_save_data_stores_pages_but_not_pyodide(context, served):
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setDataSaverOverride",
                                       {"dataSaverEnabled": True})
    page.goto(served.url + "beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector('html[data-kb-offline="pages"]', state="attached")
    stored = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        }
        return urls;
    }""")
    assert any(url.endswith("/kallor/") for url in stored)
    assert any("/assets/beslutsstod/" in url for url in stored)
    assert [url for url in stored if "/assets/pyodide/" in url] == []
    # Nor a snapshot of Python's memory (it is kept only beside Python's stored files).
    page.wait_for_selector('html[data-kb-python="start"]', state="attached")
    assert "kb-python-snapshot" not in page.evaluate("async () => await caches.keys()")


@pytest.mark.python
def test_a_returning_reader_s_python_starts_from_its_snapshot_and_a_bad_one_is_ignored(
        context, served):
    page = context.new_page()
    visit_once(page, served, "beslutsstod/ansvarig/?skede=skola")
    # The first visit, which no service worker controlled yet, made no snapshot: a browser
    # that keeps no offline copy would only have thrown it away.
    assert "kb-python-snapshot" not in page.evaluate("async () => await caches.keys()")
    # The next visit, controlled by the service worker, makes one, stored once the site
    # is, under the address of the standard library it was made with.
    page.reload()
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    wait_for_async(page, f"async () => (await ({SNAPSHOTS})()).length === 1")
    stdlib = page.get_attribute("form[data-widget]", "data-stdlib")
    assert page.evaluate(SNAPSHOTS) == [f"{served.url}{stdlib.removeprefix('../../')}?snapshot"]

    # The next visit: Python restored from it answers and writes the letter.
    page.goto(served.url + "beslutsstod/inkommen-inbjudan/" + REPLY_LETTER_QUERY)
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("snapshot"), state="attached")
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "hanvisa")
    expect(write_reply_letter(page)).to_contain_text("Exempelmottagningen")

    # A snapshot that cannot be restored (here: its first half only) costs only the
    # ordinary start: the same answer and letter, and a good snapshot in its place.
    size = page.evaluate("""async (key) => {
        const cache = await caches.open("kb-python-snapshot");
        const packed = (await cache.match(key)).body;
        const whole = await new Response(packed.pipeThrough(new DecompressionStream("gzip")))
            .arrayBuffer();
        const half = new Blob([whole.slice(0, whole.byteLength / 2)]).stream()
            .pipeThrough(new CompressionStream("gzip"));
        await cache.put(key, new Response(half));
        return whole.byteLength;
    }""", page.evaluate(SNAPSHOTS)[0])
    page.reload()
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "hanvisa")
    expect(write_reply_letter(page)).to_contain_text("Exempelmottagningen")
    wait_for_async(page, f"""async () => {{
        const cache = await caches.open("kb-python-snapshot");
        const [key] = await cache.keys();
        const packed = (await cache.match(key)).body;
        const whole = await new Response(packed.pipeThrough(new DecompressionStream("gzip")))
            .arrayBuffer();
        return whole.byteLength === {size};
    }}""")
    page.goto(served.url + "beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("snapshot"), state="attached")
