"""Redirect pages for the old addresses the site manifest lists (``site.yaml``,
``redirects``).

A static site cannot answer with HTTP 301, so each old address gets a small page that
sends the reader on at once. Unlike a plain meta refresh, its script keeps the query and
the anchor, so an old deep link (``?skede=skola``) still opens the widget with its answers.
The script is a file of its own, so the Content-Security-Policy needs no extra hash.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from decision_logic import ContentError
from site_config.content.manifest import Redirect, load_manifest
from site_config.content.protocol import attribute
from site_config.content.ui import html
from site_config.render.markers import relative_url

REDIRECT_SCRIPT = "assets/widget/redirect.js"


def render_redirect(redirect: Redirect) -> str:
    target = escape(relative_url(redirect.old, redirect.new))
    script = escape(relative_url(redirect.old, REDIRECT_SCRIPT))
    title = html("redirect", "title")
    new_address = f'<a href="{target}">{html("redirect", "link")}</a>'
    return (
        '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><meta name="robots" content="noindex">'
        f'<link rel="canonical" href="{target}">'
        f'<script src="{script}" {attribute("target")}="{target}"></script>'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><main><h1>{title}</h1><p>{html("redirect", "text", link=new_address)}</p>'
        "</main></body></html>\n"
    )


def write_redirects(site_dir: Path, redirects: tuple[Redirect, ...]) -> None:
    """Write one page per old address; a target that is not a built page, or an old
    address that still is one, is a ``ContentError`` against the manifest's ``redirects``."""
    for redirect in redirects:
        key = f"redirects.{redirect.old}"
        if not (site_dir / redirect.new / "index.html").is_file():
            raise ContentError(load_manifest().source, key, None, f"'{redirect.old}' "
                               f"pekar på '{redirect.new}', som inte finns på webbplatsen")
        if (site_dir / redirect.old / "index.html").exists():
            raise ContentError(load_manifest().source, key, None, f"'{redirect.old}' är "
                               "en sida som finns; en omdirigering får bara ersätta en adress "
                               "som inte längre finns")
        page = site_dir / redirect.old / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_redirect(redirect), encoding="utf-8")
