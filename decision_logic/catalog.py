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

from .errors import DecisionError, TableError
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
        try:
            return self.tables[table_id]
        except KeyError:
            allowed = ", ".join(self.tables)
            raise DecisionError(
                f"Beslutsstödet '{table_id}' finns inte. Beslutsstöd som finns: {allowed}."
            ) from None

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
    from .yaml_source import load_yaml

    rules_data, rules_lines = load_yaml(rules_file, display_name(rules_file))
    rulebook = parse_rulebook(rules_data, display_name(rules_file), rules_lines.get)
    tables: dict[str, Table] = {}
    raw_tables: dict[str, Any] = {}
    for path in sorted(tables_dir.glob("*.yaml")):
        table, data = load_table_file(path, rulebook)
        if table.id != path.stem:
            raise TableError(table.source, "id", 1, f"tabellens id '{table.id}' ska vara "
                             f"samma som filnamnet ('{path.stem}')")
        tables[table.id] = table
        raw_tables[table.id] = data
    return Catalog(rulebook=rulebook, tables=tables,
                   raw={"rules": rules_data, "tables": raw_tables})


def load_table_file(path: Path, rulebook: Rulebook) -> tuple[Table, Any]:
    """One validated table file: the model and its raw data."""
    from .yaml_source import load_yaml

    name = display_name(path)
    data, lines = load_yaml(path, name)
    return parse_table(data, name, rulebook.rules, lines.get), data


def catalog_from_bundle(bundle: str) -> Catalog:
    """Rebuild the catalog in the browser from the JSON made by ``Catalog.to_bundle``."""
    raw = json.loads(bundle)
    rulebook = parse_rulebook(raw["rules"], "rules.json")
    tables = {tid: parse_table(data, f"{tid}.json", rulebook.rules)
              for tid, data in raw["tables"].items()}
    return Catalog(rulebook=rulebook, tables=tables, raw=raw)
