"""Site search: the glossary's everyday names and the page keywords reach the index, a
broken keywords file gives a located error, the Swedish matching (folding, stemming,
compounds, typos) does what it says, and in real Chromium at least 95 % of the queries
in search_queries.yaml find their page among the first three, with the keyboard, without
an accessibility fault, and without the typed words ever leaving the browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from decision_logic.errors import ContentError
from site_config.content.glossary import Term, load_glossary, render_glossary
from site_config.deploy.search_index import (
    KEYWORD_FIELD,
    TERMS_KEY,
    enrich_index,
    load_keywords,
    rank_weight,
    rule_boxes,
    term_entries,
)
from tests.conftest import ROOT, TESTS

QUERIES_FILE = TESTS / "search_queries.yaml"
QUERY_ITEMS = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
QUERIES = [(str(q["query"]), q["page"]) for q in QUERY_ITEMS]
TOP = 3
SCORE = 0.95
#: the share each reader group (``group``) must find among the first three
GROUP_SCORE = 0.9
CORE = ROOT / "docs" / "assets" / "search" / "search-core.js"
WORKER = CORE.with_name("search-worker.js")
#: Material's Swedish texts in the result header (partials/languages/sv.html)
PLACEHOLDER = "Skriv sökord"


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
    assert enriched["config"][TERMS_KEY] == []
    assert enriched["config"]["fields"]["title"] == {"boost": 1000.0}
    # every document stays: no section is dropped (the letter's heading, inside an
    # excluded block, has no id, so the plugin never makes a section of it; the built
    # index is checked for such empty sections below)
    assert [d["location"] for d in enriched["docs"]] == [d["location"] for d in index["docs"]]


def test_a_rule_box_becomes_a_section_of_its_own(tmp_path: Path) -> None:
    """A rule stated in a box (R33 on the start page) has no heading, so the search
    plugin leaves it in the page's introduction; it becomes a section with the box's
    title, and the introduction keeps the rest."""
    html = ('<p>Inledning</p><div class="admonition warning" id="r33">\n'
            '<p class="admonition-title">Orosanmälan – ersätts aldrig (R33)</p>\n'
            '<p>Har du skyldighet att\nanmäla, så gäller den.</p>\n<p>Även nu.</p>\n</div>'
            '<div class="admonition note"><p class="admonition-title">Obs</p></div>')
    boxes = rule_boxes(html)
    assert [(b.anchor, b.title) for b in boxes] == [("r33", "Orosanmälan – ersätts aldrig (R33)")]
    index = {"config": {}, "docs": [
        {"location": "", "title": "Start", "text": (
            "<p>Inledning</p> <p>Orosanmälan – ersätts aldrig (R33)</p> <p>Har du "
            "skyldighet att anmäla, så gäller den.</p> <p>Även nu.</p> <p>Sist.</p>")},
        {"location": "#om", "title": "Om", "text": "<p>Mer</p>"}]}
    keywords = load_keywords(_write(tmp_path, "pages:\n  ./:\n    - startsida\n"))
    docs = enrich_index(index, keywords, (), {"": boxes})["docs"]
    assert [d["location"] for d in docs] == ["", "#r33", "#om"]
    assert docs[0]["text"] == "<p>Inledning</p> <p>Sist.</p>"
    assert docs[1]["title"] == "Orosanmälan – ersätts aldrig (R33)"
    assert docs[1]["text"] == "<p>Har du skyldighet att anmäla, så gäller den.</p> <p>Även nu.</p>"
    assert docs[1]["boost"] == rank_weight("#r33", docs[1]["title"]) > 1
    # a page without its box's text (or without boxes) stays as it was
    assert enrich_index(index, keywords, (), {"#om": boxes})["docs"][0]["text"] == \
        index["docs"][0]["text"]


def test_unknown_page_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    keywords = load_keywords(_write(tmp_path, (
        "pages:\n"
        "  a/:\n    - ett\n"
        "  a/#finns-inte:\n    - tva\n"
    )))
    with pytest.raises(ContentError) as caught:
        enrich_index(_index(), keywords)
    error = caught.value
    assert (error.source, error.line) == ("search_keywords.yaml", 5)  # its list
    assert error.key_path == "pages.a/#finns-inte"
    assert str(error).startswith("search_keywords.yaml:5 (nyckel pages.a/#finns-inte):")
    assert "inte avsnittet '#finns-inte'" in error.message and "#del" in error.message
    wrong_page = load_keywords(_write(tmp_path, "pages:\n  beslutsstod/ansvarg/:\n    - ett\n"))
    with pytest.raises(ContentError, match="menade du 'beslutsstod/ansvarig/'"):
        enrich_index({**_index(), "docs": [{"location": "beslutsstod/ansvarig/", "title": "A",
                                            "text": ""}, *_index()["docs"]]}, wrong_page)


# A key's line is where its value starts (decision_logic.toolchain.yaml_source): for a page, the
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
    with pytest.raises(ContentError) as caught:
        load_keywords(_write(tmp_path, text))
    assert caught.value.source == "search_keywords.yaml"
    assert caught.value.line == line, str(caught.value)
    assert words in caught.value.message


# --- the built site -----------------------------------------------------------------------
















def test_rank_weight_favours_the_pages_that_answer() -> None:
    widget = rank_weight("beslutsstod/ansvarig/#utfall-ansvarig-kaa", "KAA är BBA")
    rule = rank_weight("rutiner/samverkan/#r4", "Vem leder mötet? (R4)")
    plain = rank_weight("om-kronobarnsmodellen/#bakgrund", "Bakgrund")
    reference = rank_weight("ordlista/", "Ordlista")
    assert widget > rule > plain > reference
    assert rank_weight("beslutsstod/", "Beslutsstöd") == plain


def test_term_entries_carry_forms_and_names_of_named_terms() -> None:
    terms = (Term("Förskola", "…", names=("dagis", "lekis")),
             Term("Barnavårdscentral", "…", abbr="BVC", names=("barnavårdscentralen",)),
             Term("Link", "…"))
    assert term_entries(terms) == [
        {"forms": ["Förskola"], "names": ["dagis", "lekis"]},
        {"forms": ["Barnavårdscentral", "BVC"], "names": ["barnavårdscentralen"]},
    ]


# --- the glossary's names field ------------------------------------------------------------


def _glossary(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ordlista.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_glossary_names_are_read_and_shown(tmp_path: Path) -> None:
    terms = load_glossary(_glossary(tmp_path, (
        "terms:\n"
        "  - term: Förskola\n    names: [dagis, '  lekis  ']\n    meaning: Där barn går.\n"
        "  - term: Link\n    meaning: Ett system.\n")))
    assert terms[0].names == ("dagis", "lekis") and terms[1].names == ()
    html = render_glossary(terms)
    assert "Där barn går.<span class=\"kb-glossary-names\">Du kanske söker på: " \
        "dagis, lekis.</span>" in html
    assert "Ett system.</dd>" in html


@pytest.mark.parametrize(("names", "line", "words"), [
    ("[]", 3, "minst en rad"),
    ("dagis", 3, "minst en rad"),
    ("[dagis, '']", 3, "inte är tom"),
    ("[dagis, 12]", 3, "inte är tom"),
    ("[dagis, Dagis]", 3, "står redan"),
])
def test_broken_glossary_names_name_file_and_line(tmp_path: Path, names: str, line: int,
                                                  words: str) -> None:
    path = _glossary(tmp_path, f"terms:\n  - term: Förskola\n    names: {names}\n"
                     "    meaning: Där barn går.\n")
    with pytest.raises(ContentError) as caught:
        load_glossary(path)
    assert caught.value.source == "ordlista.yaml"
    assert caught.value.line == line, str(caught.value)
    assert words in caught.value.message


# --- the Swedish matching, run by Node on the same file the browser runs -------------------


def _node(script: str, *args: str) -> object:
    """Run ``script`` in Node with ``kbSearch`` (docs/assets/search/search-core.js)
    loaded; it prints JSON, which is returned."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node saknas: kör scripts/setup.sh, som installerar npm med Node")
    program = (f"const kbSearch = (() => {{ {CORE.read_text(encoding='utf-8')}\n"
               "return globalThis.kbSearch; })();\n"
               "const args = process.argv.slice(1);\n" + script)
    done = subprocess.run([node, "-e", program, *args], capture_output=True, text=True,
                          check=True, timeout=120)
    return json.loads(done.stdout)


