"""The duties of a public body's site in the built site: the accessibility statement with
each part DIGG asks for, Om webbplatsen, both linked from a Swedish footer on every page
(and from nowhere else), and the 404 page's way to report a broken link.

The repository's build has none of the region's details yet (mkdocs.yml): the pages must
say so plainly. tests/site/test_release.py builds with fixture values and checks that
they reach the pages."""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import unquote

import pytest

from site_config.content.manifest import load_manifest
from tests.conftest import ROOT, content_pages

STATEMENT = "om-webbplatsen/tillganglighet"
ABOUT = "om-webbplatsen"
ADDRESS = re.search(r"report_error_address: (\S+)",
                    (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[1]


def page_html(site_dir, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


def section(html: str, anchor: str) -> str:
    """The text of the section under the ``<h2 id=anchor>`` heading, tags removed."""
    start = html.index(f'<h2 id="{anchor}">')
    end = html.find("<h2 ", start + 1)
    body = html[start:end if end != -1 else html.index("</article>", start)]
    # Inline tags go without a trace, block tags become a space; whitespace as one space.
    body = re.sub(r"</?(?:strong|em|a|code|span)\b[^>]*>", "", body)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def footer(html: str) -> str:
    found = re.search(r'<footer class="md-footer">(.*?)</footer>', html, re.S)
    assert found, "sidan har ingen sidfot"
    return found[1]


def test_the_statement_names_the_service_and_the_law(site_dir):
    html = page_html(site_dir, STATEMENT)
    assert "<h1" in html and ">Tillgänglighetsredogörelse<" in html
    intro = html_module.unescape(html[html.index("</h1>"):html.index('<h2 id="forenlighet">')])
    assert "Kronobarnsmodellen – stöd för samverkan" in intro
    assert "(2018:1937) om tillgänglighet till digital offentlig service" in intro


def test_the_statement_says_how_far_the_site_complies(site_dir):
    text = section(page_html(site_dir, STATEMENT), "forenlighet")
    verdicts = [v for v in ("helt förenlig", "delvis förenlig", "inte förenlig")
                if re.search(rf"\b{v}\b", text)]
    assert verdicts == ["delvis förenlig"]
    assert "EN 301 549" in text and "WCAG 2.1 på nivå AA" in text


def test_the_statement_lists_what_is_not_accessible_and_why(site_dir):
    text = section(page_html(site_dir, STATEMENT), "brister")
    # What the keyboard walk found (see "Så har vi bedömt webbplatsen"), the criterion and
    # the reason it is there.
    assert "sökrutan" in text and "2.4.7" in text and "Material for MkDocs" in text


def test_the_statement_says_how_the_site_was_assessed_and_when(site_dir):
    text = section(page_html(site_dir, STATEMENT), "bedomning")
    assert "självskattning" in text
    for method in ("axe-core", "ljust och mörkt läge", "tangentbordet", "skärmläsare"):
        assert method in text
    assert "inte prövats med skärmläsare" in text  # said plainly: not done
    # The assessment's date and the last update: the region's, not set in the repository.
    assert "gjordes [uppgift saknas: när tillgängligheten senast bedömdes]" in text
    assert "senast [uppgift saknas: när redogörelsen senast uppdaterades]" in text


def test_the_statement_says_how_to_report_and_links_diggs_form(site_dir):
    html = page_html(site_dir, STATEMENT)
    report = section(html, "rapportera")
    # The placeholder is never offered as the address: the page says it is missing.
    assert ADDRESS not in report.replace("Rapportera fel", "")
    assert "[uppgift saknas: vilken adress fel och brister i tillgängligheten " \
           "rapporteras till]" in report
    assert "Rapportera fel" in report
    tillsyn = html[html.index('<h2 id="tillsyn">'):]
    assert '<a href="https://www.digg.se/tdosanmalan">' in tillsyn


@pytest.mark.parametrize("path", [STATEMENT, ABOUT])
def test_missing_region_details_are_listed_at_the_top(site_dir, path):
    html = page_html(site_dir, path)
    notice = html.index('class="admonition warning kb-region-missing"')
    assert html.index("</h1>") < notice < html.index("<h2 ")
    listed = html[notice:html.index("</div>", notice)]
    for what in ("vilken organisation som ger ut webbplatsen",
                 "vilken adress fel och brister", "när tillgängligheten senast bedömdes",
                 "när redogörelsen senast uppdaterades"):
        assert what in listed


def test_about_the_site_says_what_is_stored_and_who_is_responsible(site_dir):
    html = page_html(site_dir, ABOUT)
    responsible = section(html, "ansvar")
    assert "Webbplatsen ges ut av" in responsible
    assert "[uppgift saknas: vilken organisation som ger ut webbplatsen" in responsible
    stored = section(html, "det-som-sparas")
    # Nothing but the colour scheme (Material writes it on every load: said, not hidden).
    assert "Utan att du ber om det sparar den bara en sak" in stored
    assert "ljust eller mörkt läge" in stored and "inga kakor" in stored
    assert "Allt annat sparas bara om du själv väljer" in stored
    typed = section(html, "det-du-skriver")
    assert "lämnar aldrig din webbläsare" in typed
    offline = section(html, "utan-uppkoppling")
    assert "bara om du väljer det" in offline
    # Sizes are shown by the offer beside its button (counted by the build, the snapshot's
    # measured), never written into the page's own words by hand.
    offer = offline.index("Du kan spara webbplatsen i den här webbläsaren")  # the offer's
    assert "Spara för användning utan uppkoppling" in offline[offer:]
    assert re.search(r"alla sidor \(\d+,\d MB\)", offline[offer:])
    assert not re.search(r"\d\s*(MB|KB|megabyte)", offline[:offer])


def test_the_pages_rest_on_no_routine(site_dir):
    """Om webbplatsen and the statement are about the site: their foot names no routine
    as their source."""
    for path in (STATEMENT, ABOUT):
        foot = re.search(r'<footer class="kb-page-source"[^>]*>(.*?)</footer>',
                         page_html(site_dir, path), re.S)[1]
        assert "Bygger på" not in foot and "Rapportera fel" in foot


def every_page(site_dir):
    return [*content_pages(site_dir), site_dir / "404.html"]


def test_every_page_links_the_statement_and_about_from_its_footer_and_nowhere_else(site_dir):
    pages = every_page(site_dir)
    assert len(pages) >= 20
    manifest = load_manifest()
    assert [p.location for p in manifest.footer] == [f"{ABOUT}/", f"{STATEMENT}/"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', footer(html))
        texts = [text.strip() for _, text in links]
        assert texts == ["Om webbplatsen", "Tillgänglighetsredogörelse", "Rapportera fel"], page
        assert links[0][0].endswith(f"{ABOUT}/") and links[1][0].endswith(f"{STATEMENT}/")
        assert re.fullmatch(rf"mailto:{re.escape(ADDRESS)}\?subject=[^\"]+", links[2][0])
        # The statement's link is the footer's alone: not in the menu, not in the text.
        outside = html.replace(footer(html), "")
        assert not re.search(rf'<a [^>]*href="[^"]*{STATEMENT}/"', outside), page


def test_no_english_footer_text(site_dir):
    for page in every_page(site_dir):
        text = re.sub(r"<[^>]+>", " ", footer(page.read_text(encoding="utf-8")))
        assert text.split() == ["Om", "webbplatsen", "Tillgänglighetsredogörelse",
                                "Rapportera", "fel"], page
        assert "Made with" not in page.read_text(encoding="utf-8")


def test_the_404_page_offers_to_report_the_broken_link(site_dir):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    found = re.search(r'<a href="mailto:([^?"]+)\?subject=([^"]+)"\s+data-broken-link="([^"]+)"'
                      r'\s+data-subject="([^"]+)">Rapportera en trasig länk</a>', html)
    assert found, "404-sidan saknar länken Rapportera en trasig länk"
    address, subject, script_address, template = found.groups()
    assert address == script_address == ADDRESS
    # Without JavaScript: a plain subject; broken-link.js puts in the address asked for.
    assert unquote(subject) == "Trasig länk på webbplatsen"
    assert template == "Trasig länk: {url}"
    assert re.search(r'<script type="module" src="[^"]*assets/widget/broken-link\.js">', html)
