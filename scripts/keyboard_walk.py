"""Walk every built page with the Tab key and print what a keyboard user meets.

For the accessibility statement (/om-webbplatsen/tillganglighet/): the browser tests
complete each widget with the keyboard, but the rest of a page (Material's header,
search, menu, table of contents and footer) is walked only here. For every page of a
built site, in the light and the dark scheme, it presses Tab from the top until focus
leaves the page or comes back round, and notes each stop where focus does not show
(no outline or box-shadow, or a ring under 3:1 against the page), where the focused
element has no size or lies outside the window once focused, and whether the first
stop is the skip link. It prints; it never fails.

    .venv/bin/mkdocs build && .venv/bin/python scripts/keyboard_walk.py site

This is a script's walk, not a person's: it cannot judge whether the order of the stops
makes sense or whether a screen reader reads them well.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.loopback_server import QuietHandler  # noqa: E402
from tests.browser.test_accessibility import (  # noqa: E402
    CONTRAST_JS,
    FOCUS_JS,
    built_pages,
    set_scheme,
)
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, new_context  # noqa: E402

#: what has focus and whether it shows (the accessibility test's measure), and whether
#: it is on screen
STOP_JS = f"""() => {{
  const info = ({FOCUS_JS})();
  if (!info) return null;
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {{
    ...info,
    cls: String(el.className),
    text: (el.innerText || info.label || el.value || "").trim().slice(0, 40),
    sized: box.width > 0 && box.height > 0,
    onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
  }};
}}"""


def walk(page, limit: int) -> tuple[list[dict], bool]:
    """The stops from the top of the page; True if focus left the page at the end."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(STOP_JS)
        if stop is None:
            return stops, True
        if stops and stop["html"] == stops[0]["html"]:
            return stops, True
        stops.append(stop)
    return stops, False


def problems_of(stops: list[dict], left: bool) -> list[str]:
    found = []
    if not stops or "md-skip" not in stops[0]["cls"]:
        first = stops[0]["html"] if stops else "-"
        found.append(f"första stoppet är inte länken förbi menyn: {first}")
    if not left:
        found.append("Tab lämnade aldrig sidan (fälla eller mycket lång sida)")
    for stop in stops:
        where = f"{stop['text']!r} {stop['html']}"
        if not stop["visible"]:
            found.append(f"fokus syns inte: {where}")
        elif stop["ring"] is not None and stop["ring"] < 3:
            found.append(f"fokusramen har {stop['ring']:.2f}:1: {where}")
        if not stop["sized"] or not stop["onScreen"]:
            found.append(f"fokuserat men inte synligt i fönstret: {where}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="den byggda webbplatsen (site/)")
    parser.add_argument("--limit", type=int, default=400, help="högst så många Tab per sida")
    args = parser.parse_args()
    handler = functools.partial(QuietHandler, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = new_context(browser, viewport={"width": 1280, "height": 800})
            # Python is not what is walked: its worker is held back, the snapshot draws.
            context.route("**/worker.mjs", lambda route: None)
            page = context.new_page()
            for path in built_pages(args.site):
                for scheme in ("light", "dark"):
                    page.goto(f"{url}{path}")
                    set_scheme(page, scheme)
                    page.add_script_tag(content=CONTRAST_JS)
                    stops, left = walk(page, args.limit)
                    found = problems_of(stops, left)
                    print(f"/{path} ({scheme}): {len(stops)} stopp, "
                          f"{len(found)} anmärkningar")
                    for line in found:
                        print(f"  {line}")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
