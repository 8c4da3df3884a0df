"""HTML for the trainer's guide (/utbildning/handledning/): the session plan per reader
group, the case cards to print, and the answer key.

The key is not written anywhere by hand: each case's right answer is the title that
``decide()`` gives for the case's answers, here at build time, as the exercises page's
correction does in the browser. The cases carry the same numbers as on /utbildning/, and
the key follows them: the mixed round first, then the rest by decision support, and the
short key has a section for every group the plan proposes, the mixed group first.

The page prints in parts (``render_print_choices``; print.js and cards.css): the guide,
the cards or the key alone. The key's sections stay out of the search: they repeat the
answers, and a reader who searches for "frivilligsektorn" wants the answer, not the key.
"""

from __future__ import annotations

from html import escape

from decision_logic import Catalog, decide
from decision_logic.toolchain.training import Exercise, TrainingGuide
from site_config.content.protocol import attribute
from site_config.content.ui import action_attr, html
from site_config.render.html import SiteLink, rule_href
from site_config.render.links import scrollable
from site_config.render.training import ExerciseGroup, answer_pairs, case_numbers, group_exercises

#: the parts of the guide a trainer can print alone (``data-print-part`` on the page)
PRINT_PARTS = ("guide", "cards", "key")
#: what marks the key's headings and blocks: a print part of its own, out of the search
KEY_PART = 'data-print-part="key" data-search-exclude'
#: the id of the mixed group in the short key (``data-key-group``)
MIXED_GROUP = "blandad"


def _key_anchor(exercise: Exercise) -> str:
    return f"facit-{exercise.id}"


def _case_links(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    return ", ".join(f'<a href="#facit-{escape(i)}">{html("guide", "case", number=numbers[i])}'
                     "</a>" for i in ids)


def _mixed_round(exercises: tuple[Exercise, ...], catalog: Catalog) -> tuple[str, ...]:
    """The mixed group's cases: the exercises page's first round, one per decision support."""
    return tuple(e.id for e in group_exercises(exercises, catalog)[0].exercises)


def render_print_choices() -> str:
    """The buttons that print one part of the guide (print.js shows them and marks the
    part; without JavaScript they stay hidden and the page prints whole)."""
    buttons = " ".join(
        f'<button type="button" class="md-button" {action_attr("print_part")} '
        f'{attribute("print_choice")}="{part}">{html("guide", f"print_{part}")}</button>'
        for part in PRINT_PARTS)
    return (f'<div class="kb-print-choices kb-screen-only" {attribute("print_choices")} hidden>'
            f'<p>{html("guide", "print_intro")}</p><p>{buttons}</p></div>')


def render_session_plan(guide: TrainingGuide, exercises: tuple[Exercise, ...],
                        catalog: Catalog) -> str:
    """Per reader group: what applies to it, which cases to take and the time needed;
    first a mixed group, one case per decision support (the page's first round)."""
    numbers = case_numbers(exercises, catalog)
    rows = [(html("guide", "mixed_name"), html("guide", "mixed_about"),
             _mixed_round(exercises, catalog))]
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
    return f'<div class="kb-case-cards" data-print-part="cards" data-search-exclude>{cards}</div>'


def _key_entry(exercise: Exercise, number: int, catalog: Catalog, link: SiteLink,
               *, name_table: bool = False) -> str:
    """One case's key; ``name_table`` adds the decision support's question, for a section
    whose cases come from several (the mixed round)."""
    table = catalog.table(exercise.table)
    decision = decide(exercise.table, dict(exercise.answers))
    outcome = table.outcomes[decision.outcome or ""]
    why = exercise.why or (outcome.paragraphs[0] if outcome.paragraphs else "")
    rules = "".join(
        f'<li><a href="{escape(rule_href(catalog.rulebook.rules[r], link))}">{r}</a> '
        f"{escape(catalog.rulebook.rules[r].summary)}</li>" for r in decision.rules)
    return (
        f'<div class="kb-key" id="{_key_anchor(exercise)}" '
        f'data-key-exercise="{escape(exercise.id)}" {attribute("outcome")}="{escape(outcome.id)}">'
        f'<h4>{html("guide", "case", number=number)} – <span class="kb-key__title">'
        f"{escape(decision.title or '')}</span></h4>"
        + (f'<p><strong>{html("guide", "question")}</strong> {escape(table.title)}</p>'
           if name_table else "")
        + f'<p><strong>{html("guide", "case_answers")}</strong> '
        f"{answer_pairs(table, dict(exercise.answers))}.</p>"
        f'<p><strong>{html("guide", "why")}</strong> {escape(why)}</p>'
        f'<p class="kb-key__rules"><strong>{html("guide", "rules")}</strong></p>'
        f'<ul class="kb-key__rules">{rules}</ul></div>')


def _key_anchor_of(group: ExerciseGroup) -> str:
    """The key section's anchor: facit-blandad-start, then facit-amne-<table> as before."""
    if group.anchor.startswith("fall-"):
        return f"facit-amne-{group.anchor.removeprefix('fall-')}"
    return f"facit-{group.anchor}"


def render_answer_key(exercises: tuple[Exercise, ...], catalog: Catalog,
                      link: SiteLink) -> str:
    """The key in case order, in the exercises page's sections: the mixed round (cases
    1–5, one per decision support), then the rest under their decision support."""
    numbers = case_numbers(exercises, catalog)
    blocks = []
    for index, group in enumerate(group_exercises(exercises, catalog)):
        entries = "".join(_key_entry(e, numbers[e.id], catalog, link, name_table=index == 0)
                          for e in group.exercises)
        blocks.append(f"### {group.title} {{ #{_key_anchor_of(group)} {KEY_PART} }}\n\n"
                      f'<div class="kb-key-group" {KEY_PART}>{entries}</div>')
    return "\n\n".join(blocks)


def render_key_by_group(guide: TrainingGuide, exercises: tuple[Exercise, ...],
                        catalog: Catalog) -> str:
    """The key by reader group, short: a section for every group the plan proposes, the
    mixed group first, each with its cases in case order and their right answers."""
    numbers = case_numbers(exercises, catalog)
    by_id = {e.id: e for e in exercises}
    groups = [(MIXED_GROUP, html("guide", "mixed_name"), _mixed_round(exercises, catalog))]
    groups += [(g.id, escape(g.name), g.exercises) for g in guide.groups]
    blocks = []
    for group_id, name, ids in groups:
        items = "".join(
            f'<li><a href="#facit-{escape(i)}">{html("guide", "case", number=numbers[i])}</a>'
            f": {escape(decide(by_id[i].table, dict(by_id[i].answers)).title or '')}</li>"
            for i in sorted(ids, key=numbers.__getitem__))
        blocks.append(f"### {name} {{ #facit-grupp-{group_id} {KEY_PART} }}\n\n"
                      f'<ul class="kb-key-by-group" data-key-group="{escape(group_id)}" '
                      f"{KEY_PART}>{items}</ul>")
    return "\n\n".join(blocks)
