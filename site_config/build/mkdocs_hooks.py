"""The only MkDocs-specific file: forwards MkDocs events to plain functions.

Replace this file to build the same site with another engine.

Broken content stops the build with the editors' Swedish messages (the same list as
``python -m site_config check``) and no Python traceback: MkDocs' ``Abort`` prints
its message and exits with status 1, in ``mkdocs build`` and ``mkdocs serve`` alike.
Every fault in content (tables, glossary, keywords, redirects, markers, front matter) is
a ``decision_logic.ContentError``; the one other error is ``AssetError``, a setup fault
(Pyodide missing or altered in ``node_modules/``, Graphviz missing) whose message
names the command.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pathspec
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, file_sort_key

from decision_logic import ContentError, DecisionError
from decision_logic.toolchain.content import problems_of
from decision_logic.toolchain.governance import overdue_items
from site_config.browser import assets as browser_assets
from site_config.browser.assets import AssetError
from site_config.content.approval import content_version
from site_config.content.load import load_site_content
from site_config.content.manifest import card_page_markdown, page_file_faults, table_page_markdown
from site_config.content.search_keywords import SearchKeywords
from site_config.content.site_url import LOCAL_ADDRESS_WARNING, is_local_address, site_url_fault
from site_config.content.ui import ui, write_javascript
from site_config.deploy import csp, offline, precompress, search_index
from site_config.deploy.redirects import write_redirects
from site_config.render import page_assets
from site_config.render.governance import nav_status, nav_tooltips
from site_config.render.markers import PageContext, expand

_context: PageContext | None = None
_keywords: SearchKeywords | None = None
_serving = False
ATTRIBUTE_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


def _stop(messages: list[str]) -> NoReturn:
    for message in messages:
        print(message, file=sys.stderr)
    raise Abort(f"Bygget avbröts: {len(messages)} fel (se ovan). Rätta dem och bygg igen; "
                "'python -m site_config check' visar felen i innehållsfilerna.")


def _problems(errors: Any) -> list[str]:
    return [str(problem) for problem in problems_of(errors)]


def _content_errors[**P, R](hook: Callable[P, R]) -> Callable[P, R]:
    """Turn the content's own errors (Swedish already) into a stop without a traceback."""

    @functools.wraps(hook)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return hook(*args, **kwargs)
        except (ContentError, DecisionError) as error:
            # The check found nothing (or the build would not have started): this fault is
            # one only the rendering meets, so it is named as it is.
            hint = getattr(error, "hint", "")
            _stop([f"{error}\n  Tips: {hint}" if hint else str(error)])
        except AssetError as error:
            # A setup fault, not content: the message names the command that fixes it.
            _stop([str(error)])

    return guarded


def _site_url(config: Any) -> str:
    """The site's address: ``SITE_URL`` when set, else mkdocs.yml's local default,
    checked by ``site_url_fault`` (a Swedish message naming SITE_URL). SITE_URL is read
    here rather than with ``!ENV`` in mkdocs.yml: MkDocs would check it first, only in
    part (``ftp://``, ``user:pw@``, ``?q`` and ``#frag`` pass) and in English. Under
    ``mkdocs serve`` the server's own address stays."""
    url = config.get("site_url") if _serving else os.environ.get("SITE_URL",
                                                                  config.get("site_url"))
    fault = site_url_fault(url)
    if fault:
        _stop([fault])
    assert url is not None
    return url if url.endswith("/") else f"{url}/"


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    # `mkdocs serve` sends the files as they are: the gzip copies would only slow its rebuilds.
    _serving = command == "serve"


@_content_errors
def on_config(config: Any) -> Any:
    global _context
    ui.cache_clear()  # `mkdocs serve` rebuilds in the same process: read the texts anew
    # Every file editors keep, loaded and checked once: the very list the editors' check
    # prints. A row or an outcome no answer reaches harms no reader, so only the check
    # fails on those.
    config["site_url"] = _site_url(config)
    content = load_site_content()
    if content.errors:
        _stop(_problems(content.errors))
    for warning in content.warnings:
        print(f"VARNING: {warning}", file=sys.stderr)
    ui()
    catalog = content.catalog
    manifest = content.manifest
    assert manifest is not None and content.settings is not None
    config["nav"] = manifest.mkdocs_nav()
    # The footer's pages are linked from the foot of every page, not from the menu.
    config["not_in_nav"] = pathspec.GitIgnoreSpec.from_lines(
        f"/{page.src}" for page in manifest.footer)
    config["extra"]["report_error_address"] = content.settings.report_error_address
    # The pages' status and the content version derive from each file's fingerprint and
    # approval, so neither is a number an editor keeps by hand.
    states = content.states
    config["extra"]["content_version"] = content_version(s.fingerprint for s in states.values())
    config["extra"]["status"] = nav_tooltips()  # the menu's status icon's tooltip
    if manifest.cards and is_local_address(config.get("site_url") or ""):
        print(LOCAL_ADDRESS_WARNING, file=sys.stderr)
    _context = PageContext(catalog=catalog, assets=browser_assets.prepare(catalog),
                           glossary=content.glossary, page_titles={}, manifest=manifest,
                           states=states, changelog=content.changelog,
                           exercises=content.exercises, checklists=content.checklists,
                           guide=content.guide, site_url=config.get("site_url") or "",
                           settings=content.settings, site_name=config.get("site_name") or "")
    global _keywords
    _keywords = content.keywords
    return config


