"""``python -m decision_logic check [PATH]``: the editors' check of every content file;
``approve FILE --by "NAMN, ROLL"`` records an approval; ``diff [REV]`` lists what a change
does to the answers.

Validates the rule list, every routing table (schema and completeness), the exercises,
the checklists and the changelog, and prints each fault in Swedish as ``file:line``
with a hint on how to fix it. Exit status 1 when anything is wrong, so CI and the test
suite use the very same check. Whatever a file holds, the editor gets a message and
never a Python traceback: a fault the check does not foresee is still reported against
its file, as a fault of the check.

Part of the editors' toolchain; ``decision_logic/__main__.py`` delegates here. (The
helper that reads values out of a file's data is ``checker.py``; this is the command.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from ..errors import ContentError
from ..model import Catalog, Table
from .approval import APPROVALS, approve, content_files, file_states
from .catalog import PACKAGE_DIR, load_catalog, load_rulebook, load_table_file, table_files
from .changelog import load_changelog
from .completeness import check_completeness
from .recipients import recipient_warnings
from .training import load_checklists, load_exercises
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
        _guarded(exercises, problems, lambda: load_exercises(catalog, exercises))
    checklists = training / "checklists.yaml"
    if checklists.exists():
        checked += 1
        _guarded(checklists, problems, lambda: load_checklists(rulebook, checklists))
    changelog = root / "changelog.yaml"
    if changelog.exists():
        checked += 1
        _guarded(changelog, problems, lambda: load_changelog(rulebook, changelog))
    return problems, checked


def approval_warnings(project: Path) -> list[str]:
    """Every content file changed after its approval, then every file never approved: not
    faults (the build passes), but editors should see what readers are told is a draft."""
    try:
        states = file_states(content_files(project), project)
    except ContentError as error:
        return [str(_from_error(error))]
    changed = [f"  {s.file}: ändrad efter fastställelsen {s.approval.approved.isoformat()} "
               f"({s.approval.approved_by}) – sidorna som visar den är utkast igen"
               for s in states.values() if s.changed and s.approval]
    drafts = [f"  {s.file}" for s in states.values() if s.approval is None]
    lines = []
    if changed:
        lines += ["Varning – ändrat efter fastställelsen (visas som \u201dUtkast – ändrat "
                  "efter fastställelsen\u201d):", *changed]
    if drafts:
        lines += ["Varning – inte fastställt (visas som \u201dUtkast\u201d för läsarna):",
                  *drafts]
    return lines


def _check(root: Path) -> int:
    if not (root / "rules.yaml").exists():
        print(f"{root}: här finns ingen rules.yaml; ange mappen decision_logic.",
              file=sys.stderr)
        return 2
    problems, checked = check_content(root)
    for problem in problems:
        print(problem)
    if not problems:
        wrong_group = recipient_warnings(load_catalog(root / "rules.yaml", root / "tables"))
        if wrong_group:
            print("Varning – ett svar som nämner andra mottagare än dem som leder dit:")
            print("\n".join(f"  {line}" for line in wrong_group))
    for line in approval_warnings(root.parent):
        print(line)
    if problems:
        print(f"\n{len(problems)} fel hittades. Rätta dem och kör kontrollen igen.")
        return 1
    print(f"Allt stämmer: {checked} filer kontrollerade.")
    return 0


def _approve(file: str, by: str, date: str | None) -> int:
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        print(f"--date ska vara ett datum som 2027-01-15; här står {date!r}", file=sys.stderr)
        return 2
    try:
        approval = approve(Path(file), by, day)
    except ContentError as error:
        print(_from_error(error), file=sys.stderr)
        return 1
    print(f"{approval.file}: fastställd {approval.approved.isoformat()} av "
          f"{approval.approved_by} ({approval.fingerprint}), sparat i {APPROVALS}.")
    return 0


USAGE = """Användning:
  python -m decision_logic check [MAPP]
      Kontrollerar regellistan, beslutstabellerna, övningarna, checklistorna,
      ändringsloggen och webbplatsens filer (som standard i paketets egen mapp).
  python -m decision_logic approve FIL --by "NAMN, ROLL" [--date ÅÅÅÅ-MM-DD]
      Registrerar att FIL är fastställd av NAMN (i dag, eller det datum som anges).
  python -m decision_logic diff [REV] [--html FIL]
      Visar vilka svar som ändras jämfört med REV i git (som standard senaste incheckningen)."""


class _SwedishParser(argparse.ArgumentParser):
    """argparse, but a wrong argument gets the Swedish usage, not argparse's English."""

    def error(self, message: str) -> NoReturn:
        print(USAGE, file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _SwedishParser(
        prog="python -m decision_logic",
        description="Redaktörernas verktyg för innehållet i Kronobarnsmodellen.")
    commands = parser.add_subparsers(dest="command", required=True,
                                     parser_class=_SwedishParser)
    check = commands.add_parser(
        "check", help="kontrollera allt innehåll (samma kontroll som bygget gör)")
    check.add_argument("root", nargs="?", type=Path, default=PACKAGE_DIR, metavar="MAPP",
                       help="mappen decision_logic (som standard paketets egen)")
    approve_cmd = commands.add_parser(
        "approve", help="registrera att en fil är fastställd, med fingeravtryck")
    approve_cmd.add_argument("file", metavar="FIL")
    approve_cmd.add_argument("--by", required=True, metavar="\"NAMN, ROLL\"")
    approve_cmd.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="som standard i dag")
    diff = commands.add_parser(
        "diff", help="vilka svar som ändras jämfört med en tidigare version (git)")
    diff.add_argument("rev", nargs="?", default="HEAD", metavar="REV")
    diff.add_argument("--html", type=Path, metavar="FIL",
                      help="skriv också skillnaden som en fristående sida")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    if args.command == "approve":
        return _approve(args.file, args.by, args.date)
    if args.command == "diff":
        # The build's snapshot enumerates the answer states; the diff lives beside it.
        from site_config.changes import main as diff_main

        return diff_main(args.rev, args.html)
    return _check(args.root)
