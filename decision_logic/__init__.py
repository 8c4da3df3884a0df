"""Decision logic for Kronobarnsmodellen: routing tables, and ``decide()`` over them.

The package has two parts:

- **the browser core**, the modules at this level: ``model`` (plain dataclasses),
  ``engine`` (``decide``, ``decide_each``, the walk through a table), ``bundle`` (the
  tables as JSON, written at build time and read in the browser), ``browser`` (the bridge
  the Pyodide worker calls), ``letter`` (the letters written from a reader's blanks)
  and ``errors``. Standard library only; this and nothing else is the wheel the browser installs.
- **the editors' toolchain**, ``decision_logic.toolchain``: reading and checking the
  content YAML kept beside these modules (``tables/``, ``rules.yaml``, ``training/``,
  ``changelog.yaml``), completeness, the exercises and checklists, and
  ``python -m site_config check``. It may use PyYAML and is never shipped.

The core never imports the toolchain (``tests/unit/test_import_layers.py`` proves it).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence

from .bundle import from_bundle, to_bundle
from .engine import Decision, decide_each_in, decide_in
from .errors import ContentError, DecisionError, LetterFieldError
from .letter import letter_template, write_letter_in
from .model import (
    Catalog,
    Governance,
    Letter,
    LetterField,
    LetterNote,
    Outcome,
    Question,
    Reading,
    Rule,
    Rulebook,
    RuleInfo,
    Source,
    Table,
    Value,
)

__all__ = [
    "Catalog",
    "ContentError",
    "Decision",
    "DecisionError",
    "Governance",
    "Letter",
    "LetterField",
    "LetterFieldError",
    "LetterNote",
    "Outcome",
    "Question",
    "Reading",
    "Rule",
    "RuleInfo",
    "Rulebook",
    "Source",
    "Table",
    "Value",
    "catalog",
    "decide",
    "decide_each",
    "decide_each_in",
    "decide_in",
    "from_bundle",
    "get_table",
    "letter_template",
    "to_bundle",
    "use_bundle",
    "use_catalog",
    "write_letter",
]

_catalog: Catalog | None = None
#: where the tables come from when nothing was installed: the editors' toolchain, which
#: reads the YAML beside this file. Named, not imported: the core must not depend on it
#: (the wheel does not carry it), and the browser always installs a bundle first.
_YAML_SOURCE = f"{__name__}.toolchain"


def catalog() -> Catalog:
    """The tables in use: the installed bundle or catalog, or else (under CPython, with the
    package's YAML at hand) the tables the editors' toolchain loads, on first use."""
    global _catalog
    if _catalog is None:
        try:
            source = importlib.import_module(_YAML_SOURCE)
        except ModuleNotFoundError as error:
            if error.name != _YAML_SOURCE:
                raise  # the toolchain is there but lacks PyYAML: say that, not this
            raise LookupError("No tables installed: call use_bundle() first (the browser "
                              "has no YAML toolchain).") from None
        _catalog = source.load_catalog()
    return _catalog


def use_catalog(tables: Catalog) -> None:
    """Use these tables for ``decide()`` and ``decide_each()`` from now on."""
    global _catalog
    _catalog = tables


def use_bundle(bundle: str) -> None:
    """Use the tables from the JSON bundle the build wrote (``ContentError`` if broken)."""
    use_catalog(from_bundle(bundle))


def get_table(table_id: str) -> Table:
    """The table with this id; ``DecisionError`` lists the ids that exist."""
    return catalog().table(table_id)


def decide(table_id: str, answers: Mapping[str, str]) -> Decision:
    """Given answers (question id -> value id), the next question or the outcome.

    Answers to questions the path does not ask are ignored, whatever they hold. An
    unknown table or question, or an answer on the path that is not one of its
    question's values, raises ``DecisionError`` with a Swedish message listing what is
    allowed (by label, never repeating the input, which may come from a link). Any
    other input, of any type, raises ``DecisionError`` too: nothing else gets out.
    """
    return decide_in(get_table(table_id), answers)


def decide_each(table_id: str, answers: Mapping[str, str | Sequence[str]]) -> list[Decision]:
    """Like ``decide()``, but a question marked ``multiple`` may carry several values:
    one decision comes back per value (e.g. one sending channel per recipient).

    Each answer is a text or a list of texts; repeated values count once. Anything else
    raises ``DecisionError``, like every fault of ``decide()``."""
    return decide_each_in(get_table(table_id), answers)


def write_letter(letter_id: str, fields: Mapping[str, str],
                 answers: Mapping[str, str | Sequence[str]] | None = None,
                 today: dt.date | None = None) -> dict[str, object]:
    """The letter ``letter_id`` (``decision_logic/letters.yaml``) from the reader's
    ``fields`` and the widget's ``answers``: ``{"text": …, "notes": […]}``.

    Every fault (an unknown letter, an empty required field, a personal identity number)
    is a ``DecisionError`` in Swedish that never repeats what the reader typed."""
    tables = catalog()
    letter = tables.letter(letter_id)
    return write_letter_in(letter, tables.table(letter.table), fields, answers, today)
