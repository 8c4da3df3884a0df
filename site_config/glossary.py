"""The glossary: one YAML file feeds the /ordlista/ page and the abbreviation tooltips
that every page gets (Markdown's ``abbr`` extension, shown by Material as tooltips)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from decision_logic.checker import Checker
from decision_logic.yaml_source import load_yaml

#: å, ä, ö come after z in Swedish alphabetical order
SWEDISH_ORDER = str.maketrans({"å": "z{", "ä": "z|", "ö": "z}"})
GLOSSARY_FILE = Path(__file__).resolve().parent / "ordlista.yaml"


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    abbr: str | None = None

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
        entry = check.mapping(raw, at, {"term": True, "abbr": False, "meaning": True})
        abbr = check.text(entry, at, "abbr") or None
        if abbr and any(t.abbr == abbr for t in terms):
            raise check.fail((*at, "abbr"), f"förkortningen '{abbr}' finns redan")
        terms.append(Term(term=check.text(entry, at, "term"),
                          meaning=check.text(entry, at, "meaning"), abbr=abbr))
    return tuple(terms)


def abbreviation_definitions(terms: tuple[Term, ...]) -> str:
    """Markdown ``*[BBA]: …`` lines to append to every page."""
    return "\n".join(f"*[{t.abbr}]: {t.term}" for t in terms if t.abbr)


def render_glossary(terms: tuple[Term, ...]) -> str:
    items = "".join(
        f'<dt id="{t.anchor}">{escape(t.term)}'
        + (f" (<abbr>{escape(t.abbr)}</abbr>)" if t.abbr else "")
        + f"</dt><dd>{escape(t.meaning)}</dd>"
        for t in sorted(terms, key=lambda t: t.term.lower().translate(SWEDISH_ORDER))
    )
    return f'<dl class="kb-glossary">{items}</dl>'
