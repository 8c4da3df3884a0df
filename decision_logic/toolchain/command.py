"""``python -m decision_logic check [PATH]``: the editors' check of every content file.

Validates the rule list, every routing table (schema and completeness), the exercises
(and the trainer's guide that picks from them), the checklists and the changelog, and
prints each fault in Swedish as ``file:line`` with a hint on how to fix it. Exit status 1
when anything is wrong, so CI and the test suite use the very same check. Whatever a
file holds, the editor gets a message and never a Python traceback: a fault the check
does not foresee is still reported against its file, as a fault of the check.

Part of the editors' toolchain; ``decision_logic/__main__.py`` delegates here. (The
helper that reads values out of a file's data is ``checker.py``; this is the command.)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from ..model import Catalog, Governance, Table
from .catalog import PACKAGE_DIR, load_catalog, load_rulebook, load_table_file, table_files
from .changelog import load_changelog
from .checker import Checker, no_lines
from .completeness import check_completeness
from .governance import draft_items, parse_governance
from .training import load_checklists, load_exercises, load_guide
from .yaml_source import display_name

HINT_TABLE = ("Jämför med decision_logic/tables/ansvarig.yaml och README-avsnittet "
              "\u201dSå ändrar du en rutin\u201d.")
HINT_GAPS = ("Lägg till en rad under rules som täcker svaren, eller ändra raden som "
             "överlappar, så att exakt en rad gäller för varje kombination av svar.")
HINT_BUG = ("Det här är ett fel i kontrollen, inte nödvändigtvis i filen. Ångra den senaste "
            "ändringen i filen för att komma vidare, och rapportera felet till den som "
            "underhåller webbplatsen.")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}\n  Tips: {self.hint}"


def _where(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


def _from_error(error: ContentError) -> Problem:
    """The error as the editor reads it, with the hint its finder gave (or the general one)."""
    message = f"{error.key_path}: {error.message}" if error.key_path else error.message
    return Problem(_where(error.source, error.line), message, error.hint or HINT_TABLE)


def _guarded[T](path: Path, problems: list[Problem], load: Callable[[], T]) -> T | None:
    """Run one file's check; every fault becomes a problem against that file."""
    try:
        return load()
    except ContentError as error:
        problems.append(_from_error(error))
    except Exception as error:  # the editor must get a message, never a traceback
        problems.append(Problem(display_name(path), "kontrollen kunde inte läsa klart filen "
                                f"(oväntat fel av typen {type(error).__name__})", HINT_BUG))
    return None


def check_content(root: Path = PACKAGE_DIR) -> tuple[list[Problem], int]:
    """Every fault in the content under ``root`` (the package directory, or a copy of it)
    and how many files were checked.

    One broken table does not hide the faults of the others; the exercises, which refer
    to the tables, are checked once every table can be read (before that their messages
    would only repeat the tables' faults).
    """
    problems: list[Problem] = []
    rules_file = root / "rules.yaml"
    rulebook = _guarded(rules_file, problems, lambda: load_rulebook(rules_file))
    if rulebook is None:
        return problems, 1
    checked = 1
    tables: dict[str, Table] = {}
    broken_tables = False
    for path in table_files(root / "tables"):
        checked += 1
        loaded = _guarded(path, problems,
                          lambda p=path: load_table_file(p, rulebook, named_by_id=True))
        if loaded is None:
            broken_tables = True
            continue
        table, _data = loaded
        tables[table.id] = table
        report = _guarded(path, problems, lambda t=table: check_completeness(t))
        broken_tables = broken_tables or report is None or not report.ok
        for line, message in report.located() if report else ():
            problems.append(Problem(_where(table.source, line), message, HINT_GAPS))
    catalog = Catalog(tables=tables, rulebook=rulebook)
    training = root / "training"
    exercises = training / "exercises.yaml"
    if exercises.exists() and not broken_tables:
        checked += 1
        cases = _guarded(exercises, problems, lambda: load_exercises(catalog, exercises))
        guide = training / "handledning.yaml"
        if cases is not None and guide.exists():
            checked += 1
            _guarded(guide, problems, lambda: load_guide(cases, guide))
    checklists = training / "checklists.yaml"
    if checklists.exists():
        checked += 1
        _guarded(checklists, problems, lambda: load_checklists(rulebook, checklists))
    changelog = root / "changelog.yaml"
    if changelog.exists():
        checked += 1
        _guarded(changelog, problems, lambda: load_changelog(rulebook, changelog))
    return problems, checked


def draft_warnings(root: Path = PACKAGE_DIR) -> list[str]:
    """Every table and routine page still marked ``utkast``: not a fault (the build and
    the tests pass), but editors should see what readers are told is not yet approved.
    Pages are looked for in ``docs/`` beside the package directory."""
    items: list[tuple[str, Governance]] = []
    try:
        catalog = load_catalog(root / "rules.yaml", root / "tables")
    except ContentError:
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
            except ContentError:
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
