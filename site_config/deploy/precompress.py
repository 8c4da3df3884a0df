"""Gzip and Brotli copies of the built site's text files and wasm, written once at build
time.

nginx (``gzip_static on`` and, where Debian's ``libnginx-mod-http-brotli-static`` is
loaded, ``brotli_static on`` in ``site_config/deploy/nginx/snippet.conf.in``) sends
``<file>.br`` or ``<file>.gz`` to a browser that accepts it, instead of compressing the
file anew for every request at its default level 1. The Pyodide wasm is 9.6 MB: 4.0 MB at
nginx's gzip level 1, 3.5 MB at level 9, 2.7 MB as Brotli at quality 11, which is what a
reader on a slow line waits for before the letter works (smaller files: quality 9).

Compressing the wasm at Brotli's quality 11 takes about 25 s of one core, so every result
is kept in the user's cache (``~/.cache/kronobarnsmodellen/compressed/``, or under
``$XDG_CACHE_HOME``) under the sha256 of what it compresses and the kind of copy: a build
compresses only what changed, and every clone and worktree of the project on the machine
shares the entries, so Pyodide's wasm is compressed once per machine and Pyodide version,
not once per clone (a machine without a writable home uses the project's ``.cache/``).
An entry no build has used for ``KEEP_UNUSED_DAYS`` is removed. An entry is made by one
process at a time (a lock file beside it): a build that needs an entry another build is
making waits for it instead of making it too (the tests build several sites at once; each
used to spend those 25 s on the same wasm). A build compresses its files on every core,
largest first, so the wasm runs beside everything else.

The copies are reproducible (gzip: no file name, time 0 in the header; Brotli has
neither). A cached copy is used only after it has been unpacked and found equal to its
input (a damaged or altered entry would otherwise ship a copy that nginx sends in place of
the verified file); any other entry is compressed anew and replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gzip
import hashlib
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from site_config import PROJECT_DIR

ROOT = PROJECT_DIR


def _user_cache() -> Path:
    """The cache shared by every clone on the machine (the XDG base directory's cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kronobarnsmodellen" / "compressed"


#: Where a machine has no writable home (a locked-down build server), the project's own.
PROJECT_CACHE = ROOT / ".cache" / "compressed"


@functools.cache
def cache_dir() -> Path:
    """The user's cache if it can be made and written to, else the project's."""
    try:
        cache = _user_cache()
        cache.mkdir(parents=True, exist_ok=True)
        if os.access(cache, os.W_OK):
            return cache
    except (OSError, RuntimeError):  # RuntimeError: Path.home() without a home
        pass
    return PROJECT_CACHE


#: An entry no build has read or written for this many days is removed by the next build:
#: the pages' copies change with every edit, and the cache outlives every clone.
KEEP_UNUSED_DAYS = 30
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


def _cached(entry: Path, data: bytes, encoding: Encoding) -> bytes | None:
    """The cache's copy of ``data`` at ``entry``, if there is one and it unpacks to ``data``."""
    try:
        packed = entry.read_bytes()
    except OSError:
        return None
    if not encoding.unpacks_to(packed, data):
        return None
    # Marked used, so prune keeps it; gone meanwhile (another build's prune) does not
    # matter, its bytes are read and sound.
    with contextlib.suppress(OSError):
        os.utime(entry)
    return packed


def prune(cache: Path, days: float = KEEP_UNUSED_DAYS) -> int:
    """Remove the entries (and their lock files) no build has used for ``days``; returns
    how many. A build reading an entry marks it used, so what any clone still builds
    stays."""
    cutoff = time.time() - days * 86_400
    removed = 0
    for entry in cache.glob("*"):
        try:
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except OSError:
            continue  # removed meanwhile by another build
    return removed


def compressed(data: bytes, encoding: Encoding = GZIP, cache: Path | None = None) -> bytes:
    """``data`` compressed by ``encoding``, from the cache when it was compressed before
    and the cached copy unpacks to ``data``; otherwise made under the entry's lock, so
    that a build needing the same entry meanwhile waits and then reads it."""
    cache = cache or cache_dir()
    entry = cache / f"{hashlib.sha256(data).hexdigest()}{encoding.suffix}"
    packed = _cached(entry, data, encoding)
    if packed is not None:
        return packed
    cache.mkdir(parents=True, exist_ok=True)
    with open(entry.with_name(entry.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        packed = _cached(entry, data, encoding)  # made while this build waited
        if packed is None:
            packed = encoding.compress(data)
            # Written beside and renamed, so a reader without the lock never reads half.
            with tempfile.NamedTemporaryFile(dir=cache, delete=False) as part:
                part.write(packed)
            os.replace(part.name, entry)
    return packed


def _is_copy(path: Path) -> bool:
    return (path.suffix in {encoding.suffix for encoding in ENCODINGS}
            and path.with_suffix("").suffix in COMPRESSIBLE)


def _copy(data: bytes, encoding: Encoding, cache: Path) -> bytes:
    """The copy of one file, or nothing for a file too small to gain."""
    return compressed(data, encoding, cache) if len(data) >= MIN_SIZE else b""


def _compress_all(jobs: list[tuple[Path, bytes, Encoding]], cache: Path
                  ) -> dict[tuple[Path, Encoding], Future[bytes]]:
    """Each job's copy (``_copy``), made on every core, the largest file first. zlib and
    Brotli let go of the GIL while they work, so the wasm's 25 s of Brotli runs beside
    everything else instead of before or after it."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return {(path, encoding): pool.submit(_copy, data, encoding, cache)
                for path, data, encoding in sorted(jobs, key=lambda job: -len(job[1]))}


def write_compressed_copies(site_dir: Path, cache: Path | None = None) -> int:
    """Write ``<file>.gz`` and ``<file>.br`` beside every compressible file of the site
    that gets smaller; remove a copy whose file is gone or no longer gains. Returns how
    many copies were written."""
    cache = cache or cache_dir()
    files: list[tuple[Path, bytes]] = []
    for path in sorted(site_dir.rglob("*")):
        if _is_copy(path):
            if not path.with_suffix("").is_file():
                path.unlink()
            continue
        if path.suffix in COMPRESSIBLE and path.is_file():
            files.append((path, path.read_bytes()))
    jobs = [(path, data, encoding) for path, data in files for encoding in ENCODINGS]
    pending = _compress_all(jobs, cache)
    written = 0
    for path, data, encoding in jobs:
        target = path.with_name(path.name + encoding.suffix)
        packed = pending[path, encoding].result()
        if not packed or len(packed) >= len(data):
            target.unlink(missing_ok=True)
            continue
        if not target.is_file() or target.read_bytes() != packed:
            target.write_bytes(packed)
        written += 1
    prune(cache)
    return written


def warm(paths: list[Path], cache: Path | None = None) -> None:
    """Make the cache's copies of ``paths`` ahead of any build. ``scripts/setup.sh`` runs
    this for Pyodide's wasm and module in the background, so that on a machine whose
    cache lacks them their 25 s of Brotli start before the first build (which waits on the
    entry's lock if it comes first) instead of in it."""
    cache = cache or cache_dir()
    jobs = [(path, path.read_bytes(), encoding) for path in paths for encoding in ENCODINGS]
    for made in _compress_all(jobs, cache).values():
        made.result()


if __name__ == "__main__":
    warm([Path(argument) for argument in sys.argv[1:]])
