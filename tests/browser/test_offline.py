"""Offline use, the reader's choice (site_config/deploy/offline, docs/assets/widget/offline.js):
a first visit stores nothing; after "Spara för användning utan uppkoppling" every page, a
deep-linked answer, Python and a letter work offline, a page from the store says why
(offline, or a server too slow), a redeploy reaches the reader on the next navigation and
an open page offers to reload; "Ta bort det som sparats" leaves nothing, online and
offline. A full disk, a snapshot Pyodide will not make and a gzip bomb planted as a
snapshot only ever cost the ordinary start.

The site is built for the address it is served at (instant navigation needs it), into a
folder the test can rebuild in place: a redeploy is a new build into the same folder.
"""

from __future__ import annotations

import base64
import re
import time
import zlib

import pytest
from playwright.sync_api import expect

from site_config.deploy.offline import SNAPSHOT_BYTES, offline_list
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
FAILED = '[data-role="offline-failed"]'
SAVE = '[data-action="offline-on"]'
REMOVE = '[data-action="offline-off"]'
#: Sparad version från <datum> – du är inte uppkopplad.
STORED_TEXT = re.compile(r"^Sparad version från \d{1,2} \w+ \d{4} – du är inte uppkopplad\.$")
SLOW_TEXT = re.compile(r"^Sparad version från \d{1,2} \w+ \d{4} – servern svarar inte\.$")
SAVED_TEXT = re.compile(r"Sparad för användning utan uppkoppling, \d+,\d MB\.")
REMOVED_TEXT = re.compile(r"Det som sparats är borttaget \((\d+,\d) MB\)\.")
NO_ROOM_TEXT = re.compile(r"kan inte sparas för användning utan uppkoppling på den här "
                          r"enheten: det finns inte tillräckligt med lagringsutrymme")
#: the stored snapshot of Python's memory, as the worker keeps it (docs/assets/widget/worker.mjs)
SNAPSHOTS = """async () => {
    const cache = await caches.open("kb-python-snapshot");
    return (await cache.keys()).map((request) => request.url);
}"""
PYTHON_FROM = 'html[data-kb-python="{}"]'
#: what became of the snapshot the Python worker made at the start (worker.mjs)
SNAPSHOT_FATE = 'html[data-kb-python-snapshot="{}"]'
#: everything the site keeps in this browser: service workers, caches and their entries,
#: and the browser's own count of the origin's storage
STORAGE = """async () => {
    const caches_ = {};
    for (const name of await caches.keys()) {
      caches_[name] = (await (await caches.open(name)).keys()).length;
    }
    const { usage } = await navigator.storage.estimate();
    return { workers: (await navigator.serviceWorker.getRegistrations()).length,
             caches: caches_, usage };
}"""


@pytest.fixture
def served(deployment: Deployment) -> Deployment:
    """The site as deployed first, fresh for each test (a copy of the run's one build for
    this address; ``deploy(edited=True)`` redeploys the changed table, ``pages_go`` holds
    pages back while it is clear)."""
    deployment.deploy()
    return deployment


@pytest.fixture
def context(browser):
    context = new_context(browser, python=True, service_worker=True)
    yield context
    context.close()


def storage(page) -> dict:
    return page.evaluate(STORAGE)


def save(page) -> None:
    """Press "Spara för användning utan uppkoppling" and wait until all is stored."""
    page.locator(SAVE).first.click()
    page.wait_for_selector(STORED_ALL, state="attached")
    expect(page.locator('[data-role="offline-offer"]').first).to_contain_text(SAVED_TEXT)


def visit_once(page, served: Deployment, path: str) -> None:
    """A visit that waits for Python, then the reader's choice to store the site."""
    page.goto(served.url + path)
    page.wait_for_selector(READY)
    save(page)


