"""The checklists printed by Chromium: clean A4 with the footer and the status, full
sheets, no sheet with only the page's foot, no dead print button without JavaScript.

/checklistor/ is printed once (``printed``), as its print button prints it; the three
print tests read that one printout."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from decision_logic.toolchain.training import load_checklists
from tests.conftest import new_context

A4_POINTS = (595.3, 841.9)  # 210 × 297 mm; Chromium rounds to whole pixels


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Printout:
    """The page as the screen showed it, and its printout."""

    chrome: dict[str, str]  # what the screen shows around the content, read from the page
    instructions: str  # the screen-only instructions
    button: str  # the print button's text
    printed_by_button: bool  # the button called the browser's print
    status: str  # the page's governance line
    reader: object  # pypdf's reader of the printout

    @property
    def sheets(self) -> list[str]:
        return [_words(p.extract_text()) for p in self.reader.pages]

    @property
    def sizes(self) -> list[tuple[float, float]]:
        return [(float(p.mediabox.width), float(p.mediabox.height)) for p in self.reader.pages]


@pytest.fixture(scope="module")
def printed(browser, site_url) -> Iterator[Printout]:
    from pypdf import PdfReader

    context = new_context(browser)
    page = context.new_page()
    try:
        page.goto(f"{site_url}checklistor/")
        page.wait_for_load_state("networkidle")
        chrome = {
            "site name": page.inner_text(".md-header__topic").strip(),
            "search": page.get_attribute(".md-search__input", "placeholder"),
            "skip link": page.inner_text(".md-skip").strip(),
            "announce bar": "Far ett barn illa?",
            "other pages in the navigation": "Vem är Barnets bästa-ansvarig?",
            "glossary in the navigation": "Ordlista",
            "exercises in the navigation": "Öva på fall",
            "table of contents":
                page.inner_text(".md-sidebar--secondary .md-nav__title").strip(),
        }
        button = page.locator('[data-action="print-page"]')
        button.wait_for()  # print.js shows it; without JavaScript it stays hidden
        instructions = page.locator("div.kb-screen-only").first.inner_text()
        # The button prints the page (the print dialog itself is replaced here).
        page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
        button.click()
        printed_by_button = page.get_attribute("body", "data-printed") == "yes"
        status = _words(page.inner_text(".kb-governance"))
        page.emulate_media(media="print")
        reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
        yield Printout(chrome, instructions, button.inner_text(), printed_by_button, status,
                       reader)
    finally:
        context.close()


def test_the_printed_checklists_are_clean_a4_with_the_footer(printed, site_url, catalog):
    flat = " ".join(printed.sheets)
    sizes = printed.sizes
    assert sizes and all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2
                         for w, h in sizes)
    for checklist in load_checklists(catalog.rulebook):
        assert checklist.title in flat
        for item in checklist.items:
            assert f"{item.text} ({item.rule})" in flat, item.text
    today = datetime.date.today().isoformat()
    # The page's status on every sheet: nothing is approved in the repository.
    footer = (f"Utskriven {today} · Utkast – innehållet är inte fastställt av Region "
              f"Kronoberg – kontrollera aktuell version på {site_url}checklistor/")
    assert flat.count(footer) == len(sizes), "the footer belongs on every printed page"
    for what, chrome_text in printed.chrome.items():
        assert chrome_text, what
        assert chrome_text not in flat, f"{what} ({chrome_text!r}) is printed"


def test_each_printed_checklist_keeps_together_without_the_screen_instructions(
        printed, catalog):
    assert "bocka av" in printed.instructions
    assert printed.printed_by_button
    sheets = printed.sheets
    everything = " ".join(sheets)
    assert _words(printed.instructions)[:60] not in everything
    assert printed.button not in everything
    for checklist in load_checklists(catalog.rulebook):
        # A long list may go on over the next sheet, but its heading stays with its
        # first items and no item is split between two sheets.
        lines = [checklist.title] + [f"{i.text} ({i.rule})" for i in checklist.items[:2]]
        on_one = [n for n, sheet in enumerate(sheets) if all(line in sheet for line in lines)]
        assert on_one, f"'{checklist.title}' is parted from its first items"
        for item in checklist.items:
            assert any(f"{item.text} ({item.rule})" in sheet for sheet in sheets), item.text


def test_without_javascript_there_is_no_dead_print_button(browser, site_url):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}checklistor/")
        assert page.locator('[data-action="print-page"]').count() == 1
        assert page.is_hidden('[data-action="print-page"]')
    finally:
        context.close()


def _lowest_text(pdf_page) -> float:
    """How far down the sheet the content reaches: the lowest baseline of its text above
    the footer's margin (in points from the bottom edge)."""
    lowest = [A4_POINTS[1]]

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > 20 * 72 / 25.4:  # the footer lives in the 20 mm margin
            lowest.append(y)

    pdf_page.extract_text(visitor_text=visit)
    return min(lowest)


def test_the_printed_checklists_fill_their_sheets_and_carry_the_status_on_each(
        printed, catalog):
    status = printed.status
    assert "Innehållsansvarig" in status
    sheets = printed.sheets
    items = [f"{i.text} ({i.rule})" for c in load_checklists(catalog.rulebook) for i in c.items]
    # No sheet holds only the page's foot (sources and status): each has checklist items.
    for number, sheet in enumerate(sheets, 1):
        assert any(item in sheet for item in items), f"sheet {number} has no checklist"
    # The status mark at the head of every sheet.
    assert all(status[:60] in sheet for sheet in sheets)
    assert " ".join(sheets).count(status[:60]) >= len(sheets)
    # No screen instructions on paper.
    assert "klicka på regelns nummer" not in " ".join(sheets)
    # The first sheet is not left half empty: its content reaches the bottom third (a
    # list kept whole on the next sheet used to end it at 59 %).
    assert _lowest_text(printed.reader.pages[0]) < A4_POINTS[1] / 3
