"""Makes the site search find what staff type: the glossary's terms with their everyday
names (``ordlista.yaml``, ``names``) and the page keywords from ``search_keywords.yaml``
are added to the search index that the search plugin has written.

The search itself runs in the browser (``docs/assets/search/search-core.js``, in
Material's search box through our worker): it folds å/ä/ö, stems Swedish, matches
inflections, compound parts and typos. What it cannot guess is data, kept here:

* ``config.kb_terms``: each glossary term as its forms (the term and its abbreviation)
  and its everyday names. A query that contains a name counts as a query for the term,
  so "dagis" finds what "förskola" finds, ranked as the pages about förskola are;
* ``keywords`` on a page's document: words for which that one page is the answer
  although its text does not say them (below).

* ``boost`` on every document: how much a match there counts, by the kind of page
  (``rank_weight``), so that the page that answers outranks pages sharing a word.
* a document of its own for a rule stated in a box rather than under a heading (R33,
  orosanmälan, on the start page): the search plugin makes sections of headings only,
  so the box's title would otherwise count as one more line of the page's introduction
  and its rule number would give it no weight (``RuleBox``, ``rule_boxes``).

Why the keywords go into a field of their own on the page's (or section's) own document
(weighted a little below the title by the worker, ``FIELDS`` in search-core.js): the
result links straight to the page instead of to an extra document that would compete
with it; the result shows the page's real title and text, not a list of synonyms; and
the page in the browser is unchanged, so highlighting and ``data-search-exclude`` work
as before. (``config.fields`` still names the field, as Material's lunr expects, should
the site ever go back to it.)

Plain functions on plain data; the build (``SiteBuild.enrich_search``) calls ``enrich_file``
after the search plugin has written ``search/search_index.json``. Material's page fetches
that file and hands it to the worker, so the additions cost no extra request.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_config.content.glossary import Term, load_glossary
from site_config.content.manifest import load_manifest
from site_config.content.search_keywords import PageKeywords, SearchKeywords, load_keywords

INDEX_PATH = Path("search") / "search_index.json"
#: the index field the keywords go into, and its weight (the title's is 1000)
KEYWORD_FIELD = "keywords"
KEYWORD_BOOST = 1000.0
#: the config key that carries the glossary terms to the search worker
TERMS_KEY = "kb_terms"
#: a rule's section: its heading ends with the rule number, "Vem leder mötet? (R4)"
RULE_TITLE = re.compile(r"\(R\d+\)$")
#: how much a match counts by the kind of page (``search`` in the site manifest): a
#: decision support page, a routine, or a reference page, which mentions everything (the
#: glossary, the sources with every rule, the exercises with every situation) and answers
#: "what does X mean", not "what do I do"
KIND_WEIGHTS = {"beslutsstöd": 1.5, "rutin": 1.2, "uppslag": 0.6}
#: a box that states a rule: an admonition whose id is the rule's ("r33") and its title
RULE_BOX = re.compile(r'<div class="admonition[^"]*" id="(r\d+)">\s*'
                      r'<p class="admonition-title">(.*?)</p>(.*?)</div>', re.S)
#: a paragraph or list of the search index's text, as the search plugin writes it
BLOCK = re.compile(r"\s*<(p|ul|ol)>.*?</\1>", re.S)


@dataclass(frozen=True)
class RuleBox:
    """A rule stated in a box on a page: its anchor ("r33"), its title (with the rule
    number) and its text, both as plain words."""
    anchor: str
    title: str
    text: str


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]*>", " ", html)
    return " ".join(re.sub(r"&[a-z]+;|&#\d+;", " ", text).split())


def rule_boxes(html: str) -> list[RuleBox]:
    """The boxes of a built page that state a numbered rule (``<div class="admonition"
    id="r33">``)."""
    return [RuleBox(anchor, _plain(title), _plain(body))
            for anchor, title, body in RULE_BOX.findall(html)]


def _split_box(doc: dict[str, Any], box: RuleBox) -> dict[str, Any] | None:
    """Take the box's title and paragraphs out of the page document's text; return them
    as a section document of their own (None if the text does not hold the box)."""
    text = doc.get("text") or ""
    for start in (m.start() for m in re.finditer(r"<p>", text)):
        title = BLOCK.match(text, start)
        if not title or _plain(title.group()) != box.title:
            continue
        end = title.end()
        body = []
        while (block := BLOCK.match(text, end)) and _plain(block.group()) in box.text:
            body.append(block.group().strip())
            end = block.end()
        if not body:
            return None
        doc["text"] = (text[:start].rstrip() + " " + text[end:].lstrip()).strip()
        return {"location": f"{doc['location']}#{box.anchor}", "title": box.title,
                "text": " ".join(body)}
    return None


def _unknown(page: PageKeywords, locations: Collection[str]) -> str:
    path, _, anchor = page.location.partition("#")
    if anchor and path in locations:
        sections = sorted("#" + loc.partition("#")[2] for loc in locations
                          if loc.startswith(path + "#"))
        return (f"sidan finns, men inte avsnittet '#{anchor}'; avsnitten på sidan är: "
                + ", ".join(sections))
    pages = sorted((loc or "./") for loc in locations if "#" not in loc)
    close = difflib.get_close_matches(page.key.partition("#")[0], pages, n=2)
    hint = (f"menade du {' eller '.join(repr(c) for c in close)}?" if close else
            "sidorna är: " + ", ".join(pages))
    return f"sidan '{page.key}' finns inte på webbplatsen; {hint}"


def rank_weight(location: str, title: str) -> float:
    """How much a document's match counts, by what kind of answer it is: a decision
    support page (its outcomes answer a question) and a rule's section count more than a
    page that merely shares a word; the reference pages count less, or they would win
    every question of several words by mentioning all of them. The search worker
    multiplies a document's score by this (Material's ``boost`` field)."""
    kind = load_manifest().search_kind(location)
    if not kind and RULE_TITLE.search(title):
        kind = "rutin"  # a rule's section counts as the routine that states it
    return KIND_WEIGHTS.get(kind, 1.0)


def term_entries(terms: Collection[Term]) -> list[dict[str, list[str]]]:
    """The glossary as the search worker reads it: per term its forms (the term, its
    abbreviation) and its everyday names; terms without names are left out, since the
    pages' own text already carries the forms."""
    return [{"forms": [t.term, *([t.abbr] if t.abbr else [])], "names": list(t.names)}
            for t in terms if t.names]


