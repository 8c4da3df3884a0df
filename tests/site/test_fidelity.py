"""Fidelity findings (#21, #20 items 1 and 6) as readers see them in the built site: the
orosanmälan banner and its "Läs mer" target, the glossary's search words, the foot of the
about page, and the next step with its outside link in a widget's answer."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from tests.conftest import content_pages

KONTAKTVAGAR = ("https://www.regionkronoberg.se/globalassets/vardgivarwebben/manskliga-"
                "rattigheter-och-barnets-rattigheter/kontaktvagar-inom-kronobarnsmodellen.pdf")


def read(site_dir: Path, page: str) -> str:
    return (site_dir / page / "index.html").read_text(encoding="utf-8")


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_banner_on_every_page_is_conditional_and_leads_to_a_box_for_every_reader(
        site_dir: Path) -> None:
    for page in content_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        banner = re.search(r'<p class="kb-announce"[^>]*>(.*?)</p>', html, re.S)
        assert banner, page
        text = plain(banner[1])
        assert "Har du enligt lag skyldighet" in text, page
        assert "som du har enligt lag" not in text
        assert re.search(r'href="[^"]*#r33"', banner[1])
    start = read(site_dir, "")
    box = start[start.index('id="r33"'):]
    box = plain(box[:box.index("</div>")])
    assert "Har du eller din verksamhet enligt lag skyldighet att anmäla" in box
    assert "Har du ingen sådan skyldighet" in box and "kontakta socialtjänsten" in box
    assert "§" not in box


def test_the_glossary_shows_search_words_as_search_words(site_dir: Path) -> None:
    html = read(site_dir, "ordlista")
    assert "Andra ord som används" not in html
    assert "Du kanske söker på:" in html
    assert "enda betydelse" not in html
    assert "förskolechef" not in html


def test_the_about_page_names_the_regions_web_page_at_its_foot(site_dir: Path) -> None:
    def foot(page: str) -> str:
        found = re.search(r'<footer class="kb-page-source"[^>]*>(.*?)</footer>',
                          read(site_dir, page), re.S)
        assert found, page
        return plain(found[1])
    assert foot("om-kronobarnsmodellen").startswith(
        "Bygger på Region Kronobergs webbsida Barnens bästa gäller! i Kronobergs län – för "
        "medarbetare samt på Förtydligande kring samverkan")
    # the routine pages keep their two sources only
    assert foot("rutiner/samverkan").startswith(
        "Bygger på Region Kronobergs Förtydligande kring samverkan")


def test_an_answer_where_the_routine_is_silent_links_kontaktvagar_and_marks_the_suggestion(
        site_dir: Path) -> None:
    html = read(site_dir, "beslutsstod/skicka-inbjudan")
    template = html[html.index('data-outcome-template="avsandare-utan-link"'):]
    template = template[:template.index("</template>")]
    assert f'href="{KONTAKTVAGAR}"' in template
    assert "Förslag: Kontakta mottagaren" in plain(template)
