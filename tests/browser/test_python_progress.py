"""The progress line while Python loads names the stage it has really reached (#33): it
says "hämtar X MB av Y MB" while Python's files are still coming (not "startar", as it
did while still downloading), with a time left worked out from the rate measured in the
page, then "startar Python", then "Klart".

The line is slowed by a server that sends Python's two large files at a fixed rate
(CDP's network throttling does not slow a worker's fetches), so the time the rest really
takes can be compared with what the line said.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

#: bytes per second for each of Python's large files (the wasm, the standard library)
RATE = 500_000
CHUNK = 64 * 1024
THROTTLED = re.compile(r"pyodide\.asm\.wasm$|python_stdlib\.[0-9a-f]+\.zip$")
LEFT = re.compile(r"hämtar ([0-9,]+) MB av ([0-9,]+) MB, cirka (\d+) (s|min) kvar")


class _SlowHandler(http.server.SimpleHTTPRequestHandler):
    """Sends Python's large files at ``RATE``, everything else at once."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        if not THROTTLED.search(self.path.split("?")[0]):
            shutil.copyfileobj(source, outputfile)
            return
        while chunk := source.read(CHUNK):
            outputfile.write(chunk)
            time.sleep(len(chunk) / RATE)  # the line's speed, not a wait in the test


@pytest.fixture
def slow_url(site_dir: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SlowHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _seconds(number: str, unit: str) -> float:
    return float(number) * (60 if unit == "min" else 1)


@pytest.mark.python
def test_the_line_says_what_is_fetched_and_an_honest_time_left_then_starts_python(
        page, slow_url):
    page.set_default_timeout(120_000)
    page.goto(f"{slow_url}beslutsstod/inkommen-inbjudan/"
              "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja")
    progress = page.locator('[data-role="result"] [data-role="letter-progress"]')
    # While the files come: the bytes, and once the rate is measured, the time left; read
    # once the smaller file has come and the rate is the wasm's alone.
    expect(progress).to_contain_text(re.compile(r"hämtar ([4-9]|10),\d MB av .* kvar"))
    said = LEFT.search(progress.text_content())
    assert said, progress.text_content()
    told = time.monotonic()
    estimate = _seconds(said[3], said[4])
    assert "startar" not in said[0]
    # The download ends: the line says Python is starting (the files have come).
    expect(progress).to_contain_text("startar Python")
    took = time.monotonic() - told
    # Rounded up to 5 s, from a rate measured over the last 5 s: right within that
    # rounding and a third, never a guess off by a factor.
    assert abs(took - estimate) <= 5 + estimate / 3, \
        f"sade cirka {estimate:.0f} s, tog {took:.1f} s"
    expect(progress).to_have_text("Klart – fyll i fälten och välj ”Skapa brevet”.")
