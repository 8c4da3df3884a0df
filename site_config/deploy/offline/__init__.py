"""The service worker and the web app manifest, written into the built site.

Why our own worker and not Workbox: ``workbox-build`` would add a bundler toolchain
(rollup, babel, terser: some 200 npm packages) to the build for what is here one list of
files and three small strategies, and the parts this site needs beyond Workbox's
precaching (Pyodide stored only when the page says the reader does not save data, the
"saved version from <date>" notice, pages network-first while hashed files are
store-first, stores of old builds removed) would be our own code around it anyway. The
worker (``sw.js`` here) is about 130 lines and is tested in Chromium
(tests/browser/test_offline.py).

Nothing registers the worker until the reader asks for offline use ("Spara för
användning utan uppkoppling", docs/assets/widget/offline.js): the offer is the marker
``<!-- kb:offline -->`` (``render_offer``) and is drawn after each widget too. It states
what will be stored and how much from the build's own count (``<meta
name="kb-offline-bytes">`` on every page) and the snapshot of Python's memory as measured
(``SNAPSHOT_BYTES``).

The list of files is made from the built site: every page (also the redirect pages of
old addresses), every asset the pages use, the search index and Pyodide's files, with
URLs relative to the site root, so it works under any path prefix. The build's identity
is a hash of every listed file, so a deploy that changes any of them gives ``sw.js`` new
bytes, which is how a browser learns there is a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from site_config.browser.scripts import protocol_object
from site_config.content.protocol import name as protocol_name
from site_config.content.ui import ui
from site_config.render.offline_offer import SIZE_TOKENS, megabytes

HERE = Path(__file__).resolve().parent
SERVICE_WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
BUILD_META = protocol_name("meta", "build")
SIZE_META = protocol_name("meta", "offline_bytes")
#: the snapshot of Python's memory as the reader's browser stores it (gzipped), measured in
#: Chromium with Pyodide 314.0.8 (2026-12-07; tests/browser/test_offline.py checks it
#: against a real one): the build cannot make one, so the offer states it as measured
SNAPSHOT_BYTES = 6_100_000
#: files nobody needs offline: compressed copies, source maps, the server's error pages,
#: and Material's lunr search, which our own search worker replaces (the sitemap stays:
#: instant navigation reads it)
LEFT_OUT = re.compile(
    r"(\.gz|\.br|\.map)$|^(404|414)\.html$|^assets/javascripts/lunr/"
    r"|^assets/javascripts/workers/search\.")
#: URLs that name their content (a version or a hash): kept across deploys
IMMUTABLE = re.compile(r"^assets/beslutsstod/|"
                       r"^assets/(javascripts|stylesheets)/.*\.[0-9a-f]{8}\.min\.(js|css)$")
PYODIDE = re.compile(r"^assets/pyodide/")


def offline_list(site_dir: Path) -> dict[str, object]:
    """What the worker stores, by kind, and the build's identity."""
    site_dir = Path(site_dir)
    pages: list[str] = []
    files: list[str] = []
    immutable: list[str] = []
    pyodide: list[str] = []
    sizes = {"site": 0, "python": 0}
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if LEFT_OUT.search(relative) or relative in (SERVICE_WORKER,):
            continue
        data = path.read_bytes()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
        sizes["python" if PYODIDE.search(relative) else "site"] += len(data)
        if relative.endswith("index.html"):
            pages.append(relative.removesuffix("index.html") or "./")
        elif PYODIDE.search(relative):
            pyodide.append(relative)
        elif IMMUTABLE.search(relative):
            immutable.append(relative)
        else:
            files.append(relative)
    return {"build": digest.hexdigest()[:16], "pages": pages, "files": files,
            "immutable": immutable, "pyodide": pyodide, "bytes": sizes}


def service_worker(listing: dict[str, object]) -> str:
    """``sw.js``: the list of files and the protocol (a classic service worker cannot
    import ``ui.js``), then the worker's code."""
    return ("// Written by the build (site_config/deploy/offline); "
            "edit site_config/deploy/offline/sw.js and site_config/protocol.yaml.\n"
            f"const OFFLINE = {json.dumps(listing, indent=1)};\n"
            f"const PROTOCOL = {protocol_object()};\n\n"
            + (HERE / "sw.js").read_text(encoding="utf-8"))


def web_manifest() -> str:
    """The web app manifest: Swedish, and every address relative to it, so that the
    start page and the scope follow wherever the site is served (``site_url``)."""
    texts = ui().texts["offline"]
    return json.dumps({
        "name": texts["app_name"],
        "short_name": texts["app_short_name"],
        "description": texts["app_description"],
        "lang": "sv",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#3f51b5",
        "icons": [{"src": "assets/images/favicon.png", "sizes": "48x48", "type": "image/png"}],
    }, ensure_ascii=False, indent=1) + "\n"


def mark_pages(site_dir: Path, build: str, sizes: dict[str, int]) -> None:
    """Name the build in every page (``<meta name="kb-build">``): an open page compares
    it with a newly activated worker's build to know that a new version is out. Written
    after the identity was computed from the unmarked pages, so it is stable. Beside it
    what offline use stores, in bytes (``kb-offline-bytes``: the site, Python's files, the
    snapshot), for offline.js, and the same sizes in MB in each offer's sentence."""
    stored = f"{sizes['site']} {sizes['python']} {SNAPSHOT_BYTES}"
    meta = (f'<meta name="{BUILD_META}" content="{build}">'
            f'<meta name="{SIZE_META}" content="{stored}">')
    shown = {**sizes, "snapshot": SNAPSHOT_BYTES}
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if BUILD_META in text or "<head>" not in text:
            continue
        text = text.replace("<head>", "<head>" + meta, 1)
        for name, token in SIZE_TOKENS.items():
            text = text.replace(token, megabytes(shown[name]))
        page.write_text(text, encoding="utf-8")


def write(site_dir: Path) -> None:
    """Write the manifest first (it is listed too), then mark the pages, then the worker."""
    site_dir = Path(site_dir)
    (site_dir / WEB_MANIFEST).write_text(web_manifest(), encoding="utf-8")
    listing = offline_list(site_dir)
    mark_pages(site_dir, str(listing["build"]), listing["bytes"])  # type: ignore[arg-type]
    (site_dir / SERVICE_WORKER).write_text(service_worker(listing), encoding="utf-8")
