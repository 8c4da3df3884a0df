"""From answer to action without waiting: an exercise is corrected from the answers the
build computed, even when Python's files cannot be fetched; the address bar follows the
answers (replaced, so Back leaves the page); ticking several recipients keeps the reader's
place on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from decision_logic import decide
from tests.conftest import new_context
from tests.unit.test_training import EXERCISES

PHONE = {"width": 390, "height": 844}


@pytest.mark.python(start=True)  # the start itself is under test
def test_an_exercise_is_corrected_when_pythons_files_cannot_be_fetched(page, site_url,
                                                                        catalog):
    page.route(re.compile(r".*/assets/pyodide/.*"), lambda route: route.abort())
    page.goto(f"{site_url}utbildning/")
    exercise = EXERCISES[0]
    key = decide(exercise.table, exercise.answers)
    wrong = next(o for o in catalog.table(exercise.table).outcomes if o != key.outcome)
    form = page.locator(f'form[data-exercise="{exercise.id}"]')
    for choice, verdict in ((key.outcome, "right"), (wrong, "wrong")):
        form.locator(f'input[value="{choice}"]').check()
        form.locator('[data-action="check"]').click()
        feedback = form.locator('[data-role="feedback"]')
        expect(feedback).to_have_attribute("data-result", verdict)
        expect(feedback).to_have_attribute("data-outcome", key.outcome)
        expect(feedback).to_contain_text(f"Rätt svar: {key.title}")
    # Python never started, and the reader is told so in words, with the way on.
    page.wait_for_selector('[data-training][data-state="error"]', state="attached")
    expect(page.locator('[data-training] [data-role="error"]')).to_contain_text(
        "Rättningen fungerar ändå")
    expect(page.locator('[data-role="score"]')).to_contain_text("1 av 1 rätt")


@pytest.mark.python(start=True)  # the start itself is under test
def test_while_python_starts_the_exercises_say_so_visibly_and_correct_at_once(page,
                                                                              site_url):
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}utbildning/")
    status = page.locator('[data-training] [data-role="status"]')
    expect(status).to_be_visible()
    expect(status).to_contain_text(
        re.compile(r"Python bekräftar .*: hämtar [0-9,]+ MB av [0-9,]+ MB"))
    exercise = EXERCISES[1]
    key = decide(exercise.table, exercise.answers)
    form = page.locator(f'form[data-exercise="{exercise.id}"]')
    form.locator(f'input[value="{key.outcome}"]').check()
    form.locator('[data-action="check"]').click()
    expect(form.locator('[data-role="feedback"]')).to_have_attribute("data-result", "right")
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    page.wait_for_selector('[data-training][data-state="ready"]', state="attached")
    expect(status).to_be_empty()
    expect(form.locator('[data-role="feedback"]')).to_have_attribute("data-result", "right")


def test_the_address_bar_follows_the_answers_and_back_leaves_the_page(page, site_url):
    page.goto(site_url)
    page.goto(f"{site_url}beslutsstod/skicka-inbjudan/")
    page.wait_for_selector("form[data-widget]")
    entries = page.evaluate("history.length")
    page.check('input[name="har-link"][value="nej"]')
    expect(page).to_have_url(re.compile(r"/beslutsstod/skicka-inbjudan/\?har-link=nej$"))
    page.check('input[name="mottagare"][value="polisen"]')
    page.check('input[name="mottagare"][value="skola"]')
    expect(page).to_have_url(re.compile(
        r"/skicka-inbjudan/\?har-link=nej&mottagare=skola&mottagare=polisen$"))
    assert page.evaluate("history.length") == entries, "replaced, not pushed"
    # The address is the link "Kopiera länk" gives.
    page.click('[data-action="copy-link"]')
    copied = page.locator('[data-role="copied"]')
    expect(copied).to_be_visible()
    assert copied.inner_text().split(": ", 1)[1] == page.url
    page.click('[data-action="restart"]')
    expect(page).to_have_url(re.compile(r"/beslutsstod/skicka-inbjudan/$"))
    page.go_back()
    expect(page).to_have_url(site_url)


def test_ticking_several_recipients_keeps_the_readers_place(browser, site_url):
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/skicka-inbjudan/?har-link=nej")
        last = page.locator('input[name="mottagare"]').last
        expect(last).to_be_visible()
        # The boxes at the foot of the screen: the answer will appear below it.
        last.evaluate("(box) => box.closest('label').scrollIntoView({ block: 'end' })")
        place = page.evaluate("scrollY")
        assert place > 0
        result = page.locator('[data-role="result"]')
        for value, outcomes in (("socialtjanst", "avsandare-utan-link"),
                                ("frivilligsektorn",
                                 "avsandare-utan-link avsandare-utan-link")):
            page.check(f'input[name="mottagare"][value="{value}"]')
            expect(result).to_have_attribute("data-outcome", outcomes)
            assert page.evaluate("scrollY") == place
    finally:
        context.close()
