"""The invitation to a collaboration meeting (/beslutsstod/skicka-inbjudan/), for any
sender: the receiving units as the writer names them, the invited organisations from the
answers, a line for which child (written by hand), the need, time, place, who convenes
and a contact; for the writer, the reminder of consent and, for a Link invitation to a
preschool or school, that it is printed and posted (R12)."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

FIELDS = {"till": "Socialtjänsten i Växjö kommun och Polisen i Växjö",
          "var-verksamhet": "Centralskolan, rektor", "behov": "Stöd i skolan och hemma",
          "tid": "måndag 12 januari kl. 9.00", "plats": "Centralskolan, konferensrummet",
          "kontaktperson": "Rektor, 0470-12 34 56"}
DAY = dt.date(2026, 12, 3)


def _invite(answers: dict[str, object], fields: dict[str, str] = FIELDS) -> dict[str, object]:
    return write_letter("inbjudan", fields, answers, today=DAY)


def test_the_invitation_serves_every_outcome_of_its_table():
    letter = catalog().letter("inbjudan")
    assert letter.table == "skicka-inbjudan"
    assert set(letter.outcomes) == set(catalog().table("skicka-inbjudan").outcomes)


def test_the_invitation_names_the_invited_the_need_time_place_and_who_convenes():
    written = _invite({"har-link": "nej", "mottagare": ["polisen", "socialtjanst", "skola"]})
    text = str(written["text"])
    # The units as the writer named them; the invited organisations in the question's
    # order, as words in the sentence (no capitals mid-line, #34 item 13).
    assert text.startswith("Datum: 2026-12-03\nTill: Socialtjänsten i Växjö kommun och Polisen "
                           "i Växjö\n\nInbjudan till samverkansmöte inom Kronobarnsmodellen\n\n"
                           "Barnet eller barnen som mötet gäller: " + "_" * 30 + "\n\n")
    for line in ("Centralskolan, rektor bjuder in er till ett samverkansmöte om Barnets plan. "
                 "Inbjudna verksamheter: socialtjänsten, skolan och polisen.",
                 "Behovet vi ser: Stöd i skolan och hemma",
                 "Föreslagen tid: måndag 12 januari kl. 9.00\n"
                 "Föreslagen plats: Centralskolan, konferensrummet",
                 "Den som kallar: Centralskolan, rektor\nKontaktperson: Rektor, 0470-12 34 56",
                 "ska delta"):
        assert line in text
    assert "Svara senast" not in text
    assert text.endswith("Med vänliga hälsningar\nCentralskolan, rektor")


def test_the_reply_date_appears_when_given():
    text = str(_invite({"mottagare": "skola"}, {**FIELDS, "svara-senast": "5 januari"})["text"])
    assert "Kontaktperson: Rektor, 0470-12 34 56\nSvara senast: 5 januari\n\n" in text


def test_the_writer_is_reminded_of_consent_whoever_is_invited():
    for answers in ({"har-link": "nej", "mottagare": ["polisen"]},
                    {"har-link": "ja", "mottagare": ["halso-och-sjukvard"]}):
        notes = _invite(answers)["notes"]
        assert isinstance(notes, list) and len(notes) == 1
        assert "vårdnadshavarnas samtycke" in notes[0]
        assert "barnets bästa-ansvarig" in notes[0]
        # Its context, as the outcomes give it (#34 item 10).
        assert "rutinerna säger inget om samtycke" in notes[0]
        assert "äldre sida (2021)" in notes[0]


@pytest.mark.parametrize(("answers", "posted"), [
    ({"har-link": "ja", "mottagare": ["skola"]}, True),
    ({"har-link": "ja", "mottagare": ["forskola", "polisen"]}, True),
    ({"har-link": "ja", "mottagare": ["socialtjanst"]}, False),
    ({"har-link": "nej", "mottagare": ["skola"]}, False),
])
def test_a_link_invitation_to_a_preschool_or_school_is_printed_and_posted(answers, posted):
    notes = _invite(answers)["notes"]
    assert any("vanlig post" in note for note in notes) is posted  # type: ignore[union-attr]


def test_the_notes_are_not_part_of_the_letter():
    written = _invite({"har-link": "ja", "mottagare": ["skola"]})
    assert "samtycke" not in str(written["text"]) and "vanlig post" not in str(written["text"])


def test_every_required_field_is_named_and_a_personal_number_refused():
    with pytest.raises(DecisionError) as caught:
        _invite({"mottagare": ["skola"]}, {"var-verksamhet": "Skolan"})
    message = str(caught.value)
    for label in ("Till (de verksamheter", "Behovet ni ser", "Föreslagen tid",
                  "Föreslagen plats", "Kontaktperson"):
        assert label in message
    assert "Svara senast" not in message
    with pytest.raises(DecisionError, match="skriv inte personnummer"):
        _invite({"mottagare": ["skola"]}, {**FIELDS, "behov": "gäller 20150312-1234"})


def test_an_answer_the_question_does_not_have_is_refused_without_echo():
    with pytest.raises(DecisionError) as caught:
        _invite({"mottagare": ["skola", "Zqx okänd"]})
    assert "Zqx" not in str(caught.value)
