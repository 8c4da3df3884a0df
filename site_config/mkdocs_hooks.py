"""The only MkDocs-specific file: forwards MkDocs events to plain functions.

Replace this file to build the same site with another engine.

Broken content stops the build with the editors' Swedish messages (the same list as
``python -m decision_logic check``) and no Python traceback: MkDocs' ``Abort`` prints
its message and exits with status 1, in ``mkdocs build`` and ``mkdocs serve`` alike.
Every fault in content (tables, glossary, keywords, redirects, markers, front matter) is
a ``decision_logic.ContentError``; the one other error is ``AssetError``, a setup fault
(Pyodide missing or altered in ``node_modules/``, Graphviz missing) whose message
names the command.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, file_sort_key

from decision_logic import ContentError, DecisionError
from decision_logic.letter import LETTER_OUTCOME
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.command import check_content
from decision_logic.toolchain.completeness import check_completeness
from decision_logic.toolchain.governance import overdue_items
from site_config import browser_assets, precompress, search_index
from site_config.answer_links import LOCAL_ADDRESS_WARNING, is_local_address
from site_config.browser_assets import AssetError
from site_config.glossary import load_glossary
from site_config.manifest import (
    card_page_markdown,
    check_references,
    content_references,
    load_manifest,
    table_page_markdown,
)
from site_config.markers import MARKER, PageContext, expand
from site_config.redirects import write_redirects
from site_config.ui import ui, write_javascript

_context: PageContext | None = None
_serving = False
ATTRIBUTE_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


def _stop(messages: list[str]) -> NoReturn:
    for message in messages:
        print(message, file=sys.stderr)
    raise Abort(f"Bygget avbröts: {len(messages)} fel (se ovan). Rätta dem och bygg igen; "
                "'python -m decision_logic check' visar felen i innehållsfilerna.")


def _content_errors[**P, R](hook: Callable[P, R]) -> Callable[P, R]:
    """Turn the content's own errors (Swedish already) into a stop without a traceback."""

    @functools.wraps(hook)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return hook(*args, **kwargs)
        except (ContentError, DecisionError) as error:
            # The full list, as the editors' check gives it, rather than the first fault;
            # the error itself too when it lies outside decision_logic (glossary, pages).
            problems = [str(problem) for problem in check_content()[0]]
            source = getattr(error, "source", None)
            if not source or not any(p.startswith(source) for p in problems):
                hint = getattr(error, "hint", "")
                problems.append(f"{error}\n  Tips: {hint}" if hint else str(error))
            _stop(problems)
        except AssetError as error:
            # A setup fault, not content: the message names the command that fixes it.
            _stop([str(error)])

    return guarded


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    # `mkdocs serve` sends the files as they are: the gzip copies would only slow its rebuilds.
    _serving = command == "serve"


@_content_errors
def on_config(config: Any) -> Any:
    global _context
    ui.cache_clear()  # `mkdocs serve` rebuilds in the same process: read the texts anew
    ui()
    catalog = load_catalog()
    # A gap or an overlap would give a reader no answer or a wrong one: stop. A row or an
    # outcome that can never be reached harms no reader; the editors' check reports it.
    faults = []
    for table in catalog.tables.values():
        report = check_completeness(table)
        if report.gaps or report.overlaps or report.too_many_paths:
            faults += [f"{table.source}:{line}: {message}" if line else
                       f"{table.source}: {message}" for line, message in report.located()]
    if faults:
        _stop(faults)
    # The pages, their order and sections come from the site manifest, as does every
    # other address; a table or page named elsewhere that it lacks stops the build here.
    manifest = load_manifest()
    faults = [str(fault) for fault in check_references(
        manifest, catalog.tables, content_references(), letter_table=LETTER_OUTCOME[0])]
    if faults:
        _stop(faults)
    config["nav"] = manifest.mkdocs_nav()
    if manifest.cards and is_local_address(config.get("site_url") or ""):
        print(LOCAL_ADDRESS_WARNING, file=sys.stderr)
    _context = PageContext(catalog=catalog, assets=browser_assets.prepare(catalog),
                           glossary=load_glossary(), page_titles={}, manifest=manifest,
                           site_url=config.get("site_url") or "")
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    # The theme's templates (main.html, 414.html) take their texts from ui.yaml and the
    # addresses they link to from the site manifest.
    assert _context is not None
    env.globals["ui"] = ui()
    env.globals["site_manifest"] = _context.manifest
    return env


@_content_errors
def on_files(files: Any, config: Any) -> Any:
    """Add the table pages the manifest lets the build write; every other page of the
    manifest must be a file in docs/, and every page in docs/ a page of the manifest."""
    assert _context is not None
    manifest = _context.manifest
    for page in manifest.pages:
        exists = files.get_file_from_path(page.src) is not None
        if page.generated and exists:
            raise ContentError(manifest.source, "nav", page.line, f"docs/{page.src} finns, "
                               "men bygget skriver beslutsstödets sida själv; ta bort filen "
                               f"eller skriv 'page: {page.src}' på raden")
        if page.generated:
            markdown = (card_page_markdown(_context.catalog.table(page.card)) if page.card
                        else table_page_markdown(_context.catalog.table(page.table or "")))
            files.append(File.generated(config, page.src, content=markdown))
        elif not exists:
            raise ContentError(manifest.source, "nav", page.line,
                               f"sidan docs/{page.src} finns inte")
    listed = {page.src for page in manifest.pages}
    for file in files.documentation_pages():
        if file.src_uri not in listed:
            raise manifest.fail(("nav",), f"sidan docs/{file.src_uri} finns inte i menyn; "
                                f"lägg till '- page: {file.src_uri}' där den ska stå (eller "
                                "ta bort filen)")
    # In the order MkDocs reads docs/ in, as if the written pages were files there: the
    # pages are built, and the search index and sitemap are written, in this order.
    return Files(sorted(files, key=file_sort_key))


@_content_errors
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    assert _context is not None
    for page in nav.pages:
        page.read_source(config)
        # A heading's attribute list ("Titel { #ankare }") is markup, not part of the title.
        title = ATTRIBUTE_LIST.sub("", page.title or "") or page.url
        _context.page_titles[page.url or "./"] = title
    return nav


@_content_errors
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    assert _context is not None
    # Read by the theme override: a widget page loads its script in the head.
    page.meta["kb_widget"] = any(m["kind"] == "widget" for m in MARKER.finditer(markdown))
    return expand(markdown, page.url, _context, page.file.src_uri, page.meta)


@_content_errors
def on_post_build(config: Any) -> None:
    assert _context is not None
    browser_assets.write(_context.assets, Path(config["site_dir"]))
    write_javascript(Path(config["site_dir"]))
    search_index.enrich_file(Path(config["site_dir"]))
    write_redirects(Path(config["site_dir"]), _context.manifest.redirects)
    if not _serving:
        precompress.write_gzip_copies(Path(config["site_dir"]))  # last: every file is there
    # A passed review date warns without failing the (strict) build.
    for line in overdue_items(_context.governed, dt.date.today()):
        print(f"VARNING: {line}", file=sys.stderr)
