"""The package's errors, both ``ValueError``s with Swedish messages.

``DecisionError`` is a reader's mistake (an unknown table, question or value, e.g. from a
link); the site shows its message to the reader. ``ContentError`` is an editor's mistake
in a content file (a routing table, the rule list, the glossary, a page's markers or
front matter, a broken browser bundle): it is located by file, key path and line and may
carry a hint on how to fix it, which the editors' check and the build print. They are
kept apart because a reader must never be shown the second, nor an editor blamed for the
first. (The only other error is ``site_config.browser.assets.AssetError``: a setup fault,
Pyodide missing from ``node_modules/``, fixed by a command rather than by editing content.)
"""

from __future__ import annotations


def format_key_path(path: tuple[str | int, ...]) -> str:
    """``("questions", 0, "id")`` -> ``questions[0].id``, the form every message uses."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


class DecisionError(ValueError):
    """An answer, question or table that does not exist; the message lists what is allowed."""


class LetterFieldError(DecisionError):
    """A letter's blanks that cannot be used (empty, too long, a personal identity
    number): the message says all of it, and ``fields`` maps each such blank's id to
    what is wrong with it, in the letter's order, so the form can mark those blanks."""

    def __init__(self, message: str, fields: dict[str, str]) -> None:
        super().__init__(message)
        self.fields = dict(fields)


class ContentError(ValueError):
    """A fault in a content file, located by file, key path and line.

    ``hint`` says what to do about this kind of fault (e.g. how YAML is indented); it is
    set where the fault is found, so no one has to guess it from the message's words.
    Empty means the general hint of whoever reports the error.
    """

    def __init__(self, source: str, key_path: str, line: int | None, message: str,
                 hint: str = "") -> None:
        self.source = source
        self.key_path = key_path
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{source}:{line}" if line is not None else source
        key = f" (nyckel {key_path})" if key_path else ""
        super().__init__(f"{where}{key}: {message}")
