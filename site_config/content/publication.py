"""What only the region can fill in, and what a build for the public must not carry.

Om webbplatsen and the accessibility statement (``/om-webbplatsen/``,
``/om-webbplatsen/tillganglighet/``) name the organisation that publishes the site, the
address readers report to and the statement's two dates. None of them may be invented, so
they are settings in ``mkdocs.yml`` (``extra``) that the region fills in. Until then the
pages say plainly what is missing, ``mkdocs build`` (``make serve``, ``make build``) warns,
and ``make release`` (``site_config.deploy.release``) refuses to build for the public.

Plain functions over ``RegionSettings``, no MkDocs and no file access: the page renderer,
the build's warnings and the release command ask the same questions here. (The format of
``SITE_URL``, once given, is the build's own check; here only whether a public address
is given at all.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from site_config.content.site_url import is_local_address
from site_config.content.ui import text


class RegionSettings(Protocol):
    """The region's settings as read from ``mkdocs.yml`` (``site_config.content.load.Settings``;
    named by its shape here, so that this module needs nothing from the loader)."""

    @property
    def report_error_address(self) -> str: ...
    @property
    def placeholder_address(self) -> bool: ...
    @property
    def publisher(self) -> str: ...
    @property
    def statement_assessed(self) -> dt.date | None: ...
    @property
    def statement_updated(self) -> dt.date | None: ...


@dataclass(frozen=True)
class RegionField:
    """One thing only the region can say, and where it is written."""

    key: str
    """Its key in ``mkdocs.yml`` (``extra.publisher``)."""
    what: str
    """What it is, as a reader is told it is missing (its ``ui.yaml`` key in ``region``)."""


PUBLISHER = RegionField("extra.publisher", "publisher")
REPORT_ADDRESS = RegionField("extra.report_error_address", "report_address")
ASSESSED = RegionField("extra.accessibility_statement.assessed", "assessed")
UPDATED = RegionField("extra.accessibility_statement.updated", "updated")


def missing_region_data(settings: RegionSettings) -> list[RegionField]:
    """Each setting the pages need that the region has not filled in yet (the report
    address while it is the placeholder), in the order the statement names them."""
    missing = []
    if not settings.publisher:
        missing.append(PUBLISHER)
    if settings.placeholder_address:
        missing.append(REPORT_ADDRESS)
    if settings.statement_assessed is None:
        missing.append(ASSESSED)
    if settings.statement_updated is None:
        missing.append(UPDATED)
    return missing


def site_url_problem(site_url: str | None) -> str | None:
    """Why ``SITE_URL`` cannot be the address of a public build, or None if it can.

    Without it, every link in the link catalogue and every QR code on the wall cards
    leads to the machine that built the site."""
    if not (site_url or "").strip():
        return ("SITE_URL saknas. Ange webbplatsens publika adress, till exempel "
                "SITE_URL=https://vard.example.se/kronobarnsmodellen/ make release.")
    if is_local_address(site_url or ""):
        return (f"SITE_URL pekar på den egna datorn ({site_url}). Länklistan och korten "
                "att sätta upp skulle leda dit. Ange webbplatsens publika adress.")
    return None


def release_problems(site_url: str | None, settings: RegionSettings) -> list[str]:
    """Every reason not to build for the public, each naming what to do."""
    problems = []
    url_problem = site_url_problem(site_url)
    if url_problem:
        problems.append(url_problem)
    for field in missing_region_data(settings):
        if field is REPORT_ADDRESS:
            problems.append(f"mkdocs.yml: {field.key} är fortfarande platshållaren "
                            f"{settings.report_error_address}. Skriv regionens adress dit "
                            "(\"Rapportera fel\" och tillgänglighetsredogörelsen hänvisar dit).")
        else:
            problems.append(f"mkdocs.yml: {field.key} är inte ifylld "
                            f"({text('region', field.what)}).")
    return problems


#: the details a page can name (the marker's argument)
REGION_DETAILS = ("utgivare", "webbplats", "adress", "bedomd", "uppdaterad", "saknas")
