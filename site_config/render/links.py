"""HTML for the link catalogue (/beslutsstod/lankar/) and the wall cards (/beslutsstod/<id>/kort/).

Both are drawn at build time from the tables through ``answer_links``, so neither can
list a link that does not open its answer. A card's QR code is an inline SVG made here by
``segno`` (a well-kept pure-Python QR encoder; nothing is fetched to draw it), for the
widget's absolute address under the site's ``site_url``.
"""

from __future__ import annotations

from html import escape

import segno

from decision_logic import Catalog, Table
from site_config.content.manifest import SiteManifest
from site_config.content.protocol import attribute
from site_config.content.site_url import is_local_address
from site_config.content.ui import action_attr, html, role_attr, text
from site_config.render.answer_links import AnswerLink, answer_links, public_url
from site_config.render.html import SiteLink
from site_config.render.training import answer_pairs, print_button

#: QR error correction: "M" still reads with about 15 % of the code scuffed or covered
QR_ERROR = "m"


def scrollable(table: str, label: str) -> str:
    """A wide table in a box of its own that scrolls sideways on a phone, so the page
    itself never does (WCAG 1.4.10); focusable, so a keyboard can scroll it too."""
    return (f'<div class="kb-scroll" role="region" tabindex="0" aria-label="{label}">'
            f"{table}</div>")


def _link_cell(answer: AnswerLink, path: str, link: SiteLink, site_url: str) -> str:
    """The link (relative, so it opens wherever the site is served; its text the public
    address) and its copy button, which links.js shows and wires up."""
    target = f"{path}?{answer.query}"
    return (f'<td class="kb-link-cell"><a class="kb-answer-link" href="'
            f'{escape(link(path))}?{escape(answer.query)}" {attribute("answer_link")} '
            f'{attribute("table")}="{escape(answer.table)}" '
            f'{attribute("outcome")}="{escape(answer.outcome)}">'
            f"{escape(public_url(site_url, target))}</a> "
            f'<span class="kb-screen-only" {attribute("copy_holder")} hidden>'
            f'<button type="button" class="md-button kb-copy-button" '
            f'{action_attr("copy_answer_link")}>{html("links", "copy")}</button> '
            f'<span class="kb-copied" role="status" {role_attr("copied")} hidden>'
            "</span></span></td>")


def render_link_catalogue(catalog: Catalog, manifest: SiteManifest, link: SiteLink,
                          site_url: str) -> str:
    """Per decision support, in the order of the menu: a heading, its own address and
    its card, and a table of every answer with its path in words and its link."""
    blocks = []
    for table_id, page in manifest.tables.items():
        table = catalog.table(table_id)
        card = manifest.cards.get(table_id)
        card_link = (f' · <a href="{escape(link(card.path))}">{html("links", "card")}</a>'
                     if card else "")
        rows = "".join(
            f'<tr><td>{escape(table.outcomes[a.outcome].title)}</td>'
            f"<td>{answer_pairs(table, dict(a.answers))}</td>"
            f"{_link_cell(a, page.path, link, site_url)}</tr>"
            for a in answer_links(table))
        caption = html("links", "caption", title=escape(table.title))
        blocks.append(
            f"## {table.title} {{ #lankar-{table_id} }}\n\n"
            f'<p class="kb-links__widget"><strong>{html("links", "widget")}</strong> '
            f'<a href="{escape(link(page.path))}">{escape(public_url(site_url, page.path))}'
            f"</a>{card_link}</p>\n\n"
            + scrollable(
                f'<table class="kb-link-table" data-links="{escape(table_id)}" '
                f'data-search-exclude><caption>{caption}</caption>'
                f'<thead><tr><th scope="col">{html("links", "outcome")}</th>'
                f'<th scope="col">{html("links", "path")}</th>'
                f'<th scope="col">{html("links", "link")}</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>", caption))
    # Built without its public address, every link above would lead to the building
    # machine: the page says so on screen and on paper, as each wall card does.
    local = (f'<p class="kb-card__local kb-links__local" data-search-exclude>'
             f'{html("links", "local_address")}</p>\n\n' if is_local_address(site_url) else "")
    return local + "\n\n".join(blocks)


def qr_svg(url: str) -> str:
    """The QR code for ``url`` as an inline SVG element with its address as its name."""
    code = segno.make(url, error=QR_ERROR, micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="kb-qr__code",
                          title=text("card", "qr_title", url=url))
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _card_table(table: Table) -> str:
    """The answers as a small table: a column per question (its answer, or a dash where
    the path does not ask it) and the answer the path leads to."""
    head = "".join(f'<th scope="col">{escape(q.label)}</th>' for q in table.questions)
    rows = []
    for answer in answer_links(table):
        given = dict(answer.answers)
        cells = "".join(
            f"<td>{escape(q.value(given[q.id]).label)}</td>" if q.id in given
            else f'<td class="kb-any">{html("card", "not_asked")}</td>'
            for q in table.questions)
        rows.append(f'<tr>{cells}<td class="kb-card__outcome">'
                    f"{escape(table.outcomes[answer.outcome].title)}</td></tr>")
    caption = html("card", "caption")
    return scrollable(
        f'<table class="kb-card-table"><caption>{caption}</caption>'
        f'<thead><tr>{head}<th scope="col">{html("card", "outcome")}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>", caption)


def render_card(table: Table, manifest: SiteManifest, link: SiteLink, site_url: str) -> str:
    """One A4 sheet for the wall: the answers, and a QR code to the widget with its
    address in words beside it. Without a public ``site_url`` (a local build) the code
    still leads to the address the site was built for, and the card says so in print."""
    page = manifest.table_page(table.id)
    url = public_url(site_url, page.path)
    local = (f'<p class="kb-card__local">{html("card", "local_address")}</p>'
             if is_local_address(site_url) else "")
    return (
        f'<div class="kb-card" data-card="{escape(table.id)}" data-url="{escape(url)}">'
        f'{print_button(html("card", "print"))}{_card_table(table)}'
        f'<div class="kb-card__qr"><div class="kb-qr" data-qr>{qr_svg(url)}</div>'
        f'<p class="kb-card__scan">{html("card", "scan")}<br>'
        f'<a class="kb-card__url" href="{escape(link(page.path))}">{escape(url)}</a></p>'
        f"</div>{local}</div>")
