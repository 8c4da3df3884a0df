"""The confirmation when health care takes part (R22: appoint someone and confirm): who
from us takes part, to whom, about which invitation."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

DAY = dt.date(2026, 12, 3)
FIELDS = {"var-verksamhet": "BVC Teleborg", "deltagare": "Barnsjuksköterskan på BVC"}


def _confirm(fields: dict[str, str]) -> str:
    return str(write_letter("bekraftelse", fields, today=DAY)["text"])


def test_the_confirmation_serves_the_outcome_delta():
    letter = catalog().letter("bekraftelse")
    assert (letter.table, letter.outcomes) == ("inkommen-inbjudan", ("delta",))


def test_the_confirmation_says_we_take_part_and_who_comes():
    text = _confirm(FIELDS)
    assert text == ("Datum: 2026-12-03\n\n"
                    "Tack för er inbjudan till samverkansmöte inom Kronobarnsmodellen.\n\n"
                    "BVC Teleborg kommer att delta i mötet.\n\n"
                    "Från oss deltar: Barnsjuksköterskan på BVC\n\n"
                    "Med vänliga hälsningar\nBVC Teleborg")


def test_the_optional_lines_appear_when_given():
    text = _confirm({**FIELDS, "till": "Centralskolan", "inbjudan": "daterad 1 december",
                     "ovrigt": "Vi kan komma från kl. 9.30.",
                     "kontaktperson": "BVC, 0470-58 60 00"})
    assert text.startswith("Datum: 2026-12-03\nTill: Centralskolan\n"
                           "Er inbjudan: daterad 1 december\n\n")
    assert "\n\nVi kan komma från kl. 9.30.\n\n" in text
    assert text.endswith("BVC Teleborg\nKontaktperson: BVC, 0470-58 60 00")


def test_who_takes_part_is_required():
    with pytest.raises(DecisionError, match="Vem från er som deltar"):
        _confirm({"var-verksamhet": "BVC Teleborg"})
