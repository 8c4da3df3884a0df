"""Performance figures for the README's "Prestanda" section. Prints; never fails on them.

Builds the site, serves it on loopback (with gzip, as the shipped nginx config does), and
drives Debian's Chromium through Playwright. Each figure is the median of N runs, with
min and max. Cold = a new browser profile; warm = a profile that has seen the page once.
Every load starts in a browser that has finished starting up (``SETTLE_MS``).

    .venv/bin/python scripts/benchmark.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts import bench_search  # noqa: E402
from scripts.loopback_server import Handler, serve  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, shipped_stdlib, wait_for_async  # noqa: E402

WIDGET = "beslutsstod/ansvarig/?skede=fore-forskoleklass&verksamhet=annan"
SECOND = "kalla-till-mote"
PLAIN = "rutiner/samverkan/"
READY = 'form[data-widget][data-state="ready"]'
ANSWER = '[data-role="result"][data-outcome]'
#: Chrome DevTools' "Slow 4G" preset: 1.44 Mbit/s down, 675 kbit/s up, 562 ms latency.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.44e6 / 8,
           "uploadThroughput": 675e3 / 8}
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
// only the trimmed standard library (site_config/browser_assets.py).
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
    """One cold load of the deep link over the "Slow 4G" profile: when the answer shows,
    when Python is ready, and whether anything went wrong on the way."""
    context, page = open_browser(playwright, work / f"slow-{time.monotonic_ns()}")
    page.set_default_timeout(600_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    page.add_init_script(ANSWER_WATCH)
    start = time.perf_counter()
    page.goto(f"{base}{WIDGET}", wait_until="commit")
    page.wait_for_selector(ANSWER)
    shown = (time.perf_counter() - start) * 1000
    page.wait_for_selector('form[data-widget][data-state="ready"], '
                           'form[data-widget][data-state="error"]')
    ready = (time.perf_counter() - start) * 1000
    state = page.get_attribute("form[data-widget]", "data-state")
    context.close()
    return {"answer": shown, "ready": ready, "state": state}


#: the line the issue measured on: 400 kbit/s down and up, 400 ms latency
FIELD_LINE = {"offline": False, "latency": 400, "downloadThroughput": 400e3 / 8,
              "uploadThroughput": 400e3 / 8}
STORED = 'html[data-kb-offline="all"]'
SNAPSHOT_STORED = """async () => (await (await caches.open("kb-python-snapshot")).keys())
    .length === 1"""


def field_run(playwright, base: str, work: Path) -> dict[str, object]:
    """The service worker's figures (docs/assets/widget/offline.js): bytes served until
    the letter works on a first visit (compressed, counted at the server), then, in the
    same profile with the store warm, the letter ready on a repeat visit, on loopback and
    over a 400 kbit/s / 400 ms line."""
    profile = work / f"field-{time.monotonic_ns()}"
    context, page = open_browser(playwright, profile)
    Handler.sent.clear()
    page.goto(f"{base}{WIDGET}")
    page.wait_for_selector(READY)
    first_bytes = sum(compressed for _, _, compressed in Handler.sent)
    page.wait_for_selector(STORED, state="attached")
    # A reader who stays a moment: the worker stores its Python snapshot after the site.
    wait_for_async(page, SNAPSHOT_STORED)
    context.close()

    figures: dict[str, object] = {"bytes before the letter": first_bytes / 1e6}
    for label, line in (("loopback", None), ("400 kbit/s", FIELD_LINE)):
        context, page = open_browser(playwright, profile)
        page.set_default_timeout(600_000)
        if line:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", line)
        start = time.perf_counter()
        page.goto(f"{base}{WIDGET}", wait_until="commit")
        page.wait_for_selector(READY)
        figures[f"letter ready, store warm, {label}"] = (time.perf_counter() - start) * 1000
        figures[f"python from, {label}"] = page.get_attribute("html", "data-kb-python")
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--field", action="store_true",
                        help="only the offline figures (service worker), not the rest")
    arguments = parser.parse_args()
    runs = arguments.runs
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    site = work / "site"

    # The server's address is known before the build, so site_url matches it and
    # Material's instant navigation works as it does in production.
    base, server = serve(site)
    builds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                        str(site)], check=True, cwd=ROOT, capture_output=True,
                       env={**os.environ, "SITE_URL": base})
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

    if arguments.field:
        with sync_playwright() as playwright:
            field = [field_run(playwright, base, work) for _ in range(runs)]
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
        field = [field_run(playwright, base, work)]
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
    print("\nSearch", flush=True)
    bench_search.run(site, show_misses=False)
    shutil.rmtree(work, ignore_errors=True)


def print_field(field: list[dict[str, object]], floor_warm: list[float]) -> None:
    """The offline figures beside the warm floor (a bare loadPyodide() from the cache)."""
    print()
    values = [run["bytes before the letter"] for run in field]
    print(f"{'first visit: bytes until the letter works':<46} median "
          f"{statistics.median(values):8.2f} MB   (compressed; goal ≤ 4.5 MB)")
    figure("floor, warm (bare loadPyodide())", floor_warm)
    for key in ("letter ready, store warm, loopback", "letter ready, store warm, 400 kbit/s"):
        figure(key, [run[key] for run in field])
    ratio = [run["letter ready, store warm, loopback"] / statistics.median(floor_warm)
             for run in field]
    print(f"{'letter ready (store warm) / floor warm':<46} median "
          f"{statistics.median(ratio):8.2f} ×   (goal ≤ 1.0 ×; 400 kbit/s goal ≤ 10 s)")
    for label in ("loopback", "400 kbit/s"):
        starts = [run[f"python from, {label}"] for run in field]
        print(f"{'how Python started, ' + label:<46} "
              + ", ".join(f"{starts.count(kind)} × {kind}" for kind in sorted(set(starts))))


if __name__ == "__main__":
    main()
