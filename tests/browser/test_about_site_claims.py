"""What Om webbplatsen says the site keeps in the browser, measured in Chromium: no
cookies, nothing in session storage, and in local storage only the colour scheme that
the theme (Material) writes on every page load.

(Cache Storage and the service worker – offline use by the reader's choice – are tested
with the offline buttons; this context blocks the service worker, as ``new_context``
does for every test that is not about it.)
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import new_context

#: Material's key for the palette, prefixed with the site's scope ("/" on this server)
PALETTE_KEY = re.compile(r"^/?\.?__palette$")


def test_a_first_visit_keeps_no_cookie_and_only_the_colour_scheme(browser, site_url):
    context = new_context(browser)
    page = context.new_page()
    try:
        for path in ("", "om-webbplatsen/", "ordlista/"):
            page.goto(f"{site_url}{path}")
            expect(page.locator("h1").first).to_be_visible()
        local = page.evaluate("() => Object.keys(localStorage)")
        session = page.evaluate("() => Object.keys(sessionStorage)")
        assert [key for key in local if not PALETTE_KEY.match(key)] == []
        assert session == []
        assert context.cookies() == []
    finally:
        context.close()
