"""The site manifest (``site.yaml``): every page and its public address in one file.

Before it, an address lived in about seven places (the nav in ``mkdocs.yml``, the
redirects, the governed pages of a test, literals such as ``"kallor/"``), and tests
reconciled them after the fact. Now the manifest says which pages exist, in which order
and section, which table each decision support page shows (and whether the build writes
that page from the table), which pages carry an owner and review date, which page holds
the rule map, and which old addresses lead where. The nav,
the redirect pages, the search weights and the links between pages derive from it;
``check_references`` checks the files that name pages (``rules.yaml``,
``search_keywords.yaml``; ``site_config.content.load.content_references`` reads them) against
it in one place, and ``tests/urls.txt``, the frozen
public contract, is checked against it by one test.

Plain data in frozen dataclasses, no MkDocs: the build (``site_config/build/site_build.py``)
gives the generator the nav and the pages it writes from it. Every fault is a
``ContentError`` naming file, key and line, in Swedish, as for the other content files.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template
from typing import Any

from decision_logic import Table

# The editors' YAML reader and its located error: imported here only, so that moving
# them (decision_logic's core/toolchain split) changes these lines and nothing else.
from decision_logic.errors import ContentError
from decision_logic.toolchain.checker import Checker, LineOf
from decision_logic.toolchain.yaml_source import display_name, load_yaml
from site_config import SITE_CONFIG_DIR

MANIFEST_FILE = SITE_CONFIG_DIR / "site.yaml"
#: the page the build writes for a table, and the Markdown it writes there
TABLE_PAGE = "beslutsstod/{id}.md"
TABLE_PAGE_TEMPLATE = SITE_CONFIG_DIR / "table_page.md"
#: the printable wall card the build writes for a table, and its Markdown
CARD_PAGE = "beslutsstod/{id}/kort.md"
CARD_PAGE_TEMPLATE = SITE_CONFIG_DIR / "card_page.md"
#: a page's file in docs/: lower-case words with dashes, folders, ending in .md
PAGE_FILE = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
#: a site path as the content files write it: "rutiner/samverkan/", "./" for the start
SITE_PATH = re.compile(r"^(?:\./|(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+)$")
#: kinds of page whose search matches count more (a routine) or less (a reference page
#: that mentions everything); a table's page is of the kind "beslutsstöd"
SEARCH_KINDS = ("rutin", "uppslag")

__all__ = ["MANIFEST_FILE", "ContentError", "Page", "Redirect", "Section", "SiteManifest",
           "card_page_markdown", "check_references", "load_manifest", "page_file_faults",
           "rule_path", "site_path", "table_page_markdown", "table_path"]

#: (file, key path, its lines, the site path written there): a page another file names
Reference = tuple[str, tuple[str | int, ...], LineOf, str]


def site_path(src: str) -> str:
    """``rutiner/samverkan.md`` -> ``rutiner/samverkan/``; ``index.md`` -> ``./``: the
    page's address as MkDocs gives it with directory URLs, in the content files' form."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return "./"
    return f"{stem.removesuffix('/index')}/"


@dataclass(frozen=True)
class Page:
    src: str
    """The page's file under ``docs/`` (``rutiner/samverkan.md``), generated or not."""
    line: int | None
    table: str | None = None
    """The routing table whose widget, diagram and table the page shows."""
    generated: bool = False
    """Written by the build from the table (``TABLE_PAGE``), not a file in ``docs/``."""
    governed: bool = False
    """Its front matter names owner, status and review; a table page has its table's."""
    search: str = ""
    """``rutin`` or ``uppslag``: how much a search match on the page counts."""
    card: str | None = None
    """The table whose wall card (question, answers, QR code) the build writes here."""

    @property
    def path(self) -> str:
        """``rutiner/samverkan/``, ``./`` for the start page (as rules.yaml writes it)."""
        return site_path(self.src)

    @property
    def location(self) -> str:
        """The address relative to the site root: ``""`` for the start page (as MkDocs'
        ``page.url`` and the search index write it)."""
        return self.path.removeprefix("./")

    @property
    def public_url(self) -> str:
        """The address as the caregiver web links to it (``/rutiner/samverkan/``)."""
        return f"/{self.location}"


