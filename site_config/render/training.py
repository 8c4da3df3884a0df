"""HTML for the exercises (/utbildning/) and the checklists (/checklistor/).

The exercises are drawn at build time from the tables' outcome titles. Each case carries
what decision_logic decided for its answers at build time (as a widget carries its
snapshot), so "Rätta" answers at once; training.js compares that outcome id with the
learner's choice, and decision_logic in the browser confirms it when Pyodide is ready.
The templates here hold what it then shows: each outcome's explanation and the links to
the rules, keyed by the ids Python returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from decision_logic import Catalog, Outcome, Rulebook, Table
from decision_logic.toolchain.training import Checklist, Exercise
from site_config.content.manifest import table_path
from site_config.content.protocol import attribute
from site_config.content.ui import action_attr, html, role_attr, state_attr, text
from site_config.render.html import SiteLink, render_text, rule_href
from site_config.render.snapshot import exercise_decision


def answer_pairs(table: Table, answers: dict[str, frozenset[str]] | dict[str, str]) -> str:
    """"Var befinner sig barnet? – Barnet går i skolan; …": questions and answers in the
    table's own words, in the table's question order."""
    parts = []
    for question in table.questions:
        if question.id not in answers:
            continue
        chosen = answers[question.id]
        values = [chosen] if isinstance(chosen, str) else [
            v for v in question.value_ids if v in chosen]
        labels = html("table", "either").join(
            html("training", "quoted", text=escape(question.value(v).label)) for v in values)
        parts.append(html("training", "answer_pair", question=escape(question.label),
                          answers=labels))
    return "; ".join(parts)


def _render_leads_to(table: Table, outcome: Outcome) -> str:
    """Which answers lead to ``outcome``: every row of the table that ends there."""
    rows = [answer_pairs(table, dict(rule.when)) for rule in table.rules
            if rule.outcome == outcome.id]
    items = "".join(f"<li>{row or html('training', 'any_answers')}</li>" for row in rows)
    leads_to = html("training", "leads_to_several" if len(rows) > 1 else "leads_to",
                    title=escape(outcome.title))
    return (f'<template {attribute("leads_to")}="{escape(table.id)}/{escape(outcome.id)}">'
            f"<p>{leads_to}</p><ul>{items}</ul></template>")


def _render_exercise(number: int, exercise: Exercise, table: Table, link: SiteLink) -> str:
    name = f"svar-{exercise.id}"
    heading = f"ovning-{exercise.id}-rubrik"
    options = "".join(
        f'<label class="kb-option"><input type="radio" name="{name}" '
        f'value="{escape(outcome.id)}"> {escape(outcome.title)}</label>'
        for outcome in table.outcomes.values()
    )
    widget = f"{link(table_path(table.id))}?{urlencode(dict(exercise.answers))}"
    why = (f'<template {role_attr("case_why")}><p class="kb-case-why">'
           f'<strong>{html("training", "about_case")}</strong> '
           f"{escape(exercise.why)}</p></template>") if exercise.why else ""
    # The case's answers in the table's words: shown after correcting, beside the rows
    # that lead to the learner's choice. They are the case, not its key.
    answers = (f'<template {role_attr("case_answers")}><p class="kb-case-answers">'
               f'<strong>{html("training", "case_answers")}</strong> '
               f"{answer_pairs(table, dict(exercise.answers))}.</p></template>")
    return (
        f'<form class="kb-exercise" id="ovning-{escape(exercise.id)}" '
        f'{attribute("exercise")}="{escape(exercise.id)}" '
        f'{attribute("table")}="{escape(table.id)}" '
        f'{attribute("answers")}="{escape(exercise.answers_json)}" '
        f'{attribute("decision")}="{escape(exercise_decision(table, exercise.answers))}" '
        f'aria-labelledby="{heading}">'
        f'<h3 id="{heading}">{html("training", "case", number=number)}</h3>'
        # The story and the choices stay out of the search: an invented case that
        # mentions "tränare" is not what a trainer searching for the routine needs.
        f'<p class="kb-exercise__situation" data-search-exclude>{escape(exercise.situation)}</p>'
        '<fieldset class="kb-question" data-search-exclude>'
        f"<legend>{escape(table.title)}</legend>{options}</fieldset>"
        '<p class="kb-actions"><button type="submit" class="md-button md-button--primary" '
        f'{action_attr("check")} disabled>{html("training", "check")}</button></p>'
        f'<p class="kb-error" role="alert" {role_attr("error")} hidden></p>'
        f'<div class="kb-feedback" aria-live="polite" {role_attr("feedback")} '
        "data-search-exclude></div>"
        f'<p class="kb-exercise__try" {role_attr("try")} hidden>'
        f'<a href="{escape(widget)}">{html("training", "try_in_widget")}</a></p>'
        f"{why}{answers}</form>"
    )


@dataclass(frozen=True)
class ExerciseGroup:
    anchor: str
    title: str
    intro: str
    exercises: tuple[Exercise, ...]


def group_exercises(exercises: Iterable[Exercise], catalog: Catalog) -> list[ExerciseGroup]:
    """A mixed first round (the first case of each table), then the rest by topic: one
    group per table, in the order the tables first appear in the exercises file. Taken
    from each case's ``table``, so a new case or a new table needs no change here."""
    exercises = tuple(exercises)
    by_table: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        by_table.setdefault(exercise.table, []).append(exercise)
    first = tuple(cases[0] for cases in by_table.values())
    groups = [ExerciseGroup("blandad-start", text("training", "mixed_title"),
                            text("training", "mixed_intro"), first)]
    for table_id, cases in by_table.items():
        rest = tuple(cases[1:])
        if rest:
            table = catalog.table(table_id)
            groups.append(ExerciseGroup(
                f"fall-{table_id}", table.title,
                text("training", "more_intro", title=table.title), rest))
    return groups


