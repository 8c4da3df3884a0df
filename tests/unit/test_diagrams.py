"""The diagrams: drawn from the tables at build time, styled by classes only (the CSP's
``style-src 'self'`` blocks style attributes), and, in Chromium at a phone's and a
laptop's width, inside their column with no word cut, covered or crossed by a line."""

from __future__ import annotations

import re

import pytest

from decision_logic.toolchain import load_catalog
from site_config.render.diagram import build_tree, merged_branches, render_diagram

TABLE_IDS = sorted(load_catalog().tables)


def _labels(node) -> list[str]:
    return [node.label] + [label for _, child in node.branches for label in _labels(child)]


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_the_diagram_is_csp_clean_and_keeps_its_text_alternative(catalog, table_id):
    html = render_diagram(catalog.table(table_id))
    assert " style=" not in html and "<style" not in html and "<script" not in html
    assert 'class="kb-diagram__narrow"' in html
    alternative = html[html.index("<figcaption>"):]
    for label in _labels(build_tree(catalog.table(table_id))):
        assert label.replace("–", "&ndash;") in alternative or label in alternative
    # Every id in the figure is unique (two pictures, each with its own title and arrow).
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_answers_to_the_same_outcome_share_one_arrow(catalog):
    # Senders with Link: preschool and school get the same answer, on one arrow.
    root = build_tree(catalog.table("skicka-inbjudan"), {"har-link": "ja"})
    labels = [answer for answer, _ in merged_branches(root)]
    assert any(label.startswith("Förskolan eller skolan") for label in labels), labels