def _qualities(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """How well each typed word matches each site word (``kbSearch.quality``, in Node)."""
    found = _node("""
        const d = kbSearch.describe;
        console.log(JSON.stringify(args.map(pair => {
          const [q, w] = pair.split("|");
          return kbSearch.quality(d(q.toLowerCase()), d(w.toLowerCase()));
        })));
    """, *(f"{q}|{w}" for q, w in pairs))
    return dict(zip(pairs, found, strict=True))


def test_folding_stemming_compounds_and_typos() -> None:
    pairs = [
        ("inbjudningarna", "inbjudan"), ("inbjudan", "inbjudningar"),
        ("vårdnadshavarna", "vårdnadshavare"), ("vardnadshavare", "vårdnadshavarna"),
        ("forskoleklass", "förskoleklass"), ("förskoleklass", "forskoleklass"),
        ("mote", "samverkansmötet"), ("orosanmällan", "orosanmälan"),
        ("barnavardscentralen", "barnavårdscentral"), ("ansvarg", "ansvarig"),
        ("BUP", "bup"), ("rektorn", "rektor"),
        ("källor", "kalla"), ("skola", "socialtjänst"), ("barn", "barnavårdscentral"),
        ("källor", "källor"), ("barnpsyk", "barn"), ("mammans", "mamma"),
        ("mote", "motet"),
    ]
    value = _qualities(pairs)
    for pair in pairs[:12]:
        assert value[pair] >= 0.6, f"{pair} ska räknas som samma ord: {value[pair]}"
    assert value[("källor", "källor")] == 1
    assert value[("källor", "kalla")] < 0.6, "skrivet å/ä/ö räknas"
    assert value[("skola", "socialtjänst")] == 0
    assert value[("barn", "barnavårdscentral")] < 0.6, "ett kort förled är inte ordet"
    assert value[("barnpsyk", "barn")] < 0.6, "ett förled är ingen böjning"
    assert value[("mammans", "mamma")] >= 0.6 and value[("mote", "motet")] >= 0.6


def test_compound_parts_and_typos_in_them() -> None:
    """Readers outside health care type compounds the site never says, and care words
    typed fast break a compound's part: the compound counts as its last part, a typo
    in a part still matches, a typo finds the word's forms; a first part alone does not
    make a match, nor does a typo that changes a part's first letter."""
    pairs = [
        ("idrottsförening", "föreningar"), ("kommunpolis", "polisen"),
        ("innebandyklubb", "klubb"), ("psykatri", "vuxenpsykiatrin"),
        ("pykiatri", "barnpsykiatrin"), ("vuxenpsykatri", "vuxenpsykiatri"),
        ("polsi", "polisen"), ("polsi", "polis"),
        ("kommunpolis", "kommunal"), ("mammans", "tillsammans"), ("barnpsyk", "barn"),
        ("skolsköterska", "skola"),
    ]
    value = _qualities(pairs)
    for pair in pairs[:8]:
        assert value[pair] >= 0.6, f"{pair} ska räknas som samma ord: {value[pair]}"
    for pair in pairs[8:]:
        assert value[pair] < 0.6, f"{pair} ska inte räknas som samma ord: {value[pair]}"


def test_a_typo_never_makes_a_function_word() -> None:
    """"mamma" is one letter from "samma", a function word on many pages: it matches
    only "mamma" and its forms."""
    found = _node("""
        const index = new kbSearch.Index({}, [
          {location: "a/", title: "A", text: "<p>Samma sak igen.</p>"},
          {location: "b/", title: "B", text: "<p>Mamman är patient.</p>"}]);
        console.log(JSON.stringify(index.candidates("mamma").map(([w]) => w)));
    """)
    assert found == ["mamman"]


def test_the_search_worker_builds_its_index_only_when_the_reader_searches() -> None:
    """search-worker.js under Material's protocol: ready at once, no index for the empty
    query Material sends first; built when the page says the box was opened, or at the
    first query with a word in it if that signal never came."""
    found = _node("""
        const worker = require("fs").readFileSync(args[0], "utf8");
        const docs = [{location: "a/", title: "A", text: "<p>Mamman är patient.</p>"}];
        function run(warm) {
          let built = 0, onMessage = null, channel = null;
          const replies = [];
          globalThis.self = globalThis;
          globalThis.kbSearch = {...kbSearch, Index: class extends kbSearch.Index {
            constructor(...a) { super(...a); built++; } }};
          globalThis.importScripts = () => {};
          globalThis.addEventListener = (type, fn) => { onMessage = fn; };
          globalThis.postMessage = (m) => replies.push(m);
          globalThis.BroadcastChannel = class {
            constructor(name) { this.name = name; channel = this; }
            addEventListener(type, fn) { this.listener = fn; } };
          new Function(worker)();
          const steps = [];
          onMessage({data: {type: 0, data: {config: {}, docs}}});
          steps.push(["setup", built, replies.at(-1).type]);
          onMessage({data: {type: 2, data: ""}});
          steps.push(["empty", built, replies.at(-1).data.items.length]);
          if (warm) {
            channel.listener({data: "open"});
            steps.push(["opened", built, channel.name]);
          }
          onMessage({data: {type: 2, data: "mamma"}});
          steps.push(["query", built, replies.at(-1).data.items.length]);
          return steps;
        }
        console.log(JSON.stringify([run(true), run(false)]));
    """, str(WORKER))
    warm, typed = found
    assert warm == [["setup", 0, 1], ["empty", 0, 0], ["opened", 1, "kb-search-warm"],
                    ["query", 1, 1]]
    assert typed == [["setup", 0, 1], ["empty", 0, 0], ["query", 1, 1]]
    # The page's side of the signal names the same channel.
    assert '"kb-search-warm"' in (WORKER.parent / "highlight.js").read_text(encoding="utf-8")




# --- real search box in Chromium ------------------------------------------------------------


















def test_a_page_that_says_the_term_as_written_ranks_over_its_words_apart() -> None:
    """A glossary name ("barn som anhöriga") finds the term; a page that says the term as
    written ("barn som närstående") comes before one with the same words apart ("en
    närstående" and "barnet" on a page about received invitations)."""
    found = _node("""
        const config = {kb_terms: [{forms: ["Barn som närstående"],
                                    names: ["barn som anhöriga"]}]};
        const index = new kbSearch.Index(config, [
          {location: "apart/", title: "A", text: "<p>Närstående som barn får stöd.</p>"},
          {location: "phrase/", title: "B", text: "<p>Barn som närstående får stöd.</p>"}]);
        console.log(JSON.stringify(index.search("barn som anhöriga").items
          .map(group => group[0].location)));
    """)
    assert found == ["phrase/", "apart/"]
