"""The README's "Så ändrar du en rutin", proven: on a copy of the project, one changed row
in a table's YAML changes the rendered table, the diagram and the widget's answer."""

from __future__ import annotations


def _row_for_school(html: str) -> str:
    table = html[html.index('class="kb-table"'):]
    start = table.index("Barnet går i skolan")
    return table[start:table.index("</tr>", start)]


def test_the_rendered_table_follows_the_changed_row(edited_site, site_dir):
    page = "beslutsstod/ansvarig/index.html"
    assert "Rektorn på barnets skola är BBA" in _row_for_school(
        (site_dir / page).read_text(encoding="utf-8"))
    assert "Kommunal aktivitetsansvarig (KAA) är BBA" in _row_for_school(
        (edited_site / page).read_text(encoding="utf-8"))


def test_the_diagram_follows_the_changed_row(edited_site):
    html = (edited_site / "beslutsstod/ansvarig/index.html").read_text(encoding="utf-8")
    diagram = html[html.index('data-diagram="ansvarig"'):html.index("</figure>")]
    assert ("Barnet går i skolan (förskoleklass, grundskola eller gymnasiet) → "
            "<strong>Kommunal aktivitetsansvarig") in diagram


