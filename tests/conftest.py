"""Shared fixtures (the catalog, a built site served on loopback, real Chromium) and the
test tiers.

The tiers are folders, and the folder is the marker: ``tests/unit/`` (Python only, no
build), ``tests/site/`` (builds the site and reads the files), ``tests/browser/`` (real
Chromium or nginx against the built site). ``make check`` runs the first two;
``-m browser`` picks the last.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from decision_logic import Catalog
from decision_logic.toolchain import load_catalog
from scripts.loopback_server import QuietHandler

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


#: Runs in a widget page: asks the runtime serving the page (through the widget's own
#: module) each request in turn, and returns Python's replies.
ASK_PYTHON_JS = """async (requests) => {
    const form = document.querySelector("form[data-widget]");
    const url = new URL(form.dataset.worker, location.href);
    const module = await import(new URL("runtime.js", url));
    const runtime = module.startRuntime(form);
    const replies = [];
    for (const request of requests) replies.push(await runtime.call("answer", request));
    return replies;
}"""


def ask_python(page, requests: list[dict]) -> list[dict]:
    """What Python in ``page`` (a widget page of a test marked ``python``) answers to each
    ``{"table": …, "answers": …}``. Each reply comes after any the widget itself is waiting
    for (the worker answers in order), and that one has been drawn by then."""
    return page.evaluate(ASK_PYTHON_JS, requests)


def shipped_stdlib(site_dir: Path) -> Path:
    """The build's trimmed standard library, the one archive beside Pyodide's files; its
    name carries its content hash (site_config/browser/assets.py)."""
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


def build_site(target: Path, project: Path = ROOT, url: str | None = None) -> Path:
    """Run the real ``mkdocs build --strict`` of ``project`` (its own code first on the
    path) into ``target``; with ``url``, for the address it will be served at
    (``SITE_URL``: Material's instant navigation works only there)."""
    env = {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}
    if url:
        env["SITE_URL"] = url
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(target)], check=True, cwd=project, env=env)
    return target


def content_pages(site_dir: Path) -> list[Path]:
    """Every built ``index.html`` except the redirect pages of old addresses (which send
    the reader on at once; tests/browser/test_redirects.py follows each of them)."""
    from site_config.content.manifest import load_manifest

    redirected = {site_dir / r.old / "index.html" for r in load_manifest().redirects}
    return sorted(p for p in site_dir.rglob("index.html") if p not in redirected)


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str,
              make: Callable[[Path], object]) -> Path:
    """``name`` in the run's temporary folder, made by ``make(folder)`` once per run: under
    pytest-xdist the first worker to ask makes it (the others wait for its lock) and every
    worker reads the same files. For what tests only read, such as a built site."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all workers of this run share
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per run (read only: a test that edits makes its own copy)."""
    return made_once(tmp_path_factory, "site", build_site)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served by Python's http.server (right MIME types for .wasm, .mjs)."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _NoCacheHandler(QuietHandler):
    """Every file revalidated, as nginx serves HTML: what a redeploy must get past. While
    ``pages_go`` (an Event of the served site, if it has one) is clear, pages are held
    back: a slow server."""

    pages_go: threading.Event | None = None

    def do_GET(self) -> None:
        if self.pages_go is not None and not self.pages_go.is_set() \
                and self.path.endswith("/"):
            self.pages_go.wait(60)
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@contextlib.contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
            ) -> Iterator[tuple[str, Path]]:
    """A loopback server on a free port for a folder not yet built: its address (to build
    for) and the folder, which may be replaced while it serves."""
    with tempfile.TemporaryDirectory(prefix="kb-served-") as parent:
        folder = Path(parent) / "www"
        folder.mkdir()
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", folder
        finally:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for the address it is served at, so that Material's instant
    navigation works (it does only there, as in production with SITE_URL set)."""
    with serving() as (url, folder):
        build_site(folder, url=url)
        yield url


@dataclass
class Deployment:
    """A site served at a fixed address into which a test deploys one of two builds
    made once per run for that address: the project as it is, and the project with the
    editor's one-row change (``send_school_to_kaa``), as a redeploy under an open page."""

    url: str
    folder: Path
    builds: Path
    #: set: pages are served at once; cleared: held back until set (a slow server)
    pages_go: threading.Event

    def deploy(self, edited: bool = False) -> None:
        """Replace what is served with a copy (hard links) of one build, as a deploy
        would; the edited build is made on its first use. Pages are served at once again.
        A test that changes a served file replaces it (unlink, then write): the copy
        shares its files with the build."""
        self.pages_go.set()
        build = self.builds / ("edited" if edited else "original")
        if not build.exists():
            project = send_school_to_kaa(copy_project(self.builds / "project"))
            build_site(build, project, self.url)
        fresh = self.folder.with_name(self.folder.name + "-new")
        shutil.copytree(build, fresh, copy_function=os.link)
        shutil.rmtree(self.folder)
        fresh.rename(self.folder)


