"""Every letter in Chromium, made from its fields: the text Python writes in the page is
the text decision_logic writes from the same fields and answers, the notes for the writer
are shown above it, and printed it fills one A4 page with nothing else on it."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from decision_logic import write_letter
from tests.conftest import printed_letter_alone

#: letter id -> (its page with the answers that lead to an outcome it serves, the answers,
#: the fields as a reader fills them in: fixtures, no real person or address)
CASES = {
    "inbjudan": ("skicka-inbjudan", {"har-link": "ja", "mottagare": ["socialtjanst", "skola"]},
                 {"var-verksamhet": "Exempelskolan, rektor",
                  "behov": "Barnet behöver stöd i skolan och hemma; vi vill planera det "
                           "tillsammans.",
                  "tid": "måndag 12 januari kl. 9.00–10.30",
                  "plats": "Exempelskolan, konferensrummet, eller digitalt",
                  "kontaktperson": "Rektor, 0470-00 00 00", "svara-senast": "5 januari"}),
    "bekraftelse": ("inkommen-inbjudan",
                    {"verksamhet": "halso-och-sjukvard", "kontakt": "etablerad"},
                    {"till": "Exempelskolan", "var-verksamhet": "Exempel-BVC",
                     "deltagare": "Barnsjuksköterskan på BVC",
                     "inbjudan": "daterad 1 december", "ovrigt": "Vi kommer kl. 9.00.",
                     "kontaktperson": "BVC, 0470-00 00 01"}),
    "svarsbrev": ("inkommen-inbjudan",
                  {"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "ja"},
                  {"till": "Exempelskolan", "var-verksamhet": "Exempelmottagningen (BUP)",
                   "berord": "barnet", "vidare-till": "vårdcentralen där familjen är listad",
                   "inbjudan": "daterad 1 december", "kontaktperson": "BUP, 0470-00 00 02",
                   "forklaring": "Vi deltar när vi har en etablerad vårdrelation med barnet."}),
    "fraga-till-inbjudaren": ("inkommen-inbjudan",
                              {"verksamhet": "halso-och-sjukvard", "kontakt": "saknas",
                               "specialist": "nej"},
                              {"var-verksamhet": "Exempelvårdcentralen",
                               "kontaktperson": "Mottagningen, 0470-00 00 03"}),
}
A4_POINTS = (595.3, 841.9)


def _query(answers: dict[str, object]) -> str:
    return "&".join(f"{q}={v}" for q, vs in answers.items()
                    for v in ([vs] if isinstance(vs, str) else vs))


def _open(page, site_url: str, letter_id: str):
    """The letter's page at its outcome, Python ready: the letter's section."""
    table_id, answers, _ = CASES[letter_id]
    page.goto(f"{site_url}beslutsstod/{table_id}/?{_query(answers)}")
    section = page.locator(f'[data-role="result"] [data-letter="{letter_id}"]')
    expect(section).to_be_visible()
    page.wait_for_selector('form[data-widget][data-state="ready"]')
    return section


def _names_each_empty_field(section) -> None:
    """Written with one field filled in: Python names each required field left empty, and
    no letter is shown (merged from test_browser_widget.py's
    test_the_reply_letter_names_each_empty_field, which opened the same letter anew)."""
    section.locator('[name="berord"]').fill("barnet")
    section.locator('[data-action="write-letter"]').click()
    error = section.locator('[data-role="letter-error"]')
    error.wait_for()
    assert "Er verksamhets namn saknas." in error.inner_text()
    assert "Verksamheten som ni har skickat inbjudan vidare till saknas." in error.inner_text()
    assert "Vem inbjudan gäller" not in error.inner_text()
    assert section.locator('[data-role="letter-output"]').is_hidden()


def _write(section, letter_id: str):
    """The letter filled in and written by Python; what decision_logic writes from the
    same fields and answers."""
    _, answers, fields = CASES[letter_id]
    for name, value in fields.items():
        section.locator(f'[name="{name}"]').fill(value)
    section.locator('[data-action="write-letter"]').click()
    expect(section.locator('[data-role="letter-output"]')).to_be_visible()
    return write_letter(letter_id, fields, answers)


@pytest.mark.python
@pytest.mark.parametrize("letter_id", sorted(CASES))
def test_each_letter_is_written_from_its_fields_and_prints_alone_on_one_a4_page(
        page, site_url, letter_id):
    # One page per letter for all (Python starts once): written, then printed. The reply
    # letter is also written with empty fields first, and its printout is the one
    # test_phone_and_paper.py printed on its own before (merged here).
    from pypdf import PdfReader

    section = _open(page, site_url, letter_id)
    if letter_id == "svarsbrev":
        _names_each_empty_field(section)
    expected = _write(section, letter_id)
    # In the outcome it serves, and that outcome only.
    outcome = page.get_attribute('[data-role="result"]', "data-outcome")
    assert set(outcome.split()) <= set(section.get_attribute("data-letter-for").split())
    text = section.locator('[data-role="letter-text"]').text_content()
    assert text == expected["text"]
    for value in CASES[letter_id][2].values():
        assert " ".join(value.split()) in text
    notes = section.locator('[data-role="letter-notes"] li')
    expect(notes).to_have_count(len(expected["notes"]))
    for index, note in enumerate(expected["notes"]):
        expect(notes.nth(index)).to_have_text(note)
    if letter_id == "inbjudan":  # the recipients from the answers; consent and post
        assert "Till: Socialtjänsten och Skolan\n" in text
        expect(section.locator('[data-role="letter-notes"]')).to_contain_text(
            "vårdnadshavarnas samtycke")
        expect(section.locator('[data-role="letter-notes"]')).to_contain_text("vanlig post")

    # As its "Skriv ut" button prints (widget.js and print.js), without the print dialog.
    section.evaluate("""(section) => {
        section.querySelector('[data-role="letter-output"]').dataset.printing = "";
        document.body.classList.add("kb-print-letter");
        window.dispatchEvent(new Event("beforeprint"));
    }""")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    if os.environ.get("KB_LETTER_PDFS"):  # to look at them: KB_LETTER_PDFS=/tmp/brev
        Path(os.environ["KB_LETTER_PDFS"], f"{letter_id}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_POINTS[0]) < 2
    assert abs(float(box.height) - A4_POINTS[1]) < 2
    printed = " ".join(reader.pages[0].extract_text().split())
    # The letter and nothing else, but for the status of the template it came from (#22).
    assert printed_letter_alone(printed) == " ".join(str(expected["text"]).split())
    if letter_id == "svarsbrev":  # dated, as test_phone_and_paper.py checked
        assert printed_letter_alone(printed).startswith("Datum: 20")
