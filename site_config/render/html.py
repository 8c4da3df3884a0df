"""HTML for a routing table: the static table, its outcomes, and the widget's form.

The static table is what a reader sees with JavaScript off or while Pyodide starts; the
widget reuses the same outcome markup, so both always say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from decision_logic import (
    Letter,
    LetterField,
    Outcome,
    Rulebook,
    RuleInfo,
    Table,
    letter_template,
)
from site_config.content.manifest import rule_path
from site_config.content.protocol import attribute
from site_config.content.ui import action_attr, html, role_attr, state_attr
from site_config.render.snapshot import field, snapshot_json, widget_snapshot

#: site path (e.g. ``kallor/#r6``) -> the same URL relative to the page being rendered
SiteLink = Callable[[str], str]
#: ``[text](site/path/#anchor)`` in outcome text: a link to another page of the site, or
#: ``[text](https://…)``: a link to a document elsewhere (the region's routines). Such a
#: link is only followed when the reader clicks it; the page loads nothing from there.
INLINE_LINK = re.compile(r"\[([^\]]+)\]\((https://[A-Za-z0-9./_#%-]+|[a-z0-9/#-]+)\)")


def render_text(text: str, link: SiteLink) -> str:
    """Escape a paragraph of table text, turning ``[text](path/)`` into site links and
    ``[text](https://…)`` into links to the outside document, as written."""
    def anchor(m: re.Match[str]) -> str:
        target = m[2] if m[2].startswith("https://") else link(m[2])
        return f'<a href="{escape(target)}">{m[1]}</a>'
    return INLINE_LINK.sub(anchor, escape(text))


def outcome_anchor(table: Table, outcome_id: str) -> str:
    return f"utfall-{table.id}-{outcome_id}"


def table_anchor(table: Table) -> str:
    return f"tabell-{table.id}"


def rule_href(rule: RuleInfo, link: SiteLink) -> str:
    """Where the routine explains ``rule``, relative to the page being rendered."""
    return link(f"{rule.page}#{rule.anchor}")


def render_rule_links(rule_ids: tuple[str, ...], rulebook: Rulebook, link: SiteLink) -> str:
    """Each rule links to where the routine explains it; one link goes to the sources."""
    rules = [rulebook.rules[r] for r in rule_ids]
    links = ", ".join(
        f'<a href="{escape(rule_href(r, link))}" title="{escape(r.summary)}">{r.id}</a>'
        for r in rules
    )
    sources = escape(link(rule_path(rules[0].anchor)))
    sources_link = f'<a href="{sources}">{html("table", "sources_link")}</a>'
    return f'<p class="kb-rules">{html("table", "rules", rules=links, sources=sources_link)}</p>'


def render_outcome(outcome: Outcome, rulebook: Rulebook, link: SiteLink,
                   heading: str = "h3", anchor: str | None = None) -> str:
    """One outcome as a block: title, paragraphs, the rules it rests on."""
    anchor_attr = f' id="{escape(anchor)}"' if anchor else ""
    paragraphs = "".join(f"<p>{render_text(p, link)}</p>" for p in outcome.paragraphs)
    return (f'<div class="kb-outcome" data-outcome-id="{escape(outcome.id)}">'
            f"<{heading}{anchor_attr}>{escape(outcome.title)}</{heading}>"
            f"{paragraphs}{render_rule_links(outcome.rules, rulebook, link)}</div>")


def _condition_cell(table: Table, question_id: str, when: dict[str, frozenset[str]]) -> str:
    if question_id not in when:
        return f'<td class="kb-any">{html("table", "any_answer")}</td>'
    question = table.question(question_id)
    labels = [question.value(v).label for v in question.value_ids if v in when[question_id]]
    return f"<td>{html('table', 'either').join(escape(label) for label in labels)}</td>"


def render_table(table: Table, rulebook: Rulebook, link: SiteLink) -> str:
    """The complete routing table as an HTML table, followed by every outcome in full."""
    head = "".join(f'<th scope="col">{escape(q.label)}</th>' for q in table.questions)
    rows = []
    for rule in table.rules:
        cells = "".join(_condition_cell(table, q.id, dict(rule.when)) for q in table.questions)
        outcome = table.outcomes[rule.outcome]
        rows.append(f'<tr>{cells}<td><a href="#{outcome_anchor(table, outcome.id)}">'
                    f"{escape(outcome.title)}</a></td></tr>")
    outcomes = "".join(
        render_outcome(o, rulebook, link, anchor=outcome_anchor(table, o.id))
        for o in table.outcomes.values()
    )
    return (f'<div class="kb-table" id="{table_anchor(table)}" '
            f'{attribute("table")}="{escape(table.id)}">'
            f'<table><caption>{html("table", "caption", title=escape(table.title))}</caption>'
            f'<thead><tr>{head}<th scope="col">{html("table", "outcome_column")}</th></tr>'
            "</thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f'<div class="kb-outcomes">{outcomes}</div></div>')


def _render_question(table: Table, index: int, shown: bool) -> str:
    question = table.questions[index]
    help_id = f"{table.id}-{question.id}-hjalp"
    kind = "checkbox" if question.multiple else "radio"
    options = "".join(
        f'<label class="kb-option"><input type="{kind}" name="{escape(question.id)}" '
        f'value="{escape(v.id)}"> {escape(v.label)}</label>'
        for v in question.values
    )
    help_text = f'<p class="kb-help" id="{help_id}">{escape(question.help)}</p>' \
        if question.help else ""
    described = f' aria-describedby="{help_id}"' if question.help else ""
    multiple = f" {attribute('multiple')}" if question.multiple else ""
    hidden = "" if shown else " hidden"
    return (f'<fieldset class="kb-question" {attribute("question")}="{escape(question.id)}"'
            f"{multiple}"
            f"{described}{hidden}>"
            f"<legend>{escape(question.label)}</legend>{help_text}{options}</fieldset>")


def render_widget(table: Table, rulebook: Rulebook, link: SiteLink,
                  urls: dict[str, str]) -> str:
    """The widget's form, drawn in the state Python gives for "no answers yet", with the
    snapshot of Python's decisions for every other state (``site_config.render.snapshot``), so
    the script can draw any answer at once. Without JavaScript the media query
    ``scripting: none`` hides the form (widget.css); the static table answers instead.

    ``urls`` gives, relative to the page, the ``worker`` script, the ``pyodide`` runtime
    directory and the ``app`` directory (wheel, lockfile, tables)."""
    snapshot = widget_snapshot(table)
    start = snapshot[field("states")][""]
    asked = {q for decision in start for q in decision["asked"]}
    next_id = next(str(d["next_question"]) for d in start if d["next_question"])
    questions = "".join(_render_question(table, i, table.questions[i].id in asked)
                        for i in range(len(table.questions)))
    templates = "".join(
        f'<template {attribute("outcome_template")}="{escape(o.id)}">'
        f"{render_outcome(o, rulebook, link)}</template>"
        for o in table.outcomes.values()
    )
    next_question = escape(table.question(next_id).label)
    return (
        f'<form class="kb-widget" {attribute("widget")}="{escape(table.id)}" '
        f'{state_attr("loading")} '
        + "".join(f'{attribute(key)}="{escape(url)}" ' for key, url in sorted(urls.items()))
        + 'data-search-exclude '
        f'aria-label="{escape(table.title)}">'
        f'<p class="kb-status" role="status" {role_attr("status")}>'
        f'{html("widget", "next_question", question=next_question)}</p>'
        f"{questions}"
        f'<p class="kb-error" role="alert" {role_attr("error")} hidden></p>'
        # Not a live region: the status line above says the answer's title (widget.js),
        # so browsing the answers with the arrow keys does not read out each whole answer.
        f'<div class="kb-result" {role_attr("result")}></div>'
        '<p class="kb-actions">'
        f'<button type="button" class="md-button" {action_attr("copy_link")} '
        f'disabled>{html("widget", "copy_link")}</button> '
        f'<button type="button" class="md-button" {action_attr("restart")} '
        f'disabled>{html("widget", "restart")}</button></p>'
        # Always in the page, so a screen reader announces the note when it appears.
        '<div class="kb-copied-status" role="status">'
        f'<p class="kb-copied" {role_attr("copied")} hidden></p></div>'
        '<div class="kb-engine" role="status">'
        f'<p class="kb-error" {role_attr("engine")} hidden></p>'
        f'<p><button type="button" class="md-button" {action_attr("retry")} '
        f'{role_attr("retry")} hidden>{html("widget", "retry")}</button></p></div>'
        f"{templates}"
        # In an attribute, not a <script type="application/json">: Material's instant
        # navigation re-creates a page's script elements and would run the JSON.
        f'<div {role_attr("snapshot")} '
        f'{attribute("snapshot")}="{escape(snapshot_json(snapshot))}" hidden></div></form>'
    )


def _letter_input(letter: Letter, blank: LetterField) -> str:
    """One blank of a letter: a line, or a box of a few lines that starts with the
    blank's default text (which the reader may change or empty)."""
    name = escape(blank.id)
    at = f'id="{escape(letter.id)}-{name}" name="{name}" maxlength="{blank.max_length}"'
    if blank.multiline:
        field = f'<textarea {at} rows="4" autocomplete="off">{escape(blank.default)}</textarea>'
    else:
        field = (f'<input type="text" {at} autocomplete="off" '
                 f'value="{escape(blank.default)}">')
    return (f'<p><label for="{escape(letter.id)}-{name}">{escape(blank.label)}</label><br>'
            f"{field}</p>")


def render_letter_template(letter: Letter) -> str:
    """The letter to fill in by hand (``decision_logic.letter_template``: Python's own
    words with a line for each blank), in the page from the start: the reader can read,
    copy or print it before and without Python in the browser. ``data-letter-template``
    names the letter (a public attribute); widget.js only wires the two buttons."""
    template = letter_template(letter)
    notes = "".join(f"<li>{escape(str(note))}</li>" for note in template["notes"])
    notes_list = f'<ul class="kb-letter-notes">{notes}</ul>' if notes else ""
    return (
        f'<div class="kb-letter-template" {attribute("letter_template")}="{escape(letter.id)}">'
        f'<h4>{html("letter", "template_heading")}</h4>'
        f'<p class="kb-help">{html("letter", "template_help")}</p>{notes_list}'
        f'<pre {role_attr("letter_template_text")}>{escape(str(template["text"]))}</pre>'
        f'<p><button type="button" class="md-button" {action_attr("copy_template")}>'
        f'{html("letter", "copy_template")}</button> '
        f'<button type="button" class="md-button" {action_attr("print_template")}>'
        f'{html("letter", "print_template")}</button></p><div role="status">'
        f'<p class="kb-copied" {role_attr("letter_copied")} hidden></p></div></div>'
    )


def render_letter(letter: Letter) -> str:
    """One letter: its template to fill in by hand (``render_letter_template``) and its
    blanks (``decision_logic/letters.yaml``); the widget shows them inside the outcomes
    the letter serves, and Python writes the letter from the blanks. The inputs are never
    part of a URL or a request."""
    inputs = "".join(_letter_input(letter, blank) for blank in letter.fields)
    return (
        f'<section class="kb-letter" id="{escape(letter.id)}" '
        f'{attribute("letter")}="{escape(letter.id)}" '
        f'{attribute("letter_for")}="{escape(" ".join(letter.outcomes))}" '
        # The heading has no id: an id would make the search index a section of it,
        # although the whole letter is excluded from search.
        f'data-search-exclude hidden aria-label="{escape(letter.heading)}">'
        f"<h3>{escape(letter.heading)}</h3>"
        f'<p class="kb-help">{escape(letter.help)}</p>'
        f"{render_letter_template(letter)}"
        f'<h4>{html("letter", "fields_heading")}</h4>'
        f"{inputs}"
        '<p><button type="button" class="md-button md-button--primary" '
        f'{action_attr("write_letter")} disabled>{html("letter", "write")}</button> '
        f'<span class="kb-progress" role="status" {role_attr("letter_progress")}>'
        f'{html("letter", "preparing")}</span></p>'
        f'<p class="kb-error" role="alert" {role_attr("letter_error")} hidden></p>'
        '<div class="kb-letter-output" aria-live="polite" '
        f'{role_attr("letter_output")} hidden>'
        f'<ul class="kb-letter-notes" {role_attr("letter_notes")} hidden></ul>'
        f'<pre {role_attr("letter_text")}></pre>'
        f'<p><button type="button" class="md-button" {action_attr("copy_letter")}>'
        f'{html("letter", "copy")}</button> '
        f'<button type="button" class="md-button" {action_attr("print_letter")}>'
        f'{html("letter", "print")}</button></p><div role="status">'
        f'<p class="kb-copied" {role_attr("letter_copied")} hidden></p></div></div>'
        "</section>"
    )


def render_noscript(table: Table, rulebook: Rulebook, link: SiteLink,
                    page_titles: dict[str, str]) -> str:
    """What a reader without JavaScript sees where the widget's questions would be: why
    they are missing, and where the same answers are (the table below, the routine)."""
    pages: dict[str, RuleInfo] = {}
    for rule in sorted((rulebook.rules[r] for r in table.rule_ids),
                       key=lambda r: int(r.id.removeprefix("R"))):
        pages.setdefault(rule.page, rule)
    routines = html("noscript", "and").join(
        f'<a href="{escape(rule_href(rule, link))}">{escape(page_titles.get(page, page))}</a>'
        for page, rule in pages.items()
    )
    table_link = f'<a href="#{table_anchor(table)}">{html("noscript", "table_link")}</a>'
    return (
        '<noscript><div class="admonition info kb-noscript" data-search-exclude>'
        f'<p class="admonition-title">{html("noscript", "title")}</p>'
        f'<p>{html("noscript", "text", table_link=table_link, routines=routines)}</p>'
        "</div></noscript>"
    )
