"""The build's gzip copies: what nginx's gzip_static sends instead of the file."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from site_config.precompress import MIN_SIZE, write_gzip_copies

TEXT = ("Barnets bästa-ansvarig kallar till möte. " * 40).encode()


def make_site(root: Path) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(TEXT)
    (root / "assets" / "app.wasm").write_bytes(TEXT * 3)
    (root / "assets" / "tiny.js").write_bytes(b"x" * (MIN_SIZE - 1))
    (root / "assets" / "stdlib.zip").write_bytes(TEXT)
    (root / "assets" / "logo.png").write_bytes(TEXT)
    return root


def test_each_text_file_and_wasm_gets_a_copy_that_unpacks_to_it(tmp_path):
    site = make_site(tmp_path / "site")
    assert write_gzip_copies(site, tmp_path / "cache") == 2
    for name in ("index.html", "assets/app.wasm"):
        packed = (site / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (site / name).read_bytes()
        assert len(packed) < (site / name).stat().st_size
    # Too small to gain, or compressed already: nginx sends them as they are.
    for name in ("assets/tiny.js", "assets/stdlib.zip", "assets/logo.png"):
        assert not (site / f"{name}.gz").exists()


def test_the_copies_are_the_same_in_every_build(tmp_path):
    first = make_site(tmp_path / "a")
    second = make_site(tmp_path / "b")
    write_gzip_copies(first, tmp_path / "cache-a")
    write_gzip_copies(second, tmp_path / "cache-b")
    assert (first / "index.html.gz").read_bytes() == (second / "index.html.gz").read_bytes()


def test_a_build_takes_what_was_compressed_before_from_the_cache(tmp_path):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    write_gzip_copies(site, cache)
    entry = cache / f"{hashlib.sha256(TEXT).hexdigest()}.gz"
    assert entry.read_bytes() == (site / "index.html.gz").read_bytes()
    # A marked entry shows the next build read the cache instead of compressing again.
    marked = gzip.compress(TEXT, compresslevel=1, mtime=0)
    entry.write_bytes(marked)
    write_gzip_copies(site, cache)
    assert (site / "index.html.gz").read_bytes() == marked


def test_a_copy_whose_file_is_gone_or_no_longer_gains_is_removed(tmp_path):
    site = make_site(tmp_path / "site")
    write_gzip_copies(site, tmp_path / "cache")
    (site / "assets" / "app.wasm").unlink()
    (site / "index.html").write_bytes(b"<p>kort</p>")
    write_gzip_copies(site, tmp_path / "cache")
    assert not (site / "assets" / "app.wasm.gz").exists()
    assert not (site / "index.html.gz").exists()


def test_a_tampered_cache_entry_is_not_shipped_but_rebuilt(tmp_path):
    # Before: the entry was used as it was, so the site's .gz unpacked to other bytes
    # than the file it stands for (nginx's gzip_static sends it instead).
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    wasm = (site / "assets" / "app.wasm").read_bytes()
    entry = cache / f"{hashlib.sha256(wasm).hexdigest()}.gz"
    cache.mkdir()
    for tampered in (gzip.compress(b"\0asm other bytes " * 40, mtime=0),  # other content
                     gzip.compress(wasm, mtime=0)[:-9],                     # cut off
                     gzip.compress(wasm, mtime=0) + gzip.compress(b"x"),    # one more member
                     b"not gzip at all"):
        entry.write_bytes(tampered)
        write_gzip_copies(site, cache)
        assert gzip.decompress((site / "assets" / "app.wasm.gz").read_bytes()) == wasm
        assert gzip.decompress(entry.read_bytes()) == wasm  # the cache is mended too
