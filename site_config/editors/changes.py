"""``python -m site_config diff [REV] [--senaste-incheckning] [--html FILE]``: what a
change does to the answers.

An approver should not have to read everything again after a one-line edit. This reads
the content as it was approved or in ``REV`` and as it is in the working tree. Without
``REV`` the comparison is with the last approval when one exists: each approved file as
the region approved it (the newest commit whose text has the approval's fingerprint), the
files never approved as in the last commit; with no approval, or with
``--senaste-incheckning``, with the last commit; ``REV`` is any git revision (``git show
REV:path`` into a temporary directory). It then enumerates every answer state of
every table with the build's own snapshot (``snapshot.reachable_states``), and lists each
state whose outcome, title, text or rules differ, by its deep link, with the old and new
text; states added or removed; and the sections of pages whose text changed. In Swedish,
as plain text or as one self-contained HTML page.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from decision_logic import ContentError, Table
from decision_logic.toolchain.catalog import load_catalog
from decision_logic.toolchain.yaml_source import read_text
from site_config.content.approval import PROJECT_DIR, fingerprint, folded, load_approvals
from site_config.content.manifest import table_path
from site_config.render.snapshot import reachable_states, state_key

#: the files a diff compares: the tables, the rule list and the pages
COMPARED = ("decision_logic/tables", "decision_logic/rules.yaml", "docs")
#: the revision compared with when there is no approval, or on request
LAST_COMMIT = "HEAD"
#: how far back the approved text of a file is looked for
_HISTORY = 500
_HEADING = re.compile(r"^(#{1,6}) +(.*?)(?:\s*\{[^{}]*\})?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Answer:
    """What a reader is shown in one state: per recipient, outcome, title, text, rules."""

    outcomes: tuple[tuple[str, str, str, tuple[str, ...]], ...]
    next_question: str

    def described(self) -> str:
        if not self.outcomes:
            return f"(frågan '{self.next_question}' ställs)"
        return _blocks(self.outcomes)


def _blocks(outcomes: Iterable[tuple[str, str, str, tuple[str, ...]]]) -> str:
    return "\n\n".join(f"{title} [{outcome}; {', '.join(rules)}]\n{text.strip()}"
                       for outcome, title, text, rules in outcomes)


def difference(old: Answer, new: Answer) -> tuple[str, str]:
    """What differs between two answers, as old and new text: with several recipients,
    only the recipients whose answer changed (the others read the same as before)."""
    if old.outcomes and len(old.outcomes) == len(new.outcomes):
        # Each changed outcome once, however many of the chosen recipients it answers.
        pairs = list(dict.fromkeys((a, b) for a, b in zip(old.outcomes, new.outcomes,
                                                              strict=True) if a != b))
        return _blocks(a for a, _ in pairs), _blocks(b for _, b in pairs)
    return old.described(), new.described()


@dataclass
class Report:
    rev: str
    changed: list[tuple[str, Answer, Answer]] = field(default_factory=list)
    added: list[tuple[str, Answer]] = field(default_factory=list)
    removed: list[tuple[str, Answer]] = field(default_factory=list)
    sections: list[tuple[str, str, str]] = field(default_factory=list)
    """(page file, section heading, what happened to it)"""
    unreadable: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changed or self.added or self.removed or self.sections
                    or self.unreadable)


def _answer(decisions: list[dict[str, object]]) -> Answer:
    outcomes = tuple((str(d["outcome"]), str(d["title"]), str(d["text"]),
                      tuple(str(r) for r in d["rules"]))  # type: ignore[union-attr]
                     for d in decisions if d["outcome"])
    asked = next((str(d["next_question"]) for d in decisions if d["next_question"]), "")
    return Answer(outcomes, asked)


def answer_states(table: Table) -> dict[str, Answer]:
    """Every state of ``table`` by its deep link (``beslutsstod/ansvarig/?skede=skola``)."""
    return {f"{table_path(table.id)}?{state_key(table, answers)}".rstrip("?"):
            _answer(decisions) for answers, decisions in reachable_states(table)}


def sections(markdown: str) -> dict[str, str]:
    """A page's text per heading (front matter and comments left out, whitespace folded)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    found: dict[str, str] = {}
    starts = list(_HEADING.finditer(body))
    heads = [("(inledningen)", 0)] + [(m[2], m.end()) for m in starts]
    ends = [m.start() for m in starts] + [len(body)]
    for (title, start), end in zip(heads, ends, strict=True):
        found[title] = folded(body[start:end])
    return found


def _git(project: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=project, capture_output=True,
                          check=True).stdout


def _export(rev: str, project: Path, target: Path,
            revisions: Mapping[str, str] | None = None) -> None:
    """The compared files as they are in ``rev`` (a file named in ``revisions`` as it is
    in its own commit there), written under ``target``."""
    listed = _git(project, "ls-tree", "-r", "--name-only", rev, "--", *COMPARED).decode()
    names = dict.fromkeys([*listed.splitlines(), *(revisions or {})])
    for name in names:
        if not name.endswith((".yaml", ".md")):
            continue
        content = _git(project, "show", f"{(revisions or {}).get(name, rev)}:{name}")
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(content)


