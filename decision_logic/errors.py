"""The two kinds of error the package raises, both ``ValueError``s with Swedish messages.

``DecisionError`` is the user's mistake (an unknown table, question or value, e.g. from a
URL); ``TableError`` is the editor's mistake (a broken YAML file). They are kept apart
because the site shows the first to a reader and the build shows the second to an editor.
"""

from __future__ import annotations


def format_key_path(path: tuple[str | int, ...]) -> str:
    """``("questions", 0, "id")`` -> ``questions[0].id``, the form every message uses."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


class DecisionError(ValueError):
    """An answer, question or table that does not exist; the message lists what is allowed."""


class TableError(ValueError):
    """A routing table that breaks the schema, located by file, key path and line."""

    def __init__(self, source: str, key_path: str, line: int | None, message: str) -> None:
        self.source = source
        self.key_path = key_path
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        key = f" (nyckel {key_path})" if key_path else ""
        super().__init__(f"{where}{key}: {message}")
