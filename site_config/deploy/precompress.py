"""Gzip and Brotli copies of the built site's text files and wasm, written once at build
time.

nginx (``gzip_static on`` and, where Debian's ``libnginx-mod-http-brotli-static`` is
loaded, ``brotli_static on`` in ``site_config/deploy/nginx/snippet.conf.in``) sends
``<file>.br`` or ``<file>.gz`` to a browser that accepts it, instead of compressing the
file anew for every request at its default level 1. The Pyodide wasm is 9.6 MB: 4.0 MB at
nginx's gzip level 1, 3.5 MB at level 9, 2.7 MB as Brotli at quality 11, which is what a
reader on a slow line waits for before the letter works (smaller files: quality 9).

Compressing the wasm at Brotli's quality 11 takes about half a minute, so every result is
kept in ``.cache/gzip/`` under the sha256 of what it compresses and the kind of copy: a
build compresses only what changed. The copies are reproducible (gzip: no file name, time
0 in the header; Brotli has neither). A cached copy is used only after it has been
unpacked and found equal to its input (a damaged or altered entry would otherwise ship a
copy that nginx sends in place of the verified file); any other entry is compressed anew
and replaced.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli

from site_config import PROJECT_DIR

ROOT = PROJECT_DIR
CACHE = ROOT / ".cache" / "gzip"
#: The kinds nginx compresses (its gzip_types, by suffix); the rest (python_stdlib.<hash>.zip,
#: the wheel, images, sitemap.xml.gz) is compressed already.
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".xml",
                          ".txt"})
#: Smaller files gain less than a packet; nginx compresses from 256 bytes (gzip_min_length).
MIN_SIZE = 256


def _gunzips_to(packed: bytes, data: bytes) -> bool:
    """Whether ``packed`` is one gzip member that unpacks to exactly ``data``. Unpacks at
    most one byte more than ``data``, so an altered entry cannot balloon in memory."""
    unpacker = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
    try:
        unpacked = unpacker.decompress(packed, len(data) + 1)
    except zlib.error:
        return False
    return unpacked == data and unpacker.eof and not unpacker.unused_data


def _unbrotlis_to(packed: bytes, data: bytes) -> bool:
    """Whether ``packed`` is one Brotli stream that unpacks to exactly ``data``, with the
    same bound on memory as for gzip."""
    unpacker = brotli.Decompressor()
    try:
        unpacked = unpacker.process(packed, output_buffer_limit=len(data) + 1)
    except brotli.error:
        return False
    return unpacked == data and unpacker.is_finished()


@dataclass(frozen=True)
class Encoding:
    """One kind of copy: its suffix (nginx's ``*_static`` looks for it), how it is made at
    the highest level, and how a copy is checked against its input."""

    suffix: str
    compress: Callable[[bytes], bytes]
    unpacks_to: Callable[[bytes, bytes], bool]


#: From this size Brotli's slowest, best quality pays: the wasm (2.7 MB at 11, 3.1 MB at
#: 9) and Pyodide's 1.25 MB module, kept for a year. The pages change with every build and
#: gain about 10 % more at 11 than at 9 for six times the work.
BROTLI_BEST_FROM = 1_000_000


def _brotli(data: bytes) -> bytes:
    return brotli.compress(data, quality=11 if len(data) >= BROTLI_BEST_FROM else 9)


GZIP = Encoding(".gz", lambda data: gzip.compress(data, compresslevel=9, mtime=0),
                _gunzips_to)
BROTLI = Encoding(".br", _brotli, _unbrotlis_to)
ENCODINGS = (GZIP, BROTLI)


def compressed(data: bytes, encoding: Encoding = GZIP, cache: Path = CACHE) -> bytes:
    """``data`` compressed by ``encoding``, from the cache when it was compressed before
    and the cached copy unpacks to ``data``."""
    cached = cache / f"{hashlib.sha256(data).hexdigest()}{encoding.suffix}"
    try:
        packed = cached.read_bytes()
    except OSError:
        pass
    else:
        if encoding.unpacks_to(packed, data):
            return packed
    packed = encoding.compress(data)
    cache.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so a build running at the same time never reads half.
    with tempfile.NamedTemporaryFile(dir=cache, delete=False) as part:
        part.write(packed)
    os.replace(part.name, cached)
    return packed


def _is_copy(path: Path) -> bool:
    return (path.suffix in {encoding.suffix for encoding in ENCODINGS}
            and path.with_suffix("").suffix in COMPRESSIBLE)


def write_compressed_copies(site_dir: Path, cache: Path = CACHE) -> int:
    """Write ``<file>.gz`` and ``<file>.br`` beside every compressible file of the site
    that gets smaller; remove a copy whose file is gone or no longer gains. Returns how
    many copies were written."""
    written = 0
    for path in sorted(site_dir.rglob("*")):
        if _is_copy(path):
            if not path.with_suffix("").is_file():
                path.unlink()
            continue
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        for encoding in ENCODINGS:
            target = path.with_name(path.name + encoding.suffix)
            packed = compressed(data, encoding, cache) if len(data) >= MIN_SIZE else b""
            if not packed or len(packed) >= len(data):
                target.unlink(missing_ok=True)
                continue
            if not target.is_file() or target.read_bytes() != packed:
                target.write_bytes(packed)
            written += 1
    return written
