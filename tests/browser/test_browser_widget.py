"""The widgets in real Chromium: the same answers as CPython, deep links, and failure.

Tests without the marker ``python`` see the widget as a reader does before Python is
ready (the page fixture holds the Python worker back): every answer there is the
build-time snapshot's. The parity test asks Python itself about every state."""

from __future__ import annotations

import re
from html import escape

import pytest
from playwright.sync_api import expect

from decision_logic import decide, decide_each
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.completeness import all_paths
from site_config.render.snapshot import drawn_fields
from tests.conftest import ask_python, new_context, shipped_stdlib
from tests.site.test_snapshot import page_snapshot, state_answers

TABLE_IDS = sorted(load_catalog().tables)
READY = 'form[data-widget][data-state="ready"]'
#: Matches any value of an attribute: "not to have it" then waits until it is gone.
ANY_VALUE = re.compile(".*")


def open_widget(page, site_url: str, table_id: str, query: str = "") -> None:
    """The widget page, drawn (the widget has set its state: loading, ready or error)."""
    page.goto(f"{site_url}beslutsstod/{table_id}/{query}")
    page.wait_for_selector("form[data-widget][data-state]")


def result_outcome(page) -> str | None:
    return page.get_attribute('[data-role="result"]', "data-outcome")


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_path_clicked_in_the_browser_gives_cpythons_outcome(page, site_url, catalog,
                                                                  table_id):
    """What the widget draws from the build-time snapshot, clicked through: CPython's
    outcome on every path (Python is held back; the parity test below is Python's)."""
    table = catalog.table(table_id)
    open_widget(page, site_url, table_id)
    result = page.locator('[data-role="result"]')
    status = page.locator('[data-role="status"]')
    for answers in all_paths(table):
        page.click('[data-action="restart"]')
        # What the reader sees once the restart is drawn: no outcome, the first question.
        expect(result).not_to_have_attribute("data-outcome", ANY_VALUE)
        expect(status).to_have_text(f"Nästa fråga: {table.questions[0].label}")
        for question, value in answers.items():
            page.check(f'input[name="{question}"][value="{value}"]')
        expected = decide(table_id, answers)
        expect(result).to_have_attribute("data-outcome", expected.outcome)
        expect(result).to_contain_text(expected.title)
    assert page.get_attribute("form[data-widget]", "data-state") == "loading"


@pytest.fixture(scope="module")
def python_in_a_page(browser, site_url):
    """One widget page with Python ready, for every question the parity tests ask."""
    context = new_context(browser, python=True)
    page = context.new_page()
    page.goto(f"{site_url}beslutsstod/ansvarig/")
    page.wait_for_selector(READY)
    yield page
    context.close()


def build_time_states(site_dir) -> list[tuple[str, str, list[dict]]]:
    """Every state of every table as the built pages carry it: (table, key, decisions)."""
    return [(table_id, key, decisions) for table_id in TABLE_IDS
            for key, decisions in page_snapshot(site_dir, table_id)["states"].items()]


def disagreements(page, states: list[tuple[str, str, list[dict]]]) -> list[str]:
    """Each state where Python in ``page`` disagrees with CPython's ``decide_each`` (all
    of a decision: outcome, title, text, rules) or with the build-time snapshot (what the
    widget draws), one line each."""
    replies = ask_python(page, [{"table": table_id, "answers": state_answers(key)}
                                for table_id, key, _ in states])
    found = []
    for (table_id, key, drawn), reply in zip(states, replies, strict=True):
        cpython = [d.to_dict() for d in decide_each(table_id, state_answers(key))]
        if reply != {"ok": True, "decisions": cpython}:
            found.append(f"{table_id} ?{key}: Python {reply} ≠ CPython {cpython}")
        elif drawn != [{f: d[f] for f in drawn_fields()} for d in reply["decisions"]]:
            found.append(f"{table_id} ?{key}: Python {reply['decisions']} ≠ sidan {drawn}")
    return found


@pytest.mark.python
def test_python_in_the_browser_gives_every_build_time_answer(python_in_a_page, site_dir):
    """Parity: Pyodide, asked about every state of every table the pages carry, answers
    what CPython's decide_each answers and what the page draws before Python is ready."""
    states = build_time_states(site_dir)
    assert {table_id for table_id, _, _ in states} == set(TABLE_IDS)
    assert len(states) > 100
    assert disagreements(python_in_a_page, states) == []


