"""Reading raw YAML/JSON data with errors an editor can act on: file, key path, line.

Shared by every validated file (tables, the rule list, exercises, checklists, glossary,
search keywords, redirects, page front matter), so all of them report faults the same way.
Part of the editors' toolchain; the command that runs the whole check is ``command.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from ..errors import ContentError, format_key_path

#: key path (tuple of keys and list indexes) -> line number in the source file
LineOf = Callable[[tuple[str | int, ...]], int | None]

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: what a one-line text (a title, a label, a term) may not hold: it is set into HTML and
#: into Markdown lines (``*[abbr]: term``), where a new line or a tag becomes markup
NOT_IN_A_LINE = re.compile(r"[<>\r\n]")
#: raw HTML in Markdown prose: a tag, a closing tag, a comment or a declaration
RAW_HTML = re.compile(r"<\s*[A-Za-z/!?]")


def no_lines(_path: tuple[str | int, ...]) -> int | None:
    return None


class Checker:
    """Reads values out of raw data, raising a located ``ContentError`` on the first fault."""

    def __init__(self, source: str, line_of: LineOf) -> None:
        self.source = source
        self.line_of = line_of

    def fail(self, path: tuple[str | int, ...], message: str) -> ContentError:
        line = None
        for cut in range(len(path), -1, -1):
            line = self.line_of(path[:cut])
            if line is not None:
                break
        return ContentError(self.source, format_key_path(path), line, message)

    def mapping(self, data: Any, path: tuple, keys: Mapping[str, bool]) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(path, "här ska det stå nycklar och värden (en mappning)")
        for key in data:
            if key not in keys:
                allowed = ", ".join(keys)
                raise self.fail((*path, key), f"okänd nyckel '{key}'; tillåtna är: {allowed}")
        for key, required in keys.items():
            if required and key not in data:
                raise self.fail(path, f"nyckeln '{key}' saknas")
        return data

    def text(self, data: Mapping[str, Any], path: tuple, key: str, default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or (key in data and not value.strip()):
            raise self.fail((*path, key), f"'{key}' ska vara en text som inte är tom")
        return value.strip()

    def line(self, data: Mapping[str, Any], path: tuple, key: str, default: str = "") -> str:
        """A one-line text (title, label, term): no line break, no ``<`` or ``>``, so an
        editor's text can never become markup, wherever the site puts it."""
        value = self.text(data, path, key, default)
        found = NOT_IN_A_LINE.search(value)
        if found:
            what = "en radbrytning" if found[0] in "\r\n" else f"tecknet '{found[0]}'"
            raise self.fail((*path, key), f"'{key}' ska vara en enda rad vanlig text, men "
                            f"här står {what}; skriv texten på en rad utan < och >")
        return value

    def prose(self, data: Mapping[str, Any], path: tuple, key: str, default: str = "") -> str:
        """A text of one or more paragraphs (Markdown): no raw HTML, which would reach
        the page as it is written, scripts included."""
        value = self.text(data, path, key, default)
        found = RAW_HTML.search(value)
        if found:
            raise self.fail((*path, key), f"'{key}' innehåller HTML-kod "
                            f"('{value[found.start():found.start() + 12]}…'), som inte är "
                            "tillåten i texten; skriv vanlig text (och länkar som "
                            "[text](sida/)) utan < och >")
        return value

    def slug(self, data: Mapping[str, Any], path: tuple, key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not SLUG.match(value):
            raise self.fail((*path, key), f"'{key}' ska vara små bokstäver a–z, siffror och "
                            f"bindestreck (utan å/ä/ö), till exempel 'halso-och-sjukvard'; "
                            f"här står {value!r}")
        return value

    def items(self, data: Mapping[str, Any], path: tuple, key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail((*path, key), f"'{key}' ska vara en lista med minst en rad")
        return value

    def known_rule(self, rule_id: Any, known: Collection[str], path: tuple) -> str:
        """A rule id (R1…) that ``decision_logic/rules.yaml`` lists."""
        return self.one_of(rule_id, known, path, "okänd regel",
                           "kända regler (i decision_logic/rules.yaml)")

    def one_of(self, value: Any, known: Collection[str], path: tuple, unknown: str,
               listed: str) -> str:
        """A reference to something defined elsewhere (an outcome, a rule, a source).

        The type is checked first: a list or mapping where an id belongs (``[R6]`` for
        ``R6``) must give a message, not an "unhashable" crash in the lookup.
        """
        if not isinstance(value, str):
            raise self.fail(path, f"här ska stå ett enda id, inte {describe(value)}; "
                            f"{listed}: {', '.join(known)}")
        if value not in known:
            raise self.fail(path, f"{unknown} {value!r}; {listed}: {', '.join(known)}")
        return value

    def unique(self, ids: list[str], path: tuple, key: str, what: str) -> None:
        """Fail at the first id in ``ids`` that an earlier one already used."""
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                raise self.fail((*path, index, key), f"{what} '{item_id}' finns redan; "
                                "varje id får bara förekomma en gång")
            seen.add(item_id)


def describe(value: Any) -> str:
    """What kind of value an editor wrote, in Swedish, for "expected X, found Y" messages."""
    if isinstance(value, list):
        return "en lista (hakparenteser eller rader med -)"
    if isinstance(value, Mapping):
        return "en mappning (nycklar med kolon)"
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):
        return f"sanningsvärdet {str(value).lower()} (skriv texten inom citattecken)"
    return f"{value!r}"
