"""The page shell (issue #36) in Chromium: each page type loads only its own scripts and
still gets them when Material's instant navigation brings it without a new load; the
first paint is styled (no flash of unstyled content), on a widget page it already shows
the deep-linked answer, and nothing moves afterwards (CLS 0), on a phone and a desktop.

Python is held back (the ``page`` fixture): the widgets and the exercises answer from the
build-time answers, as they do for a reader before Python is ready."""

from __future__ import annotations

import pytest

from scripts.benchmark import CLS_OBSERVER, DESKTOP, PHONE
from tests.conftest import new_context
from tests.site.test_page_assets import PAGE_TYPES

#: Installed before the page's own scripts, with the benchmark's sum of the layout shifts
#: not caused by input (``window.__cls``): notes at the first frame the browser renders
#: whether the page's stylesheets had been applied and whether a widget's answer was
#: drawn already, and whether the whole page had been read (Material's config is near the
#: end of the body): a frame of a half-read page moves what was cut off when the rest comes.
FIRST_FRAME = CLS_OBSERVER + """
requestAnimationFrame(() => {
  const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')]
    .filter((link) => link.media !== "print");
  window.__firstFrame = {
    sheets: sheets.length,
    unstyled: sheets.filter((link) => !link.sheet).map((link) => link.href),
    answer: Boolean(document.querySelector('[data-role="result"][data-outcome]')),
    widgets: document.querySelectorAll("form[data-widget]").length,
    whole: document.getElementById("__config") !== null,
  };
});
"""
#: The page's own scripts have run (offline.js marks the root; print.js writes the printed
#: page's footer) and Material's bundle has announced the page.
SETTLED = """() => document.readyState === "complete"
  && document.documentElement.dataset.kbOffline !== undefined
  && getComputedStyle(document.documentElement).getPropertyValue("--kb-print-footer") !== ""
  && window.document$ !== undefined"""
#: Two frames, so that a shift from the last change has been reported.
TWO_FRAMES = "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_first_paint_is_styled_and_nothing_moves(browser, site_url, name, viewport):
    path = PAGE_TYPES[name].address
    context = new_context(browser, viewport=viewport)
    page = context.new_page()
    try:
        page.add_init_script(FIRST_FRAME)
        page.goto(f"{site_url}{path}")
        page.wait_for_function(SETTLED)
        page.evaluate(TWO_FRAMES)
        first = page.evaluate("window.__firstFrame")
        assert first["sheets"] >= 3 and first["unstyled"] == [], first
        assert first["whole"], first
        if "?" in path:
            # The deep link's answer is in the first frame the reader sees.
            assert first["widgets"] and first["answer"], first
        assert page.evaluate("window.__cls") == 0
    finally:
        context.close()


def _answer_shown(page) -> None:
    page.locator('form[data-widget] input[name="skede"][value="skola"]').check()
    page.wait_for_selector('form[data-widget] [data-role="result"][data-outcome]')


def test_instant_navigation_brings_each_page_its_scripts(page, instant_url):
    """Glossary (no widget) → a widget page → the exercises → the link catalogue, each
    by a click, without a new load: each page's own script runs on it."""
    page.goto(f"{instant_url}ordlista/")
    page.wait_for_function(SETTLED)
    page.evaluate("window.__samePage = true")  # gone if a page is loaded anew
    assert page.evaluate("[...document.scripts].some((s) => s.src.endsWith('widget.js'))") is False

    page.locator('.md-nav a[href$="beslutsstod/ansvarig/"]').first.click()
    page.wait_for_selector('form[data-widget="ansvarig"]')
    _answer_shown(page)

    page.locator('.md-nav a[href$="utbildning/"]').first.click()
    page.wait_for_selector("[data-training][data-state]", state="attached")
    case = page.locator("form[data-exercise]").first
    case.locator("input[type=radio]").first.check()
    case.locator('[data-action="check"]').click()
    page.wait_for_selector("form[data-exercise] [data-role=feedback][data-result]")

    page.locator('.md-nav a[href$="beslutsstod/lankar/"]').first.click()
    page.locator("[data-copy-holder]").first.wait_for()  # links.js shows the copy buttons
    assert page.evaluate("window.__samePage") is True


def test_material_still_works_with_its_bundle_deferred(page, instant_url):
    """Search answers, the palette toggle switches, instant navigation keeps the window."""
    page.goto(f"{instant_url}ordlista/")
    page.wait_for_function(SETTLED)
    page.evaluate("window.__samePage = true")
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        f"document.body.dataset.mdColorScheme !== {scheme!r}")
    box = page.locator('input[data-md-component="search-query"]')
    box.click()
    box.fill("orosanmälan")
    box.press("End")  # Material searches on keyup
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    result.click()
    page.wait_for_function("!location.pathname.endsWith('/ordlista/')")
    page.wait_for_function(SETTLED)
    assert page.evaluate("window.__samePage") is True
