"""The widgets in real Chromium: the same answers as CPython, deep links, and failure."""

from __future__ import annotations

import re

import pytest

from decision_logic import decide, load_catalog
from decision_logic.completeness import all_paths

pytestmark = pytest.mark.browser
TABLE_IDS = sorted(load_catalog().tables)
READY = 'form[data-widget][data-state="ready"]'


def open_widget(page, site_url: str, table_id: str, query: str = "") -> None:
    page.goto(f"{site_url}beslutsstod/{table_id}/{query}")
    page.wait_for_selector(READY)


def result_outcome(page) -> str | None:
    return page.get_attribute('[data-role="result"]', "data-outcome")


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_path_clicked_in_the_browser_gives_cpythons_outcome(page, site_url, catalog,
                                                                  table_id):
    from playwright.sync_api import expect

    table = catalog.table(table_id)
    open_widget(page, site_url, table_id)
    result = page.locator('[data-role="result"]')
    status = page.locator('[data-role="status"]')
    for answers in all_paths(table):
        page.click('[data-action="restart"]')
        # What the reader sees once the restart is drawn: no outcome, the first question.
        expect(result).not_to_have_attribute("data-outcome", re.compile(".*"))
        expect(status).to_have_text(f"Nästa fråga: {table.questions[0].label}")
        for question, value in answers.items():
            page.check(f'input[name="{question}"][value="{value}"]')
        expected = decide(table_id, answers)
        expect(result).to_have_attribute("data-outcome", expected.outcome)
        expect(result).to_contain_text(expected.title)


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_no_request_leaves_the_site(page, site_url, table_id):
    open_widget(page, site_url, table_id)
    page.goto(site_url)
    assert page.requests
    outside = [url for url in page.requests if not url.startswith(site_url)]
    assert outside == []


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


def test_an_unknown_value_in_the_link_gives_a_swedish_message(page, site_url):
    open_widget(page, site_url, "ansvarig", "?skede=gymnasiet")
    error = page.inner_text('[data-role="error"]')
    assert "Länken innehåller ett svar som inte finns" in error
    # Named by the question's and the answers' labels; the link's own text is not repeated.
    assert "'Var befinner sig barnet?'" in error
    assert "'Barnet går i skolan (från förskoleklass)'" in error
    assert "'gymnasiet'" not in error and "utanfor-gymnasiet" not in error
    assert page.is_visible('[data-question="skede"]')
    assert result_outcome(page) is None


def test_copy_link_gives_the_url_of_the_current_answers(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(60_000)
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


def test_when_pyodide_cannot_load_the_widget_points_to_the_table(page, site_url):
    page.clock.install()
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{site_url}beslutsstod/ansvarig/")
    # The start timer is set in the same task that marks the form as mounted.
    page.wait_for_selector("form[data-widget][data-mounted]")
    page.clock.fast_forward("00:31")
    page.wait_for_selector('form[data-widget][data-state="error"]')
    assert "tabellen längre ned" in page.inner_text('[data-role="error"]')
    assert page.is_visible(".kb-table")


def test_a_wasm_served_with_the_wrong_mime_type_ends_in_error_not_a_hang(page, site_url):
    page.clock.install()
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, content_type="text/plain", body=b"\0asm not really"))
    page.goto(f"{site_url}beslutsstod/ansvarig/")
    # The start timer is set in the same task that marks the form as mounted.
    page.wait_for_selector("form[data-widget][data-mounted]")
    page.clock.fast_forward("00:31")
    page.wait_for_selector('form[data-widget][data-state="error"]')
    assert "tabellen längre ned" in page.inner_text('[data-role="error"]')


def test_without_javascript_the_table_is_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/ansvarig/")
        assert page.is_visible(".kb-table table")
        assert page.is_hidden("form[data-widget]")
        assert "Kommunal aktivitetsansvarig (KAA) är BBA" in page.inner_text(".kb-table")
    finally:
        context.close()


def test_the_reply_letter_names_each_empty_field(page, site_url):
    open_widget(page, site_url, "inkommen-inbjudan", "?kontakt=saknas&specialist=ja")
    assert result_outcome(page) == "hanvisa"
    letter = page.locator('[data-role="result"] #svarsbrev')
    assert letter.is_visible()
    page.fill("#brev-berord", "barnet")
    page.click('[data-action="write-letter"]')
    error = page.locator('[data-role="letter-error"]')
    error.wait_for()
    assert "Er verksamhets namn saknas." in error.inner_text()
    assert "Verksamheten som ni har skickat inbjudan vidare till saknas." in error.inner_text()
    assert "Vem inbjudan gäller" not in error.inner_text()
    assert page.is_hidden('[data-role="letter-output"]')
