"""Whose content a page is, how fresh it is, and what changed: rendered at build time."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from decision_logic import Catalog, Governance
from decision_logic.toolchain.changelog import Change
from site_config.content.approval import Status
from site_config.content.manifest import rule_path, table_path
from site_config.content.protocol import attribute
from site_config.content.ui import html, text
from site_config.render.html import SiteLink, outcome_anchor, rule_href

#: Material's page status names (the menu's icon), one per kind of draft
STATUS_DRAFT = "utkast"
STATUS_CHANGED = "andrad"


def status_text(status: Status) -> str:
    """The status in words, plain text: "Fastställd 2027-01-10 av …" or one of the drafts."""
    if status.approved and status.date:
        return text("governance", "approved", date=status.date.isoformat(), by=status.by)
    if status.changed and status.date:
        return text("governance", "changed", date=status.date.isoformat())
    return text("governance", "draft")


def nav_status(status: Status) -> str | None:
    """The menu icon's status name for a page (Material's ``status`` meta); none when the
    content is approved as it stands."""
    if status.approved:
        return None
    return STATUS_CHANGED if status.changed else STATUS_DRAFT


def nav_tooltips() -> dict[str, str]:
    """The menu icon's tooltip per status name (Material's ``extra.status``)."""
    return {STATUS_DRAFT: text("governance", "tooltip_draft"),
            STATUS_CHANGED: text("governance", "tooltip_changed")}


def render_governance(status: Status, version: str, governance: Governance | None = None
                      ) -> str:
    """The line at the foot of every page: its status, owner and review (where the page
    has them) and the version of the content it shows. A draft says so in words and
    shows no approval, so no reader mistakes it for content the region has approved."""
    words = escape(status_text(status))
    parts = [f"<strong class=\"kb-draft\">{words}</strong>" if not status.approved else words]
    if governance is not None:
        parts.append(html("governance", "owner", owner=escape(governance.owner),
                          review=governance.review.isoformat()))
    parts.append(html("governance", "version", version=escape(version)))
    return (
        f'<aside class="kb-governance" aria-label="{escape(text("governance", "label"))}" '
        f'{attribute("page_status")}="{escape(status_text(status))}" data-search-exclude>'
        f"<p>{' · '.join(parts)}</p></aside>"
    )


def render_draft_notice(status: Status) -> str:
    """The notice under a draft page's heading: the word "Utkast" where every reader sees
    it, not only in the line at the foot of the page. Empty for approved content."""
    if status.approved:
        return ""
    body = (html("governance", "changed_notice", date=status.date.isoformat())
            if status.changed and status.date else html("governance", "draft_notice"))
    return ('<div class="admonition warning kb-draft-notice" data-search-exclude>'
            f'<p class="admonition-title">{html("governance", "draft_notice_title")}</p>'
            f"<p>{body}</p></div>")


def render_changelog(changes: tuple[Change, ...], link: SiteLink) -> str:
    rows = "".join(
        f"<tr><td>{c.date.isoformat()}</td><td>{escape(c.change)}</td><td>"
        + ", ".join(f'<a href="{escape(link(rule_path(r.lower())))}">{r}</a>' for r in c.rules)
        + "</td></tr>"
        for c in changes
    )
    head = "".join(f'<th scope="col">{html("governance", name)}</th>'
                   for name in ("changelog_date", "changelog_change", "changelog_rules"))
    return (f'<table class="kb-changelog"><caption>{html("governance", "changelog_caption")}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def render_rule_map(catalog: Catalog, page_titles: Mapping[str, str], link: SiteLink) -> str:
    """Every rule with its source, the page that explains it and the outcomes that use it:
    the rule map, derived from rules.yaml and the tables."""
    rulebook = catalog.rulebook
    used_by: dict[str, list[str]] = {r: [] for r in rulebook.rules}
    for table in catalog.tables.values():
        for outcome in table.outcomes.values():
            href = link(f"{table_path(table.id)}#{outcome_anchor(table, outcome.id)}")
            for rule_id in outcome.rules:
                used_by[rule_id].append(f'<a href="{escape(href)}">{escape(outcome.title)}</a>')
    rows = []
    for r in rulebook.rules.values():
        page = page_titles.get(r.page, r.page)
        rows.append(
            f'<tr id="{r.anchor}"><th scope="row">{r.id}</th>'
            f"<td>{escape(rulebook.sources[r.source].title)}</td><td>{escape(r.summary)}</td>"
            f'<td><a href="{escape(rule_href(r, link))}">{escape(page)}</a></td>'
            f"<td>{'<br>'.join(used_by[r.id]) or '–'}</td></tr>"
        )
    head = "".join(f'<th scope="col">{html("governance", f"rule_map_{name}")}</th>'
                   for name in ("rule", "source", "summary", "page", "used"))
    return (f'<table class="kb-rule-list"><caption>{html("governance", "rule_map_caption")}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def render_sources(catalog: Catalog, link: SiteLink) -> str:
    """The source documents, which rules come from each, and the further reading."""
    rulebook = catalog.rulebook
    items = "".join(
        f"<li><strong>{escape(s.id)}</strong> – <em>{escape(s.title)}</em> "
        f"({escape(s.publisher)}). "
        + html("governance", "source_rules", rules=", ".join(
            f'<a href="{escape(link(rule_path(r.anchor)))}">{r.id}</a>'
            for r in rulebook.rules.values() if r.source == s.id))
        + "</li>"
        for s in rulebook.sources.values()
    )
    reading = "".join(f'<li><a href="{escape(r.url)}">{escape(r.title)}</a></li>'
                      for r in rulebook.reading)
    return (f'<ul class="kb-sources">{items}</ul>'
            f'<p>{html("governance", "further_reading")}</p>'
            f'<ul class="kb-reading">{reading}</ul>')
