"""What each page type loads (issue #36), read from the built pages: its stylesheets and
scripts, listed here per page type; a page that names a script it does not use, or uses
one it does not name, fails. The rules for paper are in their own stylesheet, loaded for
print only; the CSS parts under docs/assets/ are not in the site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from scripts import bench_trace
from site_config.render import page_assets
from tests.conftest import ROOT

#: what every page loads: Material's two stylesheets, the site's one for the screen and
#: (print only) the one for paper; Material's bundle and the entry script
EVERY_PAGE_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css",
                  "assets/site.css", "assets/site-print.css (print)")
EVERY_PAGE_SCRIPTS = ("assets/javascripts/bundle.*.min.js (defer)", "assets/site.js (module)")
#: a widget page: its script in the head, render-blocking (it draws the answer)
WIDGET_PAGE_SCRIPTS = ("assets/widget/widget.js (module, render-blocking)",
                       *EVERY_PAGE_SCRIPTS)
#: what the entry script imports on every page
ENTRY_IMPORTS = ("./search/highlight.js", "./widget/offline.js", "./widget/print.js")
#: a page's own module -> what in the page it works on (the page must hold it)
USES = {
    "widget/widget.js": "form[data-widget]",
    "widget/training.js": "[data-training]",
    "widget/links.js": "[data-copy-holder]",
}
WIDGET_PRELOADS = ("assets/widget/ui.js", "assets/widget/page.js", "assets/widget/runtime.js")


@dataclass(frozen=True)
class PageType:
    address: str
    """the page's address under the site's root (a widget's with answers in the link)"""
    own: tuple[str, ...] = ()
    """the modules the entry imports for this page (``data-kb-scripts``)"""
    scripts: tuple[str, ...] = EVERY_PAGE_SCRIPTS
    """its script elements, in document order"""
    preloads: tuple[str, ...] = ()


PAGE_TYPES: dict[str, PageType] = {
    "start page": PageType(""),
    "glossary": PageType("ordlista/"),
    "widget page": PageType("beslutsstod/ansvarig/?skede=skola", ("widget/widget.js",),
                            WIDGET_PAGE_SCRIPTS, WIDGET_PRELOADS),
    "widget with letters": PageType("beslutsstod/skicka-inbjudan/", ("widget/widget.js",),
                                    WIDGET_PAGE_SCRIPTS, WIDGET_PRELOADS),
    "exercises": PageType("utbildning/", ("widget/training.js",),
                          ("assets/widget/training.js (module)", *EVERY_PAGE_SCRIPTS)),
    "trainer's guide": PageType("utbildning/handledning/"),
    "checklists": PageType("checklistor/"),
    "link catalogue": PageType("beslutsstod/lankar/", ("widget/links.js",),
                               ("assets/widget/links.js (module)", *EVERY_PAGE_SCRIPTS)),
    "card": PageType("beslutsstod/ansvarig/kort/"),
    "Om webbplatsen": PageType("om-webbplatsen/"),
}


class _Assets(HTMLParser):
    """The stylesheets, scripts, preloads and ``data-kb-scripts`` of a page, and the
    elements the page's modules work on (by the attribute that marks them)."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.css: list[str] = []
        self.scripts: list[str] = []
        self.preloads: list[str] = []
        self.listed: list[str] = []
        self.marks: set[str] = set()

    def _path(self, href: str) -> str:
        return urljoin(self.page_url, href).removeprefix("https://site.test/")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "")
        if tag == "link" and rel == "stylesheet":
            media = values.get("media", "")
            self.css.append(self._path(values["href"]) + (f" ({media})" if media else ""))
        elif tag == "link" and rel == "modulepreload":
            self.preloads.append(self._path(values["href"]))
        elif tag == "script" and "src" in values:
            notes = [note for note, on in (("module", values.get("type") == "module"),
                                           ("defer", "defer" in values),
                                           ("async", "async" in values),
                                           ("render-blocking", values.get("blocking") == "render"))
                     if on]
            self.scripts.append(self._path(values["src"])
                                + (f" ({', '.join(notes)})" if notes else ""))
        if "data-kb-scripts" in values:
            self.listed += values["data-kb-scripts"].split()
        if tag == "form" and "data-widget" in values:
            self.marks.add("form[data-widget]")
        for mark in ("data-training", "data-copy-holder"):
            if mark in values:
                self.marks.add(f"[{mark}]")


def _read(site_dir: Path, address: str) -> _Assets:
    path = address.split("?")[0]
    parser = _Assets(f"https://site.test/{path}")
    parser.feed((site_dir / path / "index.html").read_text(encoding="utf-8"))
    return parser


def _matches(found: list[str], expected: tuple[str, ...]) -> bool:
    return len(found) == len(expected) and all(
        re.fullmatch(re.escape(want).replace(r"\*", r"[0-9a-f]+"), have)
        for have, want in zip(found, expected, strict=True))


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_each_page_type_loads_what_it_uses_and_nothing_else(site_dir, name):
    kind = PAGE_TYPES[name]
    page = _read(site_dir, kind.address)
    assert _matches(page.css, EVERY_PAGE_CSS), page.css
    assert _matches(page.scripts, kind.scripts), page.scripts
    assert page.preloads == list(kind.preloads)
    assert page.listed == list(kind.own)
    # What the page names it uses, and what it holds has its script.
    assert {USES[module] for module in page.listed} == page.marks, (page.listed, page.marks)


def test_no_page_names_a_script_twice_or_one_it_does_not_hold(site_dir):
    """Every built page, not only the types above."""
    for html in sorted(site_dir.rglob("index.html")):
        address = html.parent.relative_to(site_dir).as_posix()
        page = _read(site_dir, "" if address == "." else f"{address}/")
        sources = [script.split(" (")[0] for script in page.scripts]
        assert len(sources) == len(set(sources)), (address, sources)
        assert len(page.listed) == len(set(page.listed)), (address, page.listed)
        assert {USES[module] for module in page.listed} == page.marks, address


def test_the_entry_script_imports_what_every_page_needs():
    entry = (ROOT / "docs" / "assets" / "site.js").read_text(encoding="utf-8")
    assert tuple(re.findall(r'^import "([^"]+)";', entry, re.MULTILINE)) == ENTRY_IMPORTS
    assert set(page_assets.SCRIPT_FOR_MARKER.values()) == set(USES)


def test_the_css_parts_are_joined_and_not_served_alone(site_dir):
    screen = (site_dir / page_assets.SCREEN_CSS).read_text(encoding="utf-8")
    paper = (site_dir / page_assets.PRINT_CSS).read_text(encoding="utf-8")
    assert "@media print" not in screen and "@page" not in screen
    assert "@page" in paper
    for part in page_assets.STYLE_PARTS:
        assert not (site_dir / part).exists(), part
        source = (ROOT / "docs" / part).read_text(encoding="utf-8")
        # Every rule of the part is in one of the two files, in the parts' order.
        for_screen, for_paper = page_assets.split_for_paper(source)
        assert for_screen in screen and for_paper in paper
        assert (for_screen + for_paper).count("{") == source.count("{"), part


def test_paper_rules_are_told_from_the_rest():
    css = ("/* a */\n.a { color: red; }\n/* b } { */\n@media print {\n  .b { x: '}'; }\n}\n"
           "@page { size: A4; @top-left { content: \"{\"; } }\n"
           "@media screen and (max-width: 30em) { .c { d: e; } }\n/* last */\n")
    screen, paper = page_assets.split_for_paper(css)
    assert screen == ("/* a */\n.a { color: red; }\n"
                      "@media screen and (max-width: 30em) { .c { d: e; } }\n/* last */")
    assert paper == ("/* b } { */\n@media print {\n  .b { x: '}'; }\n}\n"
                     "@page { size: A4; @top-left { content: \"{\"; } }")


def test_the_benchmark_takes_the_built_glossary_apart(site_dir):
    """``benchmark.py --trace`` times the glossary without its scripts, and without them
    and Material's sidebars: a theme that writes its page otherwise stops the benchmark
    (ValueError) instead of timing a page that is not what it says."""
    html = (site_dir / PAGE_TYPES["glossary"].address / "index.html").read_text("utf-8")
    for name, (_folder, make) in bench_trace.BARE.items():
        page = _Assets("https://site.test/ordlista/")
        page.feed(make(html))
        assert page.scripts == [] and _matches(page.css, EVERY_PAGE_CSS), name
    bare = bench_trace.without_sidebars(bench_trace.without_scripts(html))
    assert "md-sidebar" not in bare and 'id="__config"' in bare and "<h1" in bare
