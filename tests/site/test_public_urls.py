"""The committed public URLs exist in the build and are the site manifest's pages and
redirects, and every rule is explained somewhere."""

from __future__ import annotations

import re

from site_config.content.manifest import load_manifest
from tests.conftest import TESTS

URLS = [line.strip() for line in (TESTS / "urls.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")]


def test_every_public_url_is_a_page_in_the_build(site_dir):
    missing = [url for url in URLS if not (site_dir / url.strip("/") / "index.html").is_file()]
    assert missing == []


def test_the_public_urls_are_exactly_the_manifests_pages_and_redirects():
    """urls.txt is the frozen contract with the caregiver web; the manifest is where
    addresses are made. A URL the manifest drops would break a link; a page it adds must
    be promised here too (one line in urls.txt)."""
    manifest = load_manifest()
    pages = {page.public_url for page in manifest.pages}
    redirects = {f"/{redirect.old}" for redirect in manifest.redirects}
    assert [url for url in URLS if url not in pages | redirects] == [], \
        "adresser i tests/urls.txt som site_config/site.yaml inte har (sida eller redirects)"
    assert sorted(pages - set(URLS)) == [], "sidor i site_config/site.yaml som saknas i urls.txt"


def test_every_rule_has_an_anchor_on_the_page_that_explains_it(site_dir, catalog):
    for rule in catalog.rulebook.rules.values():
        html = (site_dir / rule.page.strip("./") / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'id="{rule.anchor}"', html), f"{rule.id} saknas på {rule.page}"


def test_the_sources_page_shows_the_rule_map(site_dir, catalog):
    html = (site_dir / "kallor" / "index.html").read_text(encoding="utf-8")
    for rule in catalog.rulebook.rules.values():
        assert f'<tr id="{rule.anchor}"><th scope="row">{rule.id}</th>' in html
    # Each outcome is listed against the rules it cites.
    for table in catalog.tables.values():
        for outcome in table.outcomes.values():
            assert f"#utfall-{table.id}-{outcome.id}" in html


def test_no_ocr_artefact_of_the_source_text_reaches_the_site(site_dir):
    artefacts = re.compile(r"hélso|méte|6ver|bdsta|sjdlva|fortydligande|omaijligt|"
                           r"barnets basta|mddrah|véntat|Barnhilsov", re.I)
    for page in site_dir.rglob("*.html"):
        found = artefacts.findall(page.read_text(encoding="utf-8"))
        assert found == [], f"{page}: {found}"


def test_the_sources_page_lists_each_source_its_rules_and_the_further_reading(site_dir,
                                                                             catalog):
    html = (site_dir / "kallor" / "index.html").read_text(encoding="utf-8")
    rulebook = catalog.rulebook
    for source in rulebook.sources.values():
        assert f"<em>{source.title}</em>" in html
    for rule in rulebook.rules.values():
        assert f'<a href="./#{rule.anchor}">{rule.id}</a>' in html
    assert len(rulebook.reading) >= 7
    for document in rulebook.reading:
        assert f'<a href="{document.url}">{document.title}</a>' in html
