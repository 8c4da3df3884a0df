"""ProperDocs, the maintained fork of MkDocs 1.6, is the tested bridge off MkDocs: built
with ``properdocs build -f mkdocs.yml`` (hooks, Material and all, unchanged), the site is
the one ``mkdocs build`` makes, file for file and byte for byte, but for what names the
generator.

What differs, and how the test treats it: Material writes ``<meta name="generator"
content="mkdocs-{{ mkdocs_version }}, …">``, which ProperDocs fills with "ProperDocs
1.6.7". The tag is left as each generator writes it (a site that lied about its
generator would be no test of it) and normalised here; what follows from it is checked,
not normalised away: the build's identity (``kb-build``, the hash of every listed file)
only has to be one value across each build's pages and its sw.js, and the offline size
(``kb-offline-bytes``' first number, sw.js' ``bytes.site``) must differ by exactly the
tags' extra bytes. The ``.gz``/``.br`` copies are copies of files compared here; only
their presence is compared.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from site_config.deploy.offline import LEFT_OUT, PYODIDE, SERVICE_WORKER
from tests.conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
BUILD_META = re.compile(rb'<meta name="kb-build" content="([0-9a-f]+)">')
SIZE_META = re.compile(rb'<meta name="kb-offline-bytes" content="(\d+) ')
SW_BUILD = re.compile(rb'\n "build": "([0-9a-f]+)",\n')
SW_SITE_BYTES = re.compile(rb'\n  "site": (\d+),\n')
COPIES = (".gz", ".br")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built by ProperDocs, with the environment (and so ``SITE_URL``) the
    run's ``site_dir`` was built with (``build_site`` in tests/conftest.py)."""
    target = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml",
                    "--strict", "--quiet", "--site-dir", str(target)],
                   check=True, cwd=ROOT, env=env, timeout=300)
    return target


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _normalised(data: bytes) -> bytes:
    for pattern in (GENERATOR, BUILD_META, SIZE_META, SW_BUILD, SW_SITE_BYTES):
        data = pattern.sub(lambda m: m[0].replace(m[1], b"*"), data)
    return data


def _one(pattern: re.Pattern[bytes], site: Path, names: list[str]) -> bytes:
    """The one value ``pattern`` finds in the files ``names`` of ``site``."""
    found = {m for name in names for m in pattern.findall((site / name).read_bytes())}
    assert len(found) == 1, (pattern.pattern, found)
    return found.pop()


def test_properdocs_builds_the_site_mkdocs_builds(site_dir: Path, properdocs_site: Path):
    files = _files(site_dir)
    assert _files(properdocs_site) == files
    compared = [name for name in files if not name.endswith(COPIES)]
    different = [name for name in compared
                 if _normalised((site_dir / name).read_bytes())
                 != _normalised((properdocs_site / name).read_bytes())]
    assert different == []
    # Each generator named itself, and the hooks ran under both (every page marked).
    pages = [name for name in compared if name.endswith(".html")]
    generators = {site: {m for name in pages for m in GENERATOR.findall((site / name).read_bytes())}
                  for site in (site_dir, properdocs_site)}
    material = f"mkdocs-material-{version('mkdocs-material')}".encode()
    assert generators[site_dir] == {f"mkdocs-{version('mkdocs')}, ".encode() + material}
    assert generators[properdocs_site] == {
        f"mkdocs-ProperDocs {version('properdocs')}, ".encode() + material}
    for site in (site_dir, properdocs_site):
        assert _one(BUILD_META, site, pages) == _one(SW_BUILD, site, [SERVICE_WORKER])
        assert _one(SIZE_META, site, pages) == _one(SW_SITE_BYTES, site, [SERVICE_WORKER])
    # The offline size counts the pages' bytes: larger by the longer tag in each, no more.
    counted = [name for name in pages if not LEFT_OUT.search(name) and not PYODIDE.search(name)]
    extra = sum(len(GENERATOR.findall((properdocs_site / name).read_bytes()))
                for name in counted) * (len(next(iter(generators[properdocs_site])))
                                        - len(next(iter(generators[site_dir]))))
    assert extra > 0
    assert int(_one(SW_SITE_BYTES, properdocs_site, [SERVICE_WORKER])) \
        - int(_one(SW_SITE_BYTES, site_dir, [SERVICE_WORKER])) == extra
