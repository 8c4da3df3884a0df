"""One load, one check: every file editors keep, loaded and validated once.

``load_site_content()`` reads the content in ``decision_logic/`` (tables, rules,
training, changelog: ``site_config.editors.command.load_content``) and the site's
own files (``site.yaml``, ``ui.yaml``, the glossary, the search keywords, the pages'
front matter and markers, the settings in ``mkdocs.yml``) into one frozen
``SiteContent`` with one list of ``ContentError``s. ``python -m site_config check``
prints that list; the build (``SiteBuild.load``) loads the same object and stops on
the same list, so "Allt stämmer" means the build will pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from decision_logic import Catalog, ContentError
from decision_logic.toolchain.changelog import Change
from decision_logic.toolchain.content import Content, load_content
from decision_logic.toolchain.markup import HINT_MARKUP, markup_faults
from decision_logic.toolchain.training import Checklist, Exercise, TrainingGuide
from decision_logic.toolchain.yaml_source import (
    HINT_YAML,
    display_name,
    load_yaml,
    parse,
    read_text,
)
from site_config.content.approval import PROJECT_DIR, FileState, content_files, file_states
from site_config.content.glossary import Term, load_glossary
from site_config.content.manifest import (
    Reference,
    SiteManifest,
    check_references,
    load_manifest,
    page_file_faults,
)
from site_config.content.page_markers import check_governed, marker_faults, page_governance
from site_config.content.protocol import load_protocol
from site_config.content.publication import REPORT_ADDRESS, missing_region_data
from site_config.content.search_keywords import SearchKeywords, load_keywords
from site_config.content.ui import Ui, load_ui

#: the report address until the region names one (a reserved example domain)
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)


@dataclass(frozen=True)
class Settings:
    """The settings in ``mkdocs.yml`` that the content depends on, typed."""

    report_error_address: str
    """Where "Rapportera fel" on every page sends readers (``extra.report_error_address``)."""
    publisher: str = ""
    """The organisation that publishes the site and answers for it (``extra.publisher``):
    Om webbplatsen and the accessibility statement name it. Empty until the region says."""
    statement_assessed: dt.date | None = None
    """The day the site's accessibility was last assessed
    (``extra.accessibility_statement.assessed``)."""
    statement_updated: dt.date | None = None
    """The day the accessibility statement was last reviewed
    (``extra.accessibility_statement.updated``)."""

    @property
    def placeholder_address(self) -> bool:
        domain = self.report_error_address.rpartition("@")[2].lower()
        return not domain or domain in PLACEHOLDER_DOMAINS or domain.endswith(".invalid")


class _MkdocsLoader(yaml.SafeLoader):
    """PyYAML's safe loader that reads MkDocs' ``!ENV`` and ``!!python`` tags as plain
    values: the settings read here never need them."""


_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_settings(config_file: Path) -> Settings:
    """The typed settings from ``mkdocs.yml``; a ``ContentError`` naming the key if one
    is missing or not a text."""
    try:
        data = yaml.load(read_text(config_file, config_file.name), Loader=_MkdocsLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(config_file.name, "", mark.line + 1 if mark else None,
                           "ogiltig YAML; kontrollera indrag, kolon och citattecken",
                           hint=HINT_YAML) from None
    extra = data.get("extra") if isinstance(data, Mapping) else None
    address = extra.get("report_error_address") if isinstance(extra, Mapping) else None
    if not isinstance(address, str) or "@" not in address:
        raise ContentError(config_file.name, "extra.report_error_address", None,
                           "ange adressen som \"Rapportera fel\" skickar till, t.ex. "
                           "fel@regionkronoberg.se")
    publisher = extra.get("publisher") or ""
    if not isinstance(publisher, str):
        raise ContentError(config_file.name, "extra.publisher", None,
                           "skriv namnet på organisationen som ger ut webbplatsen som en text")
    statement = extra.get("accessibility_statement") or {}
    if not isinstance(statement, Mapping):
        raise ContentError(config_file.name, "extra.accessibility_statement", None,
                           "skriv assessed: och updated: med var sitt datum under nyckeln")
    return Settings(report_error_address=address.strip(), publisher=publisher.strip(),
                    statement_assessed=_setting_date(config_file, statement, "assessed"),
                    statement_updated=_setting_date(config_file, statement, "updated"))


def _setting_date(config_file: Path, statement: Mapping[str, Any], key: str) -> dt.date | None:
    """A date of the accessibility statement, or None while the region has not set it."""
    value = statement.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ContentError(config_file.name, f"extra.accessibility_statement.{key}", None,
                       f"skriv datumet som 2027-01-15 (år-månad-dag); här står {value!r}")


def content_references(rules_file: Path, keywords: SearchKeywords) -> list[Reference]:
    """Every page the content files name: each rule's ``page`` in rules.yaml and each key
    of search_keywords.yaml. (Moved here from ``site_config.content.manifest``, which no longer
    imports the search index.)"""
    data, lines = load_yaml(rules_file, display_name(rules_file))
    rules = data.get("rules") if isinstance(data, Mapping) else None
    references: list[Reference] = [
        (display_name(rules_file), ("rules", i, "page"), lines.get, rule["page"])
        for i, rule in enumerate(rules if isinstance(rules, list) else ())
        if isinstance(rule, Mapping) and isinstance(rule.get("page"), str)]
    references += [(keywords.source, ("pages", page.key), keywords.line_of, page.key)
                   for page in keywords.pages]
    return references


@dataclass(frozen=True)
class PageSource:
    """A page file under ``docs/``: its Markdown and its front matter."""

    src: str
    markdown: str
    meta: Mapping[str, Any]
    first_line: int = 1
    """The file's line that ``markdown`` starts on (after the front matter)."""

    def markup_faults(self) -> list[ContentError]:
        """Every piece of markup the page may not hold (``markup.py``), at its line."""
        return [ContentError(f"docs/{self.src}", "", self.first_line + line - 1, message,
                             hint=HINT_MARKUP)
                for line, message in markup_faults(self.markdown)]