@dataclass(frozen=True)
class Baseline:
    """What the working tree is compared with: a revision, and per approved file the
    commit that holds the text the region approved."""

    rev: str
    label: str
    revisions: Mapping[str, str] = field(default_factory=dict)


def approved_revisions(project: Path = PROJECT_DIR) -> dict[str, str]:
    """Each approved file the diff compares -> the newest commit whose text of it has the
    approval's fingerprint (what the approver read). A file whose approved text no commit
    holds (approved but never committed as such) is left out."""
    found: dict[str, str] = {}
    for name, approval in sorted(load_approvals(project).items()):
        if not name.startswith(COMPARED):
            continue
        commits = _git(project, "log", f"-{_HISTORY}", "--format=%H", "--", name).split()
        for commit in (c.decode() for c in commits):
            try:
                text = _git(project, "show", f"{commit}:{name}").decode("utf-8")
            except subprocess.CalledProcessError:
                break  # the file did not exist in this commit, nor before it
            if fingerprint(project / name, text) == approval.fingerprint:
                found[name] = commit
                break
    return found


def baseline(rev: str | None, project: Path = PROJECT_DIR) -> Baseline:
    """``rev`` when given; otherwise the last approval when one exists, else the last
    commit."""
    if rev is not None:
        return Baseline(rev, rev)
    approved = approved_revisions(project)
    if not approved:
        return Baseline(LAST_COMMIT, "senaste incheckningen (inget är fastställt)")
    files = _counted(len(approved), "fastställd fil", "fastställda filer")
    return Baseline(LAST_COMMIT, f"senaste fastställelsen ({files} som de fastställdes, "
                    "övriga som i senaste incheckningen)", approved)


def _counted(number: int, one: str, many: str) -> str:
    """"1 läge", "2 lägen": the number with the word in agreement."""
    return f"{number} {one if number == 1 else many}"


def _states(project: Path, label: str, unreadable: list[str]) -> dict[str, Answer]:
    package = project / "decision_logic"
    try:
        catalog = load_catalog(package / "rules.yaml", package / "tables")
    except ContentError as error:
        unreadable.append(f"{label}: {error}")
        return {}
    states: dict[str, Answer] = {}
    for table in catalog.tables.values():
        states.update(answer_states(table))
    return states


def _pages(project: Path, label: str, unreadable: list[str]) -> dict[str, dict[str, str]]:
    docs = project / "docs"
    pages = {}
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        name = path.relative_to(project).as_posix()
        try:
            pages[name] = sections(read_text(path, name))
        except ContentError as error:  # e.g. not saved as UTF-8: named, never a traceback
            unreadable.append(f"{label}: {error}")
    return pages


def compare(rev: str | Baseline, project: Path = PROJECT_DIR) -> Report:
    """Everything readers would see differently in the working tree than in ``rev`` (a
    revision, or a ``Baseline`` such as the last approval)."""
    base = rev if isinstance(rev, Baseline) else Baseline(rev, rev)
    report = Report(base.label)
    with tempfile.TemporaryDirectory(prefix="kb-diff-") as temp:
        old_dir = Path(temp)
        _export(base.rev, project, old_dir, base.revisions)
        old = _states(old_dir, base.label, report.unreadable)
        old_pages = _pages(old_dir, base.label, report.unreadable)
    new = _states(project, "arbetskopian", report.unreadable)
    new_pages = _pages(project, "arbetskopian", report.unreadable)
    if report.unreadable:
        return report
    for link in sorted(old.keys() & new.keys()):
        if old[link] != new[link]:
            report.changed.append((link, old[link], new[link]))
    report.added = [(link, new[link]) for link in sorted(new.keys() - old.keys())]
    report.removed = [(link, old[link]) for link in sorted(old.keys() - new.keys())]
    for page in sorted(old_pages.keys() | new_pages.keys()):
        before, after = old_pages.get(page, {}), new_pages.get(page, {})
        for title in [*before, *(t for t in after if t not in before)]:
            if title not in after:
                report.sections.append((page, title, "borttaget"))
            elif title not in before:
                report.sections.append((page, title, "nytt"))
            elif before[title] != after[title]:
                report.sections.append((page, title, "ändrat"))
    return report


def _indented(text: str) -> str:
    return "\n".join(f"      {line}" if line else "" for line in text.splitlines())


def grouped(report: Report) -> list[tuple[list[str], str, str]]:
    """The changed states grouped by what changed in them: (deep links, old, new). One
    edited outcome read in 48 states is one change with its 48 links, not 48 copies."""
    groups: dict[tuple[str, str], list[str]] = {}
    for link, old, new in report.changed:
        groups.setdefault(difference(old, new), []).append(link)
    return [(links, old, new) for (old, new), links in groups.items()]


