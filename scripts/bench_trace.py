"""Where a cold page's time goes until its content is shown (issue #36), from Chromium's
own trace of the load: the marks on the page's critical path, and the CPU time each stage
took.

The page shell's painted figures (``bench_shell.py``) move by a third between runs of one
build on this 2-core machine: one run of seven loads put the glossary at 2.1 × and another
at 3.2 × the floor. A change of 10–20 ms cannot be told from that. The CPU time a stage
took on its own thread ("thread time" in the trace) moves far less when the machine is
busy, and the stage marks say which part of the wait a change could shorten. So a change
to the page shell is judged here first, and by the painted figures after.

Per page type (``bench_shell.TIMED``), the medians of ``runs`` cold loads, each in a new
profile, in alternating order, from the navigation's start (the page's time origin, as
the page shell's figures "in page"):

- wall clock, ms: "CSS in", when the last stylesheet for the screen had been parsed;
  "painted", when the main thread finished painting the frame that showed the content;
  "shown", when that frame was presented (the content's Element Timing, as
  ``bench_shell.py``'s painted figure);
- CPU, ms, on the renderer's main thread until "painted": HTML parsing, stylesheet
  parsing, script (without the style and layout it forced), style, layout, paint; and the
  raster between "painted" and "shown", on the raster thread.

Then the glossary taken apart (``BARE``): the same page without its external scripts
(Material's bundle and our entry script), and without them and Material's two sidebars.
They say how far the theme's page itself is from the floor, whatever the scripts do.

    .venv/bin/python scripts/benchmark.py --trace [--runs 5]
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from scripts import bench_shell

#: Chromium's trace categories that hold the events read here.
CATEGORIES = ("devtools.timeline,disabled-by-default-devtools.timeline,loading,blink,"
              "blink.user_timing")
#: the renderer's main thread's events counted as CPU time, by the column they go in
CPU: dict[str, tuple[str, ...]] = {
    "HTML": ("ParseHTML",),
    "CSS parse": ("ParseAuthorStyleSheet",),
    "script": ("EvaluateScript", "v8.evaluateModule"),
    "style": ("UpdateLayoutTree",),
    "layout": ("Layout",),
    "paint": ("Paint",),
}
#: the wall-clock marks, in the order they come
MARKS = ("CSS in", "painted", "shown")
COLUMNS = (*MARKS, *CPU, "raster")
#: how long the end of one load's trace is waited for, in seconds
TRACE_END_S = 30
#: how often one load is traced again when its trace is incomplete (``IncompleteTrace``)
RETRIES = 2
#: the stylesheet for paper: parsed, but it holds nothing up (media="print")
FOR_PAPER = "print.css"

Event = dict[str, object]

#: an external script (an inline one, Material's config among them, stays)
_EXTERNAL_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="[^"]*"[^>]*>\s*</script>')
#: Material's two sidebars, which come one after the other before the content
_SIDEBARS = re.compile(r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-content")',
                       re.S)


def without_scripts(html: str) -> str:
    """The page without its external scripts. Raises ValueError where it has none (the
    page is not the one it was: its figure would mean nothing)."""
    html, count = _EXTERNAL_SCRIPT.subn("", html)
    if not count:
        raise ValueError("sidan har inga externa skript att ta bort")
    return html


def without_sidebars(html: str) -> str:
    """The page without Material's navigation and table of contents. Raises ValueError
    where they are not found as Material writes them."""
    html, count = _SIDEBARS.subn("", html)
    if count != 1:
        raise ValueError("Materials sidofält hittades inte")
    return html


#: the glossary taken apart: name -> (folder beside the glossary's, how it is made)
BARE: dict[str, tuple[str, Callable[[str], str]]] = {
    "glossary, no scripts": ("_glossary_no_scripts", without_scripts),
    "glossary, no scripts or sidebars": ("_glossary_bare",
                                         lambda html: without_sidebars(without_scripts(html))),
}


def write_bare(site: Path) -> dict[str, tuple[str, str]]:
    """Writes ``BARE``'s pages from the built glossary, at its depth (so its relative
    addresses hold); returns them as ``bench_shell.TIMED`` gives page types."""
    glossary = (site / bench_shell.TIMED["glossary"][0] / "index.html").read_text("utf-8")
    timed = {}
    for name, (folder, make) in BARE.items():
        (site / folder).mkdir(exist_ok=True)
        (site / folder / "index.html").write_text(make(glossary), encoding="utf-8")
        timed[name] = (f"{folder}/", bench_shell.HEADING)
    return timed


def _cpu(event: Event) -> float:
    """The event's thread time in ms (its wall time where the trace has none)."""
    return float(event.get("tdur", event.get("dur", 0))) / 1000


def _end(event: Event) -> float:
    return event["ts"] + event.get("dur", 0)


def _inside(inner: Event, outer: Event) -> bool:
    return outer["ts"] <= inner["ts"] < _end(outer)


def _outermost(events: list[Event]) -> list[Event]:
    """Events not nested in another of the list (a layout inside a layout is one)."""
    return [e for e in events if not any(o is not e and _inside(e, o) for o in events)]


