"""S2 speaks of "ett barn/flera barn": the reply letter reads right for siblings too."""

from __future__ import annotations

from tests.unit.test_letter import LETTER_FIELDS, response_letter


def test_the_form_offers_barnen_as_well_as_barnet():
    assert "\u201dbarnen\u201d" in LETTER_FIELDS["berord"]
    assert "\u201dbarnet\u201d" in LETTER_FIELDS["berord"]


def test_a_letter_about_several_children_names_them_and_stays_grammatical():
    text = response_letter({"var-verksamhet": "BUP Växjö", "berord": "barnen",
                            "vidare-till": "vårdcentralen"})
    assert "BUP Växjö har ingen etablerad vårdkontakt med barnen som inbjudan gäller" in text
    # The reason names no one: it holds whoever the reader said the invitation concerns.
    assert "barnet" not in text.split("hänvisas till oss.")[1]