@dataclass(frozen=True)
class Section:
    title: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Redirect:
    old: str
    """An address that no longer is a page (``beslutsstod/bba/``)."""
    new: str
    """The page it leads to (``beslutsstod/ansvarig/``)."""


@dataclass(frozen=True)
class SiteManifest:
    source: str
    nav: tuple[Page | Section, ...]
    rule_map: Page
    redirects: tuple[Redirect, ...]
    line_of: LineOf
    footer: tuple[Page, ...] = ()
    """Pages outside the menu that the foot of every page links to (Om webbplatsen, the
    accessibility statement), in the foot's order."""

    @property
    def pages(self) -> tuple[Page, ...]:
        """Every page, in the order of the nav, then the footer's pages."""
        return (*_flatten(self.nav), *self.footer)

    @property
    def tables(self) -> dict[str, Page]:
        """Table id -> the page that shows it."""
        return {p.table: p for p in self.pages if p.table}

    @property
    def governed(self) -> tuple[Page, ...]:
        """The pages whose front matter names owner, status and review."""
        return tuple(p for p in self.pages if p.governed)

    @property
    def cards(self) -> dict[str, Page]:
        """Table id -> the page with its printable wall card."""
        return {p.card: p for p in self.pages if p.card}

    def table_page(self, table_id: str) -> Page:
        try:
            return self.tables[table_id]
        except KeyError:
            raise self.fail(("nav",), f"beslutsstödet '{table_id}' har ingen rad i menyn; "
                            f"lägg till '- table: {table_id}'") from None

    def page_at(self, path: str) -> Page | None:
        """The page at a site path (``kallor/``, ``./``), or None."""
        return next((p for p in self.pages if p.path == path), None)

    def search_kind(self, location: str) -> str:
        """The kind of page at ``location`` (``kallor/#r6``, ``""`` for the start page)
        that the search weighs its matches by: ``beslutsstöd``, ``rutin``, ``uppslag``
        or ``""``."""
        page = self.page_at(location.partition("#")[0] or "./")
        if page is None:
            return ""
        return "beslutsstöd" if page.table else page.search

    def mkdocs_nav(self) -> list[str | dict[str, list[str]]]:
        """The nav in the form of ``mkdocs.yml``'s ``nav`` (a page's title is its
        heading, a section's is its ``section``)."""
        return [{item.title: [p.src for p in item.pages]} if isinstance(item, Section)
                else item.src for item in self.nav]

    def fail(self, path: tuple[str | int, ...], message: str) -> ContentError:
        return Checker(self.source, self.line_of).fail(path, message)


def _flatten(items: Iterable[Page | Section]) -> Iterator[Page]:
    for item in items:
        if isinstance(item, Section):
            yield from item.pages
        else:
            yield item


PAGE_KEYS = {"page": False, "table": False, "governed": False, "search": False,
             "card": False}


def _page(check: Checker, raw: Any, at: tuple[str | int, ...]) -> Page:
    entry = check.mapping(raw, at, PAGE_KEYS)
    if "card" in entry:
        if len(entry) > 1:
            raise check.fail(at, "ett kort skrivs av bygget: skriv bara 'card: id'")
        card = check.slug(entry, at, "card")
        return Page(src=CARD_PAGE.format(id=card), line=check.line_of(at), card=card,
                    generated=True)
    if "page" not in entry and "table" not in entry:
        raise check.fail(at, "skriv 'page: fil.md', 'table: id', 'card: id' eller "
                         "'section: Rubrik'")
    table = check.slug(entry, at, "table") if "table" in entry else None
    src = entry.get("page", TABLE_PAGE.format(id=table))
    if not isinstance(src, str) or not PAGE_FILE.match(src):
        raise check.fail((*at, "page"), f"'page' ska vara sidans fil under docs/, till "
                         f"exempel 'rutiner/samverkan.md'; här står {src!r}")
    governed = entry.get("governed", False)
    if not isinstance(governed, bool):
        raise check.fail((*at, "governed"), f"'governed' ska vara true eller false; här står "
                         f"{governed!r}")
    if table and governed:
        raise check.fail((*at, "governed"), "ett beslutsstöds sida har tabellens ägare och "
                         "granskningsdatum (meta i tabellen); ta bort 'governed'")
    search = entry.get("search", "")
    if search and search not in SEARCH_KINDS:
        raise check.fail((*at, "search"), f"'search' ska vara {' eller '.join(SEARCH_KINDS)}; "
                         f"här står {search!r}")
    return Page(src=src, line=check.line_of(at), table=table,
                generated=table is not None and "page" not in entry,
                governed=governed, search=search)


