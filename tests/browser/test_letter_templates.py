"""Every letter before and without Python (#33): with the runtime's WebAssembly missing,
each letter's template (Python's words with a line for each blank, written at build
time) shows under every outcome it serves, prints alone on one A4 page and copies; the
letter's own button says Python could not start. None of these tests needs Python."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from decision_logic import catalog, letter_template
from decision_logic.engine import decide_each_in
from decision_logic.toolchain.completeness import all_paths
from tests.conftest import new_context, print_letter_alone, printed_letter_alone

LETTERS = sorted(catalog().letters)


def _query(answers: dict[str, str]) -> str:
    return "&".join(f"{q}={v}" for q, v in answers.items())


def _path_to(table_id: str, outcome: str) -> dict[str, str]:
    """The first answers (as the completeness check lists them) that lead to ``outcome``."""
    table = catalog().table(table_id)
    return next(path for path in all_paths(table)
                if outcome in {d.outcome for d in decide_each_in(table, path)})


def _served() -> list[tuple[str, str]]:
    return [(letter_id, outcome) for letter_id in LETTERS
            for outcome in catalog().letter(letter_id).outcomes]


def _without_runtime(page):
    """The runtime's WebAssembly cannot be fetched: Python never starts."""
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    return page


def _template_at(page, site_url: str, letter_id: str, outcome: str):
    letter = catalog().letter(letter_id)
    page.goto(f"{site_url}beslutsstod/{letter.table}/?{_query(_path_to(letter.table, outcome))}")
    result = page.locator('[data-role="result"]')
    expect(result).to_have_attribute("data-outcome", _outcome_pattern(outcome))
    return result.locator(f'[data-letter="{letter_id}"] [data-letter-template="{letter_id}"]')


def _outcome_pattern(outcome: str) -> re.Pattern[str]:
    return re.compile(rf"(^|\s){re.escape(outcome)}(\s|$)")


@pytest.mark.parametrize(("letter_id", "outcome"), _served())
def test_each_letter_s_template_shows_under_each_outcome_it_serves_without_python(
        page, site_url, letter_id, outcome):
    template = _template_at(_without_runtime(page), site_url, letter_id, outcome)
    expect(template).to_be_visible()
    expected = letter_template(catalog().letter(letter_id))
    text = template.locator('[data-role="letter-template-text"]')
    expect(text).to_be_visible()
    assert text.text_content() == expected["text"]
    for note in expected["notes"]:
        expect(template.locator("li", has_text=str(note)[:60])).to_be_visible()
    # Python is not there: the form cannot write the letter, the template is there to use.
    section = page.locator(f'[data-role="result"] [data-letter="{letter_id}"]')
    expect(section.locator('[data-action="write-letter"]')).to_be_disabled()
    assert page.get_attribute("form[data-widget]", "data-state") != "ready"
    expect(template.locator('[data-action="print-template"]')).to_be_enabled()


@pytest.mark.parametrize("letter_id", LETTERS)
def test_each_letter_s_template_prints_alone_on_one_a4_page_and_copies_without_python(
        browser, site_url, letter_id):
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = _without_runtime(context.new_page())
        page.set_default_timeout(60_000)
        letter = catalog().letter(letter_id)
        template = _template_at(page, site_url, letter_id, letter.outcomes[0])
        expected = str(letter_template(letter)["text"])

        template.locator('[data-action="copy-template"]').click()
        expect(template.locator('[data-role="letter-copied"]')).to_have_text(
            "Brevet med strecken är kopierat.")
        assert page.evaluate("navigator.clipboard.readText()") == expected

        # As its button prints, on one A4 sheet.
        printed = print_letter_alone(page, template, f"mall-{letter_id}")
        # The template and nothing else (no heading, help, notes or buttons), but for the
        # status line every printed letter carries (#22).
        assert printed_letter_alone(printed) == " ".join(expected.split())
    finally:
        context.close()
