"""Shared fixtures: the catalog, a built site served on loopback, and real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from decision_logic import Catalog
from decision_logic.toolchain import load_catalog

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def build_site(target: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """Run the real ``mkdocs build --strict`` into ``target``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "--config-file", str(config), "--site-dir", str(target)],
        check=True, cwd=config.parent,
    )
    return target


def content_pages(site_dir: Path) -> list[Path]:
    """Every built ``index.html`` except the redirect pages of old addresses (which send
    the reader on at once; tests/test_redirects.py follows each of them)."""
    from site_config.redirects import load_redirects

    redirected = {site_dir / r.old / "index.html" for r in load_redirects()}
    return sorted(p for p in site_dir.rglob("index.html") if p not in redirected)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served by Python's http.server (right MIME types for .wasm, .mjs)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for the address it is served at, so that Material's instant
    navigation works (it does only there, as in production with SITE_URL set)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    target = tmp_path_factory.mktemp("instant")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(target)], check=True, cwd=ROOT,
                   env={**os.environ, "SITE_URL": url})
    server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(target))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    # A web-first assertion waits for the state it expects; on a busy 2-core machine
    # Python's start can take far longer than Playwright's default of 5 s.
    playwright_api.expect.set_options(timeout=60_000)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} saknas: kör 'make test', som installerar chromium")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page whose every request is recorded in ``page.requests``."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.set_default_timeout(60_000)
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter) -> None:
    """List content whose review date has passed: a reminder, never a failure."""
    import datetime as dt

    from decision_logic.toolchain.governance import overdue_items

    catalog = load_catalog()
    items = [(t.source, t.governance) for t in catalog.tables.values()]
    overdue = overdue_items(items, dt.date.today())
    if overdue:
        terminalreporter.section("Försenade granskningar")
        for line in overdue:
            terminalreporter.write_line(line)
