"""The benchmark's reading of a Chromium trace (scripts/bench_trace.py), on a small
hand-made trace: which paint showed the content, what counts as CPU of which stage, and
that the stylesheet for paper and the work after the paint are left out."""

from __future__ import annotations

import pytest

from scripts import bench_trace

URL = "http://127.0.0.1:1/sida/"
RENDERER, MAIN, RASTER = 7, 1, 2


def task(name: str, at_ms: float, ms: float, cpu_ms: float | None = None,
         thread: int = MAIN, **data: str) -> dict[str, object]:
    """A complete event on the renderer, at ``at_ms`` for ``ms`` (thread time ``cpu_ms``)."""
    return {"name": name, "ph": "X", "pid": RENDERER, "tid": thread, "ts": at_ms * 1000,
            "dur": ms * 1000, "tdur": (ms if cpu_ms is None else cpu_ms) * 1000,
            "args": {"data": data}}


def mark(name: str, at_ms: float, **data: str) -> dict[str, object]:
    return {"name": name, "ph": "R", "pid": RENDERER, "tid": MAIN, "ts": at_ms * 1000,
            "args": {"data": data}}


TRACE = [
    {"name": "thread_name", "ph": "M", "pid": RENDERER, "tid": MAIN,
     "args": {"name": "CrRendererMain"}},
    mark("navigationStart", 10, documentLoaderURL=URL),
    task("ParseHTML", 20, 4),
    task("ParseAuthorStyleSheet", 40, 2, styleSheetUrl="http://x/assets/site.css"),
    task("ParseAuthorStyleSheet", 45, 1, styleSheetUrl="http://x/assets/site-print.css"),
    # a module that reads the layout: the first style and layout happen inside it
    task("v8.evaluateModule", 60, 30, 28),
    task("UpdateLayoutTree", 62, 8, 6),
    task("Layout", 70, 15, 12),
    task("Layout", 71, 3),  # nested in the one above: not counted twice
    task("Paint", 95, 5, 4),
    task("RasterTask", 101, 6, 5, thread=RASTER),
    # after the frame that showed the content
    task("EvaluateScript", 130, 50),
    task("Paint", 190, 2),
]


def test_the_stages_of_one_load_are_read_from_its_trace():
    # The content was shown 110 ms after the time origin (at 10 ms): at 120 ms.
    figures = bench_trace.stages(TRACE, URL, 110)
    assert figures["CSS in"] == pytest.approx(32)  # the screen's stylesheet, not paper's
    assert figures["painted"] == pytest.approx(90)  # the last paint before it was shown
    assert figures["shown"] == pytest.approx(110)
    assert figures["HTML"] == pytest.approx(4)
    assert figures["CSS parse"] == pytest.approx(3)
    assert figures["style"] == pytest.approx(6) and figures["layout"] == pytest.approx(12)
    assert figures["script"] == pytest.approx(28 - 6 - 12)  # without what it forced
    assert figures["paint"] == pytest.approx(4)
    assert figures["raster"] == pytest.approx(5)


def test_a_trace_without_the_page_s_navigation_start_is_told_not_read():
    with pytest.raises(bench_trace.IncompleteTrace):
        bench_trace.stages(TRACE, "http://127.0.0.1:1/en-annan-sida/", 110)
    # Nor without a paint before the content was shown.
    with pytest.raises(bench_trace.IncompleteTrace):
        bench_trace.stages(TRACE, URL, 80)


PAGE = """<html><head><script>var inline = 1</script>
<link rel="stylesheet" href="../assets/site.css"></head><body>
<div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar"><nav>sidor</nav></div>
<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar"><nav>rubriker</nav></div>
<div class="md-content" data-md-component="content"><article><h1>Ordlista</h1></article></div>
</div>
<script id="__config" type="application/json">{}</script>
<script src="../assets/javascripts/bundle.min.js" defer></script>
<script src="../assets/site.js" type="module"></script>
</body></html>"""


def test_the_glossary_is_taken_apart_as_said_or_not_at_all():
    bare = bench_trace.without_sidebars(bench_trace.without_scripts(PAGE))
    assert "src=" not in bare and "md-sidebar" not in bare
    # The inline scripts, the stylesheet and the content stay.
    for kept in ("var inline = 1", 'id="__config"', "site.css", "<h1>Ordlista</h1>",
                 '<div class="md-content"'):
        assert kept in bare
    # A page that is not the one it was gives no figure.
    with pytest.raises(ValueError):
        bench_trace.without_scripts(bare)
    with pytest.raises(ValueError):
        bench_trace.without_sidebars(bare)
