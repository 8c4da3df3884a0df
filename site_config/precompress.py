"""Gzip copies of the built site's text files and wasm, written once at build time.

nginx (``gzip_static on`` in ``site_config/nginx/snippet.conf.in``) sends ``<file>.gz`` to a
browser that accepts gzip, instead of compressing the file anew for every request at its
default level 1. At level 9 the Pyodide wasm is 3.5 MB instead of 4.0 MB: about 2.5 s less
at the "Slow 4G" profile before Python is ready, and no compression work on the server.

Compressing the 9.6 MB wasm at level 9 takes about a second, so every result is kept in
``.cache/gzip/`` under the sha256 of what it compresses: a build compresses only what
changed. The copies are reproducible (no file name, time 0 in the gzip header). A cached
copy is used only after it has been unpacked and found equal to its input (a damaged or
altered entry would otherwise ship a ``.gz`` that nginx sends in place of the verified
file); any other entry is compressed anew and replaced.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "gzip"
#: The kinds nginx compresses (its gzip_types, by suffix); the rest (python_stdlib.kb.zip,
#: the wheel, images, sitemap.xml.gz) is compressed already.
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".xml",
                          ".txt"})
#: Smaller files gain less than a packet; nginx compresses from 256 bytes (gzip_min_length).
MIN_SIZE = 256


def unpacks_to(packed: bytes, data: bytes) -> bool:
    """Whether ``packed`` is one gzip member that unpacks to exactly ``data``. Unpacks at
    most one byte more than ``data``, so an altered entry cannot balloon in memory."""
    unpacker = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
    try:
        unpacked = unpacker.decompress(packed, len(data) + 1)
    except zlib.error:
        return False
    return unpacked == data and unpacker.eof and not unpacker.unused_data


def gzipped(data: bytes, cache: Path = CACHE) -> bytes:
    """``data`` gzipped at level 9, from the cache when it was compressed before and the
    cached copy unpacks to ``data``."""
    cached = cache / f"{hashlib.sha256(data).hexdigest()}.gz"
    try:
        packed = cached.read_bytes()
    except OSError:
        pass
    else:
        if unpacks_to(packed, data):
            return packed
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    cache.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so a build running at the same time never reads half.
    with tempfile.NamedTemporaryFile(dir=cache, delete=False) as part:
        part.write(packed)
    os.replace(part.name, cached)
    return packed


def write_gzip_copies(site_dir: Path, cache: Path = CACHE) -> int:
    """Write ``<file>.gz`` beside every compressible file of the site that gets smaller;
    remove a ``.gz`` whose file is gone or no longer gains. Returns how many were written."""
    written = 0
    for path in sorted(site_dir.rglob("*")):
        if path.suffix == ".gz" and path.with_suffix("").suffix in COMPRESSIBLE:
            if not path.with_suffix("").is_file():
                path.unlink()
            continue
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        target = path.with_name(path.name + ".gz")
        data = path.read_bytes()
        packed = gzipped(data, cache) if len(data) >= MIN_SIZE else b""
        if not packed or len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        if not target.is_file() or target.read_bytes() != packed:
            target.write_bytes(packed)
        written += 1
    return written

