"""The build's gzip and Brotli copies: what nginx's gzip_static and brotli_static send
instead of the file."""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import os
import threading
import time
from dataclasses import replace
from pathlib import Path

import brotli
import pytest

from site_config.browser.assets import PYODIDE_FILES
from site_config.deploy import precompress
from site_config.deploy.precompress import (
    BROTLI,
    ENCODINGS,
    GZIP,
    MIN_SIZE,
    compressed,
    write_compressed_copies,
)

TEXT = ("Barnets bästa-ansvarig kallar till möte. " * 40).encode()
UNPACK = {".gz": gzip.decompress, ".br": brotli.decompress}


def make_site(root: Path) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(TEXT)
    (root / "assets" / "app.wasm").write_bytes(TEXT * 3)
    (root / "assets" / "tiny.js").write_bytes(b"x" * (MIN_SIZE - 1))
    (root / "assets" / "stdlib.zip").write_bytes(TEXT)
    (root / "assets" / "logo.png").write_bytes(TEXT)
    return root


def test_each_text_file_and_wasm_gets_copies_that_unpack_to_it(tmp_path):
    site = make_site(tmp_path / "site")
    assert write_compressed_copies(site, tmp_path / "cache") == 4
    for name in ("index.html", "assets/app.wasm"):
        for suffix, unpack in UNPACK.items():
            packed = (site / f"{name}{suffix}").read_bytes()
            assert unpack(packed) == (site / name).read_bytes()
            assert len(packed) < (site / name).stat().st_size
    # Brotli is the smaller copy (what it is there for).
    sizes = {suffix: (site / f"assets/app.wasm{suffix}").stat().st_size for suffix in UNPACK}
    assert sizes[".br"] < sizes[".gz"]
    # Too small to gain, or compressed already: nginx sends them as they are.
    for name in ("assets/tiny.js", "assets/stdlib.zip", "assets/logo.png"):
        for suffix in UNPACK:
            assert not (site / f"{name}{suffix}").exists()


def test_the_copies_are_the_same_in_every_build(tmp_path):
    first = make_site(tmp_path / "a")
    second = make_site(tmp_path / "b")
    write_compressed_copies(first, tmp_path / "cache-a")
    write_compressed_copies(second, tmp_path / "cache-b")
    for suffix in UNPACK:
        assert ((first / f"index.html{suffix}").read_bytes()
                == (second / f"index.html{suffix}").read_bytes())


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.suffix)
def test_a_build_takes_what_was_compressed_before_from_the_cache(tmp_path, encoding):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    write_compressed_copies(site, cache)
    entry = cache / f"{hashlib.sha256(TEXT).hexdigest()}{encoding.suffix}"
    assert entry.read_bytes() == (site / f"index.html{encoding.suffix}").read_bytes()
    # A marked entry (a valid copy at a lower level) shows the next build read the cache
    # instead of compressing again.
    marked = {GZIP: lambda: gzip.compress(TEXT, compresslevel=1, mtime=0),
              BROTLI: lambda: brotli.compress(TEXT, quality=1)}[encoding]()
    entry.write_bytes(marked)
    write_compressed_copies(site, cache)
    assert (site / f"index.html{encoding.suffix}").read_bytes() == marked


def test_a_copy_whose_file_is_gone_or_no_longer_gains_is_removed(tmp_path):
    site = make_site(tmp_path / "site")
    write_compressed_copies(site, tmp_path / "cache")
    (site / "assets" / "app.wasm").unlink()
    (site / "index.html").write_bytes(b"<p>kort</p>")
    write_compressed_copies(site, tmp_path / "cache")
    for suffix in UNPACK:
        assert not (site / "assets" / f"app.wasm{suffix}").exists()
        assert not (site / f"index.html{suffix}").exists()


@pytest.mark.parametrize("encoding", ENCODINGS, ids=lambda e: e.suffix)
def test_a_tampered_cache_entry_is_not_shipped_but_rebuilt(tmp_path, encoding):
    # Before: the entry was used as it was, so the site's .gz unpacked to other bytes
    # than the file it stands for (nginx's gzip_static sends it instead).
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    wasm = (site / "assets" / "app.wasm").read_bytes()
    entry = cache / f"{hashlib.sha256(wasm).hexdigest()}{encoding.suffix}"
    cache.mkdir()
    good = encoding.compress(wasm)
    for tampered in (encoding.compress(b"\0asm other bytes " * 40),  # other content
                     good[:-9],                                      # cut off
                     good + encoding.compress(b"x"),                 # more after the end
                     b"not compressed at all"):
        entry.write_bytes(tampered)
        write_compressed_copies(site, cache)
        unpack = UNPACK[encoding.suffix]
        assert unpack((site / f"assets/app.wasm{encoding.suffix}").read_bytes()) == wasm
        assert unpack(entry.read_bytes()) == wasm  # the cache is mended too