def render_text(report: Report) -> str:
    """The report as the terminal shows it."""
    lines = [f"Skillnader mot {report.rev} för läsarna:"]
    for problem in report.unreadable:
        lines.append(f"Kan inte jämföras: {problem}")
    if report.empty:
        lines.append("Inga svar och inga avsnitt har ändrats.")
    if report.changed:
        changes = grouped(report)
        lines.append(f"\nÄndrade svar ({_counted(len(report.changed), 'läge', 'lägen')}, "
                     f"{_counted(len(changes), 'ändring', 'ändringar')}):")
        for number, (links, old, new) in enumerate(changes, 1):
            lines.append(f"  Ändring {number}, i {_counted(len(links), 'läge', 'lägen')}:")
            lines += [f"    {link}" for link in links]
            lines += ["    Förut:", _indented(old), "    Nu:", _indented(new)]
    for heading, items in (("Nya lägen", report.added), ("Borttagna lägen", report.removed)):
        if items:
            lines.append(f"\n{heading} ({len(items)}):")
            lines += [f"  {link}\n{_indented(answer.described())}" for link, answer in items]
    if report.sections:
        lines.append(f"\nÄndrade avsnitt på sidorna ({len(report.sections)}):")
        lines += [f"  {page} – {title}: {what}" for page, title, what in report.sections]
    return "\n".join(lines) + "\n"


_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
          "padding:0 1rem;color:#111}del{background:#fcc;text-decoration:line-through}"
          "ins{background:#bfb;text-decoration:none}pre{white-space:pre-wrap;margin:0;"
          "font:inherit}.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"
          ".sides>div{border:1px solid #ccc;padding:.5rem 1rem}li code,summary{"
          "overflow-wrap:anywhere}@media(max-width:40rem){.sides{grid-template-columns:1fr}}")
_WORDS = re.compile(r"\s+|[^\s]+")


def _marked(old: str, new: str) -> tuple[str, str]:
    """Both texts escaped, with the words that differ marked (``del`` / ``ins``)."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(before)
            right.append(after)
        else:
            left.append(f"<del>{before}</del>" if before else "")
            right.append(f"<ins>{after}</ins>" if after else "")
    return "".join(left), "".join(right)


def _change(title: str, links: list[str], old: str, new: str) -> str:
    before, after = _marked(old, new)
    items = "".join(f"<li><code>{escape(link)}</code></li>" for link in links)
    return (f"<h3>{escape(title)}</h3><details><summary>"
            f"{_counted(len(links), 'läge', 'lägen')} (djuplänkar)</summary><ul>{items}</ul>"
            f'</details><div class="sides"><div><h4>Förut</h4><pre>{before}</pre></div>'
            f"<div><h4>Nu</h4><pre>{after}</pre></div></div>")


def render_html(report: Report) -> str:
    """The report as one self-contained page (no script, no outside resource)."""
    parts = [f"<h1>Skillnader mot {escape(report.rev)} för läsarna</h1>"]
    parts += [f"<p><strong>Kan inte jämföras:</strong> {escape(p)}</p>"
              for p in report.unreadable]
    if report.empty:
        parts.append("<p>Inga svar och inga avsnitt har ändrats.</p>")
    if report.changed:
        parts.append(f"<h2>Ändrade svar ({_counted(len(report.changed), 'läge', 'lägen')}, "
                     f"{_counted(len(grouped(report)), 'ändring', 'ändringar')})</h2>")
        parts += [_change(f"Ändring {number}", links, old, new)
                  for number, (links, old, new) in enumerate(grouped(report), 1)]
    for heading, items, old_side in (("Nya lägen", report.added, False),
                                     ("Borttagna lägen", report.removed, True)):
        if items:
            parts.append(f"<h2>{heading} ({len(items)})</h2>")
            parts += [_change(link, [link], a.described() if old_side else "",
                              "" if old_side else a.described()) for link, a in items]
    if report.sections:
        parts.append(f"<h2>Ändrade avsnitt på sidorna ({len(report.sections)})</h2><ul>"
                     + "".join(f"<li><code>{escape(p)}</code> – {escape(t)}: {escape(w)}</li>"
                               for p, t, w in report.sections) + "</ul>")
    return ('<!doctype html><html lang="sv"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Skillnader mot {escape(report.rev)}</title><style>{_STYLE}</style>"
            f"</head><body><main>{''.join(parts)}</main></body></html>\n")


def main(rev: str | None, html_file: Path | None, project: Path = PROJECT_DIR,
         last_commit: bool = False) -> int:
    """The command: print the report (and write the page); 2 when git cannot read ``rev``.
    Without ``rev`` the last approval is compared with (the last commit when nothing is
    approved, or with ``last_commit``)."""
    try:
        report = compare(baseline(LAST_COMMIT if last_commit and rev is None else rev,
                                  project), project)
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode() if isinstance(error.stderr, bytes) else error.stderr
        print(f"git kunde inte läsa versionen {rev!r}: {(detail or '').strip()}",
              file=sys.stderr)
        return 2
    except FileNotFoundError:
        print("git finns inte på den här datorn; diff behöver git.", file=sys.stderr)
        return 2
    print(render_text(report), end="")
    if html_file is not None:
        html_file.write_text(render_html(report), encoding="utf-8")
        print(f"Sidan skrevs till {html_file}.")
    return 1 if report.unreadable else 0
