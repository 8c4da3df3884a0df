"""HTML for the exercises (/utbildning/) and the checklists (/checklistor/).

The exercises are drawn at build time from the tables' outcome titles; the key is not in
the page. When the learner clicks "Rätta", training.js asks decision_logic in the browser
what the case's answers lead to and compares that outcome id with the learner's choice.
The templates here hold what it then shows: each outcome's explanation and the links to
the rules, keyed by the ids Python returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import urlencode

from decision_logic import Catalog, Table
from decision_logic.rulebook import Rulebook
from decision_logic.training import Checklist, Exercise

from .render_html import SiteLink, render_text, rule_href


def _render_exercise(number: int, exercise: Exercise, table: Table, link: SiteLink) -> str:
    name = f"svar-{exercise.id}"
    heading = f"ovning-{exercise.id}-rubrik"
    options = "".join(
        f'<label class="kb-option"><input type="radio" name="{name}" '
        f'value="{escape(outcome.id)}"> {escape(outcome.title)}</label>'
        for outcome in table.outcomes.values()
    )
    widget = f"{link(f'beslutsstod/{table.id}/')}?{urlencode(dict(exercise.answers))}"
    why = (f'<template data-role="case-why"><p class="kb-case-why"><strong>Om fallet:</strong> '
           f"{escape(exercise.why)}</p></template>") if exercise.why else ""
    return (
        f'<form class="kb-exercise" id="ovning-{escape(exercise.id)}" '
        f'data-exercise="{escape(exercise.id)}" data-table="{escape(table.id)}" '
        f'data-answers="{escape(exercise.answers_json)}" aria-labelledby="{heading}">'
        f'<h3 id="{heading}">Fall {number}</h3>'
        f'<p class="kb-exercise__situation">{escape(exercise.situation)}</p>'
        f'<fieldset class="kb-question"><legend>{escape(table.title)}</legend>{options}'
        "</fieldset>"
        '<p class="kb-actions"><button type="submit" class="md-button md-button--primary" '
        'data-action="check" disabled>Rätta</button></p>'
        '<p class="kb-error" role="alert" data-role="error" hidden></p>'
        '<div class="kb-feedback" aria-live="polite" data-role="feedback" '
        "data-search-exclude></div>"
        f'<p class="kb-exercise__try" data-role="try" hidden><a href="{escape(widget)}">'
        "Gå igenom fallet i beslutsstödet</a></p>"
        f"{why}</form>"
    )


def render_exercises(exercises: Iterable[Exercise], catalog: Catalog, link: SiteLink,
                     urls: dict[str, str]) -> str:
    """Every exercise as a small form, the score, and the templates the feedback uses.

    ``urls`` are the runtime's URLs relative to the page (``worker``, ``pyodide``,
    ``app``), as for the decision widgets."""
    exercises = tuple(exercises)
    forms = "".join(_render_exercise(n, e, catalog.table(e.table), link)
                    for n, e in enumerate(exercises, 1))
    tables = [catalog.table(t) for t in dict.fromkeys(e.table for e in exercises)]
    why = "".join(
        f'<template data-why="{escape(t.id)}/{escape(o.id)}">'
        + "".join(f"<p>{render_text(p, link)}</p>" for p in o.paragraphs)
        + "</template>"
        for t in tables for o in t.outcomes.values()
    )
    rulebook = catalog.rulebook
    used = {r for t in tables for r in t.rule_ids}
    rule_links = "".join(
        f'<a data-rule="{r.id}" href="{escape(rule_href(r, link))}" '
        f'title="{escape(r.summary)}">{r.id}</a>'
        for r in rulebook.rules.values() if r.id in used
    )
    return (
        '<div class="kb-training" data-training data-state="loading" '
        + " ".join(f'data-{name}="{escape(url)}"' for name, url in sorted(urls.items()))
        + ">"
        '<p class="kb-status" role="status" data-role="status" data-search-exclude></p>'
        "<noscript><p>Rättningen behöver JavaScript. Du kan ändå läsa fallen och jämföra "
        "med tabellerna på sidorna med beslutsstöd.</p></noscript>"
        f"{forms}"
        '<div class="kb-score" data-search-exclude><p><strong>Resultat:</strong> '
        '<span data-role="score">inga fall rättade än.</span> '
        '<button type="button" class="md-button" data-action="reset" disabled>Börja om'
        "</button></p></div>"
        f'{why}<template data-role="rule-links">{rule_links}</template></div>'
    )


def render_checklists(checklists: Iterable[Checklist], rulebook: Rulebook,
                      link: SiteLink) -> str:
    """Each checklist as a Markdown heading (so it is in the page's table of contents)
    followed by its items as checkboxes with labels, each citing its rule.

    Heading and items share a section that print.css keeps on one sheet when it fits. The
    print button comes first; print.js shows it (without JavaScript it could do nothing)."""
    blocks = ['<p class="kb-print-action kb-screen-only" data-print-action hidden>'
              '<button type="button" class="md-button md-button--primary" '
              'data-action="print-page">Skriv ut checklistorna</button></p>']
    for checklist in checklists:
        blocks.append(f'<section class="kb-checklist-group" markdown>\n\n'
                      f"## {checklist.title} {{ #{checklist.id} }}")
        items = "".join(
            f'<li><input type="checkbox" id="{checklist.id}-{i}"> '
            f'<label for="{checklist.id}-{i}">{escape(item.text)}</label> '
            f'<span class="kb-checklist__rule">(<a href="'
            f'{escape(rule_href(rulebook.rules[item.rule], link))}" '
            f'title="{escape(rulebook.rules[item.rule].summary)}">{item.rule}</a>)</span></li>'
            for i, item in enumerate(checklist.items, 1)
        )
        intro = f"<p>{escape(checklist.intro)}</p>" if checklist.intro else ""
        blocks.append(f'<div class="kb-checklist" data-checklist="{checklist.id}">{intro}'
                      f'<ul class="kb-checklist__items" aria-labelledby="{checklist.id}">'
                      f"{items}</ul></div>\n\n</section>")
    return "\n\n".join(blocks)
