"""HTML for the trainer's guide (/utbildning/handledning/): the session plan per reader
group, the case cards to print, and the answer key.

The key is not written anywhere by hand: each case's right answer is the title that
``decide()`` gives for the case's answers, here at build time, as the exercises page's
correction does in the browser. The cases carry the same numbers as on /utbildning/.
"""

from __future__ import annotations

from html import escape

from decision_logic import Catalog, decide
from decision_logic.toolchain.training import Exercise, TrainingGuide

from .render_html import SiteLink, rule_href
from .render_links import scrollable
from .render_training import answer_pairs, case_numbers, group_exercises
from .ui import html


def _key_anchor(exercise: Exercise) -> str:
    return f"facit-{exercise.id}"


def _case_links(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    return ", ".join(f'<a href="#facit-{escape(i)}">{html("guide", "case", number=numbers[i])}'
                     "</a>" for i in ids)


def render_session_plan(guide: TrainingGuide, exercises: tuple[Exercise, ...],
                        catalog: Catalog) -> str:
    """Per reader group: what applies to it, which cases to take and the time needed;
    first a mixed group, one case per decision support (the page's first round)."""
    numbers = case_numbers(exercises, catalog)
    mixed = tuple(e.id for e in group_exercises(exercises, catalog)[0].exercises)
    rows = [(html("guide", "mixed_name"), html("guide", "mixed_about"), mixed)]
    rows += [(escape(g.name), escape(g.about), g.exercises) for g in guide.groups]
    body = "".join(
        f'<tr><th scope="row">{name}</th><td>{about}</td><td>{_case_links(ids, numbers)}</td>'
        f'<td>{html("guide", "time_value", minutes=guide.minutes(len(ids)), cases=len(ids))}'
        "</td></tr>" for name, about, ids in rows)
    caption = html("guide", "plan_caption")
    return scrollable(f'<table class="kb-plan-table"><caption>{caption}</caption>'
                      f'<thead><tr><th scope="col">{html("guide", "group")}</th>'
                      f'<th scope="col">{html("guide", "applies")}</th>'
                      f'<th scope="col">{html("guide", "cases")}</th>'
                      f'<th scope="col">{html("guide", "time")}</th></tr></thead>'
                      f"<tbody>{body}</tbody></table>", caption)


def render_case_cards(exercises: tuple[Exercise, ...], catalog: Catalog) -> str:
    """Every case as a card with the situation only (no options, no key), in case order;
    print.css puts two on an A4 sheet."""
    numbers = case_numbers(exercises, catalog)
    def label(e: Exercise) -> str:
        return html("guide", "card_label", number=numbers[e.id],
                    question=escape(catalog.table(e.table).title))

    cards = "".join(
        f'<section class="kb-case-card" id="fallkort-{escape(e.id)}" '
        f'data-case-card="{escape(e.id)}"><p class="kb-case-card__label">{label(e)}</p>'
        f'<p class="kb-case-card__situation">{escape(e.situation)}</p></section>'
        for e in sorted(exercises, key=lambda e: numbers[e.id]))
    return f'<div class="kb-case-cards" data-search-exclude>{cards}</div>'


def _key_entry(exercise: Exercise, number: int, catalog: Catalog, link: SiteLink) -> str:
    table = catalog.table(exercise.table)
    decision = decide(exercise.table, dict(exercise.answers))
    outcome = table.outcomes[decision.outcome or ""]
    why = exercise.why or (outcome.paragraphs[0] if outcome.paragraphs else "")
    rules = "".join(
        f'<li><a href="{escape(rule_href(catalog.rulebook.rules[r], link))}">{r}</a> '
        f"{escape(catalog.rulebook.rules[r].summary)}</li>" for r in decision.rules)
    return (
        f'<div class="kb-key" id="{_key_anchor(exercise)}" '
        f'data-key-exercise="{escape(exercise.id)}" data-outcome="{escape(outcome.id)}">'
        f'<h4>{html("guide", "case", number=number)} – <span class="kb-key__title">'
        f"{escape(decision.title or '')}</span></h4>"
        f'<p><strong>{html("guide", "case_answers")}</strong> '
        f"{answer_pairs(table, dict(exercise.answers))}.</p>"
        f'<p><strong>{html("guide", "why")}</strong> {escape(why)}</p>'
        f'<p class="kb-key__rules"><strong>{html("guide", "rules")}</strong></p>'
        f'<ul class="kb-key__rules">{rules}</ul></div>')


def render_answer_key(exercises: tuple[Exercise, ...], catalog: Catalog,
                      link: SiteLink) -> str:
    """The key by topic: a heading per decision support, its cases in case order."""
    numbers = case_numbers(exercises, catalog)
    blocks = []
    for table_id in dict.fromkeys(e.table for e in exercises):
        table = catalog.table(table_id)
        cases = sorted((e for e in exercises if e.table == table_id),
                       key=lambda e: numbers[e.id])
        entries = "".join(_key_entry(e, numbers[e.id], catalog, link) for e in cases)
        blocks.append(f"### {table.title} {{ #facit-amne-{table_id} }}\n\n"
                      f'<div class="kb-key-group" data-search-exclude>{entries}</div>')
    return "\n\n".join(blocks)


def render_key_by_group(guide: TrainingGuide, exercises: tuple[Exercise, ...],
                        catalog: Catalog) -> str:
    """The key by reader group: each group's cases with their right answers, short."""
    numbers = case_numbers(exercises, catalog)
    by_id = {e.id: e for e in exercises}
    blocks = []
    for group in guide.groups:
        items = "".join(
            f'<li><a href="#facit-{escape(i)}">{html("guide", "case", number=numbers[i])}</a>'
            f": {escape(decide(by_id[i].table, dict(by_id[i].answers)).title or '')}</li>"
            for i in group.exercises)
        blocks.append(f"### {group.name} {{ #facit-grupp-{group.id} }}\n\n"
                      f'<ul class="kb-key-by-group" data-key-group="{escape(group.id)}" '
                      'data-search-exclude>'
                      f"{items}</ul>")
    return "\n\n".join(blocks)
