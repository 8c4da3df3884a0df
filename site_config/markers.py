"""Expands the markers in the Markdown pages into HTML made from the routing tables.

A page says *where* generated content goes with an HTML comment such as
``<!-- kb:widget ansvarig -->``; this module says *what* goes there. Unknown markers and
unknown tables stop the build with a message naming the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape

from decision_logic import Catalog, DecisionError
from decision_logic.letter import LETTER_FIELDS, LETTER_OUTCOME
from decision_logic.training import load_checklists, load_exercises

from .browser_assets import BrowserAssets
from .glossary import Term, abbreviation_definitions, render_glossary
from .render_diagram import render_diagram
from .render_html import SiteLink, outcome_anchor, render_letter, render_table, render_widget
from .render_training import render_checklists, render_exercises

MARKER = re.compile(r"<!--\s*kb:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")


class MarkerError(ValueError):
    """A marker the build cannot expand."""


def relative_url(page_url: str, target: str) -> str:
    """``target`` (site-root relative, e.g. ``kallor/#r6``) as seen from ``page_url``."""
    path, _, fragment = target.partition("#")
    base = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else "."
    rel = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True)
class PageContext:
    catalog: Catalog
    assets: BrowserAssets
    glossary: tuple[Term, ...]
    page_titles: dict[str, str]
    """Site path (``rutiner/samverkan/``) -> the page's title, for link texts."""


def _rule_list(context: PageContext, link: SiteLink) -> str:
    """Every rule with its source, the page that explains it and the outcomes that use it:
    the rule map, derived from rules.yaml and the tables."""
    rulebook = context.catalog.rulebook
    used_by: dict[str, list[str]] = {r: [] for r in rulebook.rules}
    for table in context.catalog.tables.values():
        for outcome in table.outcomes.values():
            href = link(f"beslutsstod/{table.id}/#{outcome_anchor(table, outcome.id)}")
            for rule_id in outcome.rules:
                used_by[rule_id].append(f'<a href="{escape(href)}">{escape(outcome.title)}</a>')
    rows = []
    for r in rulebook.rules.values():
        page = context.page_titles.get(r.page, r.page)
        rows.append(
            f'<tr id="{r.anchor}"><th scope="row">{r.id}</th>'
            f"<td>{escape(rulebook.sources[r.source].title)}</td><td>{escape(r.summary)}</td>"
            f'<td><a href="{escape(link(f"{r.page}#{r.anchor}"))}">{escape(page)}</a></td>'
            f"<td>{'<br>'.join(used_by[r.id]) or '–'}</td></tr>"
        )
    return ('<table class="kb-rule-list"><caption>Reglerna, deras källor och var de används'
            '</caption><thead><tr><th scope="col">Regel</th><th scope="col">Källa</th>'
            '<th scope="col">Kort sammanfattning</th><th scope="col">Förklaras på</th>'
            f'<th scope="col">Används i beslutsstöd</th></tr></thead><tbody>{"".join(rows)}'
            "</tbody></table>")


def runtime_urls(context: PageContext, link: SiteLink) -> dict[str, str]:
    """The ``worker`` script, the ``pyodide`` runtime and the ``app`` directory, relative
    to the page: the attributes every element that starts the shared runtime carries."""
    urls = {"app": context.assets.app_dir, "pyodide": context.assets.pyodide_dir,
            "worker": "assets/widget/worker.mjs"}
    return {name: link(url) for name, url in urls.items()}


def expand(markdown: str, page_url: str, context: PageContext, page_name: str) -> str:
    """Replace every ``<!-- kb:... -->`` marker in ``markdown`` with its HTML."""

    def link(target: str) -> str:
        return relative_url(page_url, target)

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        try:
            if kind == "widget":
                table = context.catalog.table(arg or "")
                return render_widget(table, context.catalog.rulebook, link,
                                     runtime_urls(context, link))
            if kind == "tabell":
                table = context.catalog.table(arg or "")
                return render_table(table, context.catalog.rulebook, link)
            if kind == "diagram":
                return render_diagram(context.catalog.table(arg or ""))
            if kind == "regler":
                return _rule_list(context, link)
            if kind == "ordlista":
                return render_glossary(context.glossary)
            if kind == "svarsbrev":
                return render_letter(LETTER_FIELDS, LETTER_OUTCOME[1])
            if kind == "ovningar":
                return render_exercises(load_exercises(context.catalog), context.catalog,
                                        link, runtime_urls(context, link))
            if kind == "checklistor":
                return render_checklists(load_checklists(context.catalog.rulebook),
                                         context.catalog.rulebook, link)
        except DecisionError as exc:
            raise MarkerError(f"{page_name}: markören '{match[0]}': {exc}") from exc
        raise MarkerError(f"{page_name}: okänd markör '{match[0]}'; kända är kb:widget, "
                          "kb:tabell, kb:diagram, kb:regler, kb:ordlista, kb:svarsbrev, "
                          "kb:ovningar och kb:checklistor")

    # Every page gets the glossary's abbreviations, shown as tooltips.
    return f"{MARKER.sub(replace, markdown)}\n\n{abbreviation_definitions(context.glossary)}\n"