def test_an_entry_another_build_is_making_is_waited_for_not_made_again(tmp_path, monkeypatch):
    # Before: every build compressed what was missing from the cache at once, so the
    # tests' concurrent builds of a fresh clone each spent 25 s on the same wasm.
    cache = tmp_path / "cache"
    cache.mkdir()
    entry = cache / f"{hashlib.sha256(TEXT).hexdigest()}.gz"
    lock_path = entry.with_name(entry.name + ".lock")
    lock_path.touch()
    asking = threading.Event()

    class Locks:
        """fcntl as precompress uses it, telling the test when a build asks for a lock."""

        @staticmethod
        def flock(file, operation: int) -> None:
            asking.set()
            fcntl.flock(file, operation)

        LOCK_EX = fcntl.LOCK_EX

    monkeypatch.setattr(precompress, "fcntl", Locks, raising=False)
    made: list[bytes] = []
    counting = replace(GZIP, compress=lambda data: made.append(data) or GZIP.compress(data))
    result: list[bytes] = []
    with open(lock_path) as other_build:
        fcntl.flock(other_build, fcntl.LOCK_EX)
        waiting = threading.Thread(target=lambda: result.append(compressed(TEXT, counting, cache)))
        waiting.start()
        # The build found no entry and asks for the lock the other build holds.
        assert asking.wait(timeout=30), "the build did not ask for the entry's lock"
        other = GZIP.compress(TEXT)
        entry.write_bytes(other)  # the other build's copy, made while it held the lock
    waiting.join(timeout=30)
    assert result == [other] and made == []


def test_setup_warms_the_cache_a_build_then_reads(tmp_path):
    """``scripts/setup.sh`` runs the module on Pyodide's files in the background while
    setup, lint and collection go on; the build's copies of the same bytes then come
    from the cache, not anew."""
    source = tmp_path / "pyodide.asm.wasm"
    source.write_bytes(TEXT * 3)
    cache = tmp_path / "cache"
    precompress.warm([source], cache)
    made = {encoding: cache / f"{hashlib.sha256(TEXT * 3).hexdigest()}{encoding.suffix}"
            for encoding in ENCODINGS}
    assert all(entry.is_file() for entry in made.values())
    site = make_site(tmp_path / "site")
    for encoding, entry in made.items():
        marked = {GZIP: gzip.compress(TEXT * 3, compresslevel=1, mtime=0),
                  BROTLI: brotli.compress(TEXT * 3, quality=1)}[encoding]
        entry.write_bytes(marked)
    write_compressed_copies(site, cache)
    for encoding, entry in made.items():
        assert (site / f"assets/app.wasm{encoding.suffix}").read_bytes() == entry.read_bytes()


def test_setup_warms_pyodide_s_two_large_files_the_build_ships_as_they_are():
    """What setup.sh names are Pyodide's files the build copies unchanged from npm's
    folder and compresses at Brotli's best (the wasm and its module): a renamed or moved
    file would leave the warming useless without failing anything else."""
    setup = (precompress.ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    named = setup.split("-m site_config.deploy.precompress", 1)[1].split(">", 1)[0].split()
    warmed = [precompress.ROOT / name for name in named if name != "\\"]
    assert {path.name for path in warmed} == {"pyodide.asm.wasm", "pyodide.asm.mjs"}
    for path in warmed:
        assert path.parent == precompress.ROOT / "node_modules" / "pyodide"
        assert path.name in PYODIDE_FILES
        assert path.stat().st_size >= precompress.BROTLI_BEST_FROM


def test_an_entry_no_build_used_for_a_month_is_removed_and_a_used_one_kept(tmp_path):
    """The cache is the user's, shared by every clone, and outlives them: what no build
    has read for ``KEEP_UNUSED_DAYS`` goes; what a build reads is marked used, however old
    it was made."""
    cache = tmp_path / "cache"
    site = make_site(tmp_path / "site")
    write_compressed_copies(site, cache)
    used = cache / f"{hashlib.sha256(TEXT).hexdigest()}.gz"
    stale = cache / f"{'0' * 64}.gz"
    stale.write_bytes(gzip.compress(b"a page since edited away"))
    month_ago = time.time() - (precompress.KEEP_UNUSED_DAYS + 1) * 86_400
    for entry in (used, stale):
        os.utime(entry, (month_ago, month_ago))
    write_compressed_copies(site, cache)
    assert not stale.exists()
    assert used.is_file() and used.stat().st_mtime > month_ago


def test_the_cache_is_the_user_s_shared_by_every_clone(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    precompress.cache_dir.cache_clear()
    try:
        assert precompress.cache_dir() == tmp_path / "kronobarnsmodellen" / "compressed"
        assert precompress.cache_dir().is_dir()
    finally:
        precompress.cache_dir.cache_clear()
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert precompress._user_cache().is_relative_to(Path.home())


def test_without_a_writable_home_the_cache_is_the_project_s(monkeypatch, tmp_path):
    """A build server whose home cannot be written to still builds."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    precompress.cache_dir.cache_clear()
    try:
        assert precompress.cache_dir() == precompress.PROJECT_CACHE
    finally:
        precompress.cache_dir.cache_clear()
