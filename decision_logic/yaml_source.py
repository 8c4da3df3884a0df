"""Reads YAML with the line of every key, for error messages an editor can act on.

PyYAML keeps the last of two equal keys without a word; an editor who pastes a row twice
would then lose one silently, so duplicate keys are an error here. Imported only at build
and test time: the browser gets JSON and never needs PyYAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import TableError, format_key_path

Positions = dict[tuple[str | int, ...], int]


def _walk(node: yaml.Node, path: tuple[str | int, ...], source: str, out: Positions) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise TableError(source, format_key_path((*path, key)),
                                 key_node.start_mark.line + 1,
                                 f"nyckeln '{key}' står två gånger i samma block")
            seen.add(key)
            out[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), source, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), source, out)


def load_yaml(path: Path, source: str | None = None) -> tuple[Any, Positions]:
    """Parse ``path``; return the data and a map from key path to line number."""
    source = source or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(source, "", None, f"filen kan inte läsas: {exc}") from exc
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise TableError(source, "", 1, "filen är tom")
            positions: Positions = {}
            _walk(node, (), source, positions)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        started = ""
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != mark.line:
            started = f", det som inte avslutades började på rad {exc.context_mark.line + 1}"
        raise TableError(source, "", line,
                         f"ogiltig YAML ({exc.problem or exc.context}{started}); kontrollera "
                         "indrag, kolon och citattecken") from exc
    return data, positions
