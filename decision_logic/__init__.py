"""Decision logic for Kronobarnsmodellen: routing tables in YAML, ``decide()`` over them.

The same code runs under CPython (tests, site build) and in the browser through Pyodide.
At run time it needs the standard library only; PyYAML is imported just to read the YAML
files, which the browser never does (it gets the tables as JSON).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .catalog import Catalog, catalog_from_bundle, load_catalog
from .engine import Decision, decide_each_in, decide_in
from .errors import ContentError, DecisionError
from .model import Outcome, Question, Table

__all__ = [
    "Catalog",
    "ContentError",
    "Decision",
    "DecisionError",
    "Outcome",
    "Question",
    "Table",
    "catalog",
    "decide",
    "decide_each",
    "get_table",
    "use_bundle",
]

_catalog: Catalog | None = None


def catalog() -> Catalog:
    """The tables in use: loaded from the package's YAML on first use, unless a bundle is set."""
    global _catalog
    if _catalog is None:
        _catalog = load_catalog()
    return _catalog


def use_bundle(bundle: str) -> None:
    """Use the tables from a JSON bundle (the browser has no YAML parser)."""
    global _catalog
    _catalog = catalog_from_bundle(bundle)


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
