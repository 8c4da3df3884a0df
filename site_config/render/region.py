"""The region's own details on Om webbplatsen and the accessibility statement.

A page writes ``<!-- kb:region utgivare -->`` where the organisation that publishes the
site is named, and the build puts in what ``mkdocs.yml`` says (``site_config.content.load``
reads it). A detail the region has not filled in is never guessed: the page shows
"[uppgift saknas: …]" in its place, and ``<!-- kb:region saknas -->`` lists every missing
detail in a notice at the top (``site_config.content.publication`` decides what is missing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from site_config.content.publication import (
    ASSESSED,
    PUBLISHER,
    REPORT_ADDRESS,
    UPDATED,
    RegionSettings,
    missing_region_data,
)
from site_config.content.ui import html


def _missing(what: str) -> str:
    words = html("region", "missing", what=html("region", what))
    return f'<strong class="kb-missing">{words}</strong>'


def _date(value: dt.date | None, what: str) -> str:
    return value.isoformat() if value is not None else _missing(what)


def _address(settings: RegionSettings) -> str:
    if settings.placeholder_address:
        return _missing(REPORT_ADDRESS.what)
    address = escape(settings.report_error_address)
    return f'<a href="mailto:{address}">{address}</a>'


def _missing_notice(settings: RegionSettings) -> str:
    missing = missing_region_data(settings)
    if not missing:
        return ""
    items = "".join(f"<li>{html('region', field.what)}</li>" for field in missing)
    return (f'<div class="admonition warning kb-region-missing">'
            f'<p class="admonition-title">{html("region", "missing_title")}</p>'
            f'<p>{html("region", "missing_notice")}</p><ul>{items}</ul></div>')


def render_region(detail: str, settings: RegionSettings, site_name: str) -> str:
    """The HTML for ``<!-- kb:region detail -->``: inline for a value, a block for
    ``saknas``. ``detail`` is one of ``REGION_DETAILS`` (the marker check made sure)."""
    renderers: dict[str, Callable[[], str]] = {
        "utgivare": lambda: (escape(settings.publisher) if settings.publisher
                             else _missing(PUBLISHER.what)),
        "webbplats": lambda: escape(site_name),
        "adress": lambda: _address(settings),
        "bedomd": lambda: _date(settings.statement_assessed, ASSESSED.what),
        "uppdaterad": lambda: _date(settings.statement_updated, UPDATED.what),
        "saknas": lambda: _missing_notice(settings),
    }
    return renderers[detail]()
