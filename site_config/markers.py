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
from decision_logic.toolchain.approval import FileState, Status, combined_status, content_version
from decision_logic.toolchain.changelog import Change
from decision_logic.toolchain.training import Checklist, Exercise, TrainingGuide

from .browser_assets import BrowserAssets
from .glossary import Term, abbreviation_definitions, render_glossary
from .manifest import SiteManifest
from .offline import render_offer
from .publication import RegionSettings
from .render_diagram import render_diagram
from .render_governance import (
    page_governance,
    render_changelog,
    render_draft_notice,
    render_governance,
    render_rule_map,
    render_sources,
)
from .render_guide import (
    render_answer_key,
    render_case_cards,
    render_key_by_group,
    render_print_choices,
    render_session_plan,
)
from .render_html import (
    SiteLink,
    render_letter,
    render_noscript,
    render_table,
    render_widget,
)
from .render_links import render_card, render_link_catalogue
from .render_region import REGION_DETAILS, render_region
from .render_training import render_checklists, render_exercises

MARKER = re.compile(r"<!--\s*kb:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")


#: what to do about a marker the build cannot expand
HINT_MARKER = ("Skriv markören som <!-- kb:widget ansvarig -->: ett känt namn och, för "
               "widget, tabell och diagram, id:t på en tabell i decision_logic/tables/.")


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
    """The training and the changelog, loaded once with the rest (``site_config.content``)."""
    site_url: str = ""
    """The site's public address (``site_url``): the wall cards' QR codes lead under it."""
    settings: RegionSettings | None = None
    """The region's details from ``mkdocs.yml`` (``kb:region``); None only in a test that
    renders no such marker."""
    site_name: str = ""


#: the content file each marker shows, for the markers that show one file whatever the
#: argument (the table markers show ``decision_logic/tables/<arg>.yaml``)
MARKER_FILES = {
    "regler": "decision_logic/rules.yaml",
    "kallor": "decision_logic/rules.yaml",
    "andringslogg": "decision_logic/changelog.yaml",
    "ordlista": "site_config/ordlista.yaml",
    "ovningar": "decision_logic/training/exercises.yaml",
    "checklistor": "decision_logic/training/checklists.yaml",
}
#: the trainer's guide's markers show the exercises and the guide's own file
GUIDE_MARKERS = ("pass", "fallkort", "facit", "facit-grupper")
#: markers that show no content file: the guide's print choices
PLAIN_MARKERS = ("utskrift",)
GUIDE_FILES = ("decision_logic/training/exercises.yaml",
               "decision_logic/training/handledning.yaml")
LETTERS_FILE = "decision_logic/letters.yaml"
TABLE_MARKERS = ("widget", "tabell", "diagram")


def page_files(markdown: str, page_name: str, catalog: Catalog) -> list[str]:
    """Every content file a page shows: its own Markdown and each file a marker puts
    into it (a page the build writes for a table has no file of its own; its letters
    marker shows the letters file only when the table has letters)."""
    files = [f"docs/{page_name}"]
    for match in MARKER.finditer(markdown):
        if match["kind"] in (*TABLE_MARKERS, "kort") and match["arg"]:
            files.append(f"decision_logic/tables/{match['arg']}.yaml")
        elif match["kind"] == "brev" and catalog.letters_of(match["arg"] or ""):
            files.append(LETTERS_FILE)
        elif match["kind"] in GUIDE_MARKERS:
            files += GUIDE_FILES
        elif match["kind"] in MARKER_FILES:
            files.append(MARKER_FILES[match["kind"]])
    return list(dict.fromkeys(files))


def runtime_urls(context: PageContext, link: SiteLink) -> dict[str, str]:
    """The ``worker`` script, the ``pyodide`` runtime, its trimmed ``stdlib`` and the
    ``app`` directory, relative to the page, and ``python-bytes``, what the start fetches
    (for its progress): the attributes every element that starts the shared runtime
    carries."""
    assets = context.assets
    urls = {"app": assets.app_dir, "pyodide": assets.pyodide_dir,
            "stdlib": assets.pyodide_dir + assets.stdlib_name,
            "worker": "assets/widget/worker.mjs"}
    return {**{name: link(url) for name, url in urls.items()},
            "python-bytes": str(assets.fetched_bytes)}


