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
from .governance import Governance, draft_items, load_changelog, parse_governance

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


def draft_warnings(root: Path = PACKAGE_DIR) -> list[str]:
    """Every table and routine page still marked ``utkast``: not a fault (the build and
    the tests pass), but editors should see what readers are told is not yet approved.
    Pages are looked for in ``docs/`` beside the package directory."""
    from .checker import Checker, no_lines

    items: list[tuple[str, Governance]] = []
    try:
        catalog = load_catalog(root / "rules.yaml", root / "tables")
    except TableError:
        return []  # the fault itself is reported by check_content
    items += [(table.source, table.governance) for table in catalog.tables.values()]
    docs = root.parent / "docs"
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n") or "\n---" not in text[4:]:
            continue
        import yaml  # only pages with front matter need it; the check reads YAML anyway

        name = page.relative_to(root.parent).as_posix()
        meta = yaml.safe_load(text[4:text.index("\n---", 4)]) or {}
        if isinstance(meta, dict) and "status" in meta:
            try:
                items.append((name, parse_governance(Checker(name, no_lines), meta, ())))
            except TableError:
                continue  # a broken block stops the build, which names the page
    return draft_items(items)


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
    drafts = draft_warnings(root)
    if drafts:
        print("Varning – sidor och beslutsstöd som är utkast (visas som \u201dUtkast\u201d "
              "för läsarna):")
        for line in drafts:
            print(f"  {line}")
    if problems:
        print(f"\n{len(problems)} fel hittades. Rätta dem och kör kontrollen igen.")
        return 1
    print(f"Allt stämmer: {checked} filer kontrollerade.")
    return 0
