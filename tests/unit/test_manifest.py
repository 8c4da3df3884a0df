"""The site manifest (site_config/site.yaml): it loads into the nav, pages, redirects and
governed pages the site is built from; a fault names file, key and line in Swedish; the
files that name pages (rules.yaml, search_keywords.yaml) and the tables are checked
against it in one place; and a new table needs its YAML and one manifest line, no page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decision_logic.toolchain import load_catalog
from site_config.content.load import content_references
from site_config.content.manifest import (
    ContentError,
    Page,
    Section,
    check_references,
    load_manifest,
    rule_path,
    site_path,
    table_page_markdown,
    table_path,
)
from site_config.content.search_keywords import KEYWORDS_FILE, load_keywords
from tests.conftest import ROOT

#: the project's root, found from the code under test (the shared virtualenv may put
#: another checkout's ``tests`` package first on the path)

MINIMAL = """\
nav:
  - page: index.md
  - section: Beslutsstöd
    pages:
      - page: beslutsstod/index.md
      - table: ansvarig
  - page: kallor.md
    search: uppslag
rule_map: kallor.md
redirects:
  gammal/: kallor/
"""


def _manifest(tmp_path: Path, text: str = MINIMAL):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return load_manifest(path)


def _error(tmp_path: Path, text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        _manifest(tmp_path, text)
    return caught.value


def test_the_sites_manifest_gives_mkdocs_its_nav():
    manifest = load_manifest()
    nav = manifest.mkdocs_nav()
    flat = [src for item in nav for src in (next(iter(item.values()))
                                            if isinstance(item, dict) else [item])]
    # Every page but the footer's (linked from the foot of every page) is in the menu.
    assert flat == [page.src for page in manifest.pages if page not in manifest.footer]
    assert manifest.footer
    assert [next(iter(item)) for item in nav if isinstance(item, dict)] == [
        item.title for item in manifest.nav if isinstance(item, Section)]
    assert nav[0] == "index.md" and flat.count("kallor.md") == 1
    assert manifest.rule_map.path == "kallor/" and rule_path("r6") == "kallor/#r6"
    assert ("beslutsstod/bba/", "beslutsstod/ansvarig/") in {
        (r.old, r.new) for r in manifest.redirects}


def test_every_table_has_one_page_written_by_hand_or_by_the_build(catalog):
    manifest = load_manifest()
    assert set(manifest.tables) == set(catalog.tables)
    assert table_path("ansvarig") == "beslutsstod/ansvarig/"
    assert manifest.table_page("ansvarig").generated
    assert not manifest.table_page("inkommen-inbjudan").generated  # it carries the letter
    for page in manifest.tables.values():
        exists = (ROOT / "docs" / page.src).is_file()
        assert exists != page.generated, f"{page.src}: skriven för hand eller av bygget, inte båda"


def test_the_governed_pages_are_the_pages_with_front_matter():
    governed = {page.src for page in load_manifest().governed}
    assert "rutiner/samverkan.md" in governed
    for page in load_manifest().pages:
        path = ROOT / "docs" / page.src
        has_block = path.is_file() and path.read_text(encoding="utf-8").startswith("---\n")
        assert has_block == (page.src in governed), page.src


def test_a_page_file_becomes_its_directory_address():
    assert site_path("index.md") == "./"
    assert site_path("kallor.md") == "kallor/"
    assert site_path("utbildning/index.md") == "utbildning/"
    assert site_path("rutiner/samverkan.md") == "rutiner/samverkan/"
    page = Page(src="index.md", line=1)
    assert (page.path, page.location, page.public_url) == ("./", "", "/")


def test_a_small_manifest_loads_into_sections_pages_and_kinds(tmp_path):
    manifest = _manifest(tmp_path)
    assert isinstance(manifest.nav[1], Section) and manifest.nav[1].title == "Beslutsstöd"
    assert [p.path for p in manifest.pages] == ["./", "beslutsstod/", "beslutsstod/ansvarig/",
                                                "kallor/"]
    ansvarig = manifest.table_page("ansvarig")
    assert (ansvarig.src, ansvarig.generated, ansvarig.line) == ("beslutsstod/ansvarig.md",
                                                                True, 6)
    assert manifest.search_kind("beslutsstod/ansvarig/#utfall-ansvarig-kaa") == "beslutsstöd"
    assert manifest.search_kind("kallor/#r6") == "uppslag"
    assert manifest.search_kind("") == "" and manifest.search_kind("finns-inte/") == ""


@pytest.mark.parametrize(("change", "line", "words"), [
    (("  - page: kallor.md\n", "  - page: kallor.md\n    sida: x\n"), 8,
     "okänd nyckel 'sida'; tillåtna är: page, table, governed, search"),
    (("  - page: index.md\n", "  - page: Index.MD\n"), 2, "'page' ska vara sidans fil"),
    (("  - page: index.md\n", "  - page: index.md\n  - page: index.md\n"), 3,
     "'./' står redan på rad 2"),
    (("      - table: ansvarig\n", "      - table: ansvarig\n        governed: true\n"), 7,
     "ett beslutsstöds sida har tabellens ägare"),
    (("    search: uppslag\n", "    search: viktig\n"), 8, "'search' ska vara rutin eller uppslag"),
    (("rule_map: kallor.md\n", "rule_map: regler.md\n"), 9, "'regler.md' finns inte i menyn"),
    (("  gammal/: kallor/\n", "  gammal/: kalor/\n"), 11,
     "'gammal/' pekar på 'kalor/', som inte är en sida i menyn; menade du 'kallor/'?"),
    (("  gammal/: kallor/\n", "  kallor/: beslutsstod/\n"), 11, "'kallor/' är en sida i menyn"),
    (("  gammal/: kallor/\n", "  /gammal: kallor/\n"), 11, "ska vara en sökväg på webbplatsen"),
    (("  - page: index.md\n", "  - index.md\n"), 2, "en mappning"),
    (("  - page: index.md\n", "  - governed: true\n"), 2, "skriv 'page: fil.md', 'table: id'"),
])
def test_a_fault_in_the_manifest_names_file_line_and_what_to_do(tmp_path, change, line, words):
    error = _error(tmp_path, MINIMAL.replace(*change))
    assert (error.source, error.line) == (str(tmp_path / "site.yaml"), line)
    assert words in error.message, error.message
    assert str(error).startswith(f"{tmp_path / 'site.yaml'}:{line}")


def _check(manifest, catalog, rules: Path | None = None, keywords: Path | None = None
           ) -> list[str]:
    references = content_references(rules or ROOT / "decision_logic" / "rules.yaml",
                                    load_keywords(keywords or KEYWORDS_FILE))
    return [str(f) for f in check_references(manifest, catalog.tables, references)]


def test_the_project_agrees_with_its_manifest(catalog):
    assert _check(load_manifest(), catalog) == []


def test_a_rule_page_or_keyword_page_the_manifest_lacks_names_file_and_line(tmp_path,
                                                                          catalog):
    rules = tmp_path / "rules.yaml"
    text = (ROOT / "decision_logic" / "rules.yaml").read_text(encoding="utf-8")
    rules.write_text(text.replace("page: om-kronobarnsmodellen/", "page: om-modellen/", 1),
                     encoding="utf-8")
    line = rules.read_text(encoding="utf-8").splitlines().index("    page: om-modellen/") + 1
    keywords = tmp_path / "search_keywords.yaml"
    keywords.write_text("pages:\n  ./:\n    - start\n  rutiner/samvrkan/#r19:\n    - ord\n",
                        encoding="utf-8")
    faults = _check(load_manifest(), catalog, rules, keywords)
    assert faults == [
        f"{rules}:{line} (nyckel rules[33].page): sidan 'om-modellen/' finns inte i "
        "site_config/site.yaml; menade du 'om-kronobarnsmodellen/'?",
        "search_keywords.yaml:5 (nyckel pages.rutiner/samvrkan/#r19): sidan "
        "'rutiner/samvrkan/#r19' finns inte i site_config/site.yaml; menade du "
        "'rutiner/samverkan/'?"]


def test_a_table_without_a_line_or_a_line_without_a_table_is_a_fault(tmp_path, catalog):
    manifest = _manifest(tmp_path, MINIMAL.replace("ansvarig", "ansvar"))
    faults = _check(manifest, catalog)
    assert faults[0] == (f"{tmp_path / 'site.yaml'}:6 (nyckel nav): beslutsstödet 'ansvar' "
                         "finns inte i decision_logic/tables/; menade du 'ansvarig'?")
    assert any("beslutsstödet 'barnets-plan' har ingen sida: lägg till raden "
               "'- table: barnets-plan'" in f for f in faults)


def test_a_card_for_a_table_that_does_not_exist_is_a_fault(tmp_path, catalog):
    manifest = _manifest(tmp_path, MINIMAL.replace("  - table: ansvarig\n",
                                                   "  - table: ansvarig\n  - card: ansvar\n"))
    assert manifest.cards["ansvar"].path == "beslutsstod/ansvar/kort/"
    faults = _check(manifest, catalog)
    assert any("kortet 'ansvar' hör inte till något beslutsstöd i decision_logic/tables/; "
               "menade du 'ansvarig'?" in f for f in faults), faults


def test_a_generated_page_needs_an_intro_and_a_hand_written_one_none(tmp_path, catalog):
    manifest = _manifest(tmp_path, MINIMAL.replace(
        "      - table: ansvarig\n",
        "      - table: ansvarig\n        page: beslutsstod/ansvarig.md\n"
        "      - table: skicka-inbjudan\n"))
    faults = _check(manifest, catalog)
    assert any(f.startswith("decision_logic/tables/ansvarig.yaml (nyckel intro): tabellens "
                            "sida beslutsstod/ansvarig.md är skriven för hand") for f in faults)
    assert any(f.startswith("decision_logic/tables/skicka-inbjudan.yaml (nyckel intro): "
                            "skriv en intro") for f in faults)


def test_the_generated_page_is_the_tables_title_intro_and_markers(catalog):
    markdown = table_page_markdown(catalog.table("ansvarig"))
    assert markdown.startswith("# Vem är Barnets bästa-ansvarig?\n\nBarnets bästa-ansvarig "
                               "(BBA) är den verksamhet")
    for marker in ("widget", "diagram", "tabell"):
        assert f"<!-- kb:{marker} ansvarig -->" in markdown








def _expand(markdown: str, page_name: str, meta: dict | None = None) -> str:
    from site_config.render.markers import PageContext, expand

    context = PageContext(catalog=load_catalog(), assets=None, glossary=(),  # type: ignore[arg-type]
                          page_titles={}, manifest=load_manifest())
    return expand(markdown, site_path(page_name), context, page_name, meta or {})


def test_a_hand_written_table_page_must_show_its_table():

    with pytest.raises(ContentError) as caught:
        _expand("# Hur skickar jag inbjudan?\n\n<!-- kb:tabell skicka-inbjudan -->\n",
                "beslutsstod/skicka-inbjudan.md")
    assert str(caught.value) == (
        "beslutsstod/skicka-inbjudan.md: sidan visar beslutsstödet 'skicka-inbjudan' "
        "(site_config/site.yaml) men saknar <!-- kb:widget skicka-inbjudan -->, "
        "<!-- kb:diagram skicka-inbjudan -->, <!-- kb:brev skicka-inbjudan -->")


def test_a_tables_letters_go_on_its_own_page_only():

    # (on the table's own page the built site shows them: tests/browser/test_letters.py)
    with pytest.raises(ContentError, match=re.escape("breven till 'inkommen-inbjudan' hör "
                                                    "hemma på beslutsstödets egen sida")):
        _expand("# Källor\n\n<!-- kb:brev inkommen-inbjudan -->\n", "kallor.md")


def test_governed_in_the_manifest_and_the_pages_front_matter_agree():

    meta = {"owner": "Enhet A", "review": "2027-05-25"}
    with pytest.raises(ContentError, match="skriv 'governed: true' på dess rad"):
        _expand("# Källor\n", "kallor.md", meta)
    with pytest.raises(ContentError, match="säger 'governed: true', men sidans huvud"):
        _expand("# Om\n", "om-kronobarnsmodellen.md")
    assert "kb-governance" in _expand("# Om\n", "om-kronobarnsmodellen.md", meta)


def test_a_table_page_with_letters_carries_them():

    page = load_manifest().table_page("inkommen-inbjudan")
    markers = "".join(f"<!-- kb:{kind} {page.table} -->\n" for kind in ("diagram", "tabell"))
    with pytest.raises(ContentError) as caught:
        _expand(f"# Svar\n\n{markers}", page.src)
    assert str(caught.value).endswith("saknar <!-- kb:widget inkommen-inbjudan -->, "
                                      "<!-- kb:brev inkommen-inbjudan -->")


def test_each_letter_section_names_the_outcomes_it_serves(catalog):
    from site_config.render.html import render_letter

    for letter in catalog.letters.values():
        assert (f'id="{letter.id}" data-letter="{letter.id}" '
                f'data-letter-for="{" ".join(letter.outcomes)}"') in render_letter(letter)
    # The public contract of the first letter: the referral's reply at #svarsbrev.
    assert catalog.letter("svarsbrev").outcomes == ("hanvisa",)
