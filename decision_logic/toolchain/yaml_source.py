"""Reads YAML with the line of every key, for error messages an editor can act on.

PyYAML keeps the last of two equal keys without a word; an editor who pastes a row twice
would then lose one silently, so duplicate keys are an error here. Part of the editors'
toolchain, used at build and test time: the browser gets JSON and never needs PyYAML.

The reader is linear in the size of the file, whatever the file holds. YAML aliases
(``*name``) let 300 bytes stand for a structure of billions of nodes, and an alias inside
its own anchor for an endless one; the content files never need them, so they are
refused with a message instead of being followed. Nesting is bounded (PyYAML's composer
recurses once per level), and so is the size of a file. Every fault is a ``ContentError``
in Swedish with the line, never a Python traceback.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, format_key_path

Positions = dict[tuple[str | int, ...], int]

#: over ten times the largest content file (some 15 kB); PyYAML's pure-Python reader, whose
#: messages the editors get, manages only some 50 kB a second on a busy machine
MAX_BYTES = 256_000
#: the tables nest five levels deep; anything near this is a mistake or an attack
MAX_DEPTH = 40

#: what to do about a file that is not valid YAML, and about one that is not plain text
HINT_YAML = ("Kontrollera indraget (två mellanslag per nivå), att varje nyckel följs av ett "
             "kolon och att citattecken kommer i par.")
HINT_FILE = "Öppna filen i en textredigerare och spara den som UTF-8 med vanlig text."
HINT_UTF8 = ("spara filen som UTF-8 (i de flesta textredigerare: Spara som … > Kodning: UTF-8) "
             "och försök igen")
#: what PyYAML refuses to read, plus the invisible controls that turn text around (bidi)
#: or hide in it; an editor never means to type them, and a reader would be misled by them.
#: The line breaks YAML knows besides \n and \r (NEL, LS, PS) are refused too: an editor
#: does not see them, and they would make the lines YAML counts differ from the editor's.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                        "|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


class _Limits(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases and deep nesting while it composes."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ContentError(self.source, "", event.start_mark.line + 1,
                               f"aliaset *{event.anchor} används inte i de här filerna; skriv ut "
                               "värdet där det behövs i stället för att hänvisa till ett ankare "
                               "(&namn)", hint=HINT_YAML)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise ContentError(self.source, "", line,
                               f"strukturen är nästlad mer än {MAX_DEPTH} nivåer djupt; "
                               "kontrollera indraget och hakparenteserna", hint=HINT_YAML)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A value PyYAML recognises but cannot build, e.g. the date 2026-13-45 or ``!!int x``,
        # raises a bare ValueError without a line; give it the node's line.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, ContentError):
                raise
            value = node.value if isinstance(node, yaml.ScalarNode) else ""
            what = "inget giltigt datum" if "timestamp" in node.tag else "inget giltigt värde"
            raise ContentError(self.source, "", node.start_mark.line + 1,
                               f"{value!r} är {what}; skriv till exempel 2026-11-25 för ett "
                               "datum, och sätt annan text inom citattecken",
                               hint=HINT_YAML) from None


def _walk(node: yaml.Node, path: tuple[str | int, ...], source: str, out: Positions) -> None:
    """Record the line of every key path; refuse duplicate and non-text keys.

    Aliases are refused before this runs, so every node is visited once.
    """
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(source, format_key_path(path), line,
                                   "en nyckel ska vara ett ord, till exempel 'id' eller 'label', "
                                   "inte en lista eller mappning (står det '?' först på raden?)",
                                   hint=HINT_YAML)
            key = key_node.value
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentError(source, format_key_path(path), line,
                                   "sammanslagning med '<<' används inte i de här filerna; "
                                   "skriv ut nycklarna", hint=HINT_YAML)
            if key in seen:
                raise ContentError(source, format_key_path((*path, key)), line,
                                   f"nyckeln '{key}' står två gånger i samma block")
            seen.add(key)
            out[(*path, key)] = line
            _walk(value_node, (*path, key), source, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), source, out)


#: PyYAML's most common complaints, in the words an editor needs (the first match wins)
_EXPLAINED = (
    ("unexpected end of stream", "filen tar slut innan ett citat har avslutats"),
    ("mapping values are not allowed here", "ett kolon står där det inte får stå (sätt text "
     "som innehåller kolon inom citattecken, och kontrollera att raden ovanför är hel)"),
    ("'\\t' that cannot start", "ett tabbtecken används som indrag; använd mellanslag"),
    ("that cannot start any token", "ett tecken som inte får inleda ett värde (sätt texten "
     "inom citattecken)"),
    ("could not determine a constructor", "en okänd tagg (ett ord som börjar med !)"),
    ("unknown escape character", "ett okänt tecken efter \\ inom dubbla citattecken"),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    ("expected ',' or ']'", "en lista inom [ ] avslutas inte"),
    ("expected ',' or '}'", "en mappning inom { } avslutas inte"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln"),
    ("but found another document", "filen innehåller flera dokument (---); det ska vara ett"),
    ("duplicate anchor", "samma ankare (&namn) står två gånger"),
)


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.context or ''} {exc.problem or ''}"
    for english, swedish in _EXPLAINED:
        if english in problem:
            return swedish
    return f"YAML-tolken säger \u201d{problem.strip()}\u201d"


def forbidden_character(text: str) -> re.Match[str] | None:
    """The first character the reader refuses in a file (a control, a text-direction
    override, an invisible line break), so other input can be held to the same rule."""
    return _FORBIDDEN.search(text)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def read_text(path: Path, source: str) -> str:
    """The file as text, or a ``ContentError`` that says what to do about it, in Swedish."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(source, "", None, "filen finns inte", hint=HINT_FILE) from None
    except OSError:
        raise ContentError(source, "", None, "filen kan inte läsas (saknas behörighet, eller är "
                           "det en mapp?)", hint=HINT_FILE) from None
    return decode(raw, source)


