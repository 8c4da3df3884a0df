"""The only MkDocs-specific file: forwards MkDocs events to plain functions.

Replace this file to build the same site with another engine.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from decision_logic import load_catalog
from decision_logic.governance import overdue_items
from site_config import browser_assets, search_index
from site_config.glossary import load_glossary
from site_config.markers import MARKER, PageContext, expand
from site_config.redirects import load_redirects, write_redirects

_context: PageContext | None = None


def on_config(config: Any) -> Any:
    global _context
    catalog = load_catalog()
    _context = PageContext(catalog=catalog, assets=browser_assets.prepare(catalog),
                           glossary=load_glossary(), page_titles={})
    return config


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    assert _context is not None
    for page in nav.pages:
        page.read_source(config)
        _context.page_titles[page.url or "./"] = page.title or page.url
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    assert _context is not None
    # Read by the theme override: a widget page loads its script in the head.
    page.meta["kb_widget"] = any(m["kind"] == "widget" for m in MARKER.finditer(markdown))
    return expand(markdown, page.url, _context, page.file.src_uri, page.meta)


def on_post_build(config: Any) -> None:
    assert _context is not None
    browser_assets.write(_context.assets, Path(config["site_dir"]))
    search_index.enrich_file(Path(config["site_dir"]))
    write_redirects(Path(config["site_dir"]), load_redirects())
    # A passed review date warns without failing the (strict) build.
    for line in overdue_items(_context.governed, dt.date.today()):
        print(f"VARNING: {line}", file=sys.stderr)
