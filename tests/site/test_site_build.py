"""The built site: the widget's DOM contract and the static table, for every table."""

from __future__ import annotations

import gzip
import hashlib
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from decision_logic.toolchain import load_catalog
from site_config.browser import assets as browser_assets
from site_config.deploy.precompress import COMPRESSIBLE, MIN_SIZE
from site_config.render.html import INLINE_LINK
from site_config.render.markers import relative_url
from tests.conftest import shipped_stdlib

TABLE_IDS = sorted(load_catalog().tables)


def widget_page(site_dir: Path, table_id: str) -> str:
    return (site_dir / "beslutsstod" / table_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_the_widget_form_follows_the_dom_contract(site_dir, catalog, table_id):
    html = widget_page(site_dir, table_id)
    table = catalog.table(table_id)
    assert re.search(rf'<form class="kb-widget" data-widget="{table_id}"[^>]*'
                     r'data-state="loading"', html)
    for question in table.questions:
        assert f'data-question="{question.id}"' in html
        for value in question.values:
            assert f'name="{question.id}" value="{value.id}"' in html
    # The answer is not a live region: the status line says its title (#33).
    assert re.search(r'<div class="kb-result" data-role="result">', html)
    assert re.search(r'class="kb-status" role="status"', html)


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_the_static_table_lists_every_answer_and_outcome(site_dir, catalog, table_id):
    html = widget_page(site_dir, table_id)
    static = html[html.index('class="kb-table"'):]
    table = catalog.table(table_id)
    text = " ".join(_Text.of(static).split())
    for outcome in table.outcomes.values():
        assert f'id="utfall-{table_id}-{outcome.id}"' in static
        for paragraph in outcome.paragraphs:
            # Links written [text](path/) show as their text, with a working href.
            assert " ".join(INLINE_LINK.sub(r"\1", paragraph).split()) in text
            for target in INLINE_LINK.findall(paragraph):
                href = target[1] if target[1].startswith("https://") else relative_url(
                    f"beslutsstod/{table_id}/", target[1])
                assert f'href="{href}"' in static
    for question in table.questions:
        for value in question.values:
            assert value.label in static
    assert static.count("<tr><td") == len(table.rules)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return "".join(parser.parts)


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A canonical <link> names the page's public address; it loads nothing.
        loaded = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                  "link": "href"}
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"canonical", "alternate"}:
            return
        if tag in loaded and attributes.get(loaded[tag]):
            self.urls.append(attributes[loaded[tag]] or "")


def test_no_page_links_a_resource_from_another_origin(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        outside = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert outside == [], f"{page}: {outside}"


def test_the_pyodide_runtime_is_self_hosted_at_its_pinned_version(site_dir):
    runtime = site_dir / "assets" / "pyodide" / "314.0.8"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert (runtime / name).stat().st_size > 0
    assert shipped_stdlib(site_dir).parent == runtime


def test_the_site_ships_the_trimmed_standard_library_not_the_full_one(site_dir):
    """Pyodide's 2.5 MB ``python_stdlib.zip`` is replaced by the build's trimmed copy: the
    modules the core and Pyodide's start import, nothing the widgets never use."""
    runtime = site_dir / "assets" / "pyodide" / "314.0.8"
    assert not (runtime / "python_stdlib.zip").exists()
    stdlib = shipped_stdlib(site_dir)
    with zipfile.ZipFile(stdlib) as archive:
        order = archive.namelist()
        assert {i.date_time for i in archive.infolist()} == {browser_assets.ZIP_TIME}
    assert order == sorted(order)  # deterministic bytes: sorted entries, one timestamp
    names = set(order)
    for needed in ("json/__init__.py", "datetime.py", "dataclasses.py", "re/__init__.py",
                   "encodings/utf_8.py", "pyodide/__init__.py", "_pyodide/__init__.py"):
        assert needed in names, needed
    for unused in ("xml/__init__.py", "unittest/__init__.py", "sqlite3/__init__.py",
                   "pydoc.py", "encodings/cp1252.py"):
        assert unused not in names, unused
    assert stdlib.stat().st_size < 1_200_000


def test_the_standard_library_s_address_changes_with_its_content(site_dir):
    """Pyodide's folder is cached for a year as immutable, so an archive that keeps other
    modules under the same Pyodide version must get another name, or a returning reader
    would start on the old one (the name also keys the reader's Python snapshot)."""
    stdlib = shipped_stdlib(site_dir)
    digest = hashlib.sha256(stdlib.read_bytes()).hexdigest()[:12]
    assert stdlib.name == f"python_stdlib.{digest}.zip"
    page = (site_dir / "beslutsstod" / "ansvarig" / "index.html").read_text(encoding="utf-8")
    assert f'data-stdlib="../../assets/pyodide/314.0.8/{stdlib.name}"' in page


def test_no_page_shows_a_headings_attribute_list_as_text(site_dir):
    """``# Titel { #ankare }`` sets an anchor; the braces must never reach a reader (they
    once did, in the links to the routines on /kallor/)."""
    shown = [page.relative_to(site_dir).as_posix() for page in site_dir.rglob("*.html")
             if re.search(r"\{\s*#[a-z0-9-]+\s*\}", _Text.of(page.read_text(encoding="utf-8")))]
    assert shown == []


def test_every_text_file_and_the_wasm_has_its_gzip_and_brotli_copies(site_dir):
    """nginx sends these copies as they are (gzip_static, brotli_static): each must be the
    file, packed."""
    checked = 0
    for path in site_dir.rglob("*"):
        if path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_SIZE:
            continue
        for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            assert copy.is_file(), copy.relative_to(site_dir)
            assert unpack(copy.read_bytes()) == path.read_bytes(), copy
        checked += 1
    assert checked > 50
    wasm = next(site_dir.glob("assets/pyodide/*/pyodide.asm.wasm"))
    sizes = {suffix: wasm.with_name(wasm.name + suffix).stat().st_size for suffix in (".gz", ".br")}
    assert sizes[".br"] < sizes[".gz"]
