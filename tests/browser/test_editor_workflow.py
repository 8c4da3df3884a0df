"""The widget of a site built from an edited table gives the changed answer in Chromium."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from scripts.loopback_server import QuietHandler
from tests.conftest import new_context


@pytest.mark.python
def test_the_widget_gives_the_changed_answer(edited_site, browser):
    handler = functools.partial(QuietHandler, directory=str(edited_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = new_context(browser, python=True)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/beslutsstod/ansvarig/"
                  "?skede=skola")
        page.wait_for_selector('form[data-widget][data-state="ready"]')
        assert page.get_attribute('[data-role="result"]', "data-outcome") == "kaa"
    finally:
        context.close()
        server.shutdown()
        server.server_close()

