"""The built /utbildning/ page: every case offers its table's outcomes, rounds in order,
the rows behind every wrong choice."""

from __future__ import annotations

import json
import re

from site_config.render.training import group_exercises
from tests.unit.test_training import EXERCISES


def test_the_page_offers_every_outcome_of_the_case_s_table(site_dir, catalog):
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="kb-training" data-training data-state="loading" '
                     r'data-app="[^"]+" data-pyodide="[^"]+" data-python-bytes="[0-9]+" '
                     r'data-stdlib="[^"]+" data-worker="[^"]+"', html)
    in_page_order = [e for group in group_exercises(EXERCISES, catalog) for e in group.exercises]
    for number, exercise in enumerate(in_page_order, 1):
        start = html.index(f'<form class="kb-exercise" id="ovning-{exercise.id}"')
        form = html[start:html.index("</form>", start)]
        answers = json.dumps(dict(exercise.answers), ensure_ascii=False, separators=(",", ":"))
        assert f'data-answers="{answers.replace(chr(34), "&quot;")}"' in form
        assert f">Fall {number}</h3>" in form
        table = catalog.table(exercise.table)
        assert f"<legend>{table.title}</legend>" in form
        for outcome in table.outcomes.values():
            assert (f'<label class="kb-option"><input type="radio" name="svar-{exercise.id}" '
                    f'value="{outcome.id}">') in form
        assert 'aria-live="polite" data-role="feedback"' in form


def test_the_cases_open_with_a_mixed_round_then_follow_their_tables(catalog, site_dir):
    groups = group_exercises(EXERCISES, catalog)
    first, rest = groups[0], groups[1:]
    assert [e.table for e in first.exercises] == list(dict.fromkeys(e.table for e in EXERCISES))
    for group in rest:
        assert len({e.table for e in group.exercises}) == 1
        assert group.title == catalog.table(group.exercises[0].table).title
    placed = [e.id for g in groups for e in g.exercises]
    assert sorted(placed) == sorted(e.id for e in EXERCISES), "each case exactly once"
    # Each group is a heading of the page, so it is in the table of contents.
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    for group in groups:
        assert f'<h2 id="{group.anchor}">{group.title}' in html
        assert f'href="#{group.anchor}" class="md-nav__link"' in html


def test_every_wrong_choice_has_the_table_s_rows_for_it(site_dir, catalog):
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    for table in (catalog.table(t) for t in dict.fromkeys(e.table for e in EXERCISES)):
        for outcome in table.outcomes.values():
            start = html.index(f'<template data-leads-to="{table.id}/{outcome.id}">')
            block = html[start:html.index("</template>", start)]
            assert f"gäller ”{outcome.title}” när" in block
            rows = [r for r in table.rules if r.outcome == outcome.id]
            assert block.count("<li>") == len(rows)
            for rule in rows:
                for question_id, values in dict(rule.when).items():
                    question = table.question(question_id)
                    assert question.label in block
                    for value in values:
                        assert f"”{question.value(value).label}”" in block

