"""Site search: the keywords reach the index, a broken keywords file gives a located
error, and in real Chromium every query in search_queries.yaml finds its page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from decision_logic.errors import TableError
from site_config.search_index import (
    INDEX_PATH,
    KEYWORD_FIELD,
    enrich_index,
    load_keywords,
)

QUERIES_FILE = Path(__file__).resolve().parent / "search_queries.yaml"
QUERIES = [(q["query"], q["page"]) for q in
           yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]]
TOP = 5
#: Material's Swedish texts in the result header (partials/languages/sv.html)
PLACEHOLDER = "Skriv sökord"
RESULT_SUFFIX = "sökresultat"


def _location(page: str) -> str:
    return page.removeprefix("./")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "search_keywords.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _index() -> dict:
    docs = [
        {"location": "", "title": "Start", "text": "<p>Välkommen</p>"},
        {"location": "a/", "title": "Sidan A", "text": "<p>Om förskoleklass</p>"},
        {"location": "a/#del", "title": "Del", "text": "<p>Mer</p>"},
        {"location": "a/#gomd", "title": "Sidan A", "text": ""},
        {"location": "b/", "title": "Sidan B", "text": "<p>Annat</p>"},
        {"location": "b/#rubrik", "title": "Rubrik", "text": ""},
    ]
    return {"config": {"lang": ["sv"], "fields": {"title": {"boost": 1000.0}}}, "docs": docs}


# --- fast tests: the enrichment as plain data --------------------------------------------


def test_enrich_adds_keywords_in_their_own_field(tmp_path: Path) -> None:
    keywords = load_keywords(_write(tmp_path, (
        "pages:\n"
        "  a/:\n    - forskoleklass\n    - '  FKLASS  '\n"
        "  a/#del:\n    - delen\n"
        "  ./:\n    - startsida\n"
    )))
    index = _index()
    before = json.dumps(index)
    enriched = enrich_index(index, keywords)

    assert json.dumps(index) == before, "the input must not change"
    docs = {d["location"]: d for d in enriched["docs"]}
    assert docs["a/"][KEYWORD_FIELD] == ["forskoleklass", "FKLASS"]
    assert docs["a/#del"][KEYWORD_FIELD] == ["delen"]
    assert docs[""][KEYWORD_FIELD] == ["startsida"]
    assert KEYWORD_FIELD not in docs["b/"]
    # shown fields untouched, the new field weighted like the title
    assert docs["a/"]["text"] == "<p>Om förskoleklass</p>" and docs["a/"]["title"] == "Sidan A"
    assert enriched["config"]["fields"][KEYWORD_FIELD] == {"boost": 1000.0}
    assert enriched["config"]["fields"]["title"] == {"boost": 1000.0}
    # every document stays: no section is dropped (the letter's heading, inside an
    # excluded block, has no id, so the plugin never makes a section of it; the built
    # index is checked for such empty sections below)
    assert [d["location"] for d in enriched["docs"]] == [d["location"] for d in index["docs"]]


def test_unknown_page_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    keywords = load_keywords(_write(tmp_path, (
        "pages:\n"
        "  a/:\n    - ett\n"
        "  a/#finns-inte:\n    - tva\n"
    )))
    with pytest.raises(TableError) as caught:
        enrich_index(_index(), keywords)
    error = caught.value
    assert (error.source, error.line) == ("search_keywords.yaml", 5)  # its list
    assert error.key_path == "pages.a/#finns-inte"
    assert str(error).startswith("search_keywords.yaml:5 (nyckel pages.a/#finns-inte):")
    assert "inte avsnittet '#finns-inte'" in error.message and "#del" in error.message
    wrong_page = load_keywords(_write(tmp_path, "pages:\n  beslutsstod/ansvarg/:\n    - ett\n"))
    with pytest.raises(TableError, match="menade du 'beslutsstod/ansvarig/'"):
        enrich_index({**_index(), "docs": [{"location": "beslutsstod/ansvarig/", "title": "A",
                                            "text": ""}, *_index()["docs"]]}, wrong_page)


# A key's line is where its value starts (decision_logic.yaml_source): for a page, the
# first keyword of its list, right under the page address.
@pytest.mark.parametrize(("text", "line", "words"), [
    ("pages:\n  a/:\n    - ett\n   - tva\n", 4, "ogiltig YAML"),
    ("sidor:\n  a/:\n    - ett\n", 2, "okänd nyckel 'sidor'"),
    ("pages:\n  a/:\n    - ett\n  a/:\n    - tva\n", 4, "står två gånger"),
    ("pages:\n  a/:\n    - ett\n  b/: []\n", 4, "minst en rad"),
    ("pages:\n  a/:\n    - ett\n  b/: ord\n", 4, "minst en rad"),
    ("pages:\n  a/:\n    - ett\n  /b/:\n    - tva\n", 5, "ingen sidadress"),
    ("pages:\n  a:\n    - ett\n", 3, "ingen sidadress"),
    ("pages:\n  a/:\n    - ett\n    - 1177\n", 4, "inom citattecken"),
    ("pages:\n  a/:\n    - ett\n    - ''\n", 4, "inte är tom"),
    ("pages:\n  a/:\n    - Ett\n    - tva\n    - ett\n", 5, "står redan på rad 3"),
])
def test_broken_keywords_file_names_file_and_line(tmp_path: Path, text: str, line: int,
                                                  words: str) -> None:
    with pytest.raises(TableError) as caught:
        load_keywords(_write(tmp_path, text))
    assert caught.value.source == "search_keywords.yaml"
    assert caught.value.line == line, str(caught.value)
    assert words in caught.value.message


# --- the built site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_index(site_dir: Path) -> dict:
    return json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))


def test_built_index_has_every_keyword(built_index: dict) -> None:
    docs = {d["location"]: d for d in built_index["docs"]}
    assert built_index["config"]["fields"][KEYWORD_FIELD]["boost"] >= 1000
    for page in load_keywords().pages:
        assert docs[page.location][KEYWORD_FIELD] == list(page.words)


def test_built_index_has_no_widget_texts(built_index: dict) -> None:
    """The widget form, the response letter, the announcement and the footer carry
    ``data-search-exclude``; none of their own texts may reach the index. (The exercise
    page's instructions name the "Börja om" button on purpose, so only the widget pages
    are searched.)"""
    text = "\n".join(d["title"] + " " + d["text"] for d in built_index["docs"]
                     if d["location"].startswith("beslutsstod/"))
    for widget_text in ("Beslutsstödet startar", "Under tiden gäller tabellen", "Kopiera länk",
                        "Börja om", "Skriv svaret till den som bjöd in", "Skapa svar",
                        "Kopiera texten", "Skriv inte namn eller personnummer"):
        assert widget_text not in text
    titles = {d["location"]: d["title"] for d in built_index["docs"] if "#" not in d["location"]}
    orphans = [d["location"] for d in built_index["docs"] if "#" in d["location"]
               and not d["text"] and d["title"] == titles[d["location"].split("#")[0]]]
    assert not orphans


def test_every_expected_page_exists(built_index: dict) -> None:
    locations = {d["location"] for d in built_index["docs"]}
    assert len(QUERIES) >= 30
    assert not [page for _, page in QUERIES if _location(page) not in locations]


# --- real search box in Chromium ------------------------------------------------------------


@pytest.fixture(scope="module")
def search_box(browser, site_url: str) -> Iterator[object]:
    """One page load for all queries: the start page with its search box open and the
    search index loaded (the result header then shows the placeholder)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    page.locator(".md-search-result__meta", has_text=PLACEHOLDER).wait_for()
    yield page
    context.close()


