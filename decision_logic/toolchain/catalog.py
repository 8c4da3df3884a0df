"""Loads the content the editors keep in YAML into the core's model, validated.

The rule list (``decision_logic/rules.yaml``) and every routing table
(``decision_logic/tables/<id>.yaml``) are read, checked against the schema and turned
into a ``decision_logic.model.Catalog``. The build writes that catalog to the browser as
JSON (``decision_logic.bundle``), so the browser runs exactly the tables the tests
checked, without reading or checking YAML itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..model import Catalog, Rulebook, Table
from .letters import load_letters
from .rulebook import parse_rulebook
from .schema import parse_table
from .yaml_source import display_name, load_yaml

#: the package directory, where the editors' content files live (beside the core modules)
PACKAGE_DIR = Path(__file__).resolve().parent.parent
TABLES_DIR = PACKAGE_DIR / "tables"
RULES_FILE = PACKAGE_DIR / "rules.yaml"
LETTERS_FILE = PACKAGE_DIR / "letters.yaml"


def load_catalog(rules_file: Path = RULES_FILE, tables_dir: Path = TABLES_DIR,
                 letters_file: Path | None = None) -> Catalog:
    """Load and validate the rule list, every ``*.yaml`` table and the letters (needs
    PyYAML). The letters are ``letters.yaml`` beside the tables' directory unless named."""
    rulebook = load_rulebook(rules_file)
    tables: dict[str, Table] = {}
    for path in table_files(tables_dir):
        table, _data = load_table_file(path, rulebook, named_by_id=True)
        tables[table.id] = table
    letters = load_letters(letters_file or tables_dir.parent / "letters.yaml", tables)
    return Catalog(tables=tables, rulebook=rulebook, letters=letters)


def load_rulebook(rules_file: Path = RULES_FILE) -> Rulebook:
    """The validated rule list alone (needs PyYAML)."""
    name = display_name(rules_file)
    data, lines = load_yaml(rules_file, name)
    return parse_rulebook(data, name, lines.get)


def table_files(tables_dir: Path = TABLES_DIR) -> list[Path]:
    return sorted(tables_dir.glob("*.yaml"))


def load_table_file(path: Path, rulebook: Rulebook,
                    named_by_id: bool = False) -> tuple[Table, Any]:
    """One validated table file: the model and its raw data.

    With ``named_by_id`` (the published tables) the id must be the file name, because the
    page, the URL and the bundle find the table by it.
    """
    name = display_name(path)
    data, lines = load_yaml(path, name)
    table = parse_table(data, name, rulebook.rules, lines.get)
    if named_by_id and table.id != path.stem:
        raise ContentError(name, "id", lines.get(("id",), 1), f"tabellens id '{table.id}' ska "
                           f"vara samma som filnamnet ('{path.stem}')")
    return table, data