def _after_heading(markdown: str, html: str) -> str:
    """``html`` as a block right after the page's first ``# `` heading (or first of all)."""
    if not html:
        return markdown
    found = re.search(r"^# .*$", markdown, re.MULTILINE)
    at = found.end() if found else 0
    return f"{markdown[:at]}\n\n{html}\n\n{markdown[at:].lstrip(chr(10))}"


#: the markers a table's page must carry, for its own table
TABLE_PAGE_MARKERS = ("widget", "diagram", "tabell")


def _check_table_page(markdown: str, page_name: str, manifest: SiteManifest,
                      catalog: Catalog) -> None:
    """A page the manifest names as a table's shows that table's widget, diagram and
    table, and its letters when it has any; a page written by hand might forget one."""
    table_id = next((t for t, p in manifest.tables.items() if p.src == page_name), None)
    if table_id is None:
        return
    found = {(m["kind"], m["arg"]) for m in MARKER.finditer(markdown)}
    kinds = TABLE_PAGE_MARKERS + (("brev",) if catalog.letters_of(table_id) else ())
    missing = [f"<!-- kb:{kind} {table_id} -->" for kind in kinds
               if (kind, table_id) not in found]
    if missing:
        raise ContentError(page_name, "", None, f"sidan visar beslutsstödet '{table_id}' ("
                           f"{manifest.source}) men saknar " + ", ".join(missing))


def check_governed(has_governance: bool, page_name: str, manifest: SiteManifest) -> None:
    """The manifest's ``governed`` says which pages name owner, status and review in
    their front matter (the tests and the editors' list of drafts go by it): it must
    agree with the pages."""
    page = next((p for p in manifest.pages if p.src == page_name), None)
    if page is None or page.table or page.governed == has_governance:
        return
    if has_governance:
        raise ContentError(page_name, "", None, "sidan har ägare, status och granskning i "
                           f"sitt huvud; skriv 'governed: true' på dess rad i {manifest.source}")
    raise ContentError(page_name, "", None, f"{manifest.source} säger 'governed: true', men "
                       "sidans huvud (front matter) saknar owner, status, review och version")


#: every marker a page may carry; the table markers name a table, the others nothing
MARKER_KINDS = (*TABLE_MARKERS, "regler", "kallor", "andringslogg", "ordlista", "brev",
                "ovningar", "checklistor", "kort", "lankar", "region", "offline",
                *GUIDE_MARKERS, *PLAIN_MARKERS)


def marker_faults(markdown: str, page_name: str, manifest: SiteManifest,
                  catalog: Catalog) -> list[ContentError]:
    """Every fault in a page's markers, without rendering anything: an unknown marker, a
    table that does not exist, the letter away from its page, a table's page without its
    table's markers. The build stops on the first (``expand``); the check lists them all."""
    faults = []
    table_ids = catalog.tables
    for match in MARKER.finditer(markdown):
        kind, arg = match["kind"], match["arg"]
        if kind not in MARKER_KINDS:
            faults.append(ContentError(page_name, "", None, f"okänd markör '{match[0]}'; "
                                       "kända är " + ", ".join(f"kb:{k}" for k in MARKER_KINDS),
                                       hint=HINT_MARKER))
        elif kind in (*TABLE_MARKERS, "kort") and arg not in table_ids:
            faults.append(ContentError(page_name, "", None, f"markören '{match[0]}': "
                                       f"beslutsstödet '{arg}' finns inte; kända är "
                                       + ", ".join(sorted(table_ids)), hint=HINT_MARKER))
        elif kind == "region" and arg not in REGION_DETAILS:
            faults.append(ContentError(page_name, "", None, f"markören '{match[0]}': "
                                       f"uppgiften '{arg}' finns inte; kända är "
                                       + ", ".join(REGION_DETAILS), hint=HINT_MARKER))
        elif kind == "brev" and (manifest.tables.get(arg) is None
                                 or manifest.tables[arg].src != page_name):
            faults.append(ContentError(page_name, "", None, f"breven till '{arg}' hör hemma "
                                       "på beslutsstödets egen sida; ta bort markören här",
                                       hint=HINT_MARKER))
    try:
        _check_table_page(markdown, page_name, manifest, catalog)
    except ContentError as error:
        faults.append(error)
    return faults


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
                # offered quietly beside the answer (site_config/offline)
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
        # the offer of offline use (site_config/offline, docs/assets/widget/offline.js)
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
