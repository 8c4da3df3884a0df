"""The only MkDocs-specific file: forwards MkDocs events to plain functions.

Replace this file to build the same site with another engine.

Broken content stops the build with the editors' Swedish messages (the same list as
``python -m decision_logic check``) and no Python traceback: MkDocs' ``Abort`` prints
its message and exits with status 1, in ``mkdocs build`` and ``mkdocs serve`` alike.
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

from decision_logic import DecisionError, TableError, load_catalog
from decision_logic.check import check_content
from decision_logic.completeness import check_completeness
from decision_logic.governance import overdue_items
from site_config import browser_assets, search_index
from site_config.browser_assets import AssetError
from site_config.glossary import load_glossary
from site_config.markers import MARKER, MarkerError, PageContext, expand
from site_config.redirects import load_redirects, write_redirects
from site_config.ui import ContentError, ui, write_javascript

_context: PageContext | None = None
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
        except (TableError, ContentError, DecisionError, MarkerError) as error:
            # The full list, as the editors' check gives it, rather than the first fault;
            # the error itself too when it lies outside decision_logic (glossary, pages).
            problems = [str(problem) for problem in check_content()[0]]
            source = getattr(error, "source", None)
            if not source or not any(p.startswith(source) for p in problems):
                problems.append(str(error))
            _stop(problems)
        except AssetError as error:
            _stop([str(error)])

    return guarded


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
    _context = PageContext(catalog=catalog, assets=browser_assets.prepare(catalog),
                           glossary=load_glossary(), page_titles={})
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    # The theme's templates (main.html, 414.html) take their texts from ui.yaml.
    env.globals["ui"] = ui()
    return env


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
    write_redirects(Path(config["site_dir"]), load_redirects())
    # A passed review date warns without failing the (strict) build.
    for line in overdue_items(_context.governed, dt.date.today()):
        print(f"VARNING: {line}", file=sys.stderr)
