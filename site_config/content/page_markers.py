"""The markers a page may carry (``<!-- kb:widget ansvarig -->``), and the check of a
page's markers and front matter that the build and the editors' check share, without
rendering anything. What each marker becomes is ``site_config/render/markers.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from decision_logic import Catalog, ContentError, Governance
from decision_logic.toolchain.checker import Checker, no_lines
from decision_logic.toolchain.governance import GOVERNANCE_KEYS, RETIRED_KEYS, parse_governance
from site_config.content.manifest import SiteManifest
from site_config.content.publication import REGION_DETAILS

MARKER = re.compile(r"<!--\s*kb:(?P<kind>[a-z-]+)(?:\s+(?P<arg>[a-z0-9-]+))?\s*-->")


#: what to do about a marker the build cannot expand
HINT_MARKER = ("Skriv markören som <!-- kb:widget ansvarig -->: ett känt namn och, för "
               "widget, tabell och diagram, id:t på en tabell i decision_logic/tables/.")


#: the content file each marker shows, for the markers that show one file whatever the
#: argument (the table markers show ``decision_logic/tables/<arg>.yaml``)
MARKER_FILES = {
    "regler": "decision_logic/rules.yaml",
    "kallor": "decision_logic/rules.yaml",
    "andringslogg": "decision_logic/changelog.yaml",
    "ordlista": "site_config/ordlista.yaml",
    "ovningar": "decision_logic/training/exercises.yaml",
    "checklistor": "decision_logic/training/checklists.yaml",
}
#: the trainer's guide's markers show the exercises and the guide's own file
GUIDE_MARKERS = ("pass", "fallkort", "facit", "facit-grupper")
#: markers that show no content file: the guide's print choices
PLAIN_MARKERS = ("utskrift",)
GUIDE_FILES = ("decision_logic/training/exercises.yaml",
               "decision_logic/training/handledning.yaml")
LETTERS_FILE = "decision_logic/letters.yaml"
TABLE_MARKERS = ("widget", "tabell", "diagram")


def page_files(markdown: str, page_name: str, catalog: Catalog) -> list[str]:
    """Every content file a page shows: its own Markdown and each file a marker puts
    into it (a page the build writes for a table has no file of its own; its letters
    marker shows the letters file only when the table has letters)."""
    files = [f"docs/{page_name}"]
    for match in MARKER.finditer(markdown):
        if match["kind"] in (*TABLE_MARKERS, "kort") and match["arg"]:
            files.append(f"decision_logic/tables/{match['arg']}.yaml")
        elif match["kind"] == "brev" and catalog.letters_of(match["arg"] or ""):
            files.append(LETTERS_FILE)
        elif match["kind"] in GUIDE_MARKERS:
            files += GUIDE_FILES
        elif match["kind"] in MARKER_FILES:
            files.append(MARKER_FILES[match["kind"]])
    return list(dict.fromkeys(files))


#: the markers a table's page must carry, for its own table
TABLE_PAGE_MARKERS = ("widget", "diagram", "tabell")


def _check_table_page(markdown: str, page_name: str, manifest: SiteManifest,
                      catalog: Catalog) -> None:
    """A page the manifest names as a table's shows that table's widget, diagram and
    table, and its letters when it has any; a page written by hand might forget one."""
    table_id = next((t for t, p in manifest.tables.items() if p.src == page_name), None)
    if table_id is None:
        return
    found = {(m["kind"], m["arg"]) for m in MARKER.finditer(markdown)}
    kinds = TABLE_PAGE_MARKERS + (("brev",) if catalog.letters_of(table_id) else ())
    missing = [f"<!-- kb:{kind} {table_id} -->" for kind in kinds
               if (kind, table_id) not in found]
    if missing:
        raise ContentError(page_name, "", None, f"sidan visar beslutsstödet '{table_id}' ("
                           f"{manifest.source}) men saknar " + ", ".join(missing))


def check_governed(has_governance: bool, page_name: str, manifest: SiteManifest) -> None:
    """The manifest's ``governed`` says which pages name owner, status and review in
    their front matter (the tests and the editors' list of drafts go by it): it must
    agree with the pages."""
    page = next((p for p in manifest.pages if p.src == page_name), None)
    if page is None or page.table or page.governed == has_governance:
        return
    if has_governance:
        raise ContentError(page_name, "", None, "sidan har ägare, status och granskning i "
                           f"sitt huvud; skriv 'governed: true' på dess rad i {manifest.source}")
    raise ContentError(page_name, "", None, f"{manifest.source} säger 'governed: true', men "
                       "sidans huvud (front matter) saknar owner, status, review och version")


#: every marker a page may carry; the table markers name a table, the others nothing
MARKER_KINDS = (*TABLE_MARKERS, "regler", "kallor", "andringslogg", "ordlista", "brev",
                "ovningar", "checklistor", "kort", "lankar", "region", "offline",
                *GUIDE_MARKERS, *PLAIN_MARKERS)


def marker_faults(markdown: str, page_name: str, manifest: SiteManifest,
                  catalog: Catalog) -> list[ContentError]:
    """Every fault in a page's markers, without rendering anything: an unknown marker, a
    table that does not exist, the letter away from its page, a table's page without its
    table's markers. The build stops on the first (``expand``); the check lists them all."""
    faults = []
    table_ids = catalog.tables
    for match in MARKER.finditer(markdown):
        kind, arg = match["kind"], match["arg"]
        if kind not in MARKER_KINDS:
            faults.append(ContentError(page_name, "", None, f"okänd markör '{match[0]}'; "
                                       "kända är " + ", ".join(f"kb:{k}" for k in MARKER_KINDS),
                                       hint=HINT_MARKER))
        elif kind in (*TABLE_MARKERS, "kort") and arg not in table_ids:
            faults.append(ContentError(page_name, "", None, f"markören '{match[0]}': "
                                       f"beslutsstödet '{arg}' finns inte; kända är "
                                       + ", ".join(sorted(table_ids)), hint=HINT_MARKER))
        elif kind == "region" and arg not in REGION_DETAILS:
            faults.append(ContentError(page_name, "", None, f"markören '{match[0]}': "
                                       f"uppgiften '{arg}' finns inte; kända är "
                                       + ", ".join(REGION_DETAILS), hint=HINT_MARKER))
        elif kind == "brev" and (manifest.tables.get(arg) is None
                                 or manifest.tables[arg].src != page_name):
            faults.append(ContentError(page_name, "", None, f"breven till '{arg}' hör hemma "
                                       "på beslutsstödets egen sida; ta bort markören här",
                                       hint=HINT_MARKER))
    try:
        _check_table_page(markdown, page_name, manifest, catalog)
    except ContentError as error:
        faults.append(error)
    return faults


def page_governance(meta: Mapping[str, Any], page_name: str) -> Governance | None:
    """The governance block in a page's front matter, validated; None if it has none."""
    block = {k: v for k, v in meta.items() if k in GOVERNANCE_KEYS or k in RETIRED_KEYS}
    if not block:
        return None
    return parse_governance(Checker(f"{page_name} (front matter)", no_lines), block, ())
