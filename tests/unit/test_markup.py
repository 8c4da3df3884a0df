"""The pages' markup rules (#35, decision_logic/toolchain/markup.py): layout tags, markers,
autolinks and code pass; script, frames, forms, pictures from elsewhere, styles, handlers
and links that are not to a web page are refused at their line."""

from __future__ import annotations

import pytest

from decision_logic.toolchain.markup import markup_faults

ALLOWED = [
    "<!-- kb:widget ansvarig -->", "<!-- en kommentar -->", "<https://play.example.org/a>",
    '<nav class="kb-tasks" aria-label="Beslutsstöd: välj din fråga" markdown>\n</nav>',
    '<div class="admonition warning" id="r33" markdown>\n<p class="admonition-title">R</p>\n'
    "</div>", '<span class="kb-screen-only">text</span>', "## Rubrik { #r34 .kb-new-sheet }",
    "[sidan](../rutiner/samverkan.md#r1)", "[rutinen](https://www.example.org/a.pdf)",
    "[skriv](mailto:a@example.org)", "`<script>` i kod", "```\n<script>x</script>\n```",
    "a < b och c > d", "![karta](bilder/karta.svg)",
    '<div class="kb-screen-only" data-print-part="cards" markdown>\n</div>',
    '## Facit { #facit .kb-new-sheet data-print-part="key" }', 'Stycke\n{: data-print-part="key" }',
]
REFUSED = [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "[x](JaVa&#115;cript:alert(1))",
    "[x](data:text/html,x)", "[ref]: javascript:alert(1)", "<iframe src=x></iframe>",
    "<form action=x>", "<img src=x>", "<style>p{}</style>", "<svg onload=alert(1)>",
    '<a href="https://example.org/">x</a>', '<div onclick="x">', '<p style="color:red">',
    'Stycke { onclick="x" }', "Stycke {: hidden }", "![spår](https://example.org/x.png)",
    "<!-- öppen kommentar", '<div data-print-part="x onclick=y">',
    'Stycke {: data-print-part="<x>" }', '<div data-other="x">',
]


@pytest.mark.parametrize("markdown", ALLOWED)
def test_the_layout_the_pages_use_passes(markdown):
    assert markup_faults(markdown) == []


@pytest.mark.parametrize("markdown", REFUSED)
def test_markup_that_would_reach_readers_is_refused_at_its_line(markdown):
    faults = markup_faults(f"# Rubrik\n\nText.\n{markdown}\n")
    assert faults and faults[0][0] == 4, faults
