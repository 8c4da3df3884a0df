"""Shared fixtures (the catalog, a built site served on loopback, real Chromium) and the
test tiers.

The tiers are folders, and the folder is the marker: ``tests/unit/`` (Python only, no
build), ``tests/site/`` (builds the site and reads the files), ``tests/browser/`` (real
Chromium or nginx against the built site). ``make check`` runs the first two;
``-m browser`` picks the last.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from decision_logic import Catalog
from decision_logic.toolchain import load_catalog

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
#: the folders under tests/ that hold tests, each also the marker of its tests
TIERS = ("unit", "site", "browser")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def printed_letter_alone(printed: str) -> str:
    """The printed sheet of a letter, whitespace folded, checked to carry no line of the
    site's: the recipient's copy has no status of the template ("Utkast …", "Fastställd
    …"), no "Utskriven …" footer and no page number (the writer sees the page's status
    above the form; README, Letters). Fails if any of them is printed."""
    import yaml

    ui = yaml.safe_load((ROOT / "site_config" / "ui.yaml").read_text(encoding="utf-8"))
    governance = ui["text"]["governance"]
    text = " ".join(printed.split())
    site_lines = [governance["draft"], governance["changed"].split("{")[0],
                  governance["approved"].split("{")[0], "Utskriven ", "Mallen från webbplatsen",
                  "kontrollera aktuell version", "Sida 1 av"]
    for line in site_lines:
        assert line.strip() not in text, f"the site's line {line!r} on the letter: {text!r}"
    return text


#: an A4 sheet in PDF points
A4_POINTS = (595.3, 841.9)


def print_letter_alone(page, printed, name: str) -> str:
    """What one A4 sheet shows when ``printed`` (a written letter's output or a letter's
    template) prints as its "Skriv ut" button prints it (widget.js and print.js), without
    the print dialog, then back to the screen; fails unless it is exactly one A4 sheet.
    ``KB_LETTER_PDFS=/tmp/brev`` keeps the PDF there as ``<name>.pdf``, to look at."""
    import io

    from pypdf import PdfReader

    printed.evaluate("""(element) => {
        element.dataset.printing = "";
        document.body.classList.add("kb-print-letter");
        window.dispatchEvent(new Event("beforeprint"));
    }""")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    if os.environ.get("KB_LETTER_PDFS"):
        Path(os.environ["KB_LETTER_PDFS"], f"{name}.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    printed.evaluate("""(element) => {
        document.body.classList.remove("kb-print-letter");
        delete element.dataset.printing;
    }""")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{name}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4_POINTS[0]) < 2
    assert abs(float(box.height) - A4_POINTS[1]) < 2
    return " ".join(reader.pages[0].extract_text().split())


#: the answers that lead to the referral (hanvisa) and its reply letter, svarsbrev
REPLY_LETTER_QUERY = "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja"


def write_reply_letter(page):
    """On the received-invitation page at ``REPLY_LETTER_QUERY``, once Python is ready:
    the reply letter filled in with fixtures and written. Returns its text's locator."""
    page.wait_for_selector('form[data-widget][data-state="ready"]')
    page.fill("#svarsbrev-var-verksamhet", "Exempelverksamheten")
    page.fill("#svarsbrev-berord", "barnet")
    page.fill("#svarsbrev-vidare-till", "Exempelmottagningen")
    page.click('[data-letter="svarsbrev"] [data-action="write-letter"]')
    return page.locator('[data-letter="svarsbrev"] [data-role="letter-text"]')


def shipped_stdlib(site_dir: Path) -> Path:
    """The build's trimmed standard library, the one archive beside Pyodide's files; its
    name carries its content hash (site_config/browser_assets.py)."""
    (stdlib,) = site_dir.glob("assets/pyodide/*/python_stdlib.*.zip")
    return stdlib


