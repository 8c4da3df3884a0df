"""The page shell's figures (issue #36): how soon each page type shows what it is for,
cold, beside a bare HTML page on the same server, and what each page type loads.

"Visible" is measured inside the page: the first animation frame after the page's own
content is in the document (the deep-linked answer, a page's heading). Chromium runs no
animation frame while rendering is blocked (a stylesheet, a ``blocking="render"``
script), so the frame is the first paint that can show it. The floor is a bare HTML page
with the answer's heading and nothing else. Each page type is loaded cold (a new
profile) once per run, in alternating order from run to run; the figures are medians.

    .venv/bin/python scripts/benchmark.py --shell [--runs 5]
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

#: The deep link of the issue: an answer drawn from the page's own snapshot.
DEEP_LINK = "beslutsstod/ansvarig/?skede=skola"
ANSWER = '[data-role="result"][data-outcome] h3'
HEADING = "article h1"
FLOOR_DIR = "_floor_html"

#: page type -> (address, what shows the reader the page is there)
TIMED: dict[str, tuple[str, str]] = {
    "floor (bare HTML)": (f"{FLOOR_DIR}/", "h3"),
    "deep-linked answer": (DEEP_LINK, ANSWER),
    "glossary": ("ordlista/", HEADING),
    "start page": ("", HEADING),
}
#: page types whose bytes and requests are counted (besides the timed ones)
COUNTED: dict[str, tuple[str, str]] = {
    **TIMED,
    "exercises": ("utbildning/", HEADING),
    "checklists": ("checklistor/", HEADING),
    "link catalogue": ("beslutsstod/lankar/", HEADING),
    "card": ("beslutsstod/ansvarig/kort/", HEADING),
    "Om webbplatsen": ("om-webbplatsen/", HEADING),
}

#: Records ``window.__visibleAt``: the first animation frame once ``selector`` matches.
WATCH = """(selector) => {
  window.__visibleAt = null;
  const seen = () => {
    if (!document.querySelector(selector)) return false;
    requestAnimationFrame(() => { window.__visibleAt ??= performance.now(); });
    return true;
  };
  if (seen()) return;
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}"""

#: Requests and bytes (as sent, compressed) until the page was visible and until its
#: load event: the page itself and every resource it started.
COUNT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const all = performance.getEntriesByType("resource");
  const before = all.filter((entry) => entry.startTime < window.__visibleAt);
  const bytes = (list) => list.reduce((sum, entry) => sum + entry.transferSize, nav.transferSize);
  const kinds = (pattern) =>
    all.filter((entry) => pattern.test(new URL(entry.name).pathname)).length;
  return { to_visible: [before.length + 1, bytes(before)], to_load: [all.length + 1, bytes(all)],
           css: kinds(/\\.css$/), js: kinds(/\\.m?js$/) };
}"""


def write_floor(site: Path) -> None:
    """The bare page: the deep link's answer heading and a line of text, no CSS, no script."""
    (site / FLOOR_DIR).mkdir(exist_ok=True)
    (site / FLOOR_DIR / "index.html").write_text(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Golv</title>'
        f"<h2>Svaret</h2><h3>{escape('Barnets bästa-ansvarig')}</h3>"
        "<p>En sida utan stilmall och utan skript.</p></html>", encoding="utf-8")


def load(open_browser: Callable, playwright, profile: Path, url: str,
         selector: str) -> dict[str, object]:
    """One cold load: ms until visible, measured in the page from the navigation's start
    and by the driver from the moment it asks for the address (what a reader waits: the
    browser's own work to start the navigation included), then the counts."""
    context, page = open_browser(playwright, profile)
    page.add_init_script(f"({WATCH})({selector!r})")
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__visibleAt !== null", polling="raf")
    wall = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("load")
    figures = {"visible": page.evaluate("window.__visibleAt"), "wall": wall,
               **page.evaluate(COUNT)}
    context.close()
    return figures


def run(open_browser: Callable, playwright, base: str, site: Path, work: Path,
        runs: int) -> list[str]:
    """The figures, as printed lines (also returned); ``open_browser`` is the benchmark's
    (a browser on a new profile that has finished starting up)."""
    write_floor(site)
    times: dict[str, list[float]] = {name: [] for name in TIMED}
    walls: dict[str, list[float]] = {name: [] for name in TIMED}
    ratios: dict[str, list[float]] = {name: [] for name in TIMED}
    wall_ratios: dict[str, list[float]] = {name: [] for name in TIMED}
    counts: dict[str, dict[str, object]] = {}
    names = list(TIMED)
    for number in range(runs):
        order = names if number % 2 == 0 else names[::-1]
        for name in order:
            path, selector = TIMED[name]
            figures = load(open_browser, playwright, work / f"shell-{time.monotonic_ns()}",
                           f"{base}{path}", selector)
            times[name].append(float(figures["visible"]))
            walls[name].append(float(figures["wall"]))
            counts.setdefault(name, figures)
        floor, wall_floor = times["floor (bare HTML)"][-1], walls["floor (bare HTML)"][-1]
        for name in names:
            ratios[name].append(times[name][-1] / floor)
            wall_ratios[name].append(walls[name][-1] / wall_floor)
    for name, (path, selector) in COUNTED.items():
        if name not in counts:
            counts[name] = load(open_browser, playwright, work / f"shell-{time.monotonic_ns()}",
                                f"{base}{path}", selector)
    lines = [f"\nPage shell, cold, {runs} runs (visible = first frame with the content; "
             "in the page from the navigation's start, and by the driver from goto)"]
    for label, values_of, ratios_of in (("in page", times, ratios),
                                        ("driver", walls, wall_ratios)):
        for name in names:
            values = values_of[name]
            lines.append(f"{name + ', ' + label:<46} median {statistics.median(values):6.0f} ms"
                         f"   min {min(values):6.0f}   max {max(values):6.0f}   "
                         f"÷ floor {statistics.median(ratios_of[name]):5.2f} ×")
    lines.append(f"\n{'page type':<22} {'CSS':>4} {'JS':>4} {'requests/KB to visible':>24} "
                 f"{'requests/KB to load':>22}")
    for name, figures in counts.items():
        (seen, seen_bytes), (loaded, loaded_bytes) = figures["to_visible"], figures["to_load"]
        lines.append(f"{name:<22} {figures['css']:>4} {figures['js']:>4} "
                     f"{seen:>12} / {seen_bytes / 1e3:7.1f} "
                     f"{loaded:>10} / {loaded_bytes / 1e3:7.1f}")
    for line in lines:
        print(line, flush=True)
    return lines