@pytest.fixture(scope="session")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """The one server of the redeploy and offline tests, every file revalidated (as nginx
    serves HTML); each test deploys what it starts from (``Deployment.deploy``)."""
    builds = tmp_path_factory.mktemp("deployment")
    pages_go = threading.Event()
    pages_go.set()
    handler = type("DeploymentHandler", (_NoCacheHandler,), {"pages_go": pages_go})
    with serving(handler) as (url, folder):
        build_site(builds / "original", url=url)
        yield Deployment(url, folder, builds, pages_go)
        pages_go.set()


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
    def make(folder: Path) -> None:
        copy = send_school_to_kaa(copy_project(folder))
        # The editor's check notices that the school outcome is now used by no row.
        check = subprocess.run([sys.executable, "-m", "site_config", "check",
                                str(copy / "decision_logic")], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(copy)}, check=False)
        assert check.returncode == 1
        assert "Utfallet 'rektor-skolan' kan aldrig nås" in check.stdout
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                        str(copy / "site")], cwd=copy, check=True,
                       env={**os.environ, "PYTHONPATH": str(copy)})

    return made_once(tmp_path_factory, "edited-project", make) / "site"


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


#: What a test without Python gets instead of the Python worker (docs/assets/widget/
#: worker.mjs), set up in every page of the context before the page's own scripts: asked
#: for that script, the page's ``Worker`` gives a worker that takes messages and never
#: answers (and counts it in ``__kbPythonHeld``). The page's runtime waits for a start that
#: never comes, so every widget and exercise stays in its loading state (what a reader sees
#: while Python is on its way), answering from the build-time snapshot. Every other worker
#: (Material's search) is the browser's own. A script in the page, not a route: a route
#: sends every request of the context through Playwright, which cost about a fifth of
#: each page load's CPU in every test. ``fail_python_start`` lets the worker be asked for
#: for real, to fail.
HOLD_PYTHON_JS = """(() => {
  // tests/conftest.py: Python is held back in this test.
  const Real = globalThis.Worker;
  if (typeof Real !== "function") return;
  const isPython = (url) =>
    new URL(String(url), location.href).pathname.endsWith("/assets/widget/worker.mjs");
  class HeldBack extends EventTarget {
    postMessage() {}
    terminate() {}
  }
  globalThis.__kbPythonHeld = 0;
  globalThis.Worker = new Proxy(Real, {
    construct(target, args) {
      if (!isPython(args[0]) || globalThis.__kbPythonFails) return Reflect.construct(target, args);
      globalThis.__kbPythonHeld += 1;
      return new HeldBack();
    },
  });
})();"""
#: The marker of a browser test that needs Python running in the page.
PYTHON_MARKER = "python"


def hold_python_back(context) -> None:
    """Give every page of ``context`` the idle worker instead of the Python worker."""
    context.add_init_script(HOLD_PYTHON_JS)


def fail_python_start(page) -> None:
    """In a test that holds Python back: the page asks for the Python worker for real, and
    its script cannot be fetched (the request aborted), so the start fails at once."""
    page.add_init_script("globalThis.__kbPythonFails = true;")
    page.route("**/assets/widget/worker.mjs", lambda route: route.abort())


def new_context(browser, *, python: bool = False, service_worker: bool = False, **options):
    """A fresh browser context for a test: by default without Python and without the
    site's service worker; ``options`` go to Playwright's ``new_context``.

    Python (a Pyodide start costs 4–6 s of CPU on this machine) runs only where the test
    asks for it with ``python=True``; elsewhere the Python worker is held back
    (``hold_python_back``), and the widgets answer from the build-time snapshot, as they
    do for a reader before Python is ready. A test that waits for
    ``data-state="ready"``, writes a letter or watches Python's confirmation needs it.

    The service worker (site_config/deploy/offline/sw.js) is registered only when the reader
    chooses offline use ("Spara för användning utan uppkoppling"); it then stores the
    whole site and Pyodide's 10 MB. It may run only with ``service_worker=True``: tests/browser/
    test_offline.py, the offline test in test_nginx.py (its ``csp_page``) and
    test_no_outside_requests.py (whose claim includes the workers' requests).
    Playwright's ``service_workers="block"`` replaces ``register()`` with a no-op, so a
    page in such a context is never controlled by a service worker."""
    if not service_worker:
        options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.set_default_timeout(60_000)
    if python:
        count_python_starts(context)
    else:
        hold_python_back(context)
    return context


def count_python_starts(context) -> None:
    """Count each fetch of Pyodide's wasm (a Python start or a snapshot restore) in the
    file named by ``KB_PYTHON_LOG``, one line per fetch with the test's id: how the
    number of starts per run is measured (#30)."""
    log = os.environ.get("KB_PYTHON_LOG")
    if not log:
        return

    def seen(request) -> None:
        if request.url.endswith("/pyodide.asm.wasm"):
            with open(log, "a", encoding="utf-8") as file:
                file.write(f"{os.environ.get('PYTEST_CURRENT_TEST', '?').split(' ')[0]}\n")

    context.on("request", seen)


