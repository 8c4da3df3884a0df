"""Redirect pages for old addresses, from ``redirects.yaml``.

A static site cannot answer with HTTP 301, so each old address gets a small page that
sends the reader on at once. Unlike a plain meta refresh, its script keeps the query and
the anchor, so an old deep link (``?skede=skola``) still opens the widget with its answers.
The script is a file of its own, so the Content-Security-Policy needs no extra hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from decision_logic.checker import Checker
from decision_logic.yaml_source import load_yaml

from .markers import relative_url
from .ui import html

REDIRECTS_FILE = Path(__file__).resolve().parent / "redirects.yaml"
REDIRECT_SCRIPT = "assets/widget/redirect.js"


@dataclass(frozen=True)
class Redirect:
    old: str
    new: str


def load_redirects(path: Path = REDIRECTS_FILE) -> tuple[Redirect, ...]:
    data, lines = load_yaml(path, path.name)
    check = Checker(path.name, lines.get)
    top = check.mapping(data, (), {"redirects": True})
    raw = top["redirects"]
    if not isinstance(raw, dict):
        raise check.fail(("redirects",), "skriv gammal-adress/: ny-adress/ på varje rad")
    redirects = []
    for old, new in raw.items():
        for value in (old, new):
            if not isinstance(value, str) or not value.endswith("/") or value.startswith("/"):
                raise check.fail(("redirects", old), f"{value!r} ska vara en sökväg på "
                                 "webbplatsen som slutar med / (utan / först)")
        redirects.append(Redirect(old=old, new=new))
    return tuple(redirects)


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
        f'<script src="{script}" data-target="{target}"></script>'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><main><h1>{title}</h1><p>{html("redirect", "text", link=new_address)}</p>'
        "</main></body></html>\n"
    )


def write_redirects(site_dir: Path, redirects: tuple[Redirect, ...]) -> None:
    """Write one page per old address; a target that is not a built page is an error."""
    for redirect in redirects:
        if not (site_dir / redirect.new / "index.html").is_file():
            raise ValueError(f"{REDIRECTS_FILE.name}: '{redirect.old}' pekar på "
                             f"'{redirect.new}', som inte finns på webbplatsen")
        if (site_dir / redirect.old / "index.html").exists():
            raise ValueError(f"{REDIRECTS_FILE.name}: '{redirect.old}' är en sida som finns; "
                             "en omdirigering får bara ersätta en adress som inte längre finns")
        page = site_dir / redirect.old / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_redirect(redirect), encoding="utf-8")
