"""Expands the markers in the Markdown pages into HTML made from the routing tables.

A page says *where* generated content goes with an HTML comment such as
``<!-- kb:widget ansvarig -->``; this module says *what* goes there. Unknown markers and
unknown tables stop the build with a ``ContentError`` naming the page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from decision_logic import Catalog, ContentError, DecisionError, Governance
from decision_logic.toolchain.changelog import Change
from decision_logic.toolchain.training import Checklist, Exercise, TrainingGuide
from site_config.browser.assets import BrowserAssets
from site_config.content.approval import FileState, Status, combined_status, content_version
from site_config.content.glossary import Term, abbreviation_definitions, render_glossary
from site_config.content.manifest import SiteManifest
from site_config.content.page_markers import (
    HINT_MARKER,
    MARKER,
    check_governed,
    marker_faults,
    page_files,
    page_governance,
)
from site_config.content.publication import RegionSettings
from site_config.render.diagram import render_diagram
from site_config.render.governance import (
    render_changelog,
    render_draft_notice,
    render_governance,
    render_rule_map,
    render_sources,
)
from site_config.render.guide import (
    render_answer_key,
    render_case_cards,
    render_key_by_group,
    render_print_choices,
    render_session_plan,
)
from site_config.render.html import (
    SiteLink,
    render_letter,
    render_noscript,
    render_table,
    render_widget,
)
from site_config.render.links import render_card, render_link_catalogue
from site_config.render.offline_offer import render_offer
from site_config.render.region import render_region
from site_config.render.training import render_checklists, render_exercises


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
    manifest: SiteManifest
    governed: list[tuple[str, Governance]] = field(default_factory=list)
    """Every page with an owner and review date, as the build meets them."""
    states: Mapping[str, FileState] = field(default_factory=dict)
    """Every content file (relative to the project) with its fingerprint and approval."""
    statuses: dict[str, Status] = field(default_factory=dict)
    """Each page's status (by its file under docs/), as the build meets them."""
    changelog: tuple[Change, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    guide: TrainingGuide | None = None
    """The training and the changelog, loaded once with the rest (``site_config.content.load``)."""
    site_url: str = ""
    """The site's public address (``site_url``): the wall cards' QR codes lead under it."""
    settings: RegionSettings | None = None
    """The region's details from ``mkdocs.yml`` (``kb:region``); None only in a test that
    renders no such marker."""
    site_name: str = ""


def runtime_urls(context: PageContext, link: SiteLink) -> dict[str, str]:
    """The ``worker`` script, the ``pyodide`` runtime, its trimmed ``stdlib`` and the
    ``app`` directory, relative to the page, and ``python_bytes``, what the start fetches
    (for its progress): the attributes every element that starts the shared runtime
    carries, by their keys in site_config/protocol.yaml (``attributes``)."""
    assets = context.assets
    urls = {"app": assets.app_dir, "pyodide": assets.pyodide_dir,
            "stdlib": assets.pyodide_dir + assets.stdlib_name,
            "worker": "assets/widget/worker.mjs"}
    return {**{name: link(url) for name, url in urls.items()},
            "python_bytes": str(assets.fetched_bytes)}


def _after_heading(markdown: str, html: str) -> str:
    """``html`` as a block right after the page's first ``# `` heading (or first of all)."""
    if not html:
        return markdown
    found = re.search(r"^# .*$", markdown, re.MULTILINE)
    at = found.end() if found else 0
    return f"{markdown[:at]}\n\n{html}\n\n{markdown[at:].lstrip(chr(10))}"


def expand(markdown: str, page_url: str, context: PageContext, page_name: str,
           meta: Mapping[str, Any]) -> str:
    """Replace every ``<!-- kb:... -->`` marker in ``markdown`` with its HTML, and add the
    page's governance line (from its front matter or its table) and the abbreviations."""

    def link(target: str) -> str:
        return relative_url(page_url, target)

    catalog = context.catalog
    governance = page_governance(meta, page_name)
    check_governed(governance is not None, page_name, context.manifest)
    for fault in marker_faults(markdown, page_name, context.manifest, catalog):
        raise fault
    # The tables the page shows; the first one's status is the page's when it has none.
    widget_tables: list[str] = []

    def widget(table_id: str) -> str:
        widget_tables.append(table_id)
        table = catalog.table(table_id)
        urls = runtime_urls(context, link)
        return (render_noscript(table, catalog.rulebook, link, context.page_titles)
                + render_widget(table, catalog.rulebook, link, urls)
                # offered quietly beside the answer (site_config/render/offline_offer.py)
                + render_offer(urls, quiet=True))

    def letters(table_id: str) -> str:
        home = context.manifest.tables.get(table_id)
        if home is None or home.src != page_name:
            raise ContentError(page_name, "", None, f"breven till '{table_id}' hör hemma på "
                               "beslutsstödets egen sida; ta bort markören här",
                               hint=HINT_MARKER)
        return "".join(render_letter(letter) for letter in catalog.letters_of(table_id))

    def card(table_id: str) -> str:
        widget_tables.append(table_id)
        return render_card(catalog.table(table_id), context.manifest, link, context.site_url)

    def region(detail: str) -> str:
        if context.settings is None:
            raise ContentError(page_name, "", None, "inställningarna i mkdocs.yml kunde "
                               "inte läsas", hint=HINT_MARKER)
        return render_region(detail, context.settings, context.site_name)

    def guide() -> TrainingGuide:
        if context.guide is None:
            raise ContentError(page_name, "", None, "handledningen "
                               "(decision_logic/training/handledning.yaml) saknas",
                               hint=HINT_MARKER)
        return context.guide

    handlers: dict[str, Callable[[str], str]] = {
        "widget": widget,
        "tabell": lambda arg: render_table(catalog.table(arg), catalog.rulebook, link),
        "diagram": lambda arg: render_diagram(catalog.table(arg)),
        "regler": lambda _: render_rule_map(catalog, context.page_titles, link),
        "kallor": lambda _: render_sources(catalog, link),
        "andringslogg": lambda _: render_changelog(context.changelog, link),
        "ordlista": lambda _: render_glossary(context.glossary),
        "brev": letters,
        "kort": card,
        "lankar": lambda _: render_link_catalogue(catalog, context.manifest, link,
                                                  context.site_url),
        "ovningar": lambda _: render_exercises(context.exercises, catalog, link,
                                               runtime_urls(context, link)),
        "pass": lambda _: render_session_plan(guide(), context.exercises, catalog),
        "fallkort": lambda _: render_case_cards(context.exercises, catalog),
        "facit": lambda _: render_answer_key(context.exercises, catalog, link),
        "facit-grupper": lambda _: render_key_by_group(guide(), context.exercises, catalog),
        "utskrift": lambda _: render_print_choices(),
        "region": region,
        "checklistor": lambda _: render_checklists(context.checklists, catalog.rulebook, link),
        # the offer of offline use (render/offline_offer.py, docs/assets/widget/offline.js)
        "offline": lambda _: render_offer(runtime_urls(context, link)),
    }

    def replace(match: re.Match[str]) -> str:
        handler = handlers.get(match["kind"])
        if handler is None:
            raise ContentError(page_name, "", None, f"okänd markör '{match[0]}'; kända är "
                               + ", ".join(f"kb:{name}" for name in handlers),
                               hint=HINT_MARKER)
        try:
            return handler(match["arg"] or "")
        except DecisionError as exc:
            raise ContentError(page_name, "", None, f"markören '{match[0]}': {exc}",
                               hint=HINT_MARKER) from exc

    body = MARKER.sub(replace, markdown)
    if governance is None and widget_tables:
        governance = catalog.table(widget_tables[0]).governance
    if governance is not None:
        context.governed.append((page_name, governance))
    # Every page's status, from every file it shows: approved only while all of them are.
    states = [context.states[f] for f in page_files(markdown, page_name, catalog)
              if f in context.states]
    status = combined_status(states)
    context.statuses[page_name] = status
    version = content_version(s.fingerprint for s in states)
    body = _after_heading(body, render_draft_notice(status))
    body += "\n\n" + render_governance(status, version, governance)
    # Every page gets the glossary's abbreviations, shown as tooltips.
    return f"{body}\n\n{abbreviation_definitions(context.glossary)}\n"