class IncompleteTrace(ValueError):
    """The trace lacks the page's navigation start or the paint that showed its content
    (the navigation start was missing once in about a hundred loads: the renderer's first
    events lost), or its end never came; the load is traced again."""


def stages(events: list[Event], url: str, shown_after_origin: float) -> dict[str, float]:
    """The figures of one traced load of ``url`` (see the module's text), whose content
    was shown ``shown_after_origin`` ms after the page's time origin (Element Timing).
    Raises ``IncompleteTrace`` when the trace cannot say."""
    origin = next((e for e in events if e.get("name") == "navigationStart"
                   and e["args"]["data"].get("documentLoaderURL") == url), None)
    if origin is None:
        raise IncompleteTrace(url)
    start, renderer = origin["ts"], origin["pid"]
    shown = origin["ts"] + shown_after_origin * 1000
    main = next(e["tid"] for e in events if e.get("name") == "thread_name"
                and e["pid"] == renderer and e["args"]["name"] == "CrRendererMain")
    on_main = [e for e in events if e.get("ph") == "X" and e.get("pid") == renderer
               and e.get("tid") == main and start <= e["ts"] <= shown]
    # The frame that showed the content: the last paint before it was shown.
    paints = [_end(e) for e in on_main if e["name"] == "Paint" and _end(e) <= shown]
    if not paints:
        raise IncompleteTrace(url)
    painted = max(paints)
    before = [e for e in on_main if _end(e) <= painted]

    def named(names: Iterable[str]) -> list[Event]:
        return _outermost([e for e in before if e["name"] in names])

    sheets = [_end(e) for e in named(CPU["CSS parse"])
              if not str(e["args"].get("data", {}).get("styleSheetUrl", "")).endswith(FOR_PAPER)]
    figures = {
        "CSS in": (max(sheets) - start) / 1000 if sheets else 0.0,
        "painted": (painted - start) / 1000,
        "shown": (shown - start) / 1000,
    }
    for column, names in CPU.items():
        figures[column] = sum(_cpu(e) for e in named(names))
    # A script that reads the layout (the widget's bringIntoView) makes the first style and
    # layout inside its own run: counted there, not in the script.
    scripts = named(CPU["script"])
    figures["script"] -= sum(_cpu(e) for e in named(("UpdateLayoutTree", "Layout"))
                             if any(_inside(e, s) for s in scripts))
    figures["raster"] = sum(_cpu(e) for e in events if e.get("pid") == renderer
                            and e.get("name") == "RasterTask" and painted <= e["ts"] <= shown)
    return figures


def traced_load(open_browser: Callable, playwright, profile: Path, url: str,
                selector: str) -> tuple[list[Event], float]:
    """One cold load of ``url`` under Chromium's tracing: its events, and when the content
    (``selector``) was shown, in ms after the page's time origin (Element Timing, as the
    page shell's painted figure)."""
    context, page = open_browser(playwright, profile)
    page.add_init_script(f"({bench_shell.WATCH})({selector!r})")
    session = context.new_cdp_session(page)
    events: list[Event] = []
    done: list[bool] = []
    session.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    session.on("Tracing.tracingComplete", lambda _message: done.append(True))
    session.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    shown, _frame, _origin = page.evaluate(bench_shell.READ)
    session.send("Tracing.end")
    # Playwright hands over the trace's events only while it is waited on: wait for the
    # end of the trace, but never for ever (a lost end is an incomplete trace).
    deadline = time.monotonic() + TRACE_END_S
    while not done and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    context.close()
    if not done:
        raise IncompleteTrace(url)
    return events, shown


def run(open_browser: Callable, playwright, base: str, site: Path, work: Path,
        runs: int) -> list[str]:
    """The medians per page type, as printed lines (also returned)."""
    bench_shell.write_floor(site)
    timed = {**bench_shell.TIMED, **write_bare(site)}
    names = list(timed)
    rows: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    again = 0
    for number in range(runs):
        for name in bench_shell.in_turn(names, number):
            path, selector = timed[name]
            url = f"{base}{path}"
            for attempt in range(RETRIES + 1):
                try:
                    events, shown = traced_load(open_browser, playwright,
                                                work / f"trace-{time.monotonic_ns()}", url,
                                                selector)
                    rows[name].append(stages(events, url, shown))
                    break
                except IncompleteTrace:
                    if attempt == RETRIES:
                        raise
                    again += 1
    lines = [f"\nWhere the time goes, cold, {runs} runs (medians; ms from the navigation's "
             "start, then CPU ms until the content's frame was painted"
             + (f"; {again} loads traced again, their trace incomplete" if again else "") + ")",
             f"{'page type':<34}" + "".join(f"{c:>10}" for c in COLUMNS)]
    for name in names:
        lines.append(f"{name:<34}" + "".join(
            f"{statistics.median(row[c] for row in rows[name]):10.1f}" for c in COLUMNS))
    for line in lines:
        print(line, flush=True)
    return lines