@pytest.fixture
def planted_disagreement(site_dir) -> tuple[list[tuple[str, str, list[dict]]], str]:
    """The build-time states with one decision changed, as a build that disagreed with
    Python would carry it; and the start of the line the parity check must give for it."""
    states = build_time_states(site_dir)
    at = next(i for i, (table_id, key, _) in enumerate(states)
              if table_id == "ansvarig" and key == "skede=skola")
    table_id, key, drawn = states[at]
    assert drawn[0]["outcome"] == "rektor-skolan"
    states[at] = (table_id, key, [{**drawn[0], "outcome": "kaa"}])
    return states, f"{table_id} ?{key}: Python "


@pytest.mark.python
def test_the_parity_check_fails_when_python_and_the_page_disagree(python_in_a_page,
                                                                  planted_disagreement):
    """The check above can fail: a planted disagreement is found, and only it."""
    states, line = planted_disagreement
    found = disagreements(python_in_a_page, states)
    assert len(found) == 1 and found[0].startswith(line) and "'kaa'" in found[0], found


def test_a_deep_link_shows_the_outcome_as_soon_as_ready(page, site_url):
    open_widget(page, site_url, "ansvarig", "?skede=skola&verksamhet=annan")
    assert result_outcome(page) == "rektor-skolan"
    assert page.is_checked('input[name="skede"][value="skola"]')
    assert page.is_hidden('[data-question="verksamhet"]')


def test_a_deep_link_through_the_preschool_years_asks_both_questions(page, site_url):
    open_widget(page, site_url, "ansvarig", "?skede=fore-forskoleklass")
    assert result_outcome(page) is None
    assert page.is_visible('[data-question="verksamhet"]')
    assert "Nästa fråga: Var arbetar du?" in page.inner_text('[data-role="status"]')
    page.check('input[name="verksamhet"][value="halso-och-sjukvard"]')
    page.wait_for_selector('[data-role="result"][data-outcome="barnhalsovarden-forst"]')


@pytest.mark.python
def test_an_unknown_value_in_the_link_gives_a_swedish_message(page, site_url):
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=gymnasiet")
    error = page.locator('[data-role="error"]')
    expect(error).to_be_visible()
    # Named by the question's and the answers' labels; the link's own text is not repeated,
    # and no internal id is shown.
    expect(error).to_contain_text("'Vilket av följande stämmer in på barnet?'")
    expect(error).to_contain_text(
        "'Barnet går i skolan (förskoleklass, grundskola eller gymnasiet)'")
    assert "gymnasiet'" not in error.inner_text()
    assert "utanfor-gymnasiet" not in error.inner_text()
    assert page.is_visible('[data-question="skede"]')
    assert result_outcome(page) is None
    page.wait_for_selector(READY)
    expect(error).to_contain_text("Vilket av följande stämmer in på barnet?")
    assert result_outcome(page) is None


def test_a_bad_later_answer_keeps_the_answers_before_it(page, site_url):
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=x")
    expect(page.locator('[data-role="error"]')).to_contain_text("Var arbetar du?")
    assert page.is_checked('input[name="skede"][value="fore-forskoleklass"]')
    assert page.is_visible('[data-question="verksamhet"]')


def test_copy_link_gives_the_url_of_the_current_answers(browser, site_url):
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        open_widget(page, site_url, "ansvarig")
        page.check('input[name="skede"][value="fore-forskoleklass"]')
        page.check('input[name="verksamhet"][value="annan"]')
        page.click('[data-action="copy-link"]')
        expected = f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=annan"
        page.wait_for_selector('[data-role="copied"]:not([hidden])')
        assert expected in page.inner_text('[data-role="copied"]')
        assert page.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()


def test_changing_an_earlier_answer_keeps_the_later_answer_that_still_applies(page, site_url):
    open_widget(page, site_url, "ansvarig", "?skede=fore-forskoleklass&verksamhet=annan")
    page.check('input[name="skede"][value="skola"]')
    page.wait_for_selector('[data-role="result"][data-outcome="rektor-skolan"]')
    page.check('input[name="skede"][value="fore-forskoleklass"]')
    page.wait_for_selector('[data-role="result"][data-outcome="barnhalsovarden-eller-forskolan"]')


