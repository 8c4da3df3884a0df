"""The confirmation when an invited organisation takes part (S2, R22: "Bekräfta
deltagandet till den verksamhet som bjuder in"; S1, R19: "kallad verksamhet ska delta"):
who from us takes part, to whom, about which meeting; which child on a line written by
hand."""

from __future__ import annotations

import datetime as dt

import pytest

from decision_logic import DecisionError, catalog, write_letter

DAY = dt.date(2026, 12, 3)
FIELDS = {"till": "Centralskolan, rektor", "var-verksamhet": "BVC Teleborg",
          "deltagare": "Barnsjuksköterskan på BVC",
          "inbjudan": "samverkansmöte 12 januari kl. 9.00"}
CHILD_LINE = "Barnet eller barnen som mötet gäller: " + "_" * 30


def _confirm(fields: dict[str, str]) -> str:
    return str(write_letter("bekraftelse", fields, today=DAY)["text"])


def test_the_confirmation_serves_health_care_and_every_other_invited_organisation():
    letter = catalog().letter("bekraftelse")
    assert (letter.table, letter.outcomes) == ("inkommen-inbjudan",
                                               ("delta", "annan-verksamhet-ska-delta"))


def test_the_confirmation_says_we_take_part_and_who_comes():
    text = _confirm(FIELDS)
    assert text == ("Datum: 2026-12-03\nTill: Centralskolan, rektor\n"
                    "Er inbjudan: samverkansmöte 12 januari kl. 9.00\n"
                    f"{CHILD_LINE}\n\n"
                    "Tack för er inbjudan till samverkansmöte inom Kronobarnsmodellen.\n\n"
                    "BVC Teleborg kommer att delta i mötet.\n\n"
                    "Från oss deltar: Barnsjuksköterskan på BVC\n\n"
                    "Med vänliga hälsningar\nBVC Teleborg")


def test_the_optional_lines_appear_when_given():
    text = _confirm({**FIELDS, "ovrigt": "Vi kan komma från kl. 9.30.",
                     "kontaktperson": "BVC, 0470-58 60 00"})
    assert "\n\nVi kan komma från kl. 9.30.\n\n" in text
    assert text.endswith("BVC Teleborg\nKontaktperson: BVC, 0470-58 60 00")


@pytest.mark.parametrize(("missing", "label"), [
    ("deltagare", "Vem från er som deltar"),
    ("till", "Till (verksamheten som bjöd in)"),
    ("inbjudan", "Vilket möte ni bekräftar"),
])
def test_who_takes_part_to_whom_and_which_meeting_are_required(missing, label):
    # A confirmation with only the required fields must still let the inviter match it
    # to a meeting (#34 item 7).
    with pytest.raises(DecisionError, match=label.replace("(", r"\(").replace(")", r"\)")):
        _confirm({k: v for k, v in FIELDS.items() if k != missing})
