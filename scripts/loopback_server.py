"""The loopback server both benchmark scripts measure against: the built site's static
files, compressed and cached as the shipped nginx snippet serves them, with a record of
the bytes sent for each request (so the scripts can say what a reader downloads)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from typing import ClassVar

from site_config.deploy.precompress import COMPRESSIBLE, MIN_SIZE


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A folder's files, without a log line per request, and without a traceback when
    the browser closes a connection while a file is on its way (a test or a benchmark
    closing its page): every loopback server of the tests and scripts."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


class Handler(QuietHandler):
    """Static files as the shipped nginx config sends them (with ``--brotli``): the build's
    ``<file>.br`` or ``<file>.gz`` copy to a browser that accepts it (brotli_static,
    gzip_static), other text compressed at nginx's
    default level 1, long cache lifetimes for assets; records (path, raw bytes, bytes
    sent) per request."""

    sent: ClassVar[list[tuple[str, int, int]]] = []

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        raw = path.read_bytes()
        body = raw
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        accepted = self.headers.get("Accept-Encoding", "")
        encoding = None
        brotli_copy = path.with_name(path.name + ".br")
        if "br" in accepted and brotli_copy.is_file():  # brotli_static on
            body, encoding = brotli_copy.read_bytes(), "br"
        elif "gzip" in accepted:
            packed = path.with_name(path.name + ".gz")
            if packed.is_file():
                body = packed.read_bytes()
            elif path.suffix in COMPRESSIBLE and len(raw) >= MIN_SIZE:
                body = gzip.compress(raw, 1)
            encoding = "gzip" if body is not raw else None
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=31536000, immutable"
                         if "/assets/" in self.path else "no-cache")
        self.end_headers()
        Handler.sent.append((self.path, len(raw), len(body)))
        return io.BytesIO(body)


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on a free loopback port: its base URL and the server."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
