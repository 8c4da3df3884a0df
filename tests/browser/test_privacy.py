"""What the user types into the response letter stays in the page: it is not sent, not
put into the URL and not stored."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from tests.conftest import new_context

READY = 'form[data-widget][data-state="ready"]'
# Distinctive enough to never occur by chance, with a space and a Swedish letter.
TYPED = {
    "#svarsbrev-var-verksamhet": "Zqxverksamhet 4711 Ösby",
    "#svarsbrev-berord": "Zqxberord 0815",
    "#svarsbrev-vidare-till": "Zqxvidare 9042",
}


def traces(text: str) -> set[str]:
    """The forms a typed string could take in a URL, a body or storage."""
    forms = {text, quote(text), quote_plus(text), json.dumps(text, ensure_ascii=True)[1:-1]}
    return forms | {word for word in text.split() if word.startswith("Zqx")}


def leaks(haystack: str) -> list[str]:
    return sorted({form for text in TYPED.values() for form in traces(text)
                   if form.lower() in haystack.lower()})


@pytest.mark.python
def test_the_letter_text_never_leaves_the_browser(browser, site_url):
    context = new_context(browser, python=True)
    page = context.new_page()
    sent: list[tuple[str, str]] = []
    # The context sees the requests of workers too (Pyodide runs in one).
    context.on("request", lambda request: sent.append(
        (request.url, request.post_data_buffer.decode("utf-8", "replace")
         if request.post_data_buffer else "")))
    try:
        page.goto(f"{site_url}beslutsstod/inkommen-inbjudan/"
                  "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja")
        page.wait_for_selector(READY)
        page.wait_for_selector('[data-role="result"] #svarsbrev-var-verksamhet')
        before = len(sent)
        for selector, text in TYPED.items():
            page.fill(selector, text)
        page.click('[data-action="write-letter"]')
        letter = page.locator('[data-role="result"] [data-role="letter-text"]')
        letter.wait_for()
        text = letter.inner_text()
        for typed in TYPED.values():
            assert typed in text
        # A request of our own as a barrier: the requests the page made before it have
        # all been recorded once its event arrives.
        with context.expect_event("request", lambda r: r.url.endswith("?barriar")):
            page.evaluate("fetch(location.pathname + '?barriar')")

        after = sent[before:]
        assert [(url, body) for url, body in after if leaks(url) or leaks(body)] == []
        assert leaks(page.url) == []
        storage = page.evaluate("""() => JSON.stringify({
            local: Object.entries(localStorage), session: Object.entries(sessionStorage),
            cookie: document.cookie })""")
        assert leaks(storage) == []
        assert leaks(json.dumps(context.cookies(), ensure_ascii=False)) == []
        assert context.cookies() == []
    finally:
        context.close()
