"""What an editor's Markdown page may hold besides text: the one list of markup rules.

A page is Markdown, and Markdown lets raw HTML and any link through as written: a
``<script>``, an ``<iframe>``, a ``<form>``, an ``<img>`` from elsewhere, a ``<style>``, an
``onclick`` in an attribute list or a ``[text](javascript:…)`` would reach every reader
(the Content-Security-Policy stops some of them only behind nginx, and the build's check
of the finished page names no line). So the pages' markup is checked here, on the
source, with the line: the check and the build run this same function on every page
(``site_config.content.load``), so whatever it refuses, the check refuses first.

Allowed, because the pages use them for layout: the site's markers
(``<!-- kb:... -->``) and other comments; autolinks (``<https://…>``); ``div``, ``span``,
``nav`` and ``p`` with only ``class``, ``id``, ``aria-label`` and ``markdown``; attribute
lists with only ``#anchor`` and ``.class``; on either, the site's own ``data-print-part``
(which part of the trainer's guide a print button prints) with a plain word; links to ``https://``, ``http://``,
``mailto:``, ``tel:`` or within the site; pictures from the site itself. Code (between
backticks or in a fenced block) is text and is not checked.
"""

from __future__ import annotations

import html
import re

#: the tags the pages use for layout, and the attributes they may carry
LAYOUT_TAGS = frozenset({"div", "span", "nav", "p"})
LAYOUT_ATTRIBUTES = frozenset({"class", "id", "aria-label", "markdown"})
#: the site's own data attributes a page may set (print.js reads them), with a plain word
PAGE_DATA = re.compile(r"""data-print-part=(?:"[\w-]+"|'[\w-]+'|[\w-]+)""")
#: the schemes a link may lead to (anything else, javascript: first, is refused)
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s=/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_ANY_HTML = re.compile(r"<[A-Za-z/!?]")
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")

HINT_MARKUP = ("Skriv sidan som vanlig Markdown: rubriker, stycken, listor och länkar som "
               "[text](sida/) eller [text](https://…). HTML-kod, skript, formulär, ramar och "
               "bilder från andra webbplatser tas inte med; se README-avsnittet "
               "\u201dSå ändrar du en rutin\u201d.")


def _blank(match: re.Match[str]) -> str:
    """The match replaced by spaces, its line breaks kept: offsets and lines stay."""
    return re.sub(r"[^\n]", " ", match[0])


def _shown(text: str) -> str:
    """A short, one-line excerpt of what was found, for the message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else f"{flat[:40]}…"


def _tag_fault(match: re.Match[str]) -> str | None:
    closing, name, rest = match[1], match[2].lower(), match[3]
    if closing:  # a closing tag does nothing by itself; its opening tag is what counts
        return None
    if name not in LAYOUT_TAGS:
        return (f"HTML-koden {_shown(match[0])!r} är inte tillåten i en sida (bara "
                "<div>, <span>, <nav> och <p> för layout)")
    for attribute in _ATTRIBUTE.finditer(rest.strip().rstrip("/")):
        if PAGE_DATA.fullmatch(attribute[0]):
            continue
        if attribute[1].lower() not in LAYOUT_ATTRIBUTES:
            return (f"attributet {attribute[1]!r} i {_shown(match[0])!r} är inte tillåtet "
                    "(bara class, id, aria-label och markdown)")
    return None


def _target_fault(target: str, image: bool) -> str | None:
    """A link's or picture's address: no script, no other origin for a picture."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target))
    scheme = _SCHEME.match(plain)
    if image and (scheme or plain.startswith("//")):
        return (f"bilden {_shown(target)!r} hämtas från en annan webbplats; lägg bilden i "
                "docs/ och länka till den därifrån")
    if scheme and scheme[1].lower() not in LINK_SCHEMES:
        return (f"länken {_shown(target)!r} leder inte till en webbsida (bara https://, "
                "http://, mailto:, tel: och sidor på webbplatsen)")
    return None


def markup_faults(markdown: str) -> list[tuple[int, str]]:
    """(line, Swedish message) for every piece of markup ``markdown`` may not hold; the
    lines count from 1 at the text's first line."""
    text = _FENCE.sub(_blank, markdown)
    text = _CODE_SPAN.sub(_blank, text)
    text = _COMMENT.sub(_blank, text)
    text = _AUTOLINK.sub(_blank, text)
    faults: list[tuple[int, str]] = []

    def add(offset: int, message: str) -> None:
        faults.append((text.count("\n", 0, offset) + 1, message))

    for tag in _TAG.finditer(text):
        fault = _tag_fault(tag)
        if fault:
            add(tag.start(), fault)
    rest = _TAG.sub(_blank, text)
    for other in _ANY_HTML.finditer(rest):  # a comment left open, <!DOCTYPE, <?php
        add(other.start(), f"HTML-koden {_shown(rest[other.start():other.start() + 20])!r} "
            "är inte tillåten i en sida")
    for link in _LINK.finditer(text):
        fault = _target_fault(link[2], image=bool(link[1]))
        if fault:
            add(link.start(), fault)
    for reference in _REFERENCE.finditer(text):
        fault = _target_fault(reference[1], image=False)
        if fault:
            add(reference.start(), fault)
    for attributes in _ATTR_LIST.finditer(text):
        wrong = [t for t in attributes[1].split()
                 if not re.fullmatch(r"[#.][\w-]+", t) and not PAGE_DATA.fullmatch(t)]
        if wrong:
            add(attributes.start(), f"attributlistan {_shown(attributes[0])!r} får bara ha "
                "#ankare och .klass, inte " + ", ".join(repr(w) for w in wrong))
    return sorted(faults)