def saved_then_open(page, served: Deployment, path: str) -> None:
    """The reader stores the site from the start page, then opens ``path`` (from the
    store, Python from the stored snapshot). The start page has no widget, so the one
    Python start is the one "Spara" makes the snapshot with (4–6 s of CPU each; the
    first visit's own start is under test in ``visit_once``'s tests). The page opened
    is controlled: once it has settled, offline.js asks the service worker to store any
    of Python's files that are missing, so a test that removes stored files right away
    races with that (``visit_once`` has no such later request)."""
    page.goto(served.url)
    save(page)
    page.goto(served.url + path)


@pytest.mark.python
def test_a_first_visit_to_any_page_stores_nothing(context, served):
    page = context.new_page()
    for path in ("", "ordlista/", "beslutsstod/ansvarig/?skede=skola"):
        page.goto(served.url + path)
        page.wait_for_load_state("networkidle")
        if "beslutsstod" in path:
            page.wait_for_selector(READY)
            # Offered quietly beside the answer, with the build's sizes.
            expect(page.locator("form[data-widget] ~ [data-role=offline-offer]")).to_contain_text(
                re.compile(r"alla sidor \(\d+,\d MB\), Python .* \(\d+,\d MB\)"))
        page.wait_for_selector('html[data-kb-offline="off"]', state="attached")
        assert storage(page) == {"workers": 0, "caches": {}, "usage": 0}, path
    # Python started the ordinary way: no snapshot of its memory is made or kept.
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    offer = page.locator('[data-role="offline-offer"]')
    expect(offer.locator(SAVE)).to_have_text("Spara för användning utan uppkoppling")


@pytest.mark.python
def test_after_saving_every_page_a_deep_link_and_a_letter_work_offline(context, served):
    page = context.new_page()
    saved_then_open(page, served, "beslutsstod/ansvarig/?skede=skola")
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
def test_a_redeploy_reaches_the_reader_on_the_next_navigation_and_a_slow_server_is_not_offline(
        context, served):
    page = context.new_page()
    saved_then_open(page, served, "beslutsstod/ansvarig/?skede=skola")
    expect(page.locator('[data-role="result"]')).to_have_attribute(
        "data-outcome", "rektor-skolan")
    # A Python snapshot made with a standard library no longer on the site (as after an
    # update of Pyodide), beside this visit's own: the new deploy's worker drops it.
    wait_for_async(page, f"async () => (await ({SNAPSHOTS})()).length === 1")
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

    # A slow server is not called offline: the server holds pages back (as after a
    # redeploy under load) while the reader is online; the page comes from the store.
    served.pages_go.clear()
    page.goto(served.url + "kallor/")
    expect(page.locator(NOTICE)).to_have_text(SLOW_TEXT)
    served.pages_go.set()
    assert page.evaluate("navigator.onLine") is True


