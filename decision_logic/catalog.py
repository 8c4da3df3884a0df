"""Where the tables come from: YAML files in the package (CPython) or a JSON bundle (browser).

Both roads end in the same ``parse_table``, so the browser runs exactly the tables the
tests checked. The bundle is the raw YAML data as JSON, made at build time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError, DecisionError
from .model import Table
from .rulebook import Rulebook, parse_rulebook
from .schema import parse_table

PACKAGE_DIR = Path(__file__).resolve().parent
TABLES_DIR = PACKAGE_DIR / "tables"
RULES_FILE = PACKAGE_DIR / "rules.yaml"


@dataclass(frozen=True)
class Catalog:
    rulebook: Rulebook
    tables: Mapping[str, Table]
    raw: Mapping[str, Any]
    """The rules file and each table as plain data, for the browser bundle."""

    def table(self, table_id: str) -> Table:
        """The table with this id; anything else (also a non-text) is a ``DecisionError``.

        The unknown id is not repeated in the message: it may come from outside.
        """
        if isinstance(table_id, str) and table_id in self.tables:
            return self.tables[table_id]
        allowed = ", ".join(self.tables)
        raise DecisionError(f"Beslutsstödet finns inte. Beslutsstöd som finns: {allowed}.")

    def to_bundle(self) -> str:
        # YAML reads review dates as dates; the bundle carries them as ISO strings.
        return json.dumps(self.raw, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                          default=lambda value: value.isoformat())


def display_name(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_catalog(rules_file: Path = RULES_FILE, tables_dir: Path = TABLES_DIR) -> Catalog:
    """Load and validate the rule list and every ``*.yaml`` table (needs PyYAML)."""
    rules_data, rulebook = _read_rulebook(rules_file)
    tables: dict[str, Table] = {}
    raw_tables: dict[str, Any] = {}
    for path in table_files(tables_dir):
        table, data = load_table_file(path, rulebook, named_by_id=True)
        tables[table.id] = table
        raw_tables[table.id] = data
    return Catalog(rulebook=rulebook, tables=tables,
                   raw={"rules": rules_data, "tables": raw_tables})


def _read_rulebook(rules_file: Path) -> tuple[Any, Rulebook]:
    from .yaml_source import load_yaml

    data, lines = load_yaml(rules_file, display_name(rules_file))
    return data, parse_rulebook(data, display_name(rules_file), lines.get)


def load_rulebook(rules_file: Path = RULES_FILE) -> Rulebook:
    """The validated rule list alone (needs PyYAML)."""
    return _read_rulebook(rules_file)[1]


def table_files(tables_dir: Path = TABLES_DIR) -> list[Path]:
    return sorted(tables_dir.glob("*.yaml"))


def load_table_file(path: Path, rulebook: Rulebook,
                    named_by_id: bool = False) -> tuple[Table, Any]:
    """One validated table file: the model and its raw data.

    With ``named_by_id`` (the published tables) the id must be the file name, because the
    page, the URL and the bundle find the table by it.
    """
    from .yaml_source import load_yaml

    name = display_name(path)
    data, lines = load_yaml(path, name)
    table = parse_table(data, name, rulebook.rules, lines.get)
    if named_by_id and table.id != path.stem:
        raise ContentError(name, "id", lines.get(("id",), 1), f"tabellens id '{table.id}' ska "
                           f"vara samma som filnamnet ('{path.stem}')")
    return table, data


def catalog_from_bundle(bundle: str) -> Catalog:
    """Rebuild the catalog in the browser from the JSON made by ``Catalog.to_bundle``."""
    try:
        raw = json.loads(bundle)
    except (TypeError, ValueError, RecursionError):
        raise ContentError("tables.json", "", None, "filen är inte giltig JSON") from None
    if (not isinstance(raw, dict) or set(raw) != {"rules", "tables"}
            or not isinstance(raw["tables"], dict)):
        raise ContentError("tables.json", "", None, "filen ska ha just nycklarna rules och "
                           "tables, som bygget skriver dem")
    rulebook = parse_rulebook(raw["rules"], "rules.json")
    tables = {tid: parse_table(data, f"{tid}.json", rulebook.rules)
              for tid, data in raw["tables"].items()}
    return Catalog(rulebook=rulebook, tables=tables, raw=raw)
