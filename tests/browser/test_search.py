"""Material's search box in Chromium with our engine behind it: the query set, privacy of
typed words, keyboard use and axe."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote, quote_plus, urlsplit

import pytest

from tests.conftest import new_context
from tests.unit.test_search import PLACEHOLDER, QUERIES, SCORE, TOP, _location

RESULT_SUFFIX = "sökresultat"


@pytest.fixture(scope="module")
def search_box(browser, site_url: str) -> Iterator[object]:
    """One page load for all queries: the start page with its search box open and the
    search index loaded (the result header then shows the placeholder)."""
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    page.locator(".md-search-result__meta", has_text=PLACEHOLDER).wait_for()
    page.evaluate(COUNT_REDRAWS)
    yield page
    context.close()


#: Counts Material's redraws of the result header. It redraws it for each search's results,
#: and searches only when the box's words change, so a count above the one before typing
#: means this query's results are drawn: no clearing of the box between queries.
COUNT_REDRAWS = """() => {
    window.__kbRedraws = 0;
    new MutationObserver(() => { window.__kbRedraws += 1; }).observe(
        document.querySelector('.md-search-result__meta'),
        {childList: true, characterData: true, subtree: true});
}"""


def _search(page, query: str) -> list[str]:
    """Type ``query`` into the search box (whose words before were others); return the
    page of each result, best first."""
    box = page.locator("input.md-search__input")
    assert box.input_value() != query
    before = page.evaluate("window.__kbRedraws")
    box.fill(query)
    box.press("End")                      # Material searches on keyup
    page.wait_for_function(
        "([s, n]) => window.__kbRedraws > n && (document.querySelector("
        "'.md-search-result__meta').textContent.endsWith(s)"
        " || !!document.querySelector('.md-search-result__item'))",
        arg=[RESULT_SUFFIX, before])
    assert page.locator(".md-search-result__meta").text_content() != PLACEHOLDER
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => item.querySelector('a').href)")


def test_search_box_finds_the_page_in_the_top_three(search_box, site_url: str) -> None:
    base = urlsplit(site_url).path
    misses = []
    for query, page_path in QUERIES:
        found = [urlsplit(href).path.removeprefix(base) for href in _search(search_box, query)]
        if _location(page_path) not in found[:TOP]:
            misses.append(f"'{query}' → {page_path} (fick {found[:TOP]})")
    score = 1 - len(misses) / len(QUERIES)
    assert score >= SCORE, f"{score:.1%} bland de {TOP} första; missar:\n" + "\n".join(misses)


#: distinctive enough to never occur by chance, with a Swedish letter; found next to a
#: real word so that the search has results to click
TYPED = "Zqxöverblick"


QUERY = f"förskolan {TYPED}"


def _traces(text: str) -> set[str]:
    """The forms a typed string could take in a URL, a body or storage."""
    return {text, quote(text), quote_plus(text), json.dumps(text)[1:-1], text.lower(),
            quote(text.lower())}


def test_typed_search_terms_never_leave_the_browser(browser, instant_url: str) -> None:
    """Typed into the search box, a result chosen by mouse and another by keyboard (both
    by instant navigation, as in production): the typed words are in no request (URL or
    body, workers included), no address, no history entry and no storage – and the
    words are still highlighted on the page the result leads to."""
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(30_000)
    sent: list[str] = []
    context.on("request", lambda request: sent.append(
        request.url + " " + (request.post_data_buffer or b"").decode("utf-8", "replace")))
    addresses: list[str] = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    try:
        page.goto(instant_url)
        page.evaluate("window.kbSameWindow = true")
        box = page.locator("input.md-search__input")
        box.click()
        page.locator(".md-search-result__meta", has_text=PLACEHOLDER).wait_for()
        box.press_sequentially(QUERY)
        first = page.locator(".md-search-result__item a").first
        first.wait_for()
        hrefs = page.eval_on_selector_all(".md-search-result a", "a => a.map(x => x.href)")
        first.click()
        page.wait_for_function("() => !document.querySelector('#__search').checked")
        page.locator("article.md-content__inner h1").wait_for()
        # Again, this time choosing the best result with Enter.
        box.click()
        box.fill("")
        box.press_sequentially(QUERY)
        page.locator(".md-search-result__item a").first.wait_for()
        before = page.url
        box.press("Enter")
        page.wait_for_function("u => location.href !== u", arg=before)
        page.locator("article.md-content__inner h1").wait_for()
        # Instant navigation brought both pages (the window is the same), and the words
        # the result list marked ("förskolan" and the page's "förskolans") are marked
        # on the page – carried in memory, not in the address.
        assert page.evaluate("window.kbSameWindow") is True
        highlighted = page.locator("article.md-content__inner mark[data-kb-search-highlight]")
        highlighted.first.wait_for(state="attached")
        assert {w.lower() for w in highlighted.all_text_contents()} & {"förskolan",
                                                                     "förskolans"}
        kept = page.evaluate("""() => JSON.stringify({
            local: Object.entries(localStorage), session: Object.entries(sessionStorage),
            state: history.state, cookie: document.cookie, url: location.href})""")
    finally:
        context.close()
    traces = set().union(*(_traces(word) for word in (QUERY, *QUERY.split())))
    haystacks = {"förfrågningar": sent, "adresser": addresses, "resultatlänkar": hrefs,
                 "lagrat": [kept]}
    leaks = {where: [h for h in found if any(t.lower() in h.lower() for t in traces)]
             for where, found in haystacks.items()}
    assert sent and addresses and hrefs
    assert not any(leaks.values()), leaks
    assert not [h for h in hrefs if "?" in h], "en resultatlänk har en fråga (?h=)"


def test_search_is_keyboard_usable_and_passes_axe(browser, site_url: str) -> None:
    """"/" opens the search, the arrow keys walk the results, Enter opens one, Escape
    closes; the open search with results has no WCAG 2.1 AA fault."""
    from tests.browser.test_accessibility import axe_violations

    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(site_url)
        page.locator(".md-search-result__meta", has_text=PLACEHOLDER).wait_for(state="attached")
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        assert page.evaluate("document.activeElement.matches('input.md-search__input')")
        box.press_sequentially("dagis")
        page.locator(".md-search-result__item a").first.wait_for()
        assert axe_violations(page) == []
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('#__search').checked")
        box.click()
        page.locator(".md-search-result__item a").first.wait_for()
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused and "beslutsstod/ansvarig/" in focused
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/beslutsstod/ansvarig/$"))
        page.locator("article.md-content__inner h1").wait_for()
    finally:
        context.close()

