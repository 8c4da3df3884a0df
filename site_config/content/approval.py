"""Approval bound to the content: who approved which file, and whether it is still the
content they approved.

An approval is recorded by ``python -m site_config approve FILE --by "NAMN, ROLL"``
in ``site_config/approvals.yaml``: the file, the date, who, and a *fingerprint* of what
readers see of the file. The fingerprint is taken of the parsed data (YAML) or of the
text with comments, trailing spaces and repeated blank lines or spaces left out
(Markdown; the texts in YAML likewise), so a comment or a re-wrapped
line does not undo an approval, while any changed word does. The approvals live in a
file of their own, so recording one never changes the fingerprint it records.

A page is "Fastställd" only while every file it shows content from matches its approval;
this module answers that question (``combined_status``) and the site shows the answer.
Nobody can type ``status: fastställd`` any more: the status is computed, so it cannot
outlive the content it was given for.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from decision_logic.errors import ContentError
from decision_logic.toolchain.catalog import PACKAGE_DIR
from decision_logic.toolchain.checker import Checker
from decision_logic.toolchain.yaml_source import (
    display_name,
    forbidden_character,
    load_yaml,
    parse,
    read_text,
)

#: the project's root: the approvals name files relative to it
PROJECT_DIR = PACKAGE_DIR.parent
APPROVALS = "site_config/approvals.yaml"
_COMMENT = re.compile(r"<!--(?!\s*kb:).*?-->", re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")
_INNER_SPACE = re.compile(r"(?<=\S)[ \t]{2,}")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)

APPROVALS_HEADER = """\
# Fastställda filer: vem som fastställde vilken fil, när, och ett fingeravtryck av
# innehållet som då fastställdes. Skriv inte här för hand: kör
#   python -m site_config approve FIL --by "NAMN, ROLL" [--date ÅÅÅÅ-MM-DD]
# En sida visar "Fastställd" bara så länge varje fil den visar har samma fingeravtryck
# som när den fastställdes (se README, "Fastställa innehåll").
"""


@dataclass(frozen=True)
class Approval:
    file: str
    """The file, relative to the project (``decision_logic/tables/ansvarig.yaml``)."""
    fingerprint: str
    approved: dt.date
    approved_by: str


@dataclass(frozen=True)
class FileState:
    """One content file now: its fingerprint and its approval, if it has one."""

    file: str
    fingerprint: str
    approval: Approval | None

    @property
    def approved(self) -> bool:
        return self.approval is not None and self.approval.fingerprint == self.fingerprint

    @property
    def changed(self) -> bool:
        """Approved once, but not what it says now."""
        return self.approval is not None and not self.approved


@dataclass(frozen=True)
class Status:
    """A page's status, from the states of every file it shows content from."""

    approved: bool
    date: dt.date | None
    """The newest approval (approved), or the approval the change came after (changed)."""
    by: str
    """Who approved it (approved only)."""

    @property
    def changed(self) -> bool:
        return not self.approved and self.date is not None


def _canonical(value: Any) -> Any:
    """Plain JSON-able data; dates as ISO text, so the fingerprint is the same on any
    machine and any PyYAML version."""
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return folded(value)
    return value


