"""The checklists printed by Chromium: clean A4 with the footer and the status, full
sheets, no sheet with only the page's foot, no dead print button without JavaScript."""

from __future__ import annotations

import datetime
import io

from decision_logic.toolchain.training import load_checklists

A4_POINTS = (595.3, 841.9)  # 210 × 297 mm; Chromium rounds to whole pixels


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(page) -> tuple[str, list[tuple[float, float]]]:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return "\n".join(p.extract_text() for p in reader.pages), sizes


def test_the_printed_checklists_are_clean_a4_with_the_footer(page, site_url, catalog):
    page.goto(f"{site_url}checklistor/")
    page.wait_for_load_state("networkidle")
    # What the screen shows around the content, read from the page itself.
    chrome = {
        "site name": page.inner_text(".md-header__topic").strip(),
        "search": page.get_attribute(".md-search__input", "placeholder"),
        "skip link": page.inner_text(".md-skip").strip(),
        "announce bar": "Far ett barn illa?",
        "other pages in the navigation": "Vem är Barnets bästa-ansvarig?",
        "glossary in the navigation": "Ordlista",
        "exercises in the navigation": "Öva på fall",
        "table of contents": page.inner_text(".md-sidebar--secondary .md-nav__title").strip(),
    }
    text, sizes = _pdf_text(page)
    flat = _words(text)

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
    for what, chrome_text in chrome.items():
        assert chrome_text, what
        assert chrome_text not in flat, f"{what} ({chrome_text!r}) is printed"


def test_each_printed_checklist_keeps_together_without_the_screen_instructions(
        page, site_url, catalog):
    page.goto(f"{site_url}checklistor/")
    button = page.locator('[data-action="print-page"]')
    button.wait_for()  # print.js shows it; without JavaScript it stays hidden
    instructions = page.locator("div.kb-screen-only").first.inner_text()
    assert "bocka av" in instructions
    # The button prints the page (the print dialog itself is replaced here).
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    button.click()
    assert page.get_attribute("body", "data-printed") == "yes"

    from pypdf import PdfReader

    page.emulate_media(media="print")
    sheets = [_words(p.extract_text()) for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    everything = " ".join(sheets)
    assert _words(instructions)[:60] not in everything
    assert button.inner_text() not in everything
    for checklist in load_checklists(catalog.rulebook):
        # A long list may go on over the next sheet, but its heading stays with its
        # first items and no item is split between two sheets.
        lines = [checklist.title] + [f"{i.text} ({i.rule})" for i in checklist.items[:2]]
        on_one = [n for n, sheet in enumerate(sheets) if all(line in sheet for line in lines)]
        assert on_one, f"'{checklist.title}' is parted from its first items"
        for item in checklist.items:
            assert any(f"{item.text} ({item.rule})" in sheet for sheet in sheets), item.text


def test_without_javascript_there_is_no_dead_print_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
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
        page, site_url, catalog):
    from pypdf import PdfReader

    page.goto(f"{site_url}checklistor/")
    status = " ".join(page.inner_text(".kb-governance").split())
    assert "Innehållsansvarig" in status
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sheets = [_words(p.extract_text()) for p in reader.pages]
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
    assert _lowest_text(reader.pages[0]) < A4_POINTS[1] / 3
