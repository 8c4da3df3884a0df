"""The checklists at /checklistor/: checked against the rules, rendered as checkboxes, and
printed by Chromium to a clean A4 PDF with the footer and without the site's chrome."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.training import load_checklists

FIXTURES = Path(__file__).parent / "fixtures" / "training"
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm; Chromium rounds to whole pixels


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_checklists_follow_s2(catalog):
    checklists = load_checklists(catalog.rulebook)
    titles = [c.title for c in checklists]
    for title in ("Inkommen inbjudan", "Förbered dig", "Under mötet", "Barnets plan",
                  "Fortsatt samordning"):
        assert title in titles
    cited = {item.rule for c in checklists for item in c.items}
    assert cited == {"R13", "R14", "R15", "R16", "R17", "R18", "R19", "R22", "R23", "R24",
                     "R25", "R27", "R28", "R29", "R30", "R31"}
    plan = next(c for c in checklists if c.title == "Barnets plan")
    assert {item.rule for item in plan.items} == {"R14", "R15", "R16", "R17", "R18"}
    received = next(c for c in checklists if c.id == "inkommen-inbjudan")
    assert {item.rule for item in received.items} == {"R19", "R22", "R23", "R24", "R25"}
    follow_up = next(c for c in checklists if c.id == "fortsatt-samordning")
    assert any("kan gå över" in item.text for item in follow_up.items)


def test_the_checklists_keep_the_routines_force(catalog):
    items = {item.text for c in load_checklists(catalog.rulebook) for item in c.items}
    # R22: appointing is a duty (ska), the choice of person a recommendation (bör).
    assert any("ska vi snarast utse" in t for t in items)
    assert any("bör helst vara" in t for t in items)
    # R23 and R18 are possibilities (kan), R14 a recommendation (bör), R15 a duty (ska).
    assert any("kan vi hänvisa inbjudan" in t for t in items)
    assert any("kan hälso- och sjukvården skriva ut planen" in t for t in items)
    assert any("bör den som deltar från hälso- och sjukvården erbjuda" in t for t in items)
    assert any("ska få en utskriven kopia" in t for t in items)
    assert not any("får de planen utskriven" in t for t in items)


def test_each_checklist_says_whom_it_is_for(site_dir, catalog):
    html = (site_dir / "checklistor" / "index.html").read_text(encoding="utf-8")
    for checklist in load_checklists(catalog.rulebook):
        assert checklist.audience
        assert (f'<p class="kb-checklist__for"><strong>Gäller:</strong> '
                f"{checklist.audience}</p>") in html
        # S2 is health care's routine: a list built on it says so.
        if any(catalog.rulebook.rules[i.rule].source == "S2" for i in checklist.items):
            assert "hälso- och sjukvården" in checklist.audience.lower()


def test_an_unknown_rule_in_a_checklist_names_file_key_and_line(catalog):
    with pytest.raises(ContentError) as caught:
        load_checklists(catalog.rulebook, FIXTURES / "checklists_unknown_rule.yaml")
    error = caught.value
    assert error.source.endswith("training/checklists_unknown_rule.yaml")
    assert (error.key_path, error.line) == ("checklists[0].items[1].rule", 9)
    assert "okänd regel 'R99'" in error.message
    assert str(error).startswith(f"{error.source}:9 ")


def test_every_item_is_a_labelled_checkbox_linking_its_rule(site_dir, catalog):
    html = (site_dir / "checklistor" / "index.html").read_text(encoding="utf-8")
    for checklist in load_checklists(catalog.rulebook):
        assert re.search(rf'<h2 id="{checklist.id}">{re.escape(checklist.title)}', html)
        for number, item in enumerate(checklist.items, 1):
            box = f"{checklist.id}-{number}"
            rule = catalog.rulebook.rules[item.rule]
            assert (f'<input type="checkbox" id="{box}"> <label for="{box}">'
                    f"{item.text}</label>") in html
            assert f'href="../{rule.page}#{rule.anchor}"' in html


def _pdf_text(page) -> tuple[str, list[tuple[float, float]]]:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return "\n".join(p.extract_text() for p in reader.pages), sizes


@pytest.mark.browser
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
    footer = f"Utskriven {today} – kontrollera aktuell version på {site_url}checklistor/"
    assert flat.count(footer) == len(sizes), "the footer belongs on every printed page"
    for what, chrome_text in chrome.items():
        assert chrome_text, what
        assert chrome_text not in flat, f"{what} ({chrome_text!r}) is printed"


@pytest.mark.browser
def test_each_printed_checklist_stays_on_one_sheet_without_the_screen_instructions(
        page, site_url, catalog):
    page.goto(f"{site_url}checklistor/")
    button = page.locator('[data-action="print-page"]')
    button.wait_for()  # print.js shows it; without JavaScript it stays hidden
    instructions = page.locator(".kb-screen-only").first.inner_text()
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
        lines = [checklist.title] + [f"{i.text} ({i.rule})" for i in checklist.items]
        on_one = [n for n, sheet in enumerate(sheets) if all(line in sheet for line in lines)]
        assert on_one, f"'{checklist.title}' is split across sheets"


@pytest.mark.browser
def test_without_javascript_there_is_no_dead_print_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}checklistor/")
        assert page.locator('[data-action="print-page"]').count() == 1
        assert page.is_hidden('[data-action="print-page"]')
    finally:
        context.close()
