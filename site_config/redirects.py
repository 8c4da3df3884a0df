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

from decision_logic import ContentError
from decision_logic.toolchain.checker import Checker
from decision_logic.toolchain.yaml_source import load_yaml

from .markers import relative_url

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
    return (
        '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>Sidan har flyttat</title><meta name="robots" content="noindex">'
        f'<link rel="canonical" href="{target}">'
        f'<script src="{script}" data-target="{target}"></script>'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><main><h1>Sidan har flyttat</h1><p>Den finns nu på '
        f'<a href="{target}">en ny adress</a>.</p></main></body></html>\n'
    )


def write_redirects(site_dir: Path, redirects: tuple[Redirect, ...]) -> None:
    """Write one page per old address; a target that is not a built page, or an old
    address that still is one, is a ``ContentError`` against ``redirects.yaml``."""
    for redirect in redirects:
        key = f"redirects.{redirect.old}"
        if not (site_dir / redirect.new / "index.html").is_file():
            raise ContentError(REDIRECTS_FILE.name, key, None, f"'{redirect.old}' pekar på "
                               f"'{redirect.new}', som inte finns på webbplatsen")
        if (site_dir / redirect.old / "index.html").exists():
            raise ContentError(REDIRECTS_FILE.name, key, None, f"'{redirect.old}' är en sida "
                               "som finns; en omdirigering får bara ersätta en adress som inte "
                               "längre finns")
        page = site_dir / redirect.old / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(render_redirect(redirect), encoding="utf-8")
