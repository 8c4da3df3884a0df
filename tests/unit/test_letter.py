"""The reply letter (R23–R25): dated, the addressee, the invitation's date or reference
and a contact when given, the explanation as written (or left out), required fields
named when missing, never a personal identity number.

The helpers here (the reply's fields, ``response_letter``) serve the other letter tests."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

REPLY = catalog().letter("svarsbrev")
#: field id -> what the form asks for
LETTER_FIELDS = {blank.id: blank.label for blank in REPLY.fields}
OPTIONAL_FIELDS = frozenset(blank.id for blank in REPLY.fields if blank.optional)

REQUIRED = {"var-verksamhet": "BUP Växjö", "berord": "barnet",
            "vidare-till": "vårdcentralen Teleborg"}
DAY = dt.date(2026, 11, 25)
#: the line the writer fills in by hand: which child, never typed into the form
CHILD_LINE = "Barnet eller barnen som inbjudan gäller: " + "_" * 30


def response_letter(fields: object, today: dt.date | None = None) -> str:
    """The referral's reply as text, from the reader's fields."""
    return str(write_letter("svarsbrev", fields, today=today)["text"])  # type: ignore[arg-type]


def test_the_letter_is_dated_and_works_without_the_optional_fields():
    text = response_letter(REQUIRED, today=DAY)
    assert text.startswith(f"Datum: 2026-11-25\n{CHILD_LINE}\n\nTack för er inbjudan")
    assert "Er inbjudan:" not in text and "Kontaktperson:" not in text
    assert text.endswith("Med vänliga hälsningar\nBUP Växjö")


def test_the_date_defaults_to_today():
    assert f"Datum: {dt.date.today().isoformat()}" in response_letter(REQUIRED)


def test_the_invitation_and_the_contact_appear_when_given():
    text = response_letter({**REQUIRED, "inbjudan": "inbjudan 2026-11-20, dnr 12/345",
                            "kontaktperson": "Kim Berg, 0470-58 60 00"}, today=DAY)
    assert text.startswith("Datum: 2026-11-25\nEr inbjudan: inbjudan 2026-11-20, dnr 12/345\n"
                           f"{CHILD_LINE}\n\n")
    assert text.endswith("Med vänliga hälsningar\nBUP Växjö\nKontaktperson: Kim Berg, "
                         "0470-58 60 00")


def test_only_the_required_fields_are_reported_missing():
    with pytest.raises(DecisionError) as caught:
        response_letter({"berord": "barnet"}, today=DAY)
    message = str(caught.value)
    assert "Er verksamhets namn saknas." in message
    for field in OPTIONAL_FIELDS:
        assert LETTER_FIELDS[field] not in message
    assert set(OPTIONAL_FIELDS) < set(LETTER_FIELDS)


@pytest.mark.parametrize("field", sorted(OPTIONAL_FIELDS))
def test_a_personal_identity_number_is_refused_in_the_optional_fields_too(field):
    with pytest.raises(DecisionError, match="skriv inte personnummer"):
        response_letter({**REQUIRED, field: "gäller 20150312-1234"}, today=DAY)


def test_a_phone_number_written_like_a_personal_number_gets_a_hint():
    with pytest.raises(DecisionError) as caught:
        response_letter({**REQUIRED, "kontaktperson": "Kim, 0701234567"}, today=DAY)
    assert "skriv inte personnummer" in str(caught.value)
    assert "070-123 45 67" in str(caught.value)
    text = response_letter({**REQUIRED, "kontaktperson": "Kim, 070-123 45 67"}, today=DAY)
    assert text.endswith("Kontaktperson: Kim, 070-123 45 67")


def test_the_letter_serves_the_referral_and_holds_no_notes():
    assert REPLY.table == "inkommen-inbjudan" and REPLY.outcomes == ("hanvisa",)
    assert write_letter("svarsbrev", REQUIRED, today=DAY)["notes"] == []


def test_the_addressee_heads_the_letter_when_given():
    text = response_letter({**REQUIRED, "till": "Elevhälsan, Centralskolan"}, today=DAY)
    assert text.startswith(f"Datum: 2026-11-25\nTill: Elevhälsan, Centralskolan\n{CHILD_LINE}"
                           "\n\nTack för")


def test_the_explanation_is_the_routines_reason_unless_changed_or_left_out():
    default = " ".join(next(b.default for b in REPLY.fields if b.id == "forklaring").split())
    # S2: "det krävs etablerad vårdrelation på specialistnivå för att inte
    # Kronobarnsmodellen ska skapa ”förtur” förbi ordinarie remissvägar"
    assert "etablerad vårdrelation på specialistnivå" in default
    assert "förtur förbi de ordinarie remissvägarna" in default
    assert default in response_letter(REQUIRED, today=DAY)
    changed = response_letter({**REQUIRED, "forklaring": "Vi  förklarar\ngärna mer."},
                              today=DAY)
    assert "Vi förklarar gärna mer." in changed and default not in changed
    left_out = response_letter({**REQUIRED, "forklaring": "  "}, today=DAY)
    assert "remissvägarna" not in left_out
    assert left_out.count("\n\n") == response_letter(REQUIRED, today=DAY).count("\n\n") - 1