@dataclass(frozen=True)
class FooterLink:
    title: str
    location: str
    """Relative to the site root (``om-webbplatsen/``), as the templates join it to
    ``base_url``."""


def on_env(env: Any, config: Any, files: Any) -> Any:
    # The theme's templates (main.html, 414.html) take their texts from ui.yaml and the
    # addresses they link to from the site manifest.
    assert _context is not None
    env.globals["ui"] = ui()
    env.globals["site_manifest"] = _context.manifest
    env.globals["footer_links"] = [
        FooterLink(_context.page_titles[page.location or "./"], page.location)
        for page in _context.manifest.footer]
    env.globals["footer_sources"] = {page.src for page in _context.manifest.footer}
    return env


@_content_errors
def on_files(files: Any, config: Any) -> Any:
    """Add the table pages the manifest lets the build write (the check has made sure
    that every other page of the manifest is a file in docs/, and every page there is
    in the manifest)."""
    assert _context is not None
    manifest = _context.manifest
    faults = page_file_faults(manifest, [f.src_uri for f in files.documentation_pages()])
    if faults:
        _stop(_problems(faults))
    for page in manifest.pages:
        if page.generated:
            markdown = (card_page_markdown(_context.catalog.table(page.card)) if page.card
                        else table_page_markdown(_context.catalog.table(page.table or "")))
            files.append(File.generated(config, page.src, content=markdown))
    # In the order MkDocs reads docs/ in, as if the written pages were files there: the
    # pages are built, and the search index and sitemap are written, in this order.
    return Files(sorted(files, key=file_sort_key))


@_content_errors
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    assert _context is not None
    footer = [files.get_file_from_path(page.src).page for page in _context.manifest.footer]
    for page in [*nav.pages, *footer]:
        page.read_source(config)
        # A heading's attribute list ("Titel { #ankare }") is markup, not part of the title.
        title = ATTRIBUTE_LIST.sub("", page.title or "") or page.url
        _context.page_titles[page.url or "./"] = title
    return nav


@_content_errors
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    assert _context is not None
    # Read by the theme override: the scripts the page's markers need (a widget's in the head).
    page.meta["kb_assets"] = page_assets.for_markdown(markdown)
    expanded = expand(markdown, page.url, _context, page.file.src_uri, page.meta)
    # Material shows a page's ``status`` as an icon in the menu (tooltip: extra.status).
    status = nav_status(_context.statuses[page.file.src_uri])
    if status:
        page.meta["status"] = status
    return expanded


@_content_errors
def on_post_page(output: str, page: Any, config: Any) -> str:
    # An inline script the theme and the site are not known to write stops the build at
    # the line of the page that holds it; the policy would otherwise allow it by hash.
    csp.check_page(output, f"docs/{page.file.src_uri}", page.file.content_string)
    return output


@_content_errors
def on_post_build(config: Any) -> None:
    assert _context is not None
    # The pages written from templates alone (404, 414, redirects) are checked here.
    csp.site_script_hashes(Path(config["site_dir"]))
    browser_assets.write(_context.assets, Path(config["site_dir"]))
    write_javascript(Path(config["site_dir"]))
    page_assets.write_stylesheets(Path(config["docs_dir"]), Path(config["site_dir"]))
    search_index.enrich_file(Path(config["site_dir"]), _keywords, _context.glossary)
    write_redirects(Path(config["site_dir"]), _context.manifest.redirects)
    if not _serving:
        offline.write(Path(config["site_dir"]))  # after every other file, before the copies
        precompress.write_compressed_copies(Path(config["site_dir"]))  # last: every file is there
    # A passed review date warns without failing the (strict) build.
    for line in overdue_items(_context.governed, dt.date.today()):
        print(f"VARNING: {line}", file=sys.stderr)