def test_a_deep_link_is_answered_before_python_is_ready(page, site_url):
    # Python is held back (the page fixture): all that shows is the build-time answer.
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=annan")
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", "barnhalsovarden-eller-forskolan")
    expect(result).to_contain_text(decide("ansvarig", {"skede": "fore-forskoleklass",
                                                       "verksamhet": "annan"}).title)
    # Every question can be clicked through while Python is still loading.
    page.check('input[name="skede"][value="skola"]')
    expect(result).to_have_attribute("data-outcome", "rektor-skolan")
    assert page.get_attribute("form[data-widget]", "data-state") == "loading"
    expect(page.locator('[data-action="copy-link"]')).to_be_enabled()


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f}".replace(".", ",")


@pytest.mark.python(start=True)  # the start itself is under test
def test_the_letter_button_says_it_is_being_prepared_until_python_is_ready(page, site_url,
                                                                          site_dir):
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}beslutsstod/inkommen-inbjudan/"
              "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja")
    write = page.locator('[data-role="result"] [data-action="write-letter"]')
    progress = page.locator('[data-role="result"] [data-role="letter-progress"]')
    expect(write).to_be_disabled()
    # Visibly, with the stage Python has reached and the bytes that have come of all the
    # start fetches (the wasm, the standard library, the app files), counted here from
    # the built files. The wasm is held, so the rest has come and the wasm has not.
    expect(progress).to_be_visible()
    (wasm,) = site_dir.glob("assets/pyodide/*/pyodide.asm.wasm")
    stdlib = shipped_stdlib(site_dir)
    (app,) = site_dir.glob("assets/beslutsstod/*/")
    rest = stdlib.stat().st_size + sum(f.stat().st_size for f in app.iterdir()
                                       if f.suffix not in {".gz", ".br"})
    total = _megabytes(wasm.stat().st_size + rest)
    # It says it is fetching (not starting) while bytes are still to come (#33).
    expect(progress).to_contain_text(re.compile(
        rf"förbereds: hämtar {_megabytes(rest)} MB av {total} MB"))
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    page.wait_for_selector(READY)
    expect(write).to_be_enabled()
    expect(progress).to_have_text("Klart – fyll i fälten och välj ”Skapa brevet”.")


