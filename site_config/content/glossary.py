"""The glossary: one YAML file feeds the /ordlista/ page, the abbreviation tooltips
that every page gets (Markdown's ``abbr`` extension, shown by Material as tooltips) and
the site search's everyday names.

A term's ``names`` are what staff call it in everyday speech or type instead ("dagis",
"barnmorskemottagning"). They are search data, not meanings: many are near the term
without being the same thing (an "akutbesök" is not always a temporary care contact).
So the glossary shows them only as "Du kanske söker på …" after the definition, never as
synonyms, and the search index carries them with the term
(``site_config/deploy/search_index.py``), so a search for the everyday name finds the pages
about the term."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from decision_logic.toolchain.checker import Checker
from decision_logic.toolchain.yaml_source import load_yaml
from site_config import SITE_CONFIG_DIR
from site_config.content.ui import html

#: å, ä, ö come after z in Swedish alphabetical order
SWEDISH_ORDER = str.maketrans({"å": "z{", "ä": "z|", "ö": "z}"})
GLOSSARY_FILE = SITE_CONFIG_DIR / "ordlista.yaml"


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    abbr: str | None = None
    names: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return "term-" + "".join(c if c.isalnum() else "-" for c in self.term.lower())


def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    data, lines = load_yaml(path, path.name)
    check = Checker(path.name, lines.get)
    top = check.mapping(data, (), {"terms": True})
    terms: list[Term] = []
    for index, raw in enumerate(check.items(top, (), "terms")):
        at = ("terms", index)
        entry = check.mapping(raw, at, {"term": True, "abbr": False, "meaning": True,
                                        "names": False})
        abbr = check.line(entry, at, "abbr") or None
        if abbr and any(t.abbr == abbr for t in terms):
            raise check.fail((*at, "abbr"), f"förkortningen '{abbr}' finns redan")
        terms.append(Term(term=check.line(entry, at, "term"),
                          meaning=check.prose(entry, at, "meaning"), abbr=abbr,
                          names=_names(check, entry, at)))
    return tuple(terms)


def _names(check: Checker, entry: Mapping[str, Any], at: tuple) -> tuple[str, ...]:
    """The optional ``names``: a list of texts, each once (case and spacing ignored)."""
    if "names" not in entry:
        return ()
    names: list[str] = []
    for index, name in enumerate(check.items(entry, at, "names")):
        if not isinstance(name, str) or not name.strip():
            raise check.fail((*at, "names", index),
                             f"ett namn ska vara en text som inte är tom, här står {name!r}")
        name = " ".join(name.split())
        if name.lower() in (n.lower() for n in names):
            raise check.fail((*at, "names", index), f"namnet '{name}' står redan i listan")
        names.append(name)
    return tuple(names)


def abbreviation_definitions(terms: tuple[Term, ...]) -> str:
    """Markdown ``*[BBA]: …`` lines to append to every page."""
    return "\n".join(f"*[{t.abbr}]: {t.term}" for t in terms if t.abbr)


def render_glossary(terms: tuple[Term, ...]) -> str:
    items = "".join(
        f'<dt id="{t.anchor}">{escape(t.term)}'
        + (f" (<abbr>{escape(t.abbr)}</abbr>)" if t.abbr else "")
        + f"</dt><dd>{escape(t.meaning)}"
        + (f'<span class="kb-glossary-names">'
           f'{html("glossary", "other_names", names=escape(", ".join(t.names)))}</span>'
           if t.names else "")
        + "</dd>"
        for t in sorted(terms, key=lambda t: t.term.lower().translate(SWEDISH_ORDER))
    )
    return f'<dl class="kb-glossary">{items}</dl>'
