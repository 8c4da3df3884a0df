"""The checklists as built at /checklistor/: whom each is for, and every item a labelled
checkbox linking its rule."""

from __future__ import annotations

import re

from decision_logic.toolchain.training import load_checklists


def test_each_checklist_says_whom_it_is_for(site_dir, catalog):
    html = (site_dir / "checklistor" / "index.html").read_text(encoding="utf-8")
    for checklist in load_checklists(catalog.rulebook):
        assert checklist.audience
        assert (f'<p class="kb-checklist__for"><strong>Gäller:</strong> '
                f"{checklist.audience}</p>") in html
        # S2 is health care's routine: a list built on it says so.
        if any(catalog.rulebook.rules[i.rule].source == "S2" for i in checklist.items):
            assert "hälso- och sjukvården" in checklist.audience.lower()


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