@dataclass(frozen=True)
class SiteContent:
    """Every editor-kept file, loaded once (see the module's docstring)."""

    content: Content
    manifest: SiteManifest | None
    ui: Ui | None
    glossary: tuple[Term, ...]
    keywords: SearchKeywords | None
    pages: Mapping[str, PageSource]
    states: Mapping[str, FileState]
    settings: Settings | None
    errors: tuple[ContentError, ...]
    """Every fault that stops the build (the check prints them too)."""
    warnings: tuple[str, ...]

    @property
    def catalog(self) -> Catalog:
        assert self.content.catalog is not None, "only after a load without errors"
        return self.content.catalog

    @property
    def changelog(self) -> tuple[Change, ...]:
        return self.content.changelog

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return self.content.exercises

    @property
    def guide(self) -> TrainingGuide | None:
        return self.content.guide

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        return self.content.checklists

    @property
    def check_errors(self) -> tuple[ContentError, ...]:
        """What the check fails on: the build's errors and the unreachable parts."""
        return (*self.errors, *self.content.unreachable)


def _guarded[T](errors: list[ContentError], load: Callable[[], T]) -> T | None:
    try:
        return load()
    except ContentError as error:
        errors.append(error)
        return None


def _page_source(path: Path, src: str) -> PageSource:
    return page_source(src, read_text(path, f"docs/{src}"))


def page_source(src: str, text: str) -> PageSource:
    """A page's text split into its front matter and its Markdown (a page in ``docs/``
    or one the build writes); ``ContentError`` when the front matter is not keys."""
    found = _FRONT_MATTER.match(text)
    meta: Any = parse(found[1], f"docs/{src}")[0] if found else {}
    if not isinstance(meta, Mapping):
        raise ContentError(f"docs/{src}", "", 1, "sidans huvud (front matter) mellan raderna "
                           "--- ska vara nycklar med värden, t.ex. owner: …")
    body_start = found.end() if found else 0
    return PageSource(src, text[body_start:], meta, text.count("\n", 0, body_start) + 1)


def load_site_content(project: Path = PROJECT_DIR) -> SiteContent:
    """Load and check every file editors keep in ``project`` (see the module)."""
    site = project / "site_config"
    content = load_content(project / "decision_logic")
    errors = list(content.errors)
    manifest = _guarded(errors, lambda: load_manifest(site / "site.yaml"))
    ui = _guarded(errors, lambda: load_ui(site / "ui.yaml"))
    _guarded(errors, lambda: load_protocol(site / "protocol.yaml"))  # checked like ui.yaml
    glossary = _guarded(errors, lambda: load_glossary(site / "ordlista.yaml")) or ()
    keywords = _guarded(errors, lambda: load_keywords(site / "search_keywords.yaml"))
    settings = _guarded(errors, lambda: load_settings(project / "mkdocs.yml"))
    docs = project / "docs"
    pages: dict[str, PageSource] = {}
    page_files = sorted(docs.rglob("*.md"))
    for path in page_files:
        src = path.relative_to(docs).as_posix()
        page = _guarded(errors, lambda p=path, s=src: _page_source(p, s))
        if page is not None:
            pages[src] = page
            errors += page.markup_faults()
    # With a table that cannot be read, the checks that name tables would only repeat its
    # fault ("the table does not exist"): they wait until every table can be read.
    catalog = content.catalog if not content.errors else None
    if manifest is not None:
        # A page that exists but cannot be read has its own fault already.
        errors += page_file_faults(manifest, [p.relative_to(docs).as_posix() for p in page_files])
        if catalog is not None and keywords is not None:
            references = _guarded(errors, lambda: content_references(
                project / "decision_logic" / "rules.yaml", keywords))
            errors += check_references(manifest, catalog.tables, references or ())
        for page in pages.values():
            try:
                governance = page_governance(page.meta, page.src)
                check_governed(governance is not None, page.src, manifest)
            except ContentError as error:
                errors.append(error)
            if catalog is not None:
                errors += marker_faults(page.markdown, page.src, manifest, catalog)
    warnings = []
    if settings is not None and settings.placeholder_address:
        warnings.append(f"mkdocs.yml: extra.report_error_address är fortfarande "
                        f"platshållaren {settings.report_error_address}; \"Rapportera fel\" "
                        "når ingen förrän regionens riktiga adress står där")
    if settings is not None:
        warnings += [f"mkdocs.yml: {field.key} är inte ifylld, så Om webbplatsen och "
                     "tillgänglighetsredogörelsen säger att uppgiften saknas; make release "
                     "bygger inte förrän den finns"
                     for field in missing_region_data(settings) if field is not REPORT_ADDRESS]
    states = _guarded(errors, lambda: file_states(content_files(project), project)) or {}
    return SiteContent(content=content, manifest=manifest, ui=ui, glossary=glossary,
                       keywords=keywords, pages=pages, states=states, settings=settings,
                       errors=tuple(errors), warnings=tuple(warnings))
