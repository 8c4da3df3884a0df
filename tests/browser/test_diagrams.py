"""Every diagram, laid out in Chromium at a phone's and a desktop's width, fits its column
with nothing cut or crossed."""

from __future__ import annotations

import pytest

from tests.conftest import new_context
from tests.unit.test_diagrams import TABLE_IDS

SIZES = [(390, 844), (1280, 800)]


#: For the visible picture: its box against the column, and every word against its own
#: box, the other words and the lines.
GEOMETRY_JS = """
(figure) => {
  const svg = [...figure.querySelectorAll("svg")].find((s) => s.getClientRects().length);
  const column = figure.getBoundingClientRect();
  const box = svg.getBoundingClientRect();
  const problems = [];
  if (box.left < column.left - 0.5 || box.right > column.right + 0.5) {
    problems.push(`bilden ${box.left}–${box.right} utanför spalten ${column.left}–${column.right}`);
  }
  const scale = box.width / svg.viewBox.baseVal.width;
  const size = parseFloat(getComputedStyle(svg).fontSize) * scale;
  if (size < 10) problems.push(`texten är bara ${size.toFixed(1)} px`);
  const texts = [...svg.querySelectorAll("text")];
  const rects = texts.map((t) => t.getBoundingClientRect());
  const inside = (r, outer, slack = 0.5) =>
    r.left >= outer.left - slack && r.right <= outer.right + slack &&
    r.top >= outer.top - slack && r.bottom <= outer.bottom + slack;
  texts.forEach((text, i) => {
    if (!inside(rects[i], box)) problems.push(`"${text.textContent}" är avskuren`);
    if (!text.classList.contains("kb-d-answer")) {
      let rect = text.previousElementSibling;
      while (rect && rect.tagName !== "rect") rect = rect.previousElementSibling;
      if (!inside(rects[i], rect.getBoundingClientRect())) {
        problems.push(`"${text.textContent}" går utanför sin ruta`);
      }
    }
    texts.forEach((other, j) => {
      const a = rects[i], b = rects[j];
      if (j > i && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 &&
          b.top < a.bottom - 1) {
        problems.push(`"${text.textContent}" och "${other.textContent}" överlappar`);
      }
    });
  });
  // Sample every line and arrow; no point may fall on a word.
  const matrix = svg.getScreenCTM();
  for (const path of svg.querySelectorAll("path.kb-d-edge")) {
    const length = path.getTotalLength();
    for (let at = 0; at <= length; at += 2) {
      const p = path.getPointAtLength(at).matrixTransform(matrix);
      const hit = texts.findIndex((t, i) => p.x > rects[i].left + 1 && p.x < rects[i].right - 1 &&
        p.y > rects[i].top + 1 && p.y < rects[i].bottom - 1);
      if (hit >= 0) {
        problems.push(`en linje går genom "${texts[hit].textContent}"`);
        break;
      }
    }
  }
  return { problems, picture: svg.getAttribute("class"), texts: texts.length };
}
"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_diagram_fits_its_column_with_nothing_cut_or_crossed(browser, site_url, width,
                                                                   height):
    # The widgets' Python is not needed here: new_context holds it back.
    context = new_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    try:
        for table_id in TABLE_IDS:
            page.goto(f"{site_url}beslutsstod/{table_id}/")
            figure = page.locator(f'figure[data-diagram="{table_id}"]')
            figure.locator("svg").first.wait_for(state="attached")
            found = figure.evaluate(GEOMETRY_JS)
            assert found["texts"] > 0
            # A phone gets the outline; a laptop's column the Graphviz picture wherever the
            # build made one (it does for every table today; a much wider tree would get
            # the outline at every width).
            has_wide = figure.locator(".kb-diagram__wide").count() == 1
            expected = "kb-diagram__wide" if width > 390 and has_wide else "kb-diagram__narrow"
            assert found["picture"] == expected, table_id
            problems += [f"{table_id} ({found['picture']}, {width} px): {p}"
                         for p in found["problems"]]
            # Nothing to scroll sideways, on the page or in the figure.
            assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
    assert not problems, "\n".join(problems)