def parse_manifest(data: Any, source: str, line_of: LineOf) -> SiteManifest:
    """Validate the manifest's data; raise ``ContentError`` (file, key, line)."""
    check = Checker(source, line_of)
    top = check.mapping(data, (), {"nav": True, "rule_map": True,
                                   "redirects": False, "footer": False})
    nav: list[Page | Section] = []
    for index, raw in enumerate(check.items(top, (), "nav")):
        at = ("nav", index)
        if isinstance(raw, Mapping) and "section" in raw:
            entry = check.mapping(raw, at, {"section": True, "pages": True})
            pages = tuple(_page(check, item, (*at, "pages", i))
                          for i, item in enumerate(check.items(entry, at, "pages")))
            nav.append(Section(title=check.text(entry, at, "section"), pages=pages))
        else:
            nav.append(_page(check, raw, at))
    footer = []
    for index, raw in enumerate(check.items(top, (), "footer") if "footer" in top else ()):
        page = _page(check, raw, ("footer", index))
        if page.table or page.card:
            raise check.fail(("footer", index), "sidfoten länkar bara till vanliga sidor: "
                             "skriv 'page: fil.md'")
        footer.append(page)
    seen: dict[str, Page] = {}
    seen_tables: dict[str, Page] = {}
    for page in (*_flatten(nav), *footer):
        for key, known in ((page.path, seen), (page.table, seen_tables)):
            if key and key in known:
                raise ContentError(source, "nav", page.line, f"'{key}' står redan på rad "
                                   f"{known[key].line}; varje sida och tabell en gång")
            if key:
                known[key] = page

    def named_page(key: str) -> Page:
        src = top[key]
        page = next((p for p in seen.values() if p.src == src), None)
        if page is None:
            raise check.fail((key,), f"{src!r} finns inte i menyn; sidorna är: "
                             + ", ".join(p.src for p in seen.values()))
        return page

    redirects = []
    raw_redirects = top.get("redirects") or {}
    if not isinstance(raw_redirects, Mapping):
        raise check.fail(("redirects",), "skriv gammal-adress/: ny-adress/ på varje rad")
    for old, new in raw_redirects.items():
        at = ("redirects", old)
        for value in (old, new):
            if not isinstance(value, str) or not SITE_PATH.match(value) or value == "./":
                raise check.fail(at, f"{value!r} ska vara en sökväg på webbplatsen som "
                                 "slutar med / (utan / först), till exempel 'rutiner/'")
        if old in seen:
            raise check.fail(at, f"'{old}' är en sida i menyn; en omdirigering får bara "
                             "ersätta en adress som inte längre finns")
        if new not in seen:
            raise check.fail(at, f"'{old}' pekar på '{new}', som inte är en sida i menyn"
                             + _did_you_mean(new, seen))
        redirects.append(Redirect(old=old, new=new))
    return SiteManifest(source=source, nav=tuple(nav), rule_map=named_page("rule_map"),
                        redirects=tuple(redirects),
                        line_of=line_of, footer=tuple(footer))