def folded(text: str) -> str:
    """The text without comments, trailing spaces, repeated blank lines or repeated
    spaces between words: none of them changes what a reader sees. Indentation and
    paragraph breaks stay, since Markdown gives them meaning."""
    lines = [_INNER_SPACE.sub(" ", line.rstrip()) for line in _COMMENT.sub("", text).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_of(path: Path, text: str) -> Any:
    """What readers see of a file, as data: the parsed YAML, or a Markdown page's front
    matter (parsed) and body (comments removed, whitespace folded)."""
    if path.suffix in (".yaml", ".yml"):
        return _canonical(parse(text, str(path))[0])
    found = _FRONT_MATTER.match(text)
    front = _canonical(parse(found[1], str(path))[0]) if found else None
    body = text[found.end():] if found else text
    return {"front_matter": front, "body": folded(body)}


def fingerprint(path: Path, text: str | None = None) -> str:
    """``sha256:`` and the first 16 hex digits of the hash of ``content_of``.

    The file is read through the one decoder of editor files, so one not saved as UTF-8
    is a ``ContentError`` naming it, never a traceback."""
    text = read_text(path, display_name(path)) if text is None else text
    return _fingerprint_of(path.suffix, text)


@functools.lru_cache(maxsize=256)
def _fingerprint_of(suffix: str, text: str) -> str:
    """The fingerprint of a file's text; it depends on nothing else but the kind of file
    (its suffix: YAML or a Markdown page), so it is kept for the process: one check or
    build takes each file's fingerprint more than once (the pages' states, the check's
    warnings), and every file is parsed once instead."""
    try:
        data = content_of(Path(f"fil{suffix}"), text)
    except ContentError:
        data = folded(text)  # the check names the fault; the fingerprint still exists
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def content_version(fingerprints: Iterable[str]) -> str:
    """A short version derived from the content itself: 8 hex digits of the hash of the
    fingerprints. It changes exactly when something a reader sees changes."""
    joined = "\n".join(sorted(fingerprints))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


#: what to do about a fault in approvals.yaml or in what approve was given
HINT_APPROVALS = ("Skriv inte i site_config/approvals.yaml för hand: ta bort den felaktiga "
                  "posten och kör python -m site_config approve FIL --by \"NAMN, ROLL\" "
                  "[--date ÅÅÅÅ-MM-DD] (ett datum i dag eller tidigare).")


#: what to do about a name or date that ``approve`` refuses
HINT_APPROVE_ARGS = ("Skriv namn och roll på en rad, som --by \"NAMN, ROLL\", "
                     "och --date med ett datum i dag eller tidigare.")


def load_approvals(project: Path = PROJECT_DIR) -> dict[str, Approval]:
    """The recorded approvals, by file; an empty mapping when none is recorded. One entry
    per file, each a file in the project, approved no later than today, by a name that
    ``approve`` would accept: an entry typed or pasted by hand is held to the same rules."""
    try:
        return _load_approvals(project)
    except ContentError as error:
        error.hint = error.hint or HINT_APPROVALS
        raise


def _load_approvals(project: Path) -> dict[str, Approval]:
    path = project / APPROVALS
    if not path.exists():
        return {}
    data, lines = load_yaml(path, APPROVALS)
    check = Checker(APPROVALS, lines.get)
    top = check.mapping(data, (), {"approvals": True})
    entries = top["approvals"] or []
    if not isinstance(entries, list):
        raise check.fail(("approvals",), "'approvals' ska vara en lista")
    from decision_logic.toolchain.governance import parse_date

    found: dict[str, Approval] = {}
    first_line: dict[str, int | None] = {}
    today = region_today()
    for i, raw in enumerate(entries):
        at = ("approvals", i)
        entry = check.mapping(raw, at, {"file": True, "fingerprint": True, "approved": True,
                                        "approved_by": True})
        approval = Approval(file=check.text(entry, at, "file"),
                            fingerprint=check.text(entry, at, "fingerprint"),
                            approved=parse_date(check, entry, at, "approved"),
                            approved_by=check.text(entry, at, "approved_by"))
        if not _inside(project, approval.file):
            raise check.fail((*at, "file"), f"{approval.file} är ingen fil i projektet; en "
                             "fastställelse gäller en innehållsfil, t.ex. "
                             "decision_logic/tables/ansvarig.yaml")
        if approval.file in found:
            raise check.fail((*at, "file"), f"filen {approval.file} är fastställd två gånger "
                             f"(rad {first_line[approval.file]} och rad "
                             f"{lines.get((*at, 'file'))}); varje fil har en fastställelse. "
                             "Ta bort båda och kör approve igen")
        if approval.approved > today:
            raise check.fail((*at, "approved"), f"datumet {approval.approved.isoformat()} har "
                             f"inte kommit än (i dag är det {today.isoformat()}); en "
                             "fastställelse kan inte vara framtida")
        fault = approver_fault(approval.approved_by)
        if fault:
            raise check.fail((*at, "approved_by"), fault)
        first_line[approval.file] = lines.get((*at, "file"))
        found[approval.file] = approval
    return found


#: a name and a role ("NAMN EFTERNAMN, verksamhetschef BUP") fit well within this
MAX_APPROVER = 120


def approver_fault(name: str) -> str | None:
    """What is wrong with an approver's name, in Swedish, or None. The same rule for
    ``approve --by`` and for a name in ``approvals.yaml``: one line of visible text of a
    sane length, since it is shown on every page the approval covers."""
    if not name.strip():
        return "ange vem som fastställer: --by \"NAMN, ROLL\""
    if len(name) > MAX_APPROVER:
        return (f"namnet är {len(name)} tecken långt; skriv namn och roll på högst "
                f"{MAX_APPROVER} tecken")
    bad = forbidden_character(name) or re.search(r"[\t\n\r]", name)
    if bad:
        return (f"namnet innehåller ett osynligt tecken eller en radbrytning "
                f"(U+{ord(bad.group()):04X}); skriv namn och roll på en rad med vanliga tecken")
    return None


def region_today() -> dt.date:
    """Today in Kronoberg: an approval recorded just after midnight there is not refused
    on a build server whose clock says UTC (where it is still yesterday)."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()
    except (ImportError, KeyError, ValueError, OSError):
        return dt.date.today()


def _inside(project: Path, name: str) -> bool:
    """``name`` is a file in ``project`` (not ``../`` out of it, nor an absolute path)."""
    path = (project / name).resolve()
    return path.is_file() and path.is_relative_to(project.resolve())


def save_approvals(approvals: Mapping[str, Approval], project: Path = PROJECT_DIR) -> None:
    rows = [{"file": a.file, "fingerprint": a.fingerprint, "approved": a.approved.isoformat(),
             "approved_by": a.approved_by} for _, a in sorted(approvals.items())]
    body = yaml.safe_dump({"approvals": rows}, allow_unicode=True, sort_keys=False,
                          default_flow_style=False)
    (project / APPROVALS).parent.mkdir(parents=True, exist_ok=True)
    (project / APPROVALS).write_text(APPROVALS_HEADER + body, encoding="utf-8")


def relative_file(path: Path, project: Path = PROJECT_DIR) -> str:
    """``path`` as the approvals name it; a ``ContentError`` if it lies outside."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(project.resolve()).as_posix()
    except ValueError:
        raise ContentError(str(path), "", None, f"filen ligger inte i projektet {project}",
                           hint="Ange en fil i projektet, t.ex. "
                           "decision_logic/tables/ansvarig.yaml.") from None


def approve(path: Path, by: str, date: dt.date, project: Path = PROJECT_DIR) -> Approval:
    """Record ``path`` as approved by ``by`` on ``date`` with its current fingerprint;
    the name is held to the rule the check holds ``approvals.yaml`` to."""
    fault = approver_fault(by)
    if fault:
        raise ContentError(APPROVALS, "", None, f"--by: {fault}",
                           hint=HINT_APPROVE_ARGS)
    if date > region_today():
        raise ContentError(APPROVALS, "", None, f"--date: {date.isoformat()} har inte kommit "
                           "än; en fastställelse registreras när den är gjord",
                           hint=HINT_APPROVE_ARGS)
    if not path.is_file():
        raise ContentError(str(path), "", None, "filen finns inte")
    name = relative_file(path, project)
    approvals = load_approvals(project)
    approvals[name] = Approval(file=name, fingerprint=fingerprint(project / name),
                               approved=date, approved_by=by.strip())
    save_approvals(approvals, project)
    return approvals[name]


def file_states(files: Iterable[str], project: Path = PROJECT_DIR,
                approvals: Mapping[str, Approval] | None = None) -> dict[str, FileState]:
    """The state of each named file (relative to ``project``) that exists."""
    approvals = load_approvals(project) if approvals is None else approvals
    return {name: FileState(name, fingerprint(project / name), approvals.get(name))
            for name in files if (project / name).is_file()}


def combined_status(states: Iterable[FileState]) -> Status:
    """Fastställd only when every file is approved and unchanged; "changed after the
    approval" when any approved file has changed; otherwise a plain draft."""
    states = list(states)
    changed = [s.approval for s in states if s.changed and s.approval]
    if changed:
        return Status(False, min(a.approved for a in changed), "")
    if states and all(s.approved for s in states):
        approvals = [s.approval for s in states if s.approval]
        names = list(dict.fromkeys(a.approved_by for a in approvals))
        return Status(True, max(a.approved for a in approvals), " och ".join(names))
    return Status(False, None, "")


def content_files(project: Path = PROJECT_DIR) -> list[str]:
    """Every file whose content readers see: tables, rules, training, changelog, letters,
    glossary and the pages in docs/."""
    package = project / "decision_logic"
    found = [*sorted((package / "tables").glob("*.yaml")), package / "rules.yaml",
             *sorted((package / "training").glob("*.yaml")), package / "changelog.yaml",
             package / "letters.yaml", project / "site_config" / "ordlista.yaml",
             *sorted((project / "docs").rglob("*.md"))]
    return [p.relative_to(project).as_posix() for p in found if p.is_file()]
