"""The checklists at /checklistor/: checked against the rules, rendered as checkboxes, and
printed by Chromium to a clean A4 PDF with the footer and without the site's chrome."""

from __future__ import annotations

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.training import load_checklists
from tests.conftest import TESTS

FIXTURES = TESTS / "fixtures" / "training"




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




def test_an_unknown_rule_in_a_checklist_names_file_key_and_line(catalog):
    with pytest.raises(ContentError) as caught:
        load_checklists(catalog.rulebook, FIXTURES / "checklists_unknown_rule.yaml")
    error = caught.value
    assert error.source.endswith("training/checklists_unknown_rule.yaml")
    assert (error.key_path, error.line) == ("checklists[0].items[1].rule", 9)
    assert "okänd regel 'R99'" in error.message
    assert str(error).startswith(f"{error.source}:9 ")










