"""The build's config step and the editors' check, run in-process on a copy of the
project, for tests that only need to see that the check or the build refuses broken
content.

``mkdocs build`` stops in its config step, before it renders anything (MkDocs'
``on_config`` event, which calls ``SiteBuild.load``): it loads every editor-kept file
with ``site_config.content.load.load_site_content`` and, if that load has errors, prints
each problem and stops. ``build_stops_with`` calls that very step of the build object
(no generator needed) and gives the lines the build would print;
``test_a_real_build_stops_with_the_list_made_in_process``
(tests/site/test_check_matches_build.py) runs the real build once to show it prints
exactly those lines. A subprocess per broken copy would cost a Python start and MkDocs'
imports each (#30).
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from site_config.build.site_build import BuildStopped, SiteBuild
from site_config.editors.command import main as site_config_command


def build_stops_with(project: Path) -> list[str]:
    """What ``mkdocs build`` of ``project`` prints before it stops, made in-process by the
    build's own first step (``SiteBuild.load``), which stops on the content's errors,
    each problem a line (or more) of its own; empty if the build goes on. Run from the
    project, as the build is (files are named from there)."""
    build = SiteBuild(project, site_url="http://127.0.0.1:8000/", warn=lambda _line: None)
    with contextlib.chdir(project):
        try:
            build.load()
        except BuildStopped as stop:
            return list(stop.messages)
    return []


@dataclass(frozen=True)
class Check:
    """What ``python -m site_config check`` printed for a copy, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def check_command(*args: str, cwd: Path) -> Check:
    """``python -m site_config check ARGS`` run from ``cwd``, in-process: the command's
    own ``main`` (tests/unit/test_check_command.py runs it as a command, as editors do).
    A Python error would fail the test rather than print a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        returncode = site_config_command(["check", *args])
    return Check(returncode, out.getvalue(), err.getvalue())


def run_check(project: Path) -> Check:
    """The editors' check of a copy of the project, run there with its ``decision_logic/``."""
    return check_command(str(project / "decision_logic"), cwd=project)