#: Python's snapshot as the site's worker keeps it (docs/assets/widget/worker.mjs)
SNAPSHOTS = "kb-python-snapshot"
#: Reads the one stored snapshot out of Cache Storage, as base64.
READ_SNAPSHOT_JS = """async (name) => {
    const cache = await caches.open(name);
    const [key] = await cache.keys();
    const bytes = new Uint8Array(await (await cache.match(key)).arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
}"""


@pytest.fixture(scope="session")
def python_snapshot(browser, site_url, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The snapshot of Python's memory, made once per run (by the first xdist worker to
    ask; the others wait and read it) the way a reader's browser makes it: the reader
    chooses "Spara för användning utan uppkoppling", which stores the site and makes and
    stores the snapshot (gzipped). Tests marked ``python`` restore from it instead of
    starting Pyodide (4–6 s of CPU each); a bad snapshot only means the ordinary start (the
    worker's fallback, tests/browser/test_offline.py)."""
    def make(folder: Path) -> None:
        context = new_context(browser, python=True, service_worker=True)
        try:
            page = context.new_page()
            page.goto(f"{site_url}beslutsstod/ansvarig/")
            page.locator('[data-action="offline-on"]').first.click()
            page.wait_for_selector('html[data-kb-offline="all"]', state="attached")
            wait_for_async(page, f"""async () => (await caches.has("{SNAPSHOTS}")) &&
                (await (await caches.open("{SNAPSHOTS}")).keys()).length === 1""")
            (folder / "snapshot.gz").write_bytes(
                base64.b64decode(page.evaluate(READ_SNAPSHOT_JS, SNAPSHOTS)))
        finally:
            context.close()

    return (made_once(tmp_path_factory, "python-snapshot", make) / "snapshot.gz").read_bytes()


def plant_python_snapshot(context, origin: str, snapshot: bytes, stdlib: str) -> None:
    """Store ``snapshot`` in ``context`` for the site at ``origin`` where its Python worker
    looks for one (under the address of the standard library ``stdlib``, a path from the
    site's root), from an empty page of that origin the test never sees."""
    context.route(f"{origin}__kb-test/plant", lambda route: route.fulfill(
        content_type="text/html", body="<!doctype html><title>plant</title>"))
    context.route(f"{origin}__kb-test/snapshot", lambda route: route.fulfill(
        content_type="application/gzip", body=snapshot))
    page = context.new_page()
    page.goto(f"{origin}__kb-test/plant")
    page.evaluate("""async ([name, key]) => {
        const stored = await (await fetch("snapshot")).blob();
        await (await caches.open(name)).put(key, new Response(stored, {
          headers: { "Content-Type": "application/gzip" } }));
    }""", [SNAPSHOTS, f"{origin}{stdlib}?snapshot"])
    page.close()
    # No route left: the test's own requests are not sent through Playwright.
    context.unroute(f"{origin}__kb-test/plant")
    context.unroute(f"{origin}__kb-test/snapshot")


@pytest.fixture
def page(request, browser, site_url, site_dir):
    """A fresh page, without the service worker (see ``new_context``), whose every
    request is recorded in ``page.requests``.

    Python is held back unless the test is marked ``@pytest.mark.python``; then its
    worker restores the run's ``python_snapshot`` (stored for each served site the test
    uses: ``site_url``, ``instant_url``, ``deployment``), unless the start itself is
    under test: ``@pytest.mark.python(start=True)`` starts Pyodide afresh."""
    marker = request.node.get_closest_marker(PYTHON_MARKER)
    context = new_context(browser, python=marker is not None)
    if marker is not None and not marker.kwargs.get("start", False):
        snapshot = request.getfixturevalue("python_snapshot")
        stdlib = shipped_stdlib(site_dir).relative_to(site_dir).as_posix()
        origins = [site_url]
        if "instant_url" in request.fixturenames:
            origins.append(request.getfixturevalue("instant_url"))
        if "deployment" in request.fixturenames:
            origins.append(request.getfixturevalue("deployment").url)
        for origin in origins:
            plant_python_snapshot(context, origin, snapshot, stdlib)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.set_default_timeout(60_000)
    yield page
    context.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier, the folder it lives in; a test outside the tiers is
    an error, so no test escapes ``make check`` or ``-m browser`` by being misplaced.
    The marker ``python`` belongs to browser tests only."""
    for item in items:
        tier = item.path.relative_to(TESTS).parts[0]
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: testet ska ligga i tests/unit/, "
                                    "tests/site/ eller tests/browser/")
        item.add_marker(getattr(pytest.mark, tier))
        if item.get_closest_marker(PYTHON_MARKER) and tier != "browser":
            raise pytest.UsageError(f"{item.nodeid}: markören python gäller bara "
                                    "webbläsartester (tests/browser/)")


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