@pytest.mark.python
def test_python_wins_when_it_disagrees_with_the_snapshot(page, site_url):
    """A snapshot that says the wrong thing (forced here) is corrected by Python, and the
    page logs the disagreement for the developers."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    held = []

    def tamper(route):
        html = route.fetch().text()
        # The snapshot is JSON in an attribute, so its quotes are written &quot;.
        state = html.index(escape('"skede=skola":'))
        right = escape('"outcome":"rektor-skolan"')
        at = html.index(right, state)
        wrong = html[:at] + escape('"outcome":"kaa"') + html[at + len(right):]
        route.fulfill(body=wrong, content_type="text/html")

    page.route("**/beslutsstod/ansvarig/?skede=skola", tamper)
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=skola")
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", "kaa")  # what the tampered page says
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    page.wait_for_selector(READY)
    expect(result).to_have_attribute("data-outcome", "rektor-skolan")
    assert any("oense" in e and "skede=skola" in e for e in errors), errors


@pytest.mark.python(start=True)  # the start itself is under test
def test_when_python_cannot_start_the_answers_still_work_and_it_says_so_at_once(page,
                                                                                site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{site_url}beslutsstod/ansvarig/?skede=skola")
    page.wait_for_selector('form[data-widget][data-state="error"]')
    note = page.locator('[data-role="engine"]')
    expect(note).to_contain_text("Frågorna och svaren ovan fungerar ändå")
    assert "webbläsare" not in note.inner_text()
    assert result_outcome(page) == "rektor-skolan"
    page.check('input[name="skede"][value="vantat-barn"]')
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome",
                                                                   "modrahalsovarden")
    # The network recovers: "Försök igen" starts Python afresh.
    page.unroute("**/pyodide.asm.wasm")
    page.click('[data-action="retry"]')
    page.wait_for_selector(READY)
    expect(note).to_be_hidden()


@pytest.mark.python(start=True)  # the start itself is under test
def test_a_wasm_served_with_the_wrong_mime_type_ends_in_error_not_a_hang(page, site_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, content_type="text/plain", body=b"\0asm not really"))
    page.goto(f"{site_url}beslutsstod/ansvarig/")
    page.wait_for_selector('form[data-widget][data-state="error"]')
    expect(page.locator('[data-role="engine"]')).to_contain_text("kunde inte starta")


@pytest.mark.python(start=True)  # the start itself is under test
def test_a_later_widget_of_the_visit_recovers_after_a_failed_start(page, instant_url):
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{instant_url}beslutsstod/ansvarig/")
    page.wait_for_selector('form[data-widget][data-state="error"]')
    page.evaluate("window.__samePage = true")  # gone if the next page is a full load
    page.unroute("**/pyodide.asm.wasm")
    # Material's instant navigation keeps the page's scripts: the next widget starts anew.
    page.locator('a[href$="kalla-till-mote/"]:visible').first.click()
    page.wait_for_selector('form[data-widget="kalla-till-mote"][data-state="ready"]')
    assert page.evaluate("window.__samePage") is True


def test_without_javascript_the_table_is_there(browser, site_url):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/ansvarig/")
        assert page.is_visible(".kb-table table")
        assert page.is_hidden("form[data-widget]")
        assert "Kommunal aktivitetsansvarig (KAA) är BBA" in page.inner_text(".kb-table")
    finally:
        context.close()


def test_an_old_inkommen_link_asks_where_you_work_then_keeps_its_answers(page, site_url):
    from playwright.sync_api import expect

    # Published before the table asked who received the invitation: nothing is guessed.
    open_widget(page, site_url, "inkommen-inbjudan", "?kontakt=saknas&specialist=ja")
    expect(page.locator('[data-role="status"]')).to_have_text("Nästa fråga: Var arbetar du?")
    assert result_outcome(page) is None
    page.check('input[name="verksamhet"][value="halso-och-sjukvard"]')
    expect(page.locator('[data-role="result"]')).to_have_attribute("data-outcome", "hanvisa")
    page.check('input[name="verksamhet"][value="annan"]')
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", "annan-verksamhet-ska-delta")
    expect(result).to_contain_text("den verksamhet som kallas ska delta")
    assert page.is_hidden('[data-question="kontakt"]')


def test_an_old_skicka_link_asks_about_link_first_then_answers_per_recipient(page, site_url):
    from playwright.sync_api import expect

    open_widget(page, site_url, "skicka-inbjudan", "?mottagare=skola&mottagare=polisen")
    status = page.locator('[data-role="status"]')
    expect(status).to_have_text("Nästa fråga: Har du tillgång till Link?")
    assert result_outcome(page) is None
    page.check('input[name="har-link"][value="nej"]')
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute(
        "data-outcome", "avsandare-utan-link-till-skolan avsandare-utan-link")
    expect(result).not_to_contain_text("Skicka inbjudan i Link")
    expect(page.locator('[data-outcome-for="skola"]')).to_contain_text(
        "rutinerna anger ingen väg till förskolan eller skolan")


def test_on_a_phone_the_deep_linked_answer_is_in_view(browser, site_url):
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=annan")
        heading = page.locator('[data-role="result"] h3').first
        expect(heading).to_be_in_viewport()
    finally:
        context.close()


def test_the_clicked_option_stays_put_when_the_answer_appears(browser, site_url):
    context = new_context(browser, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/ansvarig/?skede=fore-forskoleklass")
        option = page.locator('input[name="verksamhet"][value="annan"]')
        expect(option).to_be_visible()
        # Where the option sits in the page (the page may scroll to bring the answer in).
        where = "(el) => [el.getBoundingClientRect().x, el.getBoundingClientRect().y + scrollY]"
        before = option.evaluate(where)
        option.check()
        expect(page.locator('[data-role="result"]')).to_have_attribute(
            "data-outcome", "barnhalsovarden-eller-forskolan")
        assert option.evaluate(where) == before
    finally:
        context.close()
