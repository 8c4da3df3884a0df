"""A decision-tree diagram of a routing table as inline SVG, drawn at build time.

The tree is found by asking the engine itself (``decide_in``) what comes after every
answer, so the picture cannot drift from the logic. A nested list beside it is the text
alternative. No script and nothing from another origin is needed to show it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

from decision_logic import Table
from decision_logic.engine import decide_in

BOX_WIDTH = 210
GAP = 230  # room for the answer written along each branch
LINE = 15
PAD = 8
WRAP = 30


@dataclass
class Node:
    label: str
    outcome: str | None = None
    branches: list[tuple[str, Node]] = field(default_factory=list)
    x: float = 0
    y: float = 0
    lines: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + 2 * PAD


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


def _layout(node: Node, depth: int, next_y: list[float]) -> None:
    node.lines = textwrap.wrap(node.label, WRAP)
    node.x = depth * (BOX_WIDTH + GAP)
    if not node.branches:
        answer_lines = 0
        node.y = next_y[0]
        next_y[0] += max(node.height, answer_lines * LINE) + 2 * PAD + LINE * 2
        return
    for _, child in node.branches:
        _layout(child, depth + 1, next_y)
    first, last = node.branches[0][1], node.branches[-1][1]
    node.y = (first.y + first.height / 2 + last.y + last.height / 2) / 2 - node.height / 2


def _draw(node: Node, out: list[str]) -> None:
    kind = "kb-d-outcome" if node.outcome else "kb-d-question"
    out.append(f'<rect class="{kind}" x="{node.x}" y="{node.y:.0f}" width="{BOX_WIDTH}" '
               f'height="{node.height:.0f}" rx="6"/>')
    for i, line in enumerate(node.lines):
        out.append(f'<text x="{node.x + PAD}" y="{node.y + PAD + (i + 0.8) * LINE:.0f}">'
                   f"{escape(line)}</text>")
    for answer, child in node.branches:
        x1, y1 = node.x + BOX_WIDTH, node.y + node.height / 2
        x2, y2 = child.x, child.y + child.height / 2
        out.append(f'<path class="kb-d-edge" d="M{x1},{y1:.0f} C{x1 + GAP / 2},{y1:.0f} '
                   f'{x2 - GAP / 2},{y2:.0f} {x2 - 6},{y2:.0f}" marker-end="url(#kb-arrow)"/>')
        wrapped = textwrap.wrap(answer, 32)
        for i, line in enumerate(wrapped):
            y = y2 - 4 - (len(wrapped) - 1 - i) * LINE
            out.append(f'<text class="kb-d-answer" x="{x2 - GAP + 14}" y="{y:.0f}">'
                       f"{escape(line)}</text>")
        _draw(child, out)


def _text_alternative(node: Node) -> str:
    if not node.branches:
        return f"<strong>{escape(node.label)}</strong>"
    items = "".join(f"<li>{escape(answer)} → {_text_alternative(child)}</li>"
                    for answer, child in node.branches)
    return f"{escape(node.label)}<ul>{items}</ul>"


def render_diagram(table: Table) -> str:
    """The tree as a figure: SVG for the eye, a nested list for screen readers and print."""
    root = build_tree(table)
    _layout(root, 0, [0.0])
    nodes: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(child for _, child in node.branches)
    width = max(n.x for n in nodes) + BOX_WIDTH + 2
    height = max(n.y + n.height for n in nodes) + 2
    shapes: list[str] = []
    _draw(root, shapes)
    title_id = f"diagram-{table.id}-titel"
    return (
        f'<figure class="kb-diagram" data-diagram="{escape(table.id)}">'
        # Focusable and named: a keyboard user must be able to scroll a wide diagram.
        # The picture's words are split over <text> lines and would reach the search
        # index run together; the text alternative below carries the same words.
        f'<div class="kb-diagram__scroll" data-search-exclude tabindex="0" role="group" '
        f'aria-label="Diagram: {escape(table.title)}, rullbart i sidled">'
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="-1 -1 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">Diagram: {escape(table.title)} (samma innehåll finns som '
        "text under bilden)</title>"
        '<defs><marker id="kb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="kb-d-arrowhead"/></marker></defs>'
        f"{''.join(shapes)}</svg></div>"
        f"<figcaption><details><summary>Diagrammet som text</summary>"
        f"{_text_alternative(root)}</details></figcaption></figure>"
    )
