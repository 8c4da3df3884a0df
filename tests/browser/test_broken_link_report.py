"""The 404 page's "Rapportera en trasig länk" in Chromium: its mail's subject names the
address that was asked for – origin and path, without the query (a widget's answers)
or the fragment – and nothing else.

The page is served as a web server serves it: at whatever address was asked for, with
status 404. The site is built for mkdocs.yml's default address, so every request to it
is answered here from the built files (Playwright's routing; nothing listens there).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.conftest import ROOT, new_context

#: the address the test build's 404 page takes its links from (mkdocs.yml's default)
BUILT_FOR = "http://127.0.0.1:8000/"
ADDRESS = re.search(r"report_error_address: (\S+)",
                    (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[1]


def serve_like_a_web_server(context, site_dir: Path) -> None:
    def answer(route) -> None:
        path = urlsplit(route.request.url).path.lstrip("/")
        target = site_dir / path
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, path=site_dir / "404.html")

    context.route(re.compile(rf"^{re.escape(BUILT_FOR)}"), answer)


def test_the_broken_link_report_names_the_address_without_its_answers(browser, site_dir):
    context = new_context(browser)
    serve_like_a_web_server(context, site_dir)
    page = context.new_page()
    try:
        response = page.goto(f"{BUILT_FOR}beslutsstod/ansvarg/?skede=skola#utfall")
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Sidan finns inte")
        link = page.get_by_role("link", name="Rapportera en trasig länk")
        # broken-link.js has put the address in (before it runs the subject is plain).
        expect(link).to_have_attribute("href", re.compile(r"subject=Trasig%20l%C3%A4nk%3A"))
        href = link.get_attribute("href")
        mail = urlsplit(href)
        assert (mail.scheme, mail.path) == ("mailto", ADDRESS)
        assert parse_qs(mail.query) == {
            "subject": [f"Trasig länk: {BUILT_FOR}beslutsstod/ansvarg/"]}
        assert "skede" not in href and "skola" not in href and "utfall" not in href
    finally:
        context.close()
