"""Search figures: top-3 score on tests/search_queries.yaml, keystroke → results time and
the bytes the first search fetches. Prints; never fails (scripts/benchmark.py calls it).

Everything goes through the real search box of the built site in Debian's Chromium, so
the figures hold for whichever engine the site ships:

    .venv/bin/python scripts/bench_search.py [--site-dir DIR] [--misses]

Without ``--site-dir`` the site is built into a temporary directory first. The site is
served on loopback with gzip (as the nginx snippet does) so that the bytes are the bytes
a reader's browser would fetch.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.loopback_server import Handler, serve  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

QUERIES = ROOT / "tests" / "search_queries.yaml"
TOP = 3
#: paths a search needs: the index, Material's or our worker and what the worker loads
SEARCH_PATHS = ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/",
                "assets/search/")

# Runs in the page: time from the keyup of the last typed key until the result list
# or its header changes (Material empties and refills the list in one task when the
# worker answers, and names the number of hits or "no hits" in the header).
MEASURE_JS = """() => {
  window.__kbMs = undefined;
  const box = document.querySelector("input.md-search__input");
  const result = document.querySelector(".md-search-result");
  let start;
  box.addEventListener("keyup", () => { start = performance.now(); }, {once: true});
  const seen = new MutationObserver(() => {
    if (start === undefined) return;
    seen.disconnect();
    window.__kbMs = performance.now() - start;
  });
  seen.observe(result, {childList: true, subtree: true, characterData: true});
}"""


def load_queries(path: Path = QUERIES) -> list[dict[str, str]]:
    """The query set: dicts with ``query``, ``page`` and ``group``."""
    return [{**item, "query": str(item["query"])} for item in
            yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]]


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into the open search box; return each result's page path, best
    first, once the list shows the answer to this very query."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    page.evaluate(MEASURE_JS)
    box.fill(query[:-1])
    box.press(query[-1])               # the last key as a real keystroke (keyup)
    page.wait_for_function("() => window.__kbMs !== undefined")
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => new URL(item.querySelector('a').href).pathname)")


def run(site_dir: Path, show_misses: bool) -> None:
    from playwright.sync_api import sync_playwright

    base, server = serve(site_dir)
    Handler.sent.clear()
    queries = load_queries()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_context().new_page()
            page.set_default_timeout(30_000)
            page.goto(base)
            page.locator("input.md-search__input").click()
            page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                                   ".textContent.trim() === JSON.parse(document.getElementById"
                                   "('__config').textContent).translations"
                                   "['search.result.placeholder']")
            first = search(page, queries[0]["query"])
            searched = [(urlsplit(path).path, sent) for path, _, sent in Handler.sent]
            fetched = sum(sent for path, sent in searched
                          if path.removeprefix("/").startswith(SEARCH_PATHS))
            files = sorted({path for path, _ in searched
                            if path.removeprefix("/").startswith(SEARCH_PATHS)})
            hits: dict[str, list[bool]] = defaultdict(list)
            times: list[float] = []
            misses: list[str] = []
            for number, item in enumerate(queries):
                found = first if number == 0 else search(page, item["query"])
                times.append(page.evaluate("window.__kbMs"))
                expected = "/" + item["page"].removeprefix("./")
                ok = expected in found[:TOP]
                hits[item.get("group", "")].append(ok)
                if not ok:
                    misses.append(f"  {item['query']!r} → {item['page']} "
                                  f"(fick {', '.join(found[:TOP]) or 'inget'})")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    total = [ok for group in hits.values() for ok in group]
    print(f"search top-{TOP}: {sum(total)}/{len(total)} = {100 * sum(total) / len(total):.1f} %")
    for group, oks in hits.items():
        print(f"  {group:<13} {sum(oks)}/{len(oks)}")
    slowest = max(range(len(times)), key=times.__getitem__)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"search keystroke → results: median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[slowest]:.1f} ms "
          f"({queries[slowest]['query']!r}; {len(times)} queries)")
    print(f"search first-search bytes (gzip): {fetched / 1000:.1f} kB in {len(files)} files: "
          + ", ".join(files))
    if show_misses and misses:
        print("misses:\n" + "\n".join(misses))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="a built site (default: build one)")
    parser.add_argument("--misses", action="store_true", help="list the queries that miss")
    args = parser.parse_args(argv)
    try:
        if args.site_dir:
            run(args.site_dir, args.misses)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet",
                                        "--site-dir", tmp], cwd=ROOT, capture_output=True,
                                       text=True)
                if build.returncode:
                    print(f"search benchmark: the build failed\n{build.stderr}",
                          file=sys.stderr)
                    return 0
                run(Path(tmp), args.misses)
    except Exception:                  # figures only: report, never fail the caller
        print("search benchmark failed:", file=sys.stderr)
        traceback.print_exc()
    return 0


if __name__ == "__main__":
    sys.exit(main())
