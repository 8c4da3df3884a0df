"""``python -m decision_logic check [PATH]``: the editors' check of every content file.

Validates the rule list, every routing table (schema and completeness), the exercises,
the checklists and the changelog, and prints each fault in Swedish as ``file:line``
with a hint on how to fix it. Exit status 1 when anything is wrong, so CI and the test
suite use the very same check.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .catalog import PACKAGE_DIR, Catalog, load_catalog
from .completeness import check_completeness
from .errors import TableError
from .governance import load_changelog

HINT_YAML = ("Kontrollera indraget (två mellanslag per nivå), att varje nyckel följs av ett "
             "kolon och att citattecken kommer i par.")
HINT_TABLE = ("Jämför med decision_logic/tables/ansvarig.yaml och README-avsnittet "
              "\u201dSå ändrar du en rutin\u201d.")
HINT_GAPS = ("Lägg till en rad under rules som täcker svaren, eller ändra raden som "
             "överlappar, så att exakt en rad gäller för varje kombination av svar.")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}\n  Tips: {self.hint}"


def _from_error(error: TableError) -> Problem:
    where = f"{error.source}:{error.line}" if error.line else error.source
    message = f"{error.key_path}: {error.message}" if error.key_path else error.message
    return Problem(where, message, HINT_YAML if "YAML" in error.message else HINT_TABLE)


def check_content(root: Path = PACKAGE_DIR) -> tuple[list[Problem], int]:
    """Every fault in the content under ``root`` (the package directory, or a copy of it)
    and how many files were checked."""
    from .training import load_checklists, load_exercises

    problems: list[Problem] = []
    try:
        catalog: Catalog = load_catalog(root / "rules.yaml", root / "tables")
    except TableError as error:
        return [_from_error(error)], 1
    checked = 1 + len(catalog.tables)
    for table in catalog.tables.values():
        for line in check_completeness(table).describe():
            problems.append(Problem(table.source, line, HINT_GAPS))
    for name, load in (("exercises.yaml", lambda p: load_exercises(catalog, p)),
                       ("checklists.yaml", lambda p: load_checklists(catalog.rulebook, p))):
        path = root / "training" / name
        if path.exists():
            checked += 1
            try:
                load(path)
            except TableError as error:
                problems.append(_from_error(error))
    changelog = root / "changelog.yaml"
    if changelog.exists():
        checked += 1
        try:
            load_changelog(catalog.rulebook, changelog)
        except TableError as error:
            problems.append(_from_error(error))
    return problems, checked


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "check" or len(argv) > 2:
        print("Användning: python -m decision_logic check [MAPP]\n"
              "Kontrollerar regellistan, beslutstabellerna, övningarna, checklistorna och "
              "ändringsloggen (som standard i paketets egen mapp).", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) == 2 else PACKAGE_DIR
    if not (root / "rules.yaml").exists():
        print(f"{root}: här finns ingen rules.yaml; ange mappen decision_logic.",
              file=sys.stderr)
        return 2
    problems, checked = check_content(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} fel hittades. Rätta dem och kör kontrollen igen.")
        return 1
    print(f"Allt stämmer: {checked} filer kontrollerade.")
    return 0
