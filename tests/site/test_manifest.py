"""A new table on a copy of the project: its YAML and one manifest line give its page;
without the line the build stops and says what to add."""

from __future__ import annotations

from tests.conftest import build_copy, copy_project
from tests.in_process import build_stops_with


def test_a_new_table_is_its_yaml_and_one_manifest_line(tmp_path):
    """The README's "A new table", on a copy of the project: no Markdown page, no nav."""
    project = copy_project(tmp_path)
    tables = project / "decision_logic" / "tables"
    text = (tables / "kalla-till-mote.yaml").read_text(encoding="utf-8")
    (tables / "ny-fraga.yaml").write_text(
        text.replace("id: kalla-till-mote", "id: ny-fraga")
        .replace("title: Ska jag kalla till samverkansmöte?", "title: En ny fråga?"),
        encoding="utf-8")
    manifest = project / "site_config" / "site.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("      - table: barnets-plan\n",
                                     "      - table: barnets-plan\n      - table: ny-fraga\n"),
                        encoding="utf-8")
    build = build_copy(project)
    assert build.returncode == 0, build.stderr
    html = (project / "site" / "beslutsstod" / "ny-fraga" / "index.html").read_text(
        encoding="utf-8")
    assert '<h1 id="en-ny-fraga">En ny fråga?' in html
    for marker in ('data-widget="ny-fraga"', 'data-diagram="ny-fraga"', 'id="tabell-ny-fraga"'):
        assert marker in html
    assert 'href="beslutsstod/ny-fraga/" class="md-nav__link"' in (
        project / "site" / "index.html").read_text(encoding="utf-8")
    # The manifest line, forgotten: the build stops and says what to add (in its config
    # step, made in-process: tests/in_process.py).
    manifest.write_text(text, encoding="utf-8")
    stops = "\n".join(build_stops_with(project))
    assert "beslutsstödet 'ny-fraga' har ingen sida: lägg till raden '- table: ny-fraga'" \
        in stops, stops

