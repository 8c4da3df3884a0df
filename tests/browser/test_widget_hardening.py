"""Issue 25, items 2 and 3, and issue 23, item 3: the widget survives odd links and a
dying worker, and the Python runtime follows the page's version. Each test is the
issue's probe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, ask_python

READY = 'form[data-widget][data-state="ready"]'
ERROR_STATE = 'form[data-widget][data-state="error"]'


def _watch(page) -> list[str]:
    """Console errors and uncaught exceptions of the page, as they come."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append(f"pageerror: {e}"))
    return seen


def test_an_escaped_ampersand_in_a_link_gives_the_message_and_a_working_form(page, site_url,
                                                                           catalog):
    # Before: the value "fore-forskoleklass&verksamhet=annan" matched a real snapshot key,
    # mount() threw before Python started and the buttons stayed disabled.
    seen = _watch(page)
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass%26verksamhet%3Dannan")
    error = page.locator('[data-role="error"]')
    question = next(q for q in catalog.table("ansvarig").questions if q.id == "skede")
    expect(error).to_contain_text(question.label)
    assert "verksamhet=annan" not in error.inner_text()
    assert page.get_attribute('[data-role="result"]', "data-outcome") is None
    expect(page.locator('[data-action="restart"]')).to_be_enabled()
    expect(page.locator('[data-action="copy-link"]')).to_be_enabled()
    page.check('input[name="skede"][value="skola"]')
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome",
                                                                   "rektor-skolan")
    assert not any("pageerror" in s for s in seen), seen


@pytest.mark.parametrize(("table", "query", "outcome"), [
    ("ansvarig", "?skede=skola&skede=skola", "rektor-skolan"),
    ("skicka-inbjudan", "?har-link=ja&mottagare=skola&mottagare=skola&mottagare=polisen",
     None),
])


@pytest.mark.python
def test_the_same_value_twice_is_taken_once_as_python_takes_it(page, site_url, table, query,
                                                              outcome):
    # Before: refused in the browser with "Svaret i länken finns inte", though Python
    # accepts it.
    seen = _watch(page)
    page.goto(f"{site_url}beslutsstod/{table}/{query}")
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", re.compile(r"\S"))
    drawn = result.get_attribute("data-outcome")
    if outcome:
        assert drawn == outcome
    else:
        assert len(drawn.split()) == 2  # one outcome per recipient, skola once
    expect(page.locator('[data-role="error"]')).to_be_hidden()
    page.wait_for_selector(READY)
    # Python has confirmed the link's state by the time it answers a later call; it
    # agrees (a disagreement would redraw and log "oense").
    assert python_says(page, table, {}) is not None
    expect(result).to_have_attribute("data-outcome", drawn)
    assert not any("oense" in s for s in seen), seen


def python_says(page, table: str, answers: dict) -> list[str | None] | None:
    """The outcomes the runtime serving this page answers (``ask_python``)."""
    (reply,) = ask_python(page, [{"table": table, "answers": answers}])
    return [d["outcome"] for d in reply["decisions"]] if reply["ok"] else None


def runtime_limit(name: str) -> int:
    """A time limit of ``runtime.js`` in milliseconds, as the page has it."""
    source = (ROOT / "docs" / "assets" / "widget" / "runtime.js").read_text(encoding="utf-8")
    return int(re.search(rf"^const {name} = (\d+);$", source, re.M)[1])


def _kill_worker(page) -> None:
    """End the Pyodide worker from inside, as a crash would: the page gets no event."""
    assert page.workers
    for worker in page.workers:
        with worker.expect_event("close"):
            worker.evaluate("setTimeout(() => self.close(), 0)")


@pytest.mark.python
def test_a_dead_worker_gives_try_again_and_no_disagreement(page, site_url):
    # Before: the widget stayed "ready", each answer waited 15 s for "svarade inte i tid",
    # a false "oense" was logged and no "Försök igen" was offered.
    seen = _watch(page)
    page.clock.install()
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector(READY)
    _kill_worker(page)
    page.check('input[name="skede"][value="vantat-barn"]')
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", "modrahalsovarden")  # the snapshot's
    # The change asked Python at once (its time limit runs from then); the dead worker
    # never answers, and the page's clock is moved past the limit instead of waited for.
    page.clock.fast_forward(runtime_limit("CALL_TIMEOUT_MS"))
    page.wait_for_selector(ERROR_STATE)
    expect(page.locator('[data-role="engine"]')).to_contain_text("slutade svara")
    retry = page.locator('[data-role="retry"]')
    expect(retry).to_be_visible()
    expect(result).to_have_attribute("data-outcome", "modrahalsovarden")
    assert not any("oense" in s for s in seen), seen
    with page.expect_worker():
        retry.click()
    page.wait_for_selector(READY)
    expect(page.locator('[data-role="engine"]')).to_be_hidden()


@pytest.mark.python
def test_a_dead_worker_is_replaced_on_the_next_widget_page(page, instant_url):
    # Before: instant navigation reused the dead runtime ("ready" at once, then 15 s of
    # silence per answer).
    seen = _watch(page)
    page.clock.install()
    page.goto(f"{instant_url}beslutsstod/ansvarig/")
    page.wait_for_selector(READY)
    page.evaluate("window.__samePage = true")
    _kill_worker(page)
    next_form = 'form[data-widget="kalla-till-mote"][data-state="ready"]'
    with page.expect_worker():
        page.locator('a[href$="kalla-till-mote/"]:visible').first.click()
        # The next page's widget takes the runtime it finds (ready at once) and pings it
        # as it does; the dead worker never answers, and the page's clock is moved past
        # the ping's limit instead of waited for.
        page.wait_for_selector(next_form)
        page.clock.fast_forward(runtime_limit("PING_TIMEOUT_MS"))
    page.wait_for_selector(next_form)
    assert page.evaluate("window.__samePage") is True
    expect(page.locator('[data-role="retry"]')).to_be_hidden()
    assert not any("oense" in s for s in seen), seen


@pytest.mark.python
def test_after_a_redeploy_the_next_page_is_answered_by_its_own_version(page, deployment):
    # Before: the worker kept the old tables.json, disagreed with the new page's snapshot
    # and "won": the old answer replaced the new one (console "oense").
    deployment.deploy()
    url = deployment.url
    seen = _watch(page)
    page.goto(f"{url}beslutsstod/kalla-till-mote/")
    page.wait_for_selector(READY)
    page.evaluate("window.__samePage = true")
    # The region deploys the changed table (school → kaa) while the page is open.
    deployment.deploy(edited=True)
    page.evaluate("""() => {
        const link = document.createElement("a");
        link.href = new URL("../ansvarig/?skede=skola", location.href).href;
        link.id = "probe";
        link.textContent = "ansvarig";
        document.querySelector("article").append(link);
    }""")
    with page.expect_worker():
        page.click("#probe")
    page.wait_for_selector('form[data-widget="ansvarig"][data-state="ready"]')
    assert page.evaluate("window.__samePage") is True
    assert python_says(page, "ansvarig", {"skede": "skola"}) == ["kaa"]
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "kaa")
    assert not any("oense" in s for s in seen), seen
