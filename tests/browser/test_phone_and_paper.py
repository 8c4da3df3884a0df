"""What a layout change could quietly break (issue 15): the home page's questions within a
phone's first screen, with the orosanmälan reminder in view; the widget pages' note for
readers without JavaScript. (The reply letter alone on one A4 page is test_letters.py's,
with every other letter.)"""

from __future__ import annotations

import pytest

from decision_logic.toolchain import load_catalog
from tests.conftest import new_context, print_letter_alone

TABLE_IDS = sorted(load_catalog().tables)
PHONE = {"width": 390, "height": 844}


def test_the_home_page_shows_every_question_within_a_phone_s_first_screen(browser, site_url):
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url)
        links = page.locator(".kb-tasks a")
        targets = {link.get_attribute("href").strip("./").split("/")[-1]
                   for link in links.all()}
        assert targets == set(TABLE_IDS)
        for link in links.all():
            box = link.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
                f"{link.inner_text()!r} is outside the first screen: {box}")
            assert box["height"] >= 44, "a finger-sized target"
        # The reminder stays on the first screen, above the questions, and short.
        reminder = page.locator(".kb-announce")
        box = reminder.bounding_box()
        assert reminder.is_visible() and box["y"] >= 0
        assert box["y"] + box["height"] <= links.first.bounding_box()["y"]
        assert box["height"] <= 3 * 22, f"the reminder takes {box['height']} px"
        assert "orosanmälan" in reminder.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_without_javascript_a_widget_page_says_where_the_answers_are(browser, site_url,
                                                                      table_id):
    context = new_context(browser, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{site_url}beslutsstod/{table_id}/")
        note = page.locator(".kb-noscript")
        assert note.is_visible()
        assert "JavaScript" in note.inner_text()
        # Right where the questions would be: before the table, above the hidden form.
        assert note.bounding_box()["y"] < page.locator(".kb-table").bounding_box()["y"]
        table_link = note.locator('a[href^="#"]')
        target = table_link.get_attribute("href")
        assert page.locator(f"{target}.kb-table").is_visible()
        routine_links = note.locator('a[href*="rutiner/"]')
        assert routine_links.count() >= 1
        for link in routine_links.all():
            response = page.request.get(f"{site_url}beslutsstod/{table_id}/"
                                        f"{link.get_attribute('href').split('#')[0]}")
            assert response.ok and link.inner_text() in response.text()
        # The introduction does not promise questions that are not there.
        # (the paragraphs under the heading, before the widget; the received-invitation
        # page opens with the invited reader's own words, #33)
        intro = page.evaluate("""() => {
            const texts = [];
            for (const p of document.querySelectorAll("article > p")) {
              if (p.compareDocumentPosition(document.querySelector("form[data-widget]"))
                  & Node.DOCUMENT_POSITION_PRECEDING) break;
              texts.push(p.innerText);
            }
            return texts.join(" ");
        }""")
        assert "tabellen längre ned" in intro
    finally:
        context.close()



@pytest.mark.python  # writes the letter through Python
def test_a_long_unbroken_word_wraps_and_the_letter_still_prints_on_one_sheet(page, site_url):
    # Before: 200 characters without a space ran off the letter's box on screen and printed
    # on three sheets, the first blank.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}beslutsstod/inkommen-inbjudan/"
              "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja")
    page.wait_for_selector('form[data-widget][data-state="ready"]')
    word = "Barnochungdomsmedicinskamottagningen" * 6
    word = word[:200]
    for name, value in {"var-verksamhet": word, "berord": "barnet",
                        "vidare-till": "vårdcentralen"}.items():
        page.fill(f'[data-role="result"] #svarsbrev-{name}', value)
    page.click('[data-action="write-letter"]')
    letter = page.locator('[data-role="result"] [data-role="letter-text"]')
    letter.wait_for()
    assert word in letter.inner_text()
    # On the phone's screen the word wraps inside the letter's box.
    assert letter.evaluate("(pre) => pre.scrollWidth <= pre.clientWidth")
    # Printed as its "Skriv ut" button prints: one A4 sheet (print_letter_alone fails
    # otherwise), the whole word on it.
    printed = print_letter_alone(page, letter.locator(".."), "langt-ord")
    assert word in "".join(printed.split())