@pytest.mark.python
def test_a_returning_reader_s_python_starts_from_its_snapshot_and_a_bad_one_is_ignored(
        context, served):
    page = context.new_page()
    visit_once(page, served, "beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    # Stored with the site, under the address of the standard library it was made with,
    # and about as large as the offer says (the build cannot measure it).
    stdlib = page.get_attribute("form[data-widget]", "data-stdlib")
    assert page.evaluate(SNAPSHOTS) == [f"{served.url}{stdlib.removeprefix('../../')}?snapshot"]
    packed = page.evaluate("""async (key) => (await (await (await caches.open(
        "kb-python-snapshot")).match(key)).blob()).size""", page.evaluate(SNAPSHOTS)[0])
    assert 0.7 * SNAPSHOT_BYTES < packed < 1.3 * SNAPSHOT_BYTES, packed

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


def test_save_data_readers_are_told_the_size_first_and_remove_leaves_nothing(
        context, served):
    """A reader whose browser asks to save data is told the size before anything is
    stored; what was stored is then removed, online and offline."""
    page = context.new_page()
    data_saver = context.new_cdp_session(page)
    data_saver.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(served.url)
    page.locator(SAVE).click()
    offer = page.locator('[data-role="offline-offer"]')
    expect(offer).to_contain_text(re.compile(
        r"inställd på att spara data\. .* hämtar och sparar omkring \d+,\d MB"))
    assert storage(page)["workers"] == 0
    offer.locator('[data-action="offline-confirm"]').click()
    page.wait_for_selector(STORED_ALL, state="attached")
    expect(offer.first).to_contain_text(SAVED_TEXT)
    stored = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        }
        return urls;
    }""")
    assert any(url.endswith("/kallor/") for url in stored)
    assert any(url.endswith("pyodide.asm.wasm") for url in stored)
    data_saver.send("Emulation.setDataSaverOverride", {})

    # Remove: nothing is left, online and offline.
    saved = storage(page)
    assert saved["workers"] == 1 and saved["usage"] > 10e6
    # The choice is visible on any page with the offer, after a reload too.
    page.reload()
    expect(page.locator('[data-role="offline-offer"]')).to_contain_text(SAVED_TEXT)

    page.locator(REMOVE).click()
    expect(page.locator('[data-role="offline-offer"]')).to_contain_text(REMOVED_TEXT)
    page.wait_for_selector('html[data-kb-offline="off"]', state="attached")
    after = storage(page)
    assert (after["workers"], after["caches"]) == (0, {})
    page.reload()
    expect(page.locator(SAVE)).to_be_visible()
    assert storage(page)["caches"] == {}

    # Offline: the page comes from the store, and removing works there too.
    save(page)
    context.set_offline(True)
    page.reload()
    expect(page.locator(NOTICE)).to_have_text(STORED_TEXT)
    page.locator(REMOVE).click()
    expect(page.locator('[data-role="offline-offer"]')).to_contain_text(REMOVED_TEXT)
    after = storage(page)
    assert (after["workers"], after["caches"]) == (0, {})


def fill_other_cache(page, megabytes: int, quota_mb: int) -> None:
    """A browser near its quota: ``quota_mb`` for the origin, ``megabytes`` of it held by
    something else (another cache of the origin)."""
    origin = page.evaluate("location.origin")
    context_session = page.context.new_cdp_session(page)
    context_session.send("Storage.overrideQuotaForOrigin",
                         {"origin": origin, "quotaSize": quota_mb * 1024 * 1024})
    page.evaluate("""async (size) => (await caches.open("someone-else"))
        .put("/someone-else", new Response(new Uint8Array(size)))""", megabytes * 1024 * 1024)


@pytest.mark.python
def test_a_full_disk_means_a_notice_and_python_still_starts(context, served):
    page = context.new_page()
    path = "beslutsstod/ansvarig/?skede=skola"
    page.goto(served.url + path)
    fill_other_cache(page, 52, 60)
    # Visit 1: Python starts, the reader asks to store the site, which does not fit.
    page.wait_for_selector(READY)
    page.locator(SAVE).first.click()
    expect(page.locator('[data-role="offline-status"]').first).to_have_text(NO_ROOM_TEXT)
    page.wait_for_selector('html[data-kb-offline="off"]', state="attached")
    # What was stored before the disk was full is removed again; someone else's is not.
    assert storage(page)["workers"] == 0
    assert storage(page)["caches"] == {"someone-else": 1}
    # Visit 2: Python starts as ever (before: "Failed to fetch", and "Försök igen" too).
    page.goto(served.url + path)
    page.wait_for_selector(READY)
    expect(page.locator('[data-role="result"]')).to_have_attribute(
        "data-outcome", "rektor-skolan")
    expect(page.locator(SAVE).first).to_be_visible()
    assert storage(page)["caches"] == {"someone-else": 1}


@pytest.mark.python
def test_a_disk_full_after_saving_still_serves_what_the_worker_fetches(context, served):
    page = context.new_page()
    visit_once(page, served, "beslutsstod/inkommen-inbjudan/" + REPLY_LETTER_QUERY)
    # Later the disk fills up, and the stored wasm and snapshot are gone (as after a
    # Pyodide update): Python starts the ordinary way and makes a snapshot to keep.
    page.evaluate("""async () => {
        const cache = await caches.open("kb-static");
        for (const request of await cache.keys()) {
          if (request.url.endsWith(".wasm")) await cache.delete(request);
        }
        await caches.delete("kb-python-snapshot");
    }""")
    usage = page.evaluate("async () => (await navigator.storage.estimate()).usage")
    fill_other_cache(page, 1, usage // (1024 * 1024) + 2)
    page.reload()
    # The worker cannot store the wasm again, but the page gets it, and Python answers.
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    expect(write_reply_letter(page)).to_contain_text("Exempelmottagningen")
    # The page is told that Python's files cannot be kept here (sw.js's store-failed) …
    expect(page.locator(FAILED)).to_contain_text(NO_ROOM_TEXT)
    # … and the snapshot Python's worker made at the start leaves its memory unstored.
    page.wait_for_selector(SNAPSHOT_FATE.format("dropped"), state="attached")
    assert page.evaluate(SNAPSHOTS) == []


@pytest.mark.python
@pytest.mark.parametrize("pyodide_change", ["refuses", "has no method"])
def test_a_snapshot_pyodide_will_not_make_costs_nothing(context, served, pyodide_change):
    """makeMemorySnapshot is private in Pyodide: an upgrade may make it throw, or drop it."""
    (runtime,) = served.folder.glob("assets/pyodide/*/pyodide.asm.mjs")
    source = runtime.read_text(encoding="utf-8")
    private = "static makeMemorySnapshot({serializer:e}={}){"
    assert source.count(private) == 1
    changed = (private + 'throw new Error("refused");' if pyodide_change == "refuses"
               else private.replace("makeMemorySnapshot", "makeMemorySnapshotGone"))
    runtime.unlink()  # a hard link to the run's build: replaced, not changed in place
    runtime.write_text(source.replace(private, changed), encoding="utf-8")
    page = context.new_page()
    page.goto(served.url)
    save(page)
    assert page.evaluate(SNAPSHOTS) == []
    # A controlled page asks Python for a snapshot at every start: it still answers.
    page.goto(served.url + "beslutsstod/inkommen-inbjudan/" + REPLY_LETTER_QUERY)
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    expect(write_reply_letter(page)).to_contain_text("Exempelmottagningen")


def gzip_bomb(unpacked_mb: int) -> bytes:
    """A gzip file of ``unpacked_mb`` MB of zeros, about a thousandth of that packed."""
    zeros = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(unpacked_mb):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    size = (unpacked_mb << 20) & 0xFFFFFFFF
    return (header + block * unpacked_mb + deflate.flush()
            + crc.to_bytes(4, "little") + size.to_bytes(4, "little"))


@pytest.mark.python
def test_a_gzip_bomb_as_snapshot_stops_at_the_cap(context, served):
    page = context.new_page()
    saved_then_open(page, served, "beslutsstod/ansvarig/?skede=skola")
    # This page's Python has read the good snapshot before the bomb takes its place.
    page.wait_for_selector(READY)
    (key,) = page.evaluate(SNAPSHOTS)
    bomb = base64.b64encode(gzip_bomb(1024)).decode()
    page.evaluate("""async ([key, bomb]) => {
        const bytes = Uint8Array.from(atob(bomb), (c) => c.charCodeAt(0));
        await (await caches.open("kb-python-snapshot")).put(key, new Response(bytes));
    }""", [key, bomb])
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "larger than" in message.text else None)
    began = time.monotonic()
    page.reload()
    page.wait_for_selector(READY)
    page.wait_for_selector(PYTHON_FROM.format("start"), state="attached")
    print(f"Python ready {time.monotonic() - began:.1f} s after loading with a 1 GB bomb")
    assert refused, "the worker stops unpacking at its cap"
    # The bomb is deleted, and a snapshot of this start takes its place.
    wait_for_async(page, """async () => {
        const cache = await caches.open("kb-python-snapshot");
        const [key] = await cache.keys();
        if (!key) return false;
        return (await (await cache.match(key)).blob()).size < 20e6;
    }""")