def case_numbers(exercises: Iterable[Exercise], catalog: Catalog) -> dict[str, int]:
    """Exercise id -> its case number on /utbildning/ ("Fall 7"), in the page's order, so
    the trainer's guide and its printed cards name a case as the screen does."""
    ordered = [e.id for group in group_exercises(exercises, catalog) for e in group.exercises]
    return {exercise_id: number for number, exercise_id in enumerate(ordered, 1)}


def render_exercises(exercises: Iterable[Exercise], catalog: Catalog, link: SiteLink,
                     urls: dict[str, str]) -> str:
    """Every exercise as a small form, grouped under Markdown headings (so the groups are
    in the page's table of contents), the score, and the templates the feedback uses.

    The cases are raw HTML blocks between the headings, so their own headings stay out of
    the table of contents; training.js finds them beside the ``data-training`` element.
    ``urls`` are the runtime's URLs relative to the page (``worker``, ``pyodide``,
    ``app``), as for the decision widgets."""
    exercises = tuple(exercises)
    blocks = [
        f'<div class="kb-training" {attribute("training")} {state_attr("loading")} '
        + " ".join(f'{attribute(key)}="{escape(url)}"' for key, url in sorted(urls.items()))
        + ">"
        # Visible while Python starts: it confirms the corrections made from the answers
        # computed at build time.
        f'<p class="kb-progress" role="status" {role_attr("status")} '
        'data-search-exclude></p>'
        f'<noscript><p>{html("training", "noscript")}</p></noscript>'
        f'<p class="kb-error" role="alert" {role_attr("error")} hidden></p></div>'
    ]
    numbers = case_numbers(exercises, catalog)
    for group in group_exercises(exercises, catalog):
        blocks.append(f"## {group.title} {{ #{group.anchor} }}")
        forms = [_render_exercise(numbers[exercise.id], exercise,
                                  catalog.table(exercise.table), link)
                 for exercise in group.exercises]
        blocks.append(f'<div class="kb-exercise-group"><p>{escape(group.intro)}</p>'
                      f"{''.join(forms)}</div>")
    tables = [catalog.table(t) for t in dict.fromkeys(e.table for e in exercises)]
    why = "".join(
        f'<template {attribute("why")}="{escape(t.id)}/{escape(o.id)}">'
        + "".join(f"<p>{render_text(p, link)}</p>" for p in o.paragraphs)
        + "</template>"
        for t in tables for o in t.outcomes.values()
    )
    leads_to = "".join(_render_leads_to(t, o) for t in tables for o in t.outcomes.values())
    rulebook = catalog.rulebook
    used = {r for t in tables for r in t.rule_ids}
    rule_links = "".join(
        f'<a {attribute("rule")}="{r.id}" href="{escape(rule_href(r, link))}" '
        f'title="{escape(r.summary)}">{r.id}</a>'
        for r in rulebook.rules.values() if r.id in used
    )
    blocks.append(
        f'<div class="kb-score" data-search-exclude><p><strong>{html("training", "result")}'
        f'</strong> <span {role_attr("score")}>{html("training", "no_score")}</span> '
        f'<button type="button" class="md-button" {action_attr("reset")} disabled>'
        f'{html("training", "reset")}</button></p>'
        # The reset asks first: the score and every answer would be lost.
        f'<p class="kb-confirm" {role_attr("confirm_reset")} hidden>'
        f'<span id="kb-confirm-reset-fraga">{html("training", "confirm_reset")}</span> '
        '<button type="button" class="md-button md-button--primary" '
        f'{action_attr("reset_yes")} aria-describedby="kb-confirm-reset-fraga">'
        f'{html("training", "reset_yes")}</button> '
        f'<button type="button" class="md-button" {action_attr("reset_no")} '
        f'aria-describedby="kb-confirm-reset-fraga">{html("training", "reset_no")}</button>'
        "</p></div>"
        f'<div class="kb-training__templates" data-search-exclude>{why}{leads_to}'
        f'<template {role_attr("rule_links")}>{rule_links}</template></div>'
    )
    return "\n\n".join(blocks)


def print_button(label: str) -> str:
    """A button that prints the page; print.js shows it (without JavaScript it could do
    nothing, so it stays hidden) and it never shows on paper."""
    return (f'<p class="kb-print-action kb-screen-only" {attribute("print_action")} hidden>'
            '<button type="button" class="md-button md-button--primary" '
            f'{action_attr("print_page")}>{label}</button></p>')


def render_checklists(checklists: Iterable[Checklist], rulebook: Rulebook,
                      link: SiteLink) -> str:
    """Each checklist as a Markdown heading (so it is in the page's table of contents)
    followed by its items as checkboxes with labels, each citing its rule.

    Heading and items share a section; on paper print.css keeps the heading and intro
    with the first items and lets a long list go on over the next sheet. The
    print button comes first; print.js shows it (without JavaScript it could do nothing)."""
    blocks = [print_button(html("checklists", "print"))]
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
        intro = (f'<p class="kb-checklist__for"><strong>{html("checklists", "applies_to")}'
                 "</strong> "
                 f"{escape(checklist.audience)}</p>")
        intro += f"<p>{escape(checklist.intro)}</p>" if checklist.intro else ""
        blocks.append(f'<div class="kb-checklist" data-checklist="{checklist.id}">{intro}'
                      f'<ul class="kb-checklist__items" aria-labelledby="{checklist.id}">'
                      f"{items}</ul></div>\n\n</section>")
    return "\n\n".join(blocks)
