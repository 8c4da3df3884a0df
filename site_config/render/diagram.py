"""A decision-tree diagram of a routing table as inline SVG, drawn at build time.

The tree is found by asking the engine itself (``decide_in``) what comes after every
answer, so the picture cannot drift from the logic. A nested list beside it is the text
alternative. No script and nothing from another origin is needed to show it.

Two pictures of the same tree go into the page, and CSS shows the one that fits the
column (a container query, so it follows the column, not the window):

* a wide one, laid out by Graphviz ``dot`` (Debian's ``graphviz``; scripts/setup.sh
  installs it) so that no line crosses a box or an answer: hand-placed curves did;
* a narrow one drawn top to bottom as an indented outline, for phones: every box takes
  the column's width less its depth, so nothing is cut or needs sideways scrolling.

Only ``class`` attributes style the shapes (widget.css colours them from the theme), so
the Content-Security-Policy's ``style-src 'self'`` has nothing to block, and the dark
scheme works.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from html import escape

from decision_logic import Table
from decision_logic.engine import decide_in
from site_config.browser.assets import AssetError
from site_config.content.ui import html, text

#: px; the SVG's text is 12 px (widget.css). Wrapping and box sizes are estimated from an
#: average letter width a little above that of Arial and Apple's system font, so the
#: words fit whichever sans-serif the reader's system shows.
FONT = 12
LINE = 15
PAD = 8
#: average width of a letter, and of a capital, in px at FONT
LETTER = 6.3
CAPITAL = 8.2
#: the wide picture: boxes at most this wide, answers wrapped to this width (px); the
#: roomiest pair whose picture fits WIDE_FIT is used, so a small tree is not squeezed
WIDE_SIZES = ((230, 170), (190, 140), (150, 110))
WIDE_FIT = 640
#: a wide picture wider than this is not offered: the outline is shown at every width.
#: widget.css shows the wide picture in a column of at least 600 px; scaled into that, a
#: picture of at most 680 px keeps its text at 10.5 px or more.
WIDE_MAX = 680
#: the narrow outline: its width in px, shown at 100 % of the column (358 px at 390 px)
NARROW_WIDTH = 340
INDENT = 22
DOT_TIMEOUT = 60


@dataclass
class Node:
    label: str
    outcome: str | None = None
    branches: list[tuple[str, Node]] = field(default_factory=list)


def build_tree(table: Table, answers: dict[str, str] | None = None) -> Node:
    """The question asked after ``answers``, with one branch per value, down to outcomes."""
    answers = answers or {}
    decision = decide_in(table, answers)
    if decision.outcome:
        return Node(label=decision.title or "", outcome=decision.outcome)
    question = table.question(decision.next_question or "")
    node = Node(label=question.label)
    for value in question.values:
        node.branches.append((value.label, build_tree(table, {**answers, question.id: value.id})))
    return node


def merged_branches(node: Node) -> list[tuple[str, Node]]:
    """The node's branches, with answers that lead straight to the same outcome drawn as
    one arrow ("Förskolan eller Skolan"): fewer boxes, and the same reading."""
    merged: list[tuple[list[str], Node]] = []
    for answer, child in node.branches:
        same = next((m for m in merged if child.outcome and m[1].outcome == child.outcome),
                    None)
        if same:
            same[0].append(answer)
        else:
            merged.append(([answer], child))
    return [(text("table", "either").join([first, *map(_lower_first, rest)]), child)
            for (first, *rest), child in merged]


def _lower_first(label: str) -> str:
    """"Skolan" after "eller" reads "skolan"; an abbreviation ("BUP") keeps its case."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def text_width(line: str) -> float:
    """Estimated width of ``line`` in px at FONT (see LETTER)."""
    return sum(CAPITAL if c.isupper() or c in "mwW" else LETTER for c in line)


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` px (by the estimate of ``text_width``)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _text(x: float, y: float, lines: list[str], css: str = "") -> str:
    """One ``<text>`` per line, the first baseline at ``y``."""
    cls = f' class="{css}"' if css else ""
    return "".join(f'<text{cls} x="{x:.0f}" y="{y + i * LINE:.0f}">{escape(line)}</text>'
                   for i, line in enumerate(lines))


def _box(node: Node, x: float, y: float, width: float, lines: list[str]) -> str:
    """The node's rectangle followed by its text (the contrast test pairs them so)."""
    kind = "kb-d-outcome" if node.outcome else "kb-d-question"
    height = len(lines) * LINE + 2 * PAD
    return (f'<rect class="{kind}" x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" rx="6"/>'
            + _text(x + PAD, y + PAD + 0.8 * LINE, lines))


def _marker(marker_id: str) -> str:
    return (f'<defs><marker id="{marker_id}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z" class="kb-d-arrowhead"/></marker></defs>')


def _svg(css: str, width: float, height: float, title_id: str, title: str,
         marker_id: str, shapes: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" '
            f'viewBox="-2 -2 {width + 4:.0f} {height + 4:.0f}" width="{width + 4:.0f}" '
            f'role="img" aria-labelledby="{title_id}">'
            f'<title id="{title_id}">{escape(title)}</title>{_marker(marker_id)}'
            f"{''.join(shapes)}</svg>")


# --- The wide picture: Graphviz ------------------------------------------------------------

def _walk(root: Node) -> list[Node]:
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(child for _, child in reversed(merged_branches(node)))
    return nodes


def _run_dot(source: str) -> dict:
    dot = shutil.which("dot")
    if dot is None:
        raise AssetError("Graphviz saknas (programmet 'dot'), som ritar diagrammen. "
                         "Kör scripts/setup.sh, som installerar Debians paket graphviz.")
    done = subprocess.run([dot, "-Tjson"], input=source, capture_output=True, text=True,
                          timeout=DOT_TIMEOUT, check=False)
    if done.returncode != 0:
        raise AssetError(f"Graphviz kunde inte rita diagrammet: {done.stderr.strip()}")
    return json.loads(done.stdout)


def _sized_label(width: float, height: float) -> str:
    """An empty label of an exact size: we draw the words, dot only makes room for them."""
    return (f'<<TABLE FIXEDSIZE="TRUE" WIDTH="{width:.0f}" HEIGHT="{height:.0f}" BORDER="0" '
            'CELLPADDING="0" CELLSPACING="0"><TR><TD></TD></TR></TABLE>>')


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in text.split())]


def wide_layout(root: Node, marker_id: str, title_id: str, title: str) -> tuple[str, float]:
    """The tree laid out top to bottom by ``dot`` with the roomiest boxes that fit;
    returns the SVG and its width in px."""
    for box, answer in WIDE_SIZES:
        svg, width = _wide_layout(root, marker_id, title_id, title, box, answer)
        if width <= WIDE_FIT:
            break
    return svg, width


def _wide_layout(root: Node, marker_id: str, title_id: str, title: str, box: float,
                 answer_width: float) -> tuple[str, float]:
    nodes = _walk(root)
    index = {id(n): i for i, n in enumerate(nodes)}
    lines = {id(n): wrap(n.label, box - 2 * PAD) for n in nodes}
    sizes = {id(n): (max(map(text_width, lines[id(n)])) + 2 * PAD + 4,
                     len(lines[id(n)]) * LINE + 2 * PAD) for n in nodes}
    edges = [(node, answer, child) for node in nodes for answer, child in merged_branches(node)]
    answer_lines = [wrap(answer, answer_width) for _, answer, _ in edges]
    source = ["digraph {", "rankdir=TB; nodesep=0.25; ranksep=0.25; splines=true;",
              'node [shape=box fixedsize=true label=""];']
    source += [f"n{index[id(n)]} [width={sizes[id(n)][0] / 72:.3f} "
               f"height={sizes[id(n)][1] / 72:.3f}];" for n in nodes]
    for (tail, _, head), ls in zip(edges, answer_lines, strict=True):
        label = _sized_label(max(map(text_width, ls)) + 12, len(ls) * LINE + 6)
        source.append(f"n{index[id(tail)]} -> n{index[id(head)]} [label={label}];")
    graph = _run_dot("\n".join(source) + "\n}")
    _, _, width, height = (float(v) for v in graph["bb"].split(","))

    def flip(x: float, y: float) -> tuple[float, float]:
        return x, height - y  # dot's y grows upwards

    # objects are the nodes in the order declared (n0, n1, ...); edges name them by index
    by_ends = {(index[id(t)], index[id(h)]): ls
               for (t, _, h), ls in zip(edges, answer_lines, strict=True)}
    shapes: list[str] = []
    for edge in graph.get("edges", []):
        ls = by_ends[(int(graph["objects"][edge["tail"]]["name"][1:]),
                      int(graph["objects"][edge["head"]]["name"][1:]))]
        end, *spline = edge["pos"].split(" ")
        points = [flip(x, y) for x, y in _points(" ".join(spline))]
        tip = flip(*_points(end.removeprefix("e,"))[0])
        first, rest = points[0], points[1:]
        curve = " ".join(f"{x:.1f},{y:.1f}" for x, y in rest)
        shapes.append(f'<path class="kb-d-edge" d="M{first[0]:.1f},{first[1]:.1f} C{curve} '
                      f'L{tip[0]:.1f},{tip[1]:.1f}" marker-end="url(#{marker_id})"/>')
        lx, ly = flip(*_points(edge["lp"])[0])
        top = ly - len(ls) * LINE / 2
        shapes.append(_text(lx - (max(map(text_width, ls)) + 12) / 2 + 6, top + 0.8 * LINE + 3,
                            ls, "kb-d-answer"))
    for obj in graph["objects"]:
        node = nodes[int(obj["name"][1:])]
        w, h = sizes[id(node)]
        x, y = flip(*_points(obj["pos"])[0])
        shapes.append(_box(node, x - w / 2, y - h / 2, w, lines[id(node)]))
    return _svg("kb-diagram__wide", width, height, title_id, title, marker_id, shapes), width


# --- The narrow picture: an outline, top to bottom ----------------------------------------

def _outline(node: Node, depth: int, y: float, shapes: list[str], marker_id: str) -> tuple[
        float, float]:
    """Draw ``node`` and its subtree from ``y``; return (the box's middle, the next y)."""
    x = depth * INDENT
    width = NARROW_WIDTH - x
    lines = wrap(node.label, width - 2 * PAD)
    height = len(lines) * LINE + 2 * PAD
    shapes.append(_box(node, x, y, width, lines))
    middle, y = y + height / 2, y + height
    trunk = x + INDENT / 2
    last = y
    for answer, child in merged_branches(node):
        label = wrap(answer, width - INDENT - 4)
        shapes.append(_text(x + INDENT, y + 6 + 0.8 * LINE, label, "kb-d-answer"))
        child_top = y + 6 + len(label) * LINE + 4
        child_middle, y = _outline(child, depth + 1, child_top, shapes, marker_id)
        shapes.append(f'<path class="kb-d-edge" d="M{trunk:.0f},{child_middle:.0f} '
                      f'H{x + INDENT - 1:.0f}" marker-end="url(#{marker_id})"/>')
        last = child_middle
        y += 6
    if node.branches:
        shapes.append(f'<path class="kb-d-edge" d="M{trunk:.0f},{middle + height / 2:.0f} '
                      f'V{last:.0f}"/>')
    return middle, y


def narrow_layout(root: Node, marker_id: str, title_id: str, title: str) -> str:
    shapes: list[str] = []
    _, height = _outline(root, 0, 0, shapes, marker_id)
    return _svg("kb-diagram__narrow", NARROW_WIDTH, height, title_id, title, marker_id,
                shapes)


def _text_alternative(node: Node) -> str:
    if not node.branches:
        return f"<strong>{escape(node.label)}</strong>"
    items = "".join(f"<li>{escape(answer)} → {_text_alternative(child)}</li>"
                    for answer, child in node.branches)
    return f"{escape(node.label)}<ul>{items}</ul>"


def render_diagram(table: Table) -> str:
    """The tree as a figure: two SVGs for the eye (CSS shows the one that fits), a nested
    list for screen readers, search and print."""
    root = build_tree(table)
    title = text("diagram", "title", title=table.title)
    base = f"diagram-{table.id}"
    wide, wide_width = wide_layout(root, f"{base}-pil", f"{base}-titel", title)
    narrow = narrow_layout(root, f"{base}-pil-smal", f"{base}-titel-smal", title)
    # Too wide to stay legible when scaled into a column: the outline at every width.
    pictures = narrow if wide_width > WIDE_MAX else wide + narrow
    return (
        f'<figure class="kb-diagram" data-diagram="{escape(table.id)}">'
        # The picture's words are split over <text> lines and would reach the search
        # index run together; the text alternative below carries the same words.
        f'<div class="kb-diagram__pictures" data-search-exclude>{pictures}</div>'
        f'<figcaption><details><summary>{html("diagram", "as_text")}</summary>'
        f"{_text_alternative(root)}</details></figcaption></figure>"
    )