def decode(raw: bytes, source: str) -> str:
    """The bytes of a content file as text: UTF-8 (with or without a BOM), nothing else."""
    if len(raw) > MAX_BYTES:
        raise ContentError(source, "", None, f"filen är större än {MAX_BYTES // 1000} kB; "
                           "en innehållsfil är normalt några kB. Är det rätt fil?", hint=HINT_FILE)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(source, "", 1, f"filen är sparad som UTF-16; {HINT_UTF8}",
                           hint=HINT_FILE)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ContentError(source, "", line, f"filen är inte sparad som UTF-8 (tecknet på rad "
                           f"{line} kan inte läsas, troligen å, ä eller ö); {HINT_UTF8}",
                           hint=HINT_FILE) from None
    return text


def display_name(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_yaml(path: Path, source: str | None = None) -> tuple[Any, Positions]:
    """Parse ``path``; return the data and a map from key path to line number."""
    source = source or str(path)
    return parse(read_text(path, source), source)


def parse(text: str, source: str) -> tuple[Any, Positions]:
    """Parse YAML text that ``decode`` has let through (see ``load_yaml``)."""
    if len(text) > MAX_BYTES:
        raise ContentError(source, "", None, f"filen är större än {MAX_BYTES // 1000} kB",
                           hint=HINT_FILE)
    # Windows (\r\n) and old Mac (\r) line ends count as one line each, as in an editor.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _FORBIDDEN.search(text)
    if bad:
        line = _line_at(text, bad.start())
        column = bad.start() - text.rfind("\n", 0, bad.start())
        raise ContentError(source, "", line, f"osynligt styrtecken U+{ord(bad.group()):04X} i "
                           f"tecken {column} på raden; ta bort det (det kommer ofta med när text "
                           "klistras in från ett annat program)", hint=HINT_FILE)
    parsed = _PARSED.get(text)
    if parsed is None:
        parsed = _PARSED[text] = _compose(text, source)
        if len(_PARSED) > PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]  # the oldest
    data, positions = parsed
    return copy.deepcopy(data), dict(positions)


#: Texts parsed in this process and what they gave (data and lines), newest last: one check
#: or build reads each file more than once (its load, the fingerprint of its approval), and
#: the tests load the same files again and again. Only a text that parsed is kept; its
#: result does not depend on the name it was read under, which only faults carry. Callers
#: get their own copy of the data.
_PARSED: dict[str, tuple[Any, Positions]] = {}
PARSED_KEPT = 256


def _compose(text: str, source: str) -> tuple[Any, Positions]:
    """The data and lines of ``text`` that ``parse`` has checked, or a ``ContentError``
    naming ``source``."""
    try:
        loader = _Limits(text, source)
        try:
            node = loader.get_single_node()
            if node is None:
                raise ContentError(source, "", 1, "filen är tom", hint=HINT_FILE)
            positions: Positions = {}
            _walk(node, (), source, positions)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        started = ""
        if (exc.context_mark and exc.problem_mark and exc.context_mark.line != mark.line
                and (exc.context or "").startswith("while")):
            started = f", det som inte avslutades började på rad {exc.context_mark.line + 1}"
        raise ContentError(source, "", line, f"ogiltig YAML: {_explain(exc)}{started}; "
                           "kontrollera indrag, kolon och citattecken", hint=HINT_YAML) from None
    except yaml.YAMLError as exc:
        # Anything else PyYAML refuses; the text has been checked already, so this is rare.
        raise ContentError(source, "", None, f"ogiltig YAML ({exc}); kontrollera indrag, kolon "
                           "och citattecken", hint=HINT_YAML) from None
    return data, positions
