"""The site's build as one object any generator can drive: ``SiteBuild``.

Everything the site computes beyond turning Markdown into themed HTML happens here, with
explicit inputs (the project folder, the site's address, serving or building) and plain
outputs (the nav as data, the pages the build writes as Markdown, each page's expanded
Markdown and meta, files written into a finished site folder). MkDocs (or ProperDocs,
its maintained fork) is only the driver: ``site_config/build/mkdocs_plugin.py`` hands
its pages and files over, and a test calls the same object with no generator at all
(tests/unit/test_site_build.py).

The order a generator calls it in::

    build = SiteBuild(project, site_url=..., serving=False)
    build.load()                     # every content file, loaded and checked once
    build.nav(), build.footer_sources(), build.config_extra()   # the generator's config
    build.generated_pages(docs_pages)  # the decision support pages and wall cards
    build.page_titles                # for link texts, before any page is expanded
    build.expand_page(markdown, src, url, meta)   # per page: HTML for its markers
    build.check_page(html, src, markdown)         # per written page: no unknown script
    build.finish(site_dir)           # assets, ui.js, search, redirects, offline, copies

Broken content stops the build with ``BuildStopped``, carrying the editors' Swedish
messages exactly as ``python -m site_config check`` prints them (``editor_message``):
every fault in content is a ``decision_logic.ContentError``; the one other error is
``AssetError``, a setup fault (Pyodide missing or altered in ``node_modules/``, Graphviz
missing) whose message names the command.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decision_logic import ContentError, DecisionError
from decision_logic.toolchain.content import editor_message, problems_of
from decision_logic.toolchain.governance import overdue_items
from site_config.browser import assets as browser_assets
from site_config.browser.assets import AssetError
from site_config.browser.scripts import write_javascript
from site_config.content.approval import PROJECT_DIR, content_version
from site_config.content.load import PageSource, SiteContent, load_site_content, page_source
from site_config.content.manifest import (
    SiteManifest,
    card_page_markdown,
    page_file_faults,
    site_path,
    table_page_markdown,
)
from site_config.content.protocol import protocol
from site_config.content.site_url import LOCAL_ADDRESS_WARNING, is_local_address, site_url_fault
from site_config.content.ui import ui
from site_config.deploy import csp, offline, precompress, search_index
from site_config.deploy.redirects import write_redirects
from site_config.render import page_assets
from site_config.render.governance import nav_status, nav_tooltips
from site_config.render.markers import PageContext, expand

#: a heading's attribute list ("Titel { #ankare }"): markup, not part of the title
ATTRIBUTE_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


class BuildStopped(Exception):
    """The build cannot go on: ``messages`` are the editors' (or the setup's) faults,
    each as the check prints it."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(self.messages))


def stops_on_faults[**P, R](step: Callable[P, R]) -> Callable[P, R]:
    """Turn the content's own errors (Swedish already) into ``BuildStopped``."""

    @functools.wraps(step)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return step(*args, **kwargs)
        except ContentError as error:
            # The check found nothing (or the build would not have started): this fault
            # is one only the rendering meets, printed as the check prints its faults.
            raise BuildStopped([editor_message(error)]) from None
        except (DecisionError, AssetError) as error:
            # A setup fault, not content: the message names the command that fixes it.
            raise BuildStopped([str(error)]) from None

    return guarded


def site_url_for(configured: str | None, serving: bool, environ: Mapping[str, str]) -> str:
    """The site's address: ``SITE_URL`` when set, else the generator's configured one
    (``mkdocs.yml``'s local default), checked by ``site_url_fault`` (a Swedish message
    naming SITE_URL). Read here rather than with ``!ENV`` in mkdocs.yml: MkDocs would
    check it first, only in part (``ftp://``, ``user:pw@``, ``?q`` and ``#frag`` pass)
    and in English. While serving, the server's own address stays."""
    url = configured if serving else environ.get("SITE_URL", configured)
    fault = site_url_fault(url)
    if fault:
        raise BuildStopped([fault])
    assert url is not None
    return url if url.endswith("/") else f"{url}/"


def title_of(page: PageSource) -> str | None:
    """A page's title as the generator shows it: its front matter's ``title``, else its
    first line when that is a ``# `` heading (MkDocs' rule), without an attribute list."""
    title = page.meta.get("title")
    if not isinstance(title, str):
        first = next((line.strip() for line in page.markdown.splitlines() if line.strip()), "")
        title = first.lstrip("# ") if first.startswith("# ") else None
    return ATTRIBUTE_LIST.sub("", title) if title else None


def _digest(html: str) -> bytes:
    return hashlib.sha256(html.encode()).digest()


