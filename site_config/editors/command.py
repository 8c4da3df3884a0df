"""``python -m site_config check [PATH]``: the editors' check of every content file;
``approve FILE --by "NAMN, ROLL"`` records an approval; ``diff [REV]`` lists what a change
does to the answers.

The check loads everything the build loads, in the same way (``content.py`` for the
files in ``decision_logic/``, ``site_config.content.load`` for the site's own files beside
it), and prints each fault in Swedish as ``file:line`` with a hint on how to fix it.
Exit status 1 when anything is wrong, so CI and the test suite use the very same check;
"Allt stämmer" means the build will pass.

``site_config/__main__.py`` delegates here. (The
helper that reads values out of a file's data is ``checker.py``; this is the command.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Collection
from pathlib import Path
from typing import NoReturn

from decision_logic.errors import ContentError
from decision_logic.toolchain.catalog import PACKAGE_DIR
from decision_logic.toolchain.content import (
    Problem,
    as_problem,
    editor_message,
    load_content,
    problems_of,
)
from decision_logic.toolchain.recipients import recipient_warnings
from site_config.content.approval import APPROVALS, approve, content_files, file_states
from site_config.content.approval_history import approval_records
from site_config.content.load import load_site_content
from site_config.editors.changes import main as diff_main


def approval_warnings(project: Path, shown: Collection[Problem] = ()) -> list[str]:
    """Every content file changed after its approval, then every file never approved: not
    faults (the build passes), but editors should see what readers are told is a draft.
    A file that cannot be read is named once: not again when the check ``shown`` it."""
    try:
        states = file_states(content_files(project), project)
    except ContentError as error:
        return [] if as_problem(error) in shown else [editor_message(error)]
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
    project = root.parent
    warnings: list[str] = []
    if (project / "site_config" / "site.yaml").exists() and (project / "mkdocs.yml").exists():
        # The whole site beside the package: the very load the build makes, so that
        # "Allt stämmer" means the build will pass.
        site = load_site_content(project)
        errors, checked, catalog = site.check_errors, site.content.checked, site.content.catalog
        checked += 5 + len(site.pages)  # site, ui, glossary, keywords, mkdocs.yml, pages
        warnings = list(site.warnings)
    else:
        content = load_content(root)
        errors, checked, catalog = ((*content.errors, *content.unreachable), content.checked,
                                    content.catalog)
    problems = problems_of(errors)
    for problem in problems:
        print(problem)
    if catalog is not None and not problems:
        wrong_group = recipient_warnings(catalog)
        if wrong_group:
            print("Varning – ett svar som nämner andra mottagare än dem som leder dit:")
            print("\n".join(f"  {line}" for line in wrong_group))
    for line in [*(f"Varning – {w}" for w in warnings), *approval_warnings(project, problems),
                 *approval_records(project)]:
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
        print(f"--date ska vara ett datum som 2026-11-15; här står {date!r}", file=sys.stderr)
        return 2
    try:
        approval = approve(Path(file), by, day)
    except ContentError as error:
        print(editor_message(error), file=sys.stderr)
        return 1
    print(f"{approval.file}: fastställd {approval.approved.isoformat()} av "
          f"{approval.approved_by} ({approval.fingerprint}), sparat i {APPROVALS}.")
    return 0


USAGE = """Användning:
  python -m site_config check [MAPP]
      Kontrollerar regellistan, beslutstabellerna, övningarna, checklistorna,
      ändringsloggen och webbplatsens filer (som standard i paketets egen mapp).
  python -m site_config approve FIL --by "NAMN, ROLL" [--date ÅÅÅÅ-MM-DD]
      Registrerar att FIL är fastställd av NAMN (i dag, eller det datum som anges).
  python -m site_config diff [REV] [--senaste-incheckning] [--html FIL]
      Visar vilka svar som ändras jämfört med den senaste fastställelsen (finns ingen:
      med senaste incheckningen), med senaste incheckningen (--senaste-incheckning)
      eller med REV i git."""


class _SwedishParser(argparse.ArgumentParser):
    """argparse, but a wrong argument gets the Swedish usage, not argparse's English."""

    def error(self, message: str) -> NoReturn:
        print(USAGE, file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _SwedishParser(
        prog="python -m site_config",
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
    diff.add_argument("rev", nargs="?", default=None, metavar="REV",
                      help="en version i git (som standard den senaste fastställelsen)")
    diff.add_argument("--senaste-incheckning", dest="last_commit", action="store_true",
                      help="jämför med senaste incheckningen i stället för fastställelsen")
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
        return diff_main(args.rev, args.html, last_commit=args.last_commit)
    return _check(args.root)
