"""The search keywords editors keep (``search_keywords.yaml``): words for which one page is
the answer although its text does not say them. Loaded and checked here with the rest of
the content; the build adds them to the search index (``site_config/deploy/search_index.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from decision_logic.errors import ContentError
from decision_logic.toolchain.checker import Checker, LineOf
from decision_logic.toolchain.yaml_source import load_yaml
from site_config import SITE_CONFIG_DIR

KEYWORDS_FILE = SITE_CONFIG_DIR / "search_keywords.yaml"
#: a site path ("beslutsstod/ansvarig/", "./" for the start page), optionally with anchor
PAGE_KEY = re.compile(r"^(\./|(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+)(#[A-Za-z0-9_-]+)?$")


@dataclass(frozen=True)
class PageKeywords:
    key: str                 # as written in the file
    location: str            # as in search_index.json ("" is the start page)
    words: tuple[str, ...]


@dataclass(frozen=True)
class SearchKeywords:
    source: str
    pages: tuple[PageKeywords, ...]
    line_of: LineOf          # key path -> line, for errors found later (unknown pages)

    def fail(self, page: PageKeywords, message: str) -> ContentError:
        return Checker(self.source, self.line_of).fail(("pages", page.key), message)


def load_keywords(path: Path = KEYWORDS_FILE) -> SearchKeywords:
    """Read and check the keywords file; raise ``ContentError`` (file, key, line) on a fault."""
    data, lines = load_yaml(path, path.name)
    check = Checker(path.name, lines.get)
    top = check.mapping(data, (), {"pages": True})
    raw_pages = top["pages"]
    if not isinstance(raw_pages, Mapping) or not raw_pages:
        raise check.fail(("pages",), "'pages' ska vara sidadresser med en lista sökord under")
    pages = []
    for key in raw_pages:
        at = ("pages", key)
        match = PAGE_KEY.match(key) if isinstance(key, str) else None
        if not match:
            raise check.fail(at, f"{key!r} är ingen sidadress; skriv till exempel "
                             "'beslutsstod/ansvarig/', 'rutiner/samverkan/#bba' eller './' "
                             "för startsidan")
        words = check.items(raw_pages, ("pages",), key)
        seen: dict[str, int] = {}
        for index, word in enumerate(words):
            if not isinstance(word, str) or not word.strip():
                hint = " (skriv siffror inom citattecken, till exempel \"1177\")" \
                    if isinstance(word, int | float) else ""
                raise check.fail((*at, index), f"sökordet ska vara en text som inte är tom, "
                                 f"här står {word!r}{hint}")
            folded = " ".join(word.lower().split())
            if folded in seen:
                raise check.fail((*at, index), f"sökordet '{word}' står redan på rad "
                                 f"{lines.get((*at, seen[folded]))} under samma sida")
            seen[folded] = index
        location = key.removeprefix("./")
        pages.append(PageKeywords(key=key, location=location,
                                  words=tuple(" ".join(w.split()) for w in words)))
    return SearchKeywords(source=path.name, pages=tuple(pages), line_of=lines.get)
