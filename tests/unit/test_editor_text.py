"""Issue 25, item 1: a text an editor keeps can never become markup. One-line texts
(titles, labels, terms, abbreviations) refuse <, > and line breaks; prose refuses raw
HTML; each with the file and line. The Content-Security-Policy allows only the inline
scripts the theme is known to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.catalog import load_table_file
from site_config.content.glossary import load_glossary
from site_config.deploy import csp
from tests.conftest import TESTS

VALID = (TESTS / "fixtures" / "valid.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("title: En liten tabell", "title: En <b>liten</b> tabell", 2, "tecknet '<'"),
        ("title: En liten tabell", "title: 'En liten\n\n  tabell'", 2, "radbrytning"),
        ("label: En fråga?", "label: En fråga? <img src=x>", 10, "tecknet '<'"),
        ("label: Ja", "label: Ja >", 13, "tecknet '>'"),
        ("title: Första", "title: Först<script>", 23, "tecknet '<'"),
        ("text: Text.\n    rules: [R1]", "text: |\n      Text.\n      <script>x()</script>\n"
         "    rules: [R1]", 24, "HTML-kod"),
        ("title: En liten tabell", "title: En liten tabell\nintro: Se <!-- x --> här.", 3,
         "HTML-kod"),
        ("label: En fråga?", "label: En fråga?\n    help: Hjälp </p><p>mer", 11, "HTML-kod"),
    ],
)
def test_markup_in_a_tables_text_is_refused_with_its_line(tmp_path: Path, catalog, old: str,
                                                          new: str, line: int,
                                                          words: str) -> None:
    assert old in VALID
    path = tmp_path / "valid.yaml"
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_table_file(path, catalog.rulebook)
    assert caught.value.line == line
    assert words in caught.value.message


def test_plain_text_with_comparisons_in_words_still_loads(tmp_path: Path, catalog) -> None:
    # Prose may mention "mindre än" with the sign itself when no tag can start there.
    path = tmp_path / "valid.yaml"
    path.write_text(VALID.replace("text: Text.", "text: Barn < 6 år & äldre > 3 år.", 1),
                    encoding="utf-8")
    table = load_table_file(path, catalog.rulebook)[0]
    assert table.outcomes["forsta"].text == "Barn < 6 år & äldre > 3 år."


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('  - term: "Term\\n\\n<script>alert(1)</script>"\n    meaning: Text.\n', "radbrytning"),
        ("  - term: Term\n    abbr: T<b>\n    meaning: Text.\n", "tecknet '<'"),
        ("  - term: Term\n    meaning: Text <script>alert(1)</script>\n", "HTML-kod"),
    ],
)
def test_markup_in_the_glossary_is_refused_with_its_line(tmp_path: Path, entry: str,
                                                         words: str) -> None:
    path = tmp_path / "ordlista.yaml"
    path.write_text("terms:\n  - term: Först\n    meaning: Text.\n" + entry, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_glossary(path)
    assert caught.value.line in {4, 5}
    assert words in caught.value.message


def _page(*scripts: str) -> str:
    return "<html><head>" + "".join(f"<script>{s}</script>" for s in scripts) + "</head></html>"


def test_materials_known_inline_scripts_are_allowed_by_hash(site_dir: Path) -> None:
    hashes = csp.site_script_hashes(site_dir)
    # One scope script per page depth (and the 404 page's root path), the palette and
    # the tabs script: the known list, nothing else.
    assert 3 <= len(hashes) <= 8
    for page in sorted(site_dir.rglob("*.html"))[:5]:
        assert csp.inline_script_hashes(page.read_text(encoding="utf-8")) <= set(hashes)


@pytest.mark.parametrize("script", [
    "alert('intro')",
    # Material's scope script with another expression where the page's depth belongs
    csp._MD_SCOPE_HEAD + '"..",alert(1)' + csp._MD_SCOPE_TAIL,
    csp._MD_SCOPE_HEAD + '"/"+alert(1)+"/"' + csp._MD_SCOPE_TAIL,
])
def test_any_other_inline_script_is_refused(script: str) -> None:
    known = csp._MD_SCOPE_HEAD + '"../.."' + csp._MD_SCOPE_TAIL
    assert csp.known_script(known)
    with pytest.raises(ContentError) as caught:
        csp.inline_script_hashes(_page(known, script), "sida.html")
    assert "varken temat eller webbplatsen" in caught.value.message


def test_a_page_scripts_line_is_named() -> None:
    markdown = "# Rubrik\n\nText.\n\n<script>\nalert(1)\n</script>\n"
    with pytest.raises(ContentError) as caught:
        csp.check_page(_page("\nalert(1)\n"), "docs/sida.md", markdown)
    assert caught.value.line == 5