def _did_you_mean(path: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(path, list(known), n=2)
    return f"; menade du {' eller '.join(repr(c) for c in close)}?" if close else ""


def table_path(table_id: str) -> str:
    """The site path of a table's page (``beslutsstod/ansvarig/``), for links to it."""
    return load_manifest().table_page(table_id).path


def rule_path(anchor: str) -> str:
    """A rule's row on the rule map page (``kallor/#r6``), for links to it."""
    return f"{load_manifest().rule_map.path}#{anchor}"


@functools.cache
def _load(path: Path, _mtime: int) -> SiteManifest:
    data, lines = load_yaml(path, display_name(path))
    return parse_manifest(data, display_name(path), lines.get)


def load_manifest(path: Path = MANIFEST_FILE) -> SiteManifest:
    """The manifest, read again whenever the file has changed (``mkdocs serve`` keeps
    the process between builds)."""
    return _load(path, path.stat().st_mtime_ns)


def table_page_markdown(table: Table) -> str:
    """The Markdown of a table's page when the manifest lets the build write it: the
    table's title and intro, then its widget, diagram and table (``table_page.md``)."""
    template = Template(TABLE_PAGE_TEMPLATE.read_text(encoding="utf-8"))
    # The schema refuses markup in both; escaped as well, so that no text of a table can
    # reach the page as HTML (Markdown passes raw HTML through, <script> included).
    return template.substitute(title=escape(table.title, quote=False),
                               intro=escape(table.intro, quote=False), id=table.id)


def card_page_markdown(table: Table) -> str:
    """The Markdown of a table's wall card (``card_page.md``): its title and the marker
    the build fills with the question, the answers and the QR code."""
    template = Template(CARD_PAGE_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(title=table.title, id=table.id)


def check_references(manifest: SiteManifest, tables: Mapping[str, Table],
                     references: Iterable[Reference]) -> list[ContentError]:
    """Every fault between the manifest and the files that name its tables and pages.

    ``tables`` are the tables in ``decision_logic/tables/``: each needs its line in the
    nav, and the nav may name no other. The build writes a table's page from its
    ``intro``, so a table needs one exactly when its page is not written by hand.
    ``references`` are (file, key path, lines, site path) of every page another file
    names, such as a rule's ``page`` in rules.yaml or a key of search_keywords.yaml (an
    anchor after ``#`` is the search's to check).
    """
    faults = []
    known = set(tables)
    unknown = (("beslutsstödet '{}' finns inte i", manifest.tables),
               ("kortet '{}' hör inte till något beslutsstöd i", manifest.cards))
    for message, pages in unknown:
        for table_id, page in pages.items():
            if table_id not in known:
                faults.append(ContentError(manifest.source, "nav", page.line,
                                           message.format(table_id) + " decision_logic/tables/"
                                           + _did_you_mean(table_id, known)))
    for table_id in sorted(known - manifest.tables.keys()):
        faults.append(manifest.fail(("nav",), f"beslutsstödet '{table_id}' har ingen sida: "
                                    f"lägg till raden '- table: {table_id}' i menyn"))
    for table_id, page in manifest.tables.items():
        table = tables.get(table_id)
        if table is not None and page.generated and not table.intro:
            faults.append(ContentError(table.source, "intro", None, "skriv en intro: den "
                                       "står överst på beslutsstödets sida, under rubriken"))
        elif table is not None and not page.generated and table.intro:
            faults.append(ContentError(table.source, "intro", None, "tabellens sida "
                                       f"{page.src} är skriven för hand och visar inte "
                                       "intro; ta bort intro (sidans egen inledning gäller)"))
    paths = [p.path for p in manifest.pages]
    for source, key_path, line_of, value in references:
        path = value.partition("#")[0]
        if path not in paths:
            faults.append(Checker(source, line_of).fail(
                key_path, f"sidan '{value}' finns inte i {manifest.source}"
                + (_did_you_mean(path, paths) or "; sidorna är: " + ", ".join(paths))))
    return faults


def page_file_faults(manifest: SiteManifest, docs_pages: Iterable[str]) -> list[ContentError]:
    """Every fault between the manifest's pages and the files in ``docs/`` (``docs_pages``,
    relative to it): a page the build writes must not be a file too, every other page
    of the manifest must be one, and every page file must be in the menu."""
    files = set(docs_pages)
    faults = []
    for page in manifest.pages:
        if page.generated and page.src in files:
            faults.append(ContentError(manifest.source, "nav", page.line,
                                       f"docs/{page.src} finns, men bygget skriver "
                                       "beslutsstödets sida själv; ta bort filen eller skriv "
                                       f"'page: {page.src}' på raden"))
        elif not page.generated and page.src not in files:
            faults.append(ContentError(manifest.source, "nav", page.line,
                                       f"sidan docs/{page.src} finns inte"))
    listed = {page.src for page in manifest.pages}
    faults += [manifest.fail(("nav",), f"sidan docs/{src} finns inte i menyn; lägg till "
                             f"'- page: {src}' där den ska stå (eller ta bort filen)")
               for src in sorted(files - listed)]
    return faults