def enrich_index(index: Mapping[str, Any], keywords: SearchKeywords,
                 terms: Collection[Term] = (),
                 boxes: Mapping[str, Collection[RuleBox]] | None = None) -> dict[str, Any]:
    """Return a copy of the search index (the data of ``search_index.json``) with the
    keywords in a field of their own on their page's document, the glossary terms
    with their everyday names in the config, and each rule box (``boxes``: per page
    location, from ``rule_boxes``) as a section document of its own; raise
    ``ContentError`` for a page the index does not have."""
    result = copy.deepcopy(dict(index))
    docs = []
    for doc in result["docs"]:
        docs.append(doc)
        if "#" not in doc["location"]:
            for box in (boxes or {}).get(doc["location"], ()):
                section = _split_box(doc, box)
                if section is not None:
                    docs.append(section)
    result["docs"] = docs
    for doc in docs:
        doc["boost"] = doc.get("boost", 1.0) * rank_weight(doc["location"], doc["title"])
    by_location = {d["location"]: d for d in docs}
    for page in keywords.pages:
        doc = by_location.get(page.location)
        if doc is None:
            raise keywords.fail(page, _unknown(page, by_location))
        doc[KEYWORD_FIELD] = list(page.words)
    fields = result.setdefault("config", {}).setdefault("fields", {})
    fields[KEYWORD_FIELD] = {"boost": KEYWORD_BOOST}
    result["config"][TERMS_KEY] = term_entries(terms)
    return result


def enrich_file(site_dir: Path, keywords: SearchKeywords | None = None,
                terms: Collection[Term] | None = None) -> None:
    """Rewrite ``search/search_index.json`` in a built site with the keywords, the
    glossary's everyday names and the rule boxes of its pages added."""
    path = site_dir / INDEX_PATH
    index = json.loads(path.read_text(encoding="utf-8"))
    boxes = {}
    for doc in index["docs"]:
        page = site_dir / doc["location"] / "index.html"
        if "#" not in doc["location"] and page.is_file():
            boxes[doc["location"]] = rule_boxes(page.read_text(encoding="utf-8"))
    enriched = enrich_index(index, keywords or load_keywords(),
                            load_glossary() if terms is None else terms, boxes)
    path.write_text(json.dumps(enriched, separators=(",", ":")), encoding="utf-8")
