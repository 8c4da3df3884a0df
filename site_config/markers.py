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

from .browser_assets import BrowserAssets
from .render_html import render_table, render_widget

MARKER = re.compile(r"<!--\s*kb:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")
SOURCES_PAGE = "kallor/"


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


def _rule_list(context: PageContext, page_url: str) -> str:
    rulebook = context.catalog.rulebook
    rows = "".join(
        f'<tr id="{r.id.lower()}"><th scope="row">{r.id}</th>'
        f"<td>{escape(rulebook.sources[r.source].title)}</td><td>{escape(r.summary)}</td></tr>"
        for r in rulebook.rules.values()
    )
    return ('<table class="kb-rule-list"><caption>Reglerna och deras källor</caption>'
            '<thead><tr><th scope="col">Regel</th><th scope="col">Källa</th>'
            f'<th scope="col">Kort sammanfattning</th></tr></thead><tbody>{rows}</tbody></table>')


def expand(markdown: str, page_url: str, context: PageContext, page_name: str) -> str:
    """Replace every ``<!-- kb:... -->`` marker in ``markdown`` with its HTML."""

    def rule_link(rule_id: str) -> str:
        return relative_url(page_url, f"{SOURCES_PAGE}#{rule_id.lower()}")

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        try:
            if kind == "widget":
                table = context.catalog.table(arg or "")
                urls = {"app": context.assets.app_dir, "pyodide": context.assets.pyodide_dir,
                        "worker": "assets/widget/worker.mjs"}
                return render_widget(table, context.catalog.rulebook, rule_link,
                                     {k: relative_url(page_url, v) for k, v in urls.items()})
            if kind == "tabell":
                table = context.catalog.table(arg or "")
                return render_table(table, context.catalog.rulebook, rule_link)
            if kind == "regler":
                return _rule_list(context, page_url)
        except DecisionError as exc:
            raise MarkerError(f"{page_name}: markören '{match[0]}': {exc}") from exc
        raise MarkerError(f"{page_name}: okänd markör '{match[0]}'; kända är kb:widget, "
                          "kb:tabell och kb:regler")

    return MARKER.sub(replace, markdown)
