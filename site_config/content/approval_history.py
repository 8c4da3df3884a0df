"""Who recorded each approval: the commit and author git gives for its lines.

``approvals.yaml`` says who approved a file, but anyone with write access can type any
name there. What git knows is who *recorded* it: the commit that last changed the
entry's lines (``git blame``), with its author. The check lists both side by side, so a
reviewer sees an approval that came in with a commit of the wrong person. The git
author is itself only as trustworthy as write access to the repository (a protected
branch and review; README, "Governance"). Outside git (an exported copy, git missing)
the list says so instead of failing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from decision_logic.errors import ContentError
from decision_logic.toolchain.yaml_source import load_yaml
from site_config.content.approval import APPROVALS, load_approvals

#: the commit git blame names for lines not committed yet
UNCOMMITTED = "0" * 40


@dataclass(frozen=True)
class Commit:
    """The commit git blame names for a line: its id, author and author time."""

    sha: str
    author: str
    time: int


def recorded_in(commit: Commit) -> str:
    """The commit in the check's words: its short id, author and day, or not yet."""
    if commit.sha == UNCOMMITTED:
        return "inte incheckad än"
    day = dt.datetime.fromtimestamp(commit.time, dt.UTC).date().isoformat()
    return f"incheckad i {commit.sha[:10]} av {commit.author} {day}"


def blame(project: Path, name: str) -> dict[int, Commit] | None:
    """The commit of every line of ``name`` (1-based), or None outside git."""
    try:
        done = subprocess.run(["git", "blame", "--porcelain", "--", name], cwd=project,
                              capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    commits: dict[str, dict[str, str]] = {}
    lines: dict[int, str] = {}
    current = ""
    for row in done.stdout.splitlines():
        if row.startswith("\t"):
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            current = head
            commits.setdefault(current, {})
            lines[int(rest.split()[1])] = current
        elif current and head in ("author", "author-time"):
            commits[current][head] = rest
    return {line: Commit(sha, commits[sha].get("author", "?"),
                         int(commits[sha].get("author-time", "0") or 0))
            for line, sha in lines.items()}


def approval_records(project: Path) -> list[str]:
    """Swedish lines: each recorded approval, then the commit and author that recorded
    it. Empty when nothing is recorded; a fault in the file is the check's to report."""
    path = project / APPROVALS
    try:
        approvals = load_approvals(project)
        data, positions = load_yaml(path, APPROVALS) if approvals else ({}, {})
    except ContentError:
        return []
    if not approvals:
        return []
    commits = blame(project, APPROVALS)
    lines = ["Fastställelser (vem som fastställde, och vem som skrev in det i "
             f"{APPROVALS} enligt git):"]
    if commits is None:
        lines.append("  (ingen git-historik här: vem som skrev in fastställelserna kan "
                     "inte visas)")
    entries = data.get("approvals") or []
    for index, entry in enumerate(entries):
        approval = approvals.get(entry.get("file")) if isinstance(entry, dict) else None
        if approval is None:
            continue
        recorded = ""
        if commits is not None:
            at = [positions.get(("approvals", index, key))
                  for key in ("file", "fingerprint", "approved", "approved_by")]
            found = [commits[n] for n in at if n in commits]
            newest = max(found, key=lambda c: (c.sha == UNCOMMITTED, c.time), default=None)
            recorded = f" – {recorded_in(newest)}" if newest else ""
        lines.append(f"  {approval.file}: fastställd {approval.approved.isoformat()} av "
                     f"{approval.approved_by}{recorded}")
    return lines