def print_warning(line: str) -> None:
    print(line, file=sys.stderr)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes (a decision support page, a wall card): where it goes
    among the pages (``src``, as if it were a file in ``docs/``) and its Markdown."""

    src: str
    markdown: str


@dataclass(frozen=True)
class ExpandedPage:
    """A page's Markdown with every marker replaced, and what it adds to the page's
    meta: ``kb_assets`` (the scripts the theme loads for the page's markers) and
    ``status`` (Material's icon in the menu) when the page is not approved."""

    markdown: str
    meta: Mapping[str, Any]


@dataclass(frozen=True)
class FooterLink:
    title: str
    location: str
    """Relative to the site root (``om-webbplatsen/``), as the templates join it to
    ``base_url``."""


class SiteBuild:
    """One build of the site (see the module). Make a new one for every build: its
    state (titles, statuses, governed pages) is that build's.

    ``project`` is the folder whose content is built (``decision_logic/``, ``docs/``,
    ``site_config/``'s files, ``mkdocs.yml``); the interface texts (``ui.yaml``) are read
    beside the code, which is the same folder, since a copy of the project runs its own
    code (``PYTHONPATH``)."""

    def __init__(self, project: Path = PROJECT_DIR, *, site_url: str, serving: bool = False,
                 site_name: str = "", warn: Callable[[str], None] = print_warning) -> None:
        self.project = Path(project)
        self.site_url = site_url
        """The checked address (``site_url_for``), ending in ``/``."""
        self.serving = serving
        """Serving for an editor (``mkdocs serve``): files as they are, no offline list
        and no compressed copies, which would only slow every rebuild."""
        self.site_name = site_name
        self.warn = warn
        self._content: SiteContent | None = None
        self._context: PageContext | None = None
        self._generated: dict[str, str] = {}
        self._checked: set[bytes] = set()
        """The digests of the written pages ``check_page`` has passed."""

    @property
    def content(self) -> SiteContent:
        assert self._content is not None, "SiteBuild.load() first"
        return self._content

    @property
    def context(self) -> PageContext:
        assert self._context is not None, "SiteBuild.load() first"
        return self._context

    @stops_on_faults
    def load(self) -> None:
        """Load and check every file editors keep: the very list the editors' check
        prints. A row or an outcome no answer reaches harms no reader, so only the check
        fails on those. Then prepare the browser's files and every page's title."""
        ui.cache_clear()  # `mkdocs serve` rebuilds in the same process: read the texts anew
        protocol.cache_clear()  # and the protocol
        content = load_site_content(self.project)
        if content.errors:
            raise BuildStopped(str(problem) for problem in problems_of(content.errors))
        for warning in content.warnings:
            self.warn(f"VARNING: {warning}")
        ui()
        manifest = content.manifest
        assert manifest is not None and content.settings is not None
        if manifest.cards and is_local_address(self.site_url):
            self.warn(LOCAL_ADDRESS_WARNING)
        self._content = content
        catalog = content.catalog
        self._generated = {
            page.src: (card_page_markdown(catalog.table(page.card)) if page.card
                       else table_page_markdown(catalog.table(page.table or "")))
            for page in manifest.pages if page.generated}
        self._context = PageContext(
            catalog=catalog, assets=browser_assets.prepare(catalog, self.project),
            glossary=content.glossary, page_titles=self._titles(manifest), manifest=manifest,
            states=content.states, changelog=content.changelog,
            exercises=content.exercises, checklists=content.checklists, guide=content.guide,
            site_url=self.site_url, settings=content.settings, site_name=self.site_name)

    def _source(self, src: str) -> PageSource:
        generated = self._generated.get(src)
        return self.content.pages[src] if generated is None else page_source(src, generated)

    def _titles(self, manifest: SiteManifest) -> dict[str, str]:
        """Site path (``rutiner/samverkan/``, ``./``) -> title, for every page of the
        manifest (the menu's and the footer's)."""
        titles = {}
        for page in manifest.pages:
            path = site_path(page.src)
            titles[path] = title_of(self._source(page.src)) or path
        return titles

    @property
    def page_titles(self) -> Mapping[str, str]:
        return self.context.page_titles

    def nav(self) -> list[str | dict[str, list[str]]]:
        """The menu as plain data: page files and ``{section: [page files]}`` in the
        manifest's order (a page's title is its heading)."""
        return self.context.manifest.mkdocs_nav()

    def footer_sources(self) -> list[str]:
        """The footer's pages: linked from the foot of every page, not from the menu."""
        return [page.src for page in self.context.manifest.footer]

    def config_extra(self) -> dict[str, Any]:
        """What the theme reads from the config's ``extra``: the report address, the
        content version (derived from each file's fingerprint and approval, so no number
        an editor keeps by hand) and the tooltip of the menu's status icon."""
        settings = self.context.settings
        assert settings is not None
        return {"report_error_address": settings.report_error_address,
                "content_version": content_version(s.fingerprint
                                                   for s in self.context.states.values()),
                "status": nav_tooltips()}

    def template_globals(self) -> dict[str, Any]:
        """The theme's templates (main.html, 414.html) take their texts from ui.yaml and
        the addresses they link to from the site manifest."""
        manifest = self.context.manifest
        return {"ui": ui(), "site_manifest": manifest,
                "footer_links": [FooterLink(self.page_titles[page.location or "./"],
                                            page.location) for page in manifest.footer],
                "footer_sources": set(self.footer_sources())}

    @stops_on_faults
    def generated_pages(self, docs_pages: Iterable[str]) -> list[GeneratedPage]:
        """The pages the manifest lets the build write, once the pages in ``docs/`` (as
        the generator found them) are checked against the manifest: every other page of
        the manifest is a file there, and every page there is in the manifest."""
        faults = page_file_faults(self.context.manifest, list(docs_pages))
        if faults:
            raise BuildStopped(str(problem) for problem in problems_of(faults))
        return [GeneratedPage(src, markdown) for src, markdown in self._generated.items()]

    @stops_on_faults
    def expand_page(self, markdown: str, src: str, url: str | None = None,
                    meta: Mapping[str, Any] | None = None) -> ExpandedPage:
        """The page's Markdown (``src`` under ``docs/``, at site path ``url``; its front
        matter ``meta``: by default as this build read them) with every marker expanded,
        its governance line and abbreviations added, and what it adds to its meta."""
        if meta is None:
            meta = self._source(src).meta
        url = site_path(src).removeprefix("./") if url is None else url
        # the scripts the page's markers need (a widget's in the head), read by the theme
        assets = page_assets.for_markdown(markdown)
        expanded = expand(markdown, url, self.context, src, meta)
        added: dict[str, Any] = {"kb_assets": assets}
        status = nav_status(self.context.statuses[src])
        if status:
            added["status"] = status
        return ExpandedPage(expanded, added)

    @stops_on_faults
    def check_page(self, html: str, src: str, markdown: str) -> None:
        """An inline script the theme and the site are not known to write stops the
        build at the line of the page that holds it; the policy would otherwise allow it
        by hash."""
        csp.check_page(html, f"docs/{src}", markdown)
        self._checked.add(_digest(html))

    # The finished site folder, step by step, in the order ``finish`` takes them.

    @stops_on_faults
    def check_site_scripts(self, site_dir: Path) -> None:
        """The pages written from templates alone (404, 405, 414), and any other HTML in
        the folder, are checked here; a page ``check_page`` passed is not read twice."""
        for page in sorted(site_dir.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            if _digest(html) not in self._checked:
                csp.inline_script_hashes(html, str(page))

    @stops_on_faults
    def write_browser_files(self, site_dir: Path) -> None:
        """Pyodide, the wheel, tables.json, the scripts' texts and names (ui.js) and the
        site's two stylesheets, joined from their parts."""
        browser_assets.write(self.context.assets, site_dir)
        write_javascript(site_dir)
        page_assets.write_stylesheets(self.project / "docs", site_dir)

    @stops_on_faults
    def enrich_search(self, site_dir: Path) -> None:
        """The search index gets the keywords, the glossary and the rule boxes."""
        search_index.enrich_file(site_dir, self.content.keywords, self.context.glossary)

    @stops_on_faults
    def write_redirects(self, site_dir: Path) -> None:
        write_redirects(site_dir, self.context.manifest.redirects)

    @stops_on_faults
    def write_offline(self, site_dir: Path) -> None:
        """The offline list, sw.js and the web manifest: after every other file, before
        the compressed copies."""
        offline.write(site_dir)

    def compress(self, site_dir: Path) -> None:
        """The .gz and .br copies: last, when every file is there."""
        precompress.write_compressed_copies(site_dir)

    def warn_overdue(self, today: dt.date) -> None:
        """A passed review date warns without failing the (strict) build."""
        for line in overdue_items(self.context.governed, today):
            self.warn(f"VARNING: {line}")

    def finish(self, site_dir: Path) -> None:
        """Everything the site needs beyond the generator's pages, in order."""
        site_dir = Path(site_dir)
        self.check_site_scripts(site_dir)
        self.write_browser_files(site_dir)
        self.enrich_search(site_dir)
        self.write_redirects(site_dir)
        if not self.serving:
            self.write_offline(site_dir)
            self.compress(site_dir)
        self.warn_overdue(dt.date.today())
