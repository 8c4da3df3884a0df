"""Memory under Material's instant navigation: DOM nodes, event listeners and JS heap
after N navigations between two pages, measured in Chromium through the DevTools
protocol (Performance.getMetrics after a forced garbage collection).

    .venv/bin/python scripts/measure_navigation_memory.py [--navigations 100]

Prints one line per variant; it never fails (figures, not a test):
  site          the built site as readers get it
  no-scripts    the same pages with our own scripts blocked (site.js, widget.js,
                training.js, print.js, highlight.js, search-worker.js), to tell ours from Material's
                (a widget page's form then stays hidden: fewer nodes to keep)
  bare-material a two-page MkDocs site with Material and navigation.instant only
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.loopback_server import QuietHandler  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

OURS = ("/assets/site.js", "/assets/widget/", "/assets/search/highlight.js",
        "/assets/search/search-worker.js")


@contextmanager
def serve(build: callable) -> Iterator[str]:
    """Serve a directory that ``build(url, directory)`` fills, at the address it is built
    for (instant navigation works only there)."""
    with tempfile.TemporaryDirectory() as directory:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
            QuietHandler, directory=directory))
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        build(url, Path(directory))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield url
        finally:
            server.shutdown()
            server.server_close()


def build_site(url: str, target: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                    str(target)], cwd=ROOT, check=True,
                   env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"})


def build_bare(url: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as project:
        docs = Path(project) / "docs"
        docs.mkdir()
        (docs / "index.md").write_text("# Start\n\n[Andra](andra.md)\n\n" + "Text. " * 200)
        (docs / "andra.md").write_text("# Andra\n\n[Start](index.md)\n\n" + "Text. " * 200)
        (Path(project) / "mkdocs.yml").write_text(
            f"site_name: Bare\nsite_url: {url}\ntheme:\n  name: material\n"
            "  features: [navigation.instant]\n")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                        str(target)], cwd=project, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def metrics(cdp) -> dict[str, float]:
    cdp.send("HeapProfiler.collectGarbage")
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def measure(browser, url: str, pages: tuple[str, str], navigations: int,
            block_ours: bool) -> tuple[dict[str, float], dict[str, float]]:
    context = browser.new_context()
    page = context.new_page()
    if block_ours:
        page.route(lambda u: any(part in u for part in OURS), lambda route: route.abort())
    page.goto(url + pages[0])
    page.wait_for_load_state("load")
    page.evaluate("window.__kbSame = true; window.__kbPages = 0; "
                  "document$.subscribe(() => { window.__kbPages += 1; })")
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    first = None
    for n in range(navigations + 1):
        target = pages[(n + 1) % 2]
        # A link clicked in the page, as a reader's click: Material intercepts it.
        before = page.evaluate("(href) => { const a = document.createElement('a'); "
                               "a.href = href; document.body.append(a); a.click(); a.remove(); "
                               "return window.__kbPages; }", url + target)
        # Material announces each page it has put in place on document$.
        page.wait_for_function("([n, p]) => window.__kbPages > n && location.pathname.endsWith(p)",
                               arg=[before, "/" + target])
        if n == 0:
            first = metrics(cdp)
    last = metrics(cdp)
    if not page.evaluate("window.__kbSame === true"):
        print("  (warning: a full page load happened; not instant navigation)")
    context.close()
    return first, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--navigations", type=int, default=100)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    n = args.navigations
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            *CHROMIUM_FLAGS, "--js-flags=--expose-gc"])
        print(f"{'variant':<14} {'pages':<36} {'nodes/nav':>9} {'listeners/nav':>13} "
              f"{'heap KB/nav':>11}  (after 1 → after {n + 1} navigations)")
        runs = [("site", build_site, ("rutiner/samverkan/", "ordlista/"), False),
                ("site", build_site, ("beslutsstod/ansvarig/", "beslutsstod/kalla-till-mote/"),
                 False),
                ("no-scripts", build_site, ("rutiner/samverkan/", "ordlista/"), True),
                ("no-scripts", build_site, ("beslutsstod/ansvarig/",
                                            "beslutsstod/kalla-till-mote/"), True),
                ("bare-material", build_bare, ("", "andra/"), False)]
        for name, build, pages, block in runs:
            with serve(build) as url:
                first, last = measure(browser, url, pages, n, block)
            grow = {key: (last[key] - first[key]) / n
                    for key in ("Nodes", "JSEventListeners", "JSHeapUsedSize")}
            print(f"{name:<14} {' ↔ '.join(p or '/' for p in pages):<36} "
                  f"{grow['Nodes']:>9.1f} {grow['JSEventListeners']:>13.1f} "
                  f"{grow['JSHeapUsedSize'] / 1024:>11.1f}  "
                  f"(nodes {first['Nodes']:.0f} → {last['Nodes']:.0f}, listeners "
                  f"{first['JSEventListeners']:.0f} → {last['JSEventListeners']:.0f})")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