def wait_for_async(page, predicate: str, timeout: float = 60_000) -> None:
    """Wait until the page's async ``predicate`` (the source of an async function)
    resolves truthy. Playwright's wait_for_function does not await a returned promise
    (any promise is truthy, so it would return at once): here the check runs in the page,
    one run at a time, and what it last resolved to is what is polled."""
    key = json.dumps(predicate)
    page.wait_for_function(f"""() => {{
        const state = (window.__kbWaitFor ??= {{}});
        const entry = (state[{key}] ??= {{ busy: false, value: false }});
        if (!entry.busy) {{
          entry.busy = true;
          ({predicate})().then(
            (value) => {{ entry.value = value; entry.busy = false; }},
            () => {{ entry.busy = false; }});
        }}
        return entry.value;
    }}""", timeout=timeout)


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
    the reader on at once; tests/browser/test_redirects.py follows each of them)."""
    from site_config.manifest import load_manifest

    redirected = {site_dir / r.old / "index.html" for r in load_manifest().redirects}
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


#: what a copy of the project needs to build its site (node_modules is linked, not copied)
COPIED = ["decision_logic", "site_config", "docs", "mkdocs.yml", "pyproject.toml",
          "package.json", "README.md"]


def copy_project(target: Path) -> Path:
    """A copy of the project in ``target`` that builds on its own, for tests that edit
    content the way an editor would and then build."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    # The gzip copies are cached by content, so a copy can share them (site_config/precompress).
    (ROOT / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(ROOT / ".cache")
    return target


def build_copy(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of a copied project, its own code first on the path; the
    output is kept, since these tests read what an editor would see."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
         str(project / "site")], cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"},
        timeout=300)


def send_school_to_kaa(project: Path) -> Path:
    """The editor's one-row change in a copied project: school → kaa in ansvarig.yaml."""
    table = project / "decision_logic" / "tables" / "ansvarig.yaml"
    text = table.read_text(encoding="utf-8")
    row = "  - when: {skede: skola}\n    outcome: rektor-skolan\n"
    assert row in text
    table.write_text(text.replace(row, "  - when: {skede: skola}\n    outcome: kaa\n"),
                     encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with one row of ansvarig.yaml changed (school → kaa) and
    its site built, as an editor following the README would (tests/site/ and
    tests/browser/test_editor_workflow.py)."""
    copy = send_school_to_kaa(copy_project(tmp_path_factory.mktemp("project")))
    # The editor's check notices that the school outcome is now used by no row.
    check = subprocess.run([sys.executable, "-m", "decision_logic", "check",
                            str(copy / "decision_logic")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(copy)}, check=False)
    assert check.returncode == 1
    assert "Utfallet 'rektor-skolan' kan aldrig nås" in check.stdout
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                    str(copy / "site")], cwd=copy, check=True,
                   env={**os.environ, "PYTHONPATH": str(copy)})
    return copy / "site"


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


def new_context(browser, **options):
    """A fresh browser context in which the site's service worker is not registered.

    In a fresh context the worker (site_config/offline/sw.js) installs and stores the
    whole site and Pyodide's 10 MB in the background: for a test of something else that
    is background work and nothing it checks (the whole browser tier was not measurably
    faster for it on 2 cores, 2026-12-03; kept for the tests' isolation). The
    worker is tested on its own, with contexts that let it run: tests/browser/
    test_offline.py, the offline test in test_nginx.py (its ``csp_page``) and
    test_no_outside_requests.py (whose claim includes the workers' requests)."""
    return browser.new_context(service_workers="block", **options)


@pytest.fixture
def page(browser, site_url):
    """A fresh page, without the service worker (see ``new_context``), whose every
    request is recorded in ``page.requests``."""
    context = new_context(browser)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.set_default_timeout(60_000)
    yield page
    context.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier, the folder it lives in; a test outside the tiers is
    an error, so no test escapes ``make check`` or ``-m browser`` by being misplaced."""
    for item in items:
        tier = item.path.relative_to(TESTS).parts[0]
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: testet ska ligga i tests/unit/, "
                                    "tests/site/ eller tests/browser/")
        item.add_marker(getattr(pytest.mark, tier))


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
