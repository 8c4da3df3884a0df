"""Performance figures for the README's "Prestanda" section. Prints; never fails on them.

Builds the site, serves it on loopback (with gzip, as the shipped nginx config does), and
drives Debian's Chromium through Playwright. Each figure is the median of N runs, with
min and max. Cold = a new browser profile; warm = a profile that has seen the page once.
Every load starts in a browser that has finished starting up (``SETTLE_MS``).

    .venv/bin/python scripts/benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts import bench_search, bench_shell, bench_trace, local_nginx  # noqa: E402
from scripts.loopback_server import Handler, serve  # noqa: E402
from scripts.throttle_proxy import ThrottledLine  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, shipped_stdlib, wait_for_async  # noqa: E402

WIDGET = "beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=annan"
SECOND = "kalla-till-mote"
PLAIN = "rutiner/samverkan/"
READY = 'form[data-widget][data-state="ready"]'
ANSWER = '[data-role="result"][data-outcome]'
#: Chrome DevTools' "Slow 4G" preset's rate and latency (1.44 Mbit/s, 562 ms), as a line
#: through scripts/throttle_proxy.py (the same rate both ways): bit/s, round trip in s.
SLOW_4G = (1.44e6, 0.5625)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
#: Sums the layout shifts that were not caused by input (the page's CLS, all one window).
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""
#: Click an option and resolve with the milliseconds until the outcome is drawn.
CLICK_TO_OUTCOME = """(value) => new Promise((resolve) => {
    const result = document.querySelector('[data-role="result"]');
    const input = document.querySelector(`input[name="skede"][value="${value}"]`);
    const before = result.dataset.outcome;
    const observer = new MutationObserver(() => {
      if (result.dataset.outcome && result.dataset.outcome !== before) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(result, { attributes: true });
    const t0 = performance.now();
    input.click();
})"""

FLOOR_PAGE = """<!doctype html><meta charset="utf-8"><title>floor</title>
<script type="module">
const t0 = performance.now();
const { loadPyodide } = await import("../assets/pyodide/{version}/pyodide.mjs");
// The same self-hosted runtime; the site ships no full lockfile, so give the app's, and
// only the trimmed standard library (site_config/browser/assets.py).
await loadPyodide({ indexURL: new URL("../assets/pyodide/{version}/", location.href).href,
                    stdLibURL: new URL("../assets/pyodide/{version}/{stdlib}",
                                       location.href).href,
                    lockFileURL: new URL("../{app}pyodide-lock.json", location.href).href });
document.body.dataset.ms = String(performance.now() - t0);
document.body.dataset.state = "ready";
</script><body></body>"""


def figure(name: str, values: list[float], unit: str = "ms") -> str:
    line = (f"{name:<46} median {statistics.median(values):8.0f} {unit}   "
            f"min {min(values):8.0f}   max {max(values):8.0f}")
    print(line, flush=True)
    return line


#: A reader's browser is running when they follow a link; a freshly launched one spends its
#: first second or so setting up the profile (on both cores of this machine). Each load
#: waits this long on a blank page first, so that work falls into neither figure.
SETTLE_MS = 1500


def open_browser(playwright, profile: Path, **options):
    """A browser on ``profile`` with one blank page, left to finish starting up."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_FLAGS, **options)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto("about:blank")
    page.wait_for_timeout(SETTLE_MS)
    return context, page


def timed_load(playwright, profile: Path, url: str, wait: Callable,
               answer: list[float] | None = None) -> float:
    """Milliseconds from navigation to ``wait``; with ``answer``, also records when the
    deep-linked outcome was first drawn (measured inside the page)."""
    context, page = open_browser(playwright, profile)
    if answer is not None:
        page.add_init_script(ANSWER_WATCH)
    start = time.perf_counter()
    page.goto(url)
    wait(page)
    elapsed = (time.perf_counter() - start) * 1000
    if answer is not None:
        answer.append(page.evaluate("window.__answerAt"))
    context.close()
    return elapsed


#: Records when the outcome first appears, relative to the navigation's start.
ANSWER_WATCH = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-role="result"][data-outcome]')) {
    window.__answerAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"""


#: Bytes of the page and of every request it had started when the answer was drawn, in
#: full (an upper bound), read in the page: Python's worker starts right after the answer,
#: so counting at the server until the test notices the answer would count its files too.
BYTES_BEFORE_ANSWER = """() => {
  const page = performance.getEntriesByType("navigation")[0].transferSize;
  return performance.getEntriesByType("resource")
    .filter((entry) => entry.startTime < window.__answerAt)
    .reduce((sum, entry) => sum + entry.transferSize, page);
}"""


def slow_network_run(playwright, base: str, work: Path) -> dict[str, object]:
    """One cold load of the deep link over a "Slow 4G" line (``SLOW_4G``, through the
    throttling proxy, so Python's worker is slowed too): when the answer shows, when
    Python is ready, and whether anything went wrong on the way."""
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    with ThrottledLine("127.0.0.1", port, *SLOW_4G) as line:
        context, page = open_browser(playwright, work / f"slow-{time.monotonic_ns()}")
        page.set_default_timeout(600_000)
        page.add_init_script(ANSWER_WATCH)
        start = time.perf_counter()
        page.goto(f"{line.url}{WIDGET}", wait_until="commit")
        page.wait_for_selector(ANSWER)
        shown = (time.perf_counter() - start) * 1000
        page.wait_for_selector('form[data-widget][data-state="ready"], '
                               'form[data-widget][data-state="error"]')
        ready = (time.perf_counter() - start) * 1000
        state = page.get_attribute("form[data-widget]", "data-state")
        context.close()
    return {"answer": shown, "ready": ready, "state": state}


#: The slow lines of the offline figures, through scripts/throttle_proxy.py: (bit/s shared
#: by every connection, round trip in s). 400 kbit/s with a 400 ms round trip is the line
#: issue #30 measured on; 1.6 Mbit/s with 150 ms a poor mobile connection.
FIELD_LINES = {"loopback": None, "1.6 Mbit/s": (1.6e6, 0.15), "400 kbit/s": (400e3, 0.4)}
STORED = 'html[data-kb-offline="all"]'
SAVE = '[data-action="offline-on"]'
SNAPSHOT_STORED = """async () => (await caches.has("kb-python-snapshot")) &&
    (await (await caches.open("kb-python-snapshot")).keys()).length === 1"""


def visit(playwright, profile: Path, url: str) -> tuple[BrowserContext, Page, dict[str, float]]:
    """A visit to the deep link in ``profile``: ms until the answer shows and until the
    letter can be written (Python ready); the context is left open."""
    context, page = open_browser(playwright, profile)
    page.set_default_timeout(900_000)
    page.add_init_script(ANSWER_WATCH)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(ANSWER)
    answer = (time.perf_counter() - start) * 1000
    page.wait_for_selector(READY)
    ready = (time.perf_counter() - start) * 1000
    return context, page, {"answer": answer, "letter": ready, "start": start}


def field_run(playwright, base: str, work: Path, label: str) -> dict[str, object]:
    """The offline figures on one line (``FIELD_LINES[label]``), each visit in the same
    new profile: the first visit (answer shown, letter ready, bytes the server sent until
    then, compressed; then the reader presses "Spara för användning utan uppkoppling",
    which stores the site and a snapshot of Python's memory), the second and the third
    (the service worker's store, Python restored from the snapshot)."""
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    line = FIELD_LINES[label]
    throttle = ThrottledLine("127.0.0.1", port, *line) if line else contextlib.nullcontext()
    with throttle as proxy:
        url = f"{proxy.url if proxy else base}{WIDGET}"
        profile = work / f"field-{time.monotonic_ns()}"
        Handler.sent.clear()
        context, page, first = visit(playwright, profile, url)
        figures: dict[str, object] = {
            "first visit: answer shown": first["answer"],
            "first visit: letter ready": first["letter"],
            "first visit: MB until the letter works": sum(c for _, _, c in Handler.sent) / 1e6,
        }
        page.locator(SAVE).first.click()  # offline use is the reader's choice (#32)
        page.wait_for_selector(STORED, state="attached")
        wait_for_async(page, SNAPSHOT_STORED, timeout=900_000)
        figures["first visit: site and snapshot stored"] = (
            time.perf_counter() - first["start"]) * 1000
        context.close()
        for number in ("second", "third"):
            context, page, again = visit(playwright, profile, url)
            figures[f"{number} visit: letter ready"] = again["letter"]
            figures[f"{number} visit: Python from"] = page.get_attribute("html",
                                                                         "data-kb-python")
            context.close()
    return figures


def layout_shift(playwright, base: str, work: Path, viewport: dict[str, int]) -> float:
    """CLS of a cold deep-linked widget page, from navigation until Python has taken over."""
    context, page = open_browser(playwright, work / f"cls-{time.monotonic_ns()}",
                                 viewport=viewport)
    page.add_init_script(CLS_OBSERVER)
    page.goto(f"{base}{WIDGET}")
    page.wait_for_selector(READY)
    value = page.evaluate("window.__cls")
    context.close()
    return value


def build(site: Path, url: str) -> None:
    """``mkdocs build`` of the site into ``site``, for the address it is served at."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                    str(site)], check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, "SITE_URL": url})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--field", action="store_true",
                        help="only the offline figures (service worker), not the rest")
    parser.add_argument("--shell", action="store_true",
                        help="only the page shell's figures (bench_shell.py), one build")
    parser.add_argument("--trace", action="store_true",
                        help="only where a cold page's time goes until its content is "
                             "shown (bench_trace.py, Chromium's trace), one build")
    parser.add_argument("--server", choices=("nginx", "python"), default="nginx",
                        help="--shell, --trace: the shipped nginx config in nginx (as "
                             "readers get the pages) or the loopback Python server of the "
                             "other figures")
    arguments = parser.parse_args()
    runs = arguments.runs
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    site = work / "site"

    one_part = bench_trace if arguments.trace else bench_shell if arguments.shell else None
    if one_part and arguments.server == "nginx":
        server = local_nginx.start(work / "nginx", build, access_log=work / "access.log")
        try:
            print(f"Served by nginx with the shipped config: {server.url}", flush=True)
            with sync_playwright() as playwright:
                one_part.run(open_browser, playwright, server.url, server.site, work, runs)
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)
        return

    # The server's address is known before the build, so site_url matches it and
    # Material's instant navigation works as it does in production.
    base, server = serve(site)
    builds = []
    for _ in range(1 if one_part else runs):
        start = time.perf_counter()
        build(site, base)
        builds.append((time.perf_counter() - start) * 1000)

    version = next((site / "assets" / "pyodide").iterdir()).name
    app = f"assets/beslutsstod/{next((site / 'assets' / 'beslutsstod').iterdir()).name}/"
    (site / "_floor").mkdir()
    (site / "_floor" / "index.html").write_text(
        FLOOR_PAGE.replace("{version}", version).replace("{app}", app)
        .replace("{stdlib}", shipped_stdlib(site).name))

    def floor_ready(page) -> None:
        page.wait_for_selector('body[data-state="ready"]', state="attached")

    def widget_ready(page) -> None:
        page.wait_for_selector(READY)

    if one_part:
        with sync_playwright() as playwright:
            one_part.run(open_browser, playwright, base, site, work, runs)
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
        return

    if arguments.field:
        with sync_playwright() as playwright:
            field = [field_run(playwright, base, work, label)
                     for _ in range(runs) for label in FIELD_LINES]
            floor = [timed_load(playwright, work / "warm-floor", f"{base}_floor/", floor_ready)
                     for _ in range(runs + 1)][1:]  # the first load warms the cache
        server.shutdown()
        print_field(field, floor)
        shutil.rmtree(work, ignore_errors=True)
        return

    results: dict[str, list[float]] = {k: [] for k in (
        "floor cold", "floor warm", "widget cold", "widget warm", "ratio cold", "ratio warm",
        "answer cold", "answer warm", "answer ratio", "input", "input early", "second",
        "bytes to answer", "cls phone", "cls desktop")}
    with sync_playwright() as playwright:
        for _ in range(runs):
            for kind, url, wait in (("floor", f"{base}_floor/", floor_ready),
                                    ("widget", f"{base}{WIDGET}", widget_ready)):
                answers = {"cold": results["answer cold"], "warm": results["answer warm"]}
                watch = kind == "widget"
                cold_profile = work / f"cold-{kind}-{time.monotonic_ns()}"
                results[f"{kind} cold"].append(timed_load(
                    playwright, cold_profile, url, wait, answers["cold"] if watch else None))
                warm_profile = work / f"warm-{kind}"
                if not warm_profile.exists():
                    timed_load(playwright, warm_profile, url, wait)
                results[f"{kind} warm"].append(timed_load(
                    playwright, warm_profile, url, wait, answers["warm"] if watch else None))
            for temp in ("cold", "warm"):
                results[f"ratio {temp}"].append(
                    results[f"widget {temp}"][-1] / results[f"floor {temp}"][-1])
            results["answer ratio"].append(
                results["answer cold"][-1] / results["floor cold"][-1])
            results["cls phone"].append(layout_shift(playwright, base, work, PHONE))
            results["cls desktop"].append(layout_shift(playwright, base, work, DESKTOP))

            # The first click, before Python is ready, and the bytes sent until the
            # deep-linked answer showed.
            context, page = open_browser(playwright, work / f"early-{time.monotonic_ns()}")
            page.add_init_script(ANSWER_WATCH)
            page.goto(f"{base}{WIDGET}", wait_until="commit")
            page.wait_for_selector(ANSWER)
            results["bytes to answer"].append(page.evaluate(BYTES_BEFORE_ANSWER) / 1000)
            results["input early"].append(page.evaluate(CLICK_TO_OUTCOME, "skola"))
            context.close()

            context, page = open_browser(playwright, work / f"nav-{time.monotonic_ns()}")
            page.goto(f"{base}beslutsstod/ansvarig/")
            page.wait_for_selector(READY)
            # Input -> outcome, measured inside the page from the change to the new outcome.
            results["input"].append(page.evaluate(CLICK_TO_OUTCOME, "skola"))
            # A second widget page through the site's own (instant) navigation.
            start = time.perf_counter()
            page.click(f'.md-nav a[href$="{SECOND}/"]')
            page.wait_for_selector(f'form[data-widget="{SECOND}"][data-state="ready"]')
            results["second"].append((time.perf_counter() - start) * 1000)
            context.close()

        Handler.sent.clear()
        sizes = {}
        for name, path in (("plain page", PLAIN), ("widget page", WIDGET)):
            Handler.sent.clear()
            context, page = open_browser(playwright, work / f"bytes-{name.replace(' ', '-')}")
            page.goto(f"{base}{path}")
            if "widget" in name:
                page.wait_for_selector(READY)
            page.wait_for_load_state("networkidle")
            context.close()
            sizes[name] = (sum(r for _, r, _ in Handler.sent), sum(c for _, _, c in Handler.sent),
                           sum(r for p, r, _ in Handler.sent if "/pyodide/" in p))
        slow = slow_network_run(playwright, base, work)
        field = [field_run(playwright, base, work, label) for label in FIELD_LINES]
        shell = bench_shell.run(open_browser, playwright, base, site, work, runs)
    server.shutdown()

    print(f"\nChromium {CHROMIUM}, {runs} runs each\n")
    figure("mkdocs build", builds)
    for key in ("floor cold", "widget cold", "floor warm", "widget warm"):
        figure(f"{key} (ready)", results[key])
    for temp in ("cold", "warm"):
        values = results[f"ratio {temp}"]
        print(f"{'widget / floor ' + temp:<46} median {statistics.median(values):8.2f} ×    "
              f"min {min(values):8.2f}   max {max(values):8.2f}")
    figure("deep-linked answer visible, cold", results["answer cold"])
    figure("deep-linked answer visible, warm", results["answer warm"])
    values = results["answer ratio"]
    print(f"{'answer / floor cold':<46} median {statistics.median(values):8.2f} ×    "
          f"min {min(values):8.2f}   max {max(values):8.2f}")
    figure("bytes sent before the answer showed", results["bytes to answer"], "KB")
    figure("first click -> outcome, before Python", results["input early"])
    figure("input -> outcome, Python ready", results["input"])
    for name in ("cls phone", "cls desktop"):
        values = results[name]
        label = f"layout shift (CLS), deep link, {name.split()[1]}"
        print(f"{label:<46} median {statistics.median(values):8.3f}      "
              f"min {min(values):8.3f}   max {max(values):8.3f}")
    print(f"{'Slow 4G: answer visible':<46} {slow['answer']:8.0f} ms")
    print(f"{'Slow 4G: Python ' + str(slow['state']):<46} {slow['ready']:8.0f} ms")
    figure("second widget page ready (instant nav)", results["second"])
    for name, (raw, compressed, pyodide) in sizes.items():
        print(f"{name:<46} raw {raw / 1e6:8.2f} MB   compressed {compressed / 1e6:6.2f} MB   "
              f"of which Pyodide {pyodide / 1e6:.2f} MB raw")
    print_field(field, results["floor warm"])
    print("\n".join(shell))
    print("\nSearch", flush=True)
    bench_search.run(site, show_misses=False)
    shutil.rmtree(work, ignore_errors=True)


def print_field(field: list[dict[str, object]], floor_warm: list[float]) -> None:
    """The offline figures per line (in ``FIELD_LINES``' order, each run's visits in turn),
    beside the warm floor (a bare loadPyodide() from the cache)."""
    print()
    figure("floor, warm (bare loadPyodide())", floor_warm)
    for index, label in enumerate(FIELD_LINES):
        runs = field[index::len(FIELD_LINES)]
        line = FIELD_LINES[label]
        print(f"\n{label}" + (f" (through scripts/throttle_proxy.py: {line[0] / 1e3:g} kbit/s "
                                f"shared, {line[1] * 1e3:g} ms round trip)" if line else ""))
        values = [run["first visit: MB until the letter works"] for run in runs]
        print(f"{'first visit: MB until the letter works':<46} median "
              f"{statistics.median(values):8.2f} MB   (compressed)")
        for key in ("first visit: answer shown", "first visit: letter ready",
                    "first visit: site and snapshot stored", "second visit: letter ready",
                    "third visit: letter ready"):
            figure(key, [run[key] for run in runs])
        for number in ("second", "third"):
            starts = [run[f"{number} visit: Python from"] for run in runs]
            print(f"{'how Python started, ' + number + ' visit':<46} "
                  + ", ".join(f"{starts.count(k)} × {k}" for k in sorted(set(starts))))
        if not line:
            ratio = [run["third visit: letter ready"] / statistics.median(floor_warm)
                     for run in runs]
            print(f"{'third visit letter ready / floor warm':<46} median "
                  f"{statistics.median(ratio):8.2f} ×   (goal ≤ 1.0 ×)")


if __name__ == "__main__":
    main()
