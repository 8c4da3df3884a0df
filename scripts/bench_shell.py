"""The page shell's figures (issue #36): how soon each page type shows what it is for,
cold, beside a bare HTML page on the same server, and what each page type loads.

"Painted" is when the page's own content (the deep-linked answer, a page's heading) was
first painted: Chromium's Element Timing (``renderTime`` of the element, which the
benchmark marks with ``elementtiming`` as soon as it is in the document), from the
navigation's start, and by the driver's clock from the moment it asked for the address
(the browser's own work to start the navigation included). Two more figures explain it:
"frame" is the start of the first animation frame after the content is in the document
(before that frame's style, layout and paint: what the figures of round six measured),
and "responsive" is when the driver, polling once per frame, learnt of it (the main
thread free again: Material's bundle runs right after the first paint). The first three
come from loads the driver does not touch until their load event (it then reads what the
page recorded); "responsive" from a second cold load of its own, since Playwright's
polling runs a script of its own in the page while it loads. The floor is a
bare HTML page with the answer's heading and nothing else. Each page type is loaded cold
(a new profile) once per run, in alternating order from run to run; the figures are
medians, and each ratio is the median of the runs' ratios to that run's floor.

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

#: Records ``window.__frameAt`` (the first animation frame once ``selector`` matches) and
#: ``window.__paintedAt`` (the element's first paint, by Element Timing).
WATCH = """(selector) => {
  window.__frameAt = null;
  window.__paintedAt = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === "kb-bench") window.__paintedAt ??= entry.renderTime;
    }
  }).observe({ type: "element", buffered: true });
  const seen = () => {
    const element = document.querySelector(selector);
    if (!element) return false;
    element.setAttribute("elementtiming", "kb-bench");
    requestAnimationFrame(() => { window.__frameAt ??= performance.now(); });
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
  const before = all.filter((entry) => entry.startTime < window.__paintedAt);
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


#: the figures of one load, in printed order: (key, label)
FIGURES: tuple[tuple[str, str], ...] = (
    ("painted", "painted, in page"),
    ("painted_wall", "painted, from goto"),
    ("frame", "frame start, in page"),
    ("responsive", "responsive, from goto"),
)


#: Once the load event has come: the first paint of the content, the first frame after it
#: was in the document, and the page's time origin, as soon as the page has both.
READ = """() => new Promise((resolve) => {
  const read = () => (window.__paintedAt !== null && window.__frameAt !== null
    ? resolve([window.__paintedAt, window.__frameAt, performance.timeOrigin])
    : requestAnimationFrame(read));
  read();
})"""


#: Resolves once the content's first frame has come, polling once per frame. (Playwright's
#: own polling, ``wait_for_function``, evaluates a string in the page, which the site's
#: policy refuses under nginx: no 'unsafe-eval'.)
FRAME_SEEN = """() => new Promise((resolve) => {
  const read = () => (typeof window.__frameAt === "number"
    ? resolve() : requestAnimationFrame(read));
  read();
})"""


def load(open_browser: Callable, playwright, profile: Path, url: str,
         selector: str) -> dict[str, object]:
    """One cold load with the driver out of the page until its load event: its figures
    painted, painted_wall and frame in ms, then the counts. The driver only waits for
    the event and then reads what the page recorded; Playwright's polling would put its
    own script into the page while it loads (measured separately, ``responsive``)."""
    context, page = open_browser(playwright, profile)
    page.add_init_script(f"({WATCH})({selector!r})")
    asked = time.time() * 1000
    page.goto(url, wait_until="load")
    painted, frame, origin = page.evaluate(READ)
    figures = {"painted": painted, "painted_wall": origin + painted - asked, "frame": frame,
               **page.evaluate(COUNT)}
    context.close()
    return figures


def responsive(open_browser: Callable, playwright, profile: Path, url: str,
               selector: str) -> float:
    """Another cold load: ms from asking for ``url`` until the driver, polling once per
    frame from the navigation's commit, learnt that the content's first frame had come
    (the main thread free again after it)."""
    context, page = open_browser(playwright, profile)
    page.add_init_script(f"({WATCH})({selector!r})")
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.evaluate(FRAME_SEEN)
    took = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("load")
    context.close()
    return took


def in_turn(names: list[str], number: int) -> list[str]:
    """The page types in the order of run ``number``: reversed every other run, so that no
    page type always comes first in a run (the machine's state drifts within one)."""
    return names if number % 2 == 0 else names[::-1]


def spread(ratios: list[float]) -> str:
    """The middle half of the runs' ratios (their quartiles), to read a median against a
    goal with: on this 2-core machine one run of seven loads has put the same build's
    glossary at 2.1 × and 3.2 × the floor (README, "Page shell")."""
    if len(ratios) < 2:
        return ""
    low, _, high = statistics.quantiles(ratios, n=4)
    return f"(middle half {low:4.2f}–{high:4.2f})"


def run(open_browser: Callable, playwright, base: str, site: Path, work: Path,
        runs: int) -> list[str]:
    """The figures, as printed lines (also returned); ``open_browser`` is the benchmark's
    (a browser on a new profile that has finished starting up)."""
    write_floor(site)
    values: dict[str, dict[str, list[float]]] = {key: {n: [] for n in TIMED} for key, _ in FIGURES}
    ratios: dict[str, dict[str, list[float]]] = {key: {n: [] for n in TIMED} for key, _ in FIGURES}
    counts: dict[str, dict[str, object]] = {}
    names = list(TIMED)
    floor_name = names[0]
    for number in range(runs):
        for name in in_turn(names, number):
            path, selector = TIMED[name]
            figures = load(open_browser, playwright, work / f"shell-{time.monotonic_ns()}",
                           f"{base}{path}", selector)
            figures["responsive"] = responsive(
                open_browser, playwright, work / f"shell-{time.monotonic_ns()}",
                f"{base}{path}", selector)
            for key, _ in FIGURES:
                values[key][name].append(float(figures[key]))
            counts.setdefault(name, figures)
        for key, _ in FIGURES:
            floor = values[key][floor_name][-1]
            for name in names:
                ratios[key][name].append(values[key][name][-1] / floor)
    for name, (path, selector) in COUNTED.items():
        if name not in counts:
            counts[name] = load(open_browser, playwright, work / f"shell-{time.monotonic_ns()}",
                                f"{base}{path}", selector)
    lines = [f"\nPage shell, cold, {runs} runs (painted: Element Timing of the content; frame: "
             "the first frame's start; responsive: the driver told, polling per frame)"]
    for key, label in FIGURES:
        for name in names:
            measured = values[key][name]
            lines.append(f"{name + ', ' + label:<46} median {statistics.median(measured):6.0f} ms"
                         f"   min {min(measured):6.0f}   max {max(measured):6.0f}   "
                         f"÷ floor {statistics.median(ratios[key][name]):5.2f} × "
                         f"{spread(ratios[key][name])}")
    lines.append(f"\n{'page type':<22} {'CSS':>4} {'JS':>4} {'requests/KB to painted':>24} "
                 f"{'requests/KB to load':>22}")
    for name, figures in counts.items():
        (seen, seen_bytes), (loaded, loaded_bytes) = figures["to_visible"], figures["to_load"]
        lines.append(f"{name:<22} {figures['css']:>4} {figures['js']:>4} "
                     f"{seen:>12} / {seen_bytes / 1e3:7.1f} "
                     f"{loaded:>10} / {loaded_bytes / 1e3:7.1f}")
    for line in lines:
        print(line, flush=True)
    return lines