def _search(page, query: str) -> list[str]:
    """Type ``query`` into the search box; return the page of each result, best first."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")                      # Material searches on keyup
    page.wait_for_function(
        "t => document.querySelector('.md-search-result__meta').textContent === t "
        "&& !document.querySelector('.md-search-result__item')", arg=PLACEHOLDER)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "s => document.querySelector('.md-search-result__meta').textContent.endsWith(s)",
        arg=RESULT_SUFFIX)
    assert meta.text_content() != PLACEHOLDER
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => item.querySelector('a').href)")


@pytest.mark.browser
@pytest.mark.parametrize(("query", "page_path"), QUERIES,
                         ids=[f"{q}->{p}" for q, p in QUERIES])
def test_search_box_finds_page(search_box, site_url: str, query: str, page_path: str) -> None:
    base = urlsplit(site_url).path
    found = [urlsplit(href).path.removeprefix(base) for href in _search(search_box, query)]
    assert _location(page_path) in found[:TOP], (
        f"'{query}' hittar inte {page_path} bland de {TOP} första: {found[:TOP]}")


def test_the_diagram_picture_stays_out_of_the_index(built_index: dict) -> None:
    """The SVG's line-broken labels would be indexed run together ("väntatbarn"); its
    text alternative, with the same words, is indexed instead."""
    text = " ".join(d["text"] for d in built_index["docs"])
    assert "väntatbarn" not in text and "Diagrammet som text" in text
