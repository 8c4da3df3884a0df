"""The editors' content in ``decision_logic/``, loaded and validated once.

``load_content`` reads the rule list, every routing table (schema and completeness), the
exercises, the checklists and the changelog into one frozen ``Content`` with every fault
as a ``ContentError``; ``python -m site_config check`` prints them (``command.py``),
``site_config.content.load`` adds the site's own files, and the build uses the same object.
Whatever a file holds, the editor gets a message and never a Python traceback: a fault
the check does not foresee is still reported against its file, as a fault of the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError
from ..model import Catalog, Table
from .catalog import PACKAGE_DIR, load_rulebook, load_table_file, table_files
from .changelog import Change, load_changelog
from .completeness import check_completeness
from .letters import load_letters
from .training import (
    Checklist,
    Exercise,
    TrainingGuide,
    load_checklists,
    load_exercises,
    load_guide,
)
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


def as_problem(error: ContentError) -> Problem:
    """The error as the editor reads it, with the hint its finder gave (or the general one)."""
    message = f"{error.key_path}: {error.message}" if error.key_path else error.message
    return Problem(_where(error.source, error.line), message, error.hint or HINT_TABLE)


def editor_message(error: ContentError) -> str:
    """The one way an editor's fault is printed, by the check (``python -m site_config
    check``), the build's stop and the deploy commands alike: ``file:line: key: message``
    and, on the next line, ``Tips:`` with what to do."""
    return str(as_problem(error))


def _guarded[T](path: Path, errors: list[ContentError], load: Callable[[], T]) -> T | None:
    """Run one file's check; every fault becomes an error against that file."""
    try:
        return load()
    except ContentError as error:
        errors.append(error)
    except Exception as error:  # the editor must get a message, never a traceback
        errors.append(ContentError(display_name(path), "", None, "kontrollen kunde inte läsa "
                                   f"klart filen (oväntat fel av typen "
                                   f"{type(error).__name__})", hint=HINT_BUG))
    return None


@dataclass(frozen=True)
class Content:
    """The editors' content in ``decision_logic/``, loaded and validated once: what the
    check prints and the build uses. ``errors`` stop the build; ``unreachable`` (a row,
    an outcome or a question no answer reaches) harm no reader, so the build goes on,
    but the check fails on them too."""

    catalog: Catalog | None
    changelog: tuple[Change, ...]
    exercises: tuple[Exercise, ...]
    checklists: tuple[Checklist, ...]
    guide: TrainingGuide | None
    """The trainer's guide (``training/handledning.yaml``), which picks from the exercises."""
    errors: tuple[ContentError, ...]
    unreachable: tuple[ContentError, ...]
    checked: int


def load_content(root: Path = PACKAGE_DIR) -> Content:
    """Every piece of content under ``root`` (the package directory, or a copy of it),
    with every fault.

    One broken table does not hide the faults of the others; the exercises, which refer
    to the tables, are checked once every table can be read (before that their messages
    would only repeat the tables' faults).
    """
    errors: list[ContentError] = []
    unreachable: list[ContentError] = []
    rules_file = root / "rules.yaml"
    rulebook = _guarded(rules_file, errors, lambda: load_rulebook(rules_file))
    if rulebook is None:
        return Content(None, (), (), (), None, tuple(errors), (), 1)
    checked = 1
    tables: dict[str, Table] = {}
    broken_tables = False
    for path in table_files(root / "tables"):
        checked += 1
        loaded = _guarded(path, errors,
                          lambda p=path: load_table_file(p, rulebook, named_by_id=True))
        if loaded is None:
            broken_tables = True
            continue
        table, _data = loaded
        tables[table.id] = table
        report = _guarded(path, errors, lambda t=table: check_completeness(t))
        harmful = report is not None and bool(report.gaps or report.overlaps
                                              or report.too_many_paths or report.too_large)
        # A row or an outcome no answer reaches leaves the table usable: the exercises,
        # letters and guide that refer to it are still read (and the site still built).
        broken_tables = broken_tables or report is None or harmful
        for line, message in report.located() if report else ():
            error = ContentError(table.source, "", line, message, hint=HINT_GAPS)
            (errors if harmful else unreachable).append(error)
    letters_file = root / "letters.yaml"
    letters = None
    if letters_file.exists() and not broken_tables:
        checked += 1
        letters = _guarded(letters_file, errors, lambda: load_letters(letters_file, tables))
    catalog = Catalog(tables=tables, rulebook=rulebook, letters=letters or {})
    training = root / "training"
    exercises_file = training / "exercises.yaml"
    exercises: tuple[Exercise, ...] | None = ()
    if exercises_file.exists() and not broken_tables:
        checked += 1
        exercises = _guarded(exercises_file, errors,
                             lambda: load_exercises(catalog, exercises_file))
    guide_file = training / "handledning.yaml"
    guide = None
    if exercises and guide_file.exists():
        checked += 1
        cases = exercises
        guide = _guarded(guide_file, errors, lambda: load_guide(cases, guide_file))
    checklists_file = training / "checklists.yaml"
    checklists: tuple[Checklist, ...] | None = ()
    if checklists_file.exists():
        checked += 1
        checklists = _guarded(checklists_file, errors,
                              lambda: load_checklists(rulebook, checklists_file))
    changelog_file = root / "changelog.yaml"
    changelog: tuple[Change, ...] | None = ()
    if changelog_file.exists():
        checked += 1
        changelog = _guarded(changelog_file, errors,
                             lambda: load_changelog(rulebook, changelog_file))
    return Content(catalog, changelog or (), exercises or (), checklists or (), guide,
                   tuple(errors), tuple(unreachable), checked)


def problems_of(errors: Iterable[ContentError]) -> list[Problem]:
    """The errors as the editor reads them, each once: a file that cannot be read at all
    (not UTF-8, say) is met both by its loader and by the fingerprint of approvals."""
    return list(dict.fromkeys(as_problem(error) for error in errors))


def check_content(root: Path = PACKAGE_DIR) -> tuple[list[Problem], int]:
    """Every fault in the content under ``root`` and how many files were checked (the
    content in ``decision_logic/`` only; ``site_config.content.load`` adds the site's files)."""
    content = load_content(root)
    return problems_of([*content.errors, *content.unreachable]), content.checked
