"""The offer of offline use as a first-time reader sees it (the marker
``<!-- kb:offline -->``, and quietly after each widget); the sizes it states are filled in
when the site is finished (``site_config/deploy/offline``, ``mark_pages``)."""

from __future__ import annotations

from html import escape

from site_config.content.protocol import attribute
from site_config.content.ui import action_attr, role_attr, ui

#: where the offer's sizes go until the build knows them (``mark_pages`` fills them in)
SIZE_TOKENS = {"site": "@@kb-offline-site@@", "python": "@@kb-offline-python@@",
               "snapshot": "@@kb-offline-snapshot@@"}


def megabytes(size: int) -> str:
    """Bytes as MB with one decimal and a Swedish comma, as offline.js writes them."""
    return f"{size / 1e6:.1f}".replace(".", ",")


def render_offer(urls: dict[str, str], quiet: bool = False) -> str:
    """The offer of offline use: the marker ``<!-- kb:offline -->``, and ``quiet`` after
    each widget. Drawn here as a first-time reader sees it (what is stored and how much,
    the button), so nothing moves when offline.js takes it over and, for a reader who has
    chosen, says so instead. It carries the runtime's addresses (``urls``: ``worker``,
    ``pyodide``, ``stdlib``, ``app``, relative to the page), with which the snapshot of
    Python's memory is made on a page without a widget. Without JavaScript it is hidden
    (widget.css): there is nothing to offer then."""
    texts = ui()
    attributes = "".join(f' {attribute(key)}="{escape(urls[key])}"'
                         for key in ("worker", "pyodide", "stdlib", "app"))
    kind = "kb-offline kb-offline-quiet" if quiet else "kb-offline"
    return (f'<div class="{kind}" {role_attr("offline_offer")}'
            f"{attributes} data-search-exclude>"
            f'<p>{texts.html("offline", "offer", **SIZE_TOKENS)}</p>'
            f'<button type="button" class="md-button" {action_attr("offline_on")}>'
            f'{texts.html("offline", "save")}</button>'
            f'<p {role_attr("offline_status")} role="status"></p></div>')
