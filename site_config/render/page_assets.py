"""What each page loads: the site's own stylesheets, written by the build as one file for
the screen and one for paper, and the scripts a page uses, chosen by the markers it holds.

Every page loads one small entry script (``docs/assets/site.js``): it imports what every
page needs (search highlighting, offline use, the printed page's footer) and then the
modules the page lists in an attribute (``page_scripts`` in protocol.yaml), which the
theme writes from ``PageAssets.scripts`` into the content, so Material's instant
navigation brings the next page's list with the page. A widget draws its answer before
the first paint: its script is in the head, render-blocking (``PageAssets.first``); the
page's other modules are module scripts in the head too (``PageAssets.after_parse``), so
they have run by the load event. The entry names the same modules for pages reached by
instant navigation; the browser fetches and runs each once.

The CSS parts (``STYLE_PARTS``, under ``docs/``) stay separate files for the people who
edit them; the build joins them in this order, with the rules for paper (``@media print``,
``@page``) moved to ``PRINT_CSS``, which the theme loads with ``media="print"`` so it never
holds the first paint. The order of the rules within each file is the parts' order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from site_config.content.page_markers import MARKER

#: the site's own stylesheets, in cascade order, as paths under docs/ (and the site)
STYLE_PARTS: tuple[str, ...] = (
    "assets/widget/widget.css",
    "assets/widget/training.css",
    "assets/widget/home.css",
    "assets/widget/print.css",
    "assets/widget/cards.css",
    "assets/search/search.css",
)
#: what the build writes from them (the theme links both; mkdocs.yml names the first)
SCREEN_CSS = "assets/site.css"
PRINT_CSS = "assets/site-print.css"

#: the module a marker's rendering needs, as a path under assets/ (a marker not named
#: here needs no script of its own: print buttons and the offline offer are served by the
#: modules every page loads, through the entry script)
SCRIPT_FOR_MARKER: dict[str, str] = {
    "widget": "widget/widget.js",      # the widget, its letters
    "ovningar": "widget/training.js",  # the exercises on /utbildning/
    "lankar": "widget/links.js",       # the link catalogue's copy buttons
}
#: modules that draw the page's first screen, with what they import: the head loads them
#: with ``blocking="render"`` and preloads what they import, so none waits for another,
#: and the first frame shows the deep-linked answer (tests/browser/test_page_shell.py).
FIRST_PAINT: dict[str, tuple[str, ...]] = {
    "widget/widget.js": ("widget/ui.js", "widget/page.js", "widget/runtime.js"),
}


@dataclass(frozen=True)
class PageAssets:
    """The scripts of one page, as paths under ``assets/``."""

    scripts: tuple[str, ...]
    """every module of the page's own, in marker order (the entry imports them)"""
    first: tuple[str, ...]
    """those that draw the first screen (``<script type=module blocking=render>`` in the
    head)"""
    preload: tuple[str, ...]
    """what those import (``<link rel=modulepreload>``)"""

    @property
    def after_parse(self) -> tuple[str, ...]:
        """The page's other modules, which the head names as module scripts (run once the
        page is parsed, without holding the paint): the load event waits for them, so a
        button of theirs works from the moment the page has loaded. Imported only by the
        entry script, a module came after the load event, and a click on its button at
        once (a reader's, or a test's: test_a_copy_button_copies_the_link_beside_it)
        did nothing."""
        return tuple(s for s in self.scripts if s not in self.first)

    @property
    def listed(self) -> str:
        """``scripts`` as the theme writes it (protocol.yaml, ``page_scripts``)."""
        return " ".join(self.scripts)


def for_markdown(markdown: str) -> PageAssets:
    """The scripts a page's Markdown needs, from its markers (before they are expanded)."""
    kinds = [match["kind"] for match in MARKER.finditer(markdown)]
    scripts = tuple(dict.fromkeys(SCRIPT_FOR_MARKER[k] for k in kinds if k in SCRIPT_FOR_MARKER))
    first = tuple(s for s in scripts if s in FIRST_PAINT)
    preload = tuple(dict.fromkeys(m for s in first for m in FIRST_PAINT[s]))
    return PageAssets(scripts=scripts, first=first, preload=preload)


_TOP_LEVEL_BLOCK = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{}]|[^{}/\"']+|/",
                              re.DOTALL)
_FOR_PAPER = re.compile(r"@(?:page\b|media\s+print\s*\{)", re.IGNORECASE)


def _statements(css: str) -> Iterable[str]:
    """The top-level statements of a stylesheet (a rule, an at-rule with its block, or a
    comment), as written; comments, strings and nested braces are read as such."""
    depth, start = 0, 0
    for token in _TOP_LEVEL_BLOCK.finditer(css):
        text = token[0]
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth == 0:
                yield css[start:token.end()]
                start = token.end()
        elif depth == 0 and text.startswith("/*"):
            yield css[start:token.end()]
            start = token.end()
    if css[start:].strip():
        yield css[start:]


def split_for_paper(css: str) -> tuple[str, str]:
    """``css`` as (the rules for every medium, the rules only for paper). A comment goes
    with the statement that follows it, so an explanation stays above its rule."""
    screen: list[str] = []
    paper: list[str] = []
    comments: list[str] = []
    for statement in _statements(css):
        if statement.strip().startswith("/*"):
            comments.append(statement)
            continue
        target = paper if _FOR_PAPER.match(statement.strip()) else screen
        target += [*comments, statement]
        comments = []
    screen += comments
    return "".join(screen).strip(), "".join(paper).strip()


def stylesheets(docs_dir: Path) -> dict[str, str]:
    """``SCREEN_CSS`` and ``PRINT_CSS`` from the parts under ``docs_dir``."""
    screen: list[str] = []
    paper: list[str] = []
    for part in STYLE_PARTS:
        for_screen, for_paper = split_for_paper((docs_dir / part).read_text(encoding="utf-8"))
        heading = f"/* ---- {part} (written by the build: site_config/render/page_assets.py) */"
        screen += [heading, for_screen] if for_screen else []
        paper += [heading, for_paper] if for_paper else []
    return {SCREEN_CSS: "\n".join(screen) + "\n", PRINT_CSS: "\n".join(paper) + "\n"}


def write_stylesheets(docs_dir: Path, site_dir: Path) -> None:
    """Write the two stylesheets into the site and leave the parts out of it (no page
    links them; offline use would store them for nothing)."""
    for path, text in stylesheets(docs_dir).items():
        (site_dir / path).write_text(text, encoding="utf-8")
    for part in STYLE_PARTS:
        (site_dir / part).unlink(missing_ok=True)
