"""The link catalogue, the wall cards and the trainer's guide in Chromium: every link
opens its answer, every card is one A4 sheet whose QR code reads as its widget's
address, the guide's case cards print two to a sheet."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from site_config.content.manifest import load_manifest
from site_config.render.answer_links import answer_links
from tests.conftest import fail_python_start, new_context

#: draws the card's QR code (its inline SVG, as the page has it) on a white canvas and
#: returns the grey value of every pixel: what a camera would see, for zxing-cpp to read
RASTERIZE_QR = """async (size) => {
  const svg = document.querySelector("[data-qr] svg");
  const image = new Image();
  image.src = "data:image/svg+xml;charset=utf-8," +
    encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size, size);
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, size, size);
  const rgba = context.getImageData(0, 0, size, size).data;
  return Array.from({ length: size * size }, (_, i) => rgba[4 * i]);
}"""


def _pdf_sheets(page) -> list[str]:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_every_link_in_the_catalogue_opens_its_answer(page, site_url, catalog):
    """Each link opens its widget showing its outcome. What a link opens is the page's
    build-time answer, shown before Python starts (that Python then agrees is
    test_browser_widget.py's): the page fixture holds Python back, so no Pyodide starts
    per link."""
    page.goto(f"{site_url}beslutsstod/lankar/")
    listed = page.locator("[data-answer-link]").evaluate_all(
        "links => links.map(a => [a.href, a.dataset.table, a.dataset.outcome])")
    expected = [(t, a.outcome) for t in load_manifest().tables
                for a in answer_links(catalog.table(t))]
    assert [(table, outcome) for _, table, outcome in listed] == expected
    result = page.locator('[data-role="result"]')
    for href, table, outcome in listed:
        assert href.startswith(f"{site_url}beslutsstod/{table}/?")
        page.goto(href)
        expect(result).to_have_attribute("data-outcome", outcome)
        title = catalog.table(table).outcomes[outcome].title
        expect(result).to_contain_text(title)


def test_a_copy_button_copies_the_link_beside_it(browser, site_url):
    context = new_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    try:
        page = context.new_page()
        page.goto(f"{site_url}beslutsstod/lankar/")
        row = page.locator("tr", has=page.locator("[data-answer-link]")).nth(2)
        href = row.locator("[data-answer-link]").evaluate("a => a.href")
        row.get_by_role("button", name="Kopiera länken").click()
        expect(row.get_by_role("status")).to_contain_text(href)
        assert page.evaluate("navigator.clipboard.readText()") == href
    finally:
        context.close()


def test_without_javascript_the_catalogue_has_no_dead_copy_button(browser, site_url):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}beslutsstod/lankar/")
        assert page.locator('[data-action="copy-answer-link"]').count() > 0
        expect(page.locator('[data-action="copy-answer-link"]').first).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("table_id", sorted(load_manifest().cards))
def test_each_card_prints_on_one_sheet_with_a_qr_code_to_its_widget(
        browser, instant_url, table_id):
    import zxingcpp

    # The site built for the address it is served at: the QR code must lead there.
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(f"{instant_url}beslutsstod/{table_id}/kort/")
        size = 400
        grey = page.evaluate(RASTERIZE_QR, size)
        codes = zxingcpp.read_barcodes(memoryview(bytes(grey)).cast("B", (size, size)))
        assert [c.text for c in codes] == [f"{instant_url}beslutsstod/{table_id}/"]
        assert f"{instant_url}beslutsstod/{table_id}/" in page.locator(".kb-card__qr").inner_text()
        sheets = _pdf_sheets(page)
        assert len(sheets) == 1, f"the card for {table_id} prints on {len(sheets)} sheets"
        assert "Innehållsansvarig" in sheets[0] or "Fastställd" in sheets[0]
    finally:
        context.close()


def test_the_guide_prints_case_cards_two_to_a_sheet_and_the_key_on_its_own(page, site_url):
    page.goto(f"{site_url}utbildning/handledning/")
    cards = page.locator("[data-case-card]").count()
    sheets = _pdf_sheets(page)
    per_sheet = [len(re.findall(r"Fall \d+ · ", sheet)) for sheet in sheets]
    with_cards = [n for n in per_sheet if n]
    assert sum(with_cards) == cards
    assert with_cards == [2] * (cards // 2) + [1] * (cards % 2), per_sheet
    first_card = per_sheet.index(2)
    assert "Så leder du ett pass" not in sheets[first_card], "the cards start a new sheet"
    key = next(n for n, sheet in enumerate(sheets) if "Facit För varje fall" in sheet)
    assert key > first_card and not per_sheet[key], "the key starts a sheet of its own"
    # No sheet holds only the page's foot: each has the intro, a card or a key entry.
    assert all(re.search(r"Så leder du ett pass|Fall \d+", sheet) for sheet in sheets)


#: replaces window.print, which would open the print dialogue: counts the calls, as the
#: print choice's click is what the test checks; page.pdf() then prints as Chromium would
COUNT_PRINTS = "window.print = () => { window.__kbPrints = (window.__kbPrints || 0) + 1; };"
CARD_LABEL = re.compile(r"Fall \d+ · ")
KEY_ENTRY = re.compile(r"Fall (\d+) – ")


def _print_choice(page, site_url, name: str) -> list[str]:
    """Open the guide without Python (printing needs none), choose a print button by its
    name and return the sheets Chromium prints, as text."""
    fail_python_start(page)
    page.add_init_script(COUNT_PRINTS)
    page.goto(f"{site_url}utbildning/handledning/")
    page.get_by_role("button", name=name).click()
    assert page.evaluate("window.__kbPrints") == 1
    return _pdf_sheets(page)


def test_the_guide_alone_prints_without_cards_or_key(page, site_url):
    sheets = _print_choice(page, site_url, "Skriv ut handledningen")
    text = " ".join(sheets)
    assert "Så leder du ett pass" in sheets[0] and "Blandad grupp" in text
    assert not CARD_LABEL.search(text) and not KEY_ENTRY.search(text)
    assert len(sheets) <= 3, f"the guide alone prints on {len(sheets)} sheets"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("html")).not_to_have_attribute("data-kb-print-part", re.compile("."))


def test_the_cards_alone_print_two_to_a_sheet_and_nothing_else(page, site_url):
    sheets = _print_choice(page, site_url, "Skriv ut fallkorten")
    cards = page.locator("[data-case-card]").count()
    per_sheet = [len(CARD_LABEL.findall(sheet)) for sheet in sheets]
    assert per_sheet == [2] * (cards // 2) + [1] * (cards % 2), per_sheet
    text = " ".join(sheets)
    assert "Så leder du ett pass" not in text and not KEY_ENTRY.search(text)
    assert "Handledning för utbildare" not in text


def test_the_key_alone_prints_in_case_order_with_a_section_per_group(page, site_url,
                                                                    catalog):
    from decision_logic.toolchain.training import load_exercises, load_guide

    sheets = _print_choice(page, site_url, "Skriv ut facit")
    text = " ".join(sheets)
    assert "Facit För varje fall, i fallens ordning" in sheets[0]
    assert "Så leder du ett pass" not in text and not CARD_LABEL.search(text)
    full_key = text.split("Facit per läsargrupp")[0]
    numbers = [int(n) for n in KEY_ENTRY.findall(full_key)]
    assert numbers == list(range(1, len(load_exercises(catalog)) + 1)), numbers
    short_key = text.split("Facit per läsargrupp")[1]
    groups = ["Blandad grupp"] + [g.name for g in load_guide(load_exercises(catalog)).groups]
    at = [short_key.find(name) for name in groups]
    assert -1 not in at and at == sorted(at), dict(zip(groups, at, strict=True))
    assert len(sheets) <= 10, f"the key alone prints on {len(sheets)} sheets"


def test_the_exercises_print_as_a_short_list_of_cases(page, site_url, catalog):
    """/utbildning/ on paper: each case's number, question and situation, not the forms."""
    from decision_logic.toolchain.training import load_exercises

    fail_python_start(page)
    page.goto(f"{site_url}utbildning/")
    sheets = _pdf_sheets(page)
    text = " ".join(sheets)
    cases = len(load_exercises(catalog))
    assert re.findall(r"\bFall (\d+)\b", text) == [str(n) for n in range(1, cases + 1)]
    first = load_exercises(catalog)[0]
    assert " ".join(first.situation.split()) in text
    assert "Du får bjuda in om du ser ett behov" not in text  # an option, not printed
    assert len(sheets) <= 6, f"/utbildning/ prints on {len(sheets)} sheets"
