"""The Content-Security-Policy for the built site, with the hashes of its inline scripts.

Material puts a few small inline ``<script>`` elements into every page; one of them names
the page's depth (``new URL("../..",location)``), so their sha256 hashes differ between
pages. The scripts Material is known to write are listed in ``KNOWN_INLINE_SCRIPTS``;
the policy allows the hashes of those found in the built site, no other inline script
(the build stops on one, with the page and line) and no ``'unsafe-inline'``. One policy
(the union over all pages) serves every page: Material's instant navigation keeps the
first page's policy while it shows other pages.

    python -m site_config.deploy.csp site                 # prints the header value
    python -m site_config.deploy.csp site --nginx FILE    # writes the nginx include with add_header

Run it after every build; the nginx config (``site_config/deploy/nginx/snippet.conf.in``) includes
the file.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from decision_logic import ContentError
from decision_logic.toolchain.content import editor_message

# <script type="..."> values a browser executes; any other type (application/json, …) is
# a data block that CSP does not govern.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module",
                 "text/ecmascript", "application/ecmascript"}

# Everything the site needs besides its own inline scripts. 'wasm-unsafe-eval' lets the
# worker compile Pyodide's WebAssembly (it does not allow eval()); Pyodide needs nothing
# more. style-src needs no 'unsafe-inline': the pages have no style attributes or <style>
# elements, and Material sets styles through the CSSOM (element.style), which CSP allows.
# data: images are Material's icons in its CSS. Verified in Chromium by
# tests/browser/test_nginx.py: no violation on widget pages, in search, under instant navigation.
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("worker-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("style-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("frame-ancestors", ("'none'",)),
    ("form-action", ("'self'",)),
)


# Material's first script in every page's head; only the scope (the site's root, relative
# to the page: "..", "../..", or the root path on the 404 page) differs from page to page.
_MD_SCOPE_HEAD = "__md_scope=new URL("
_MD_SCOPE_TAIL = (
    ",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),"
    "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+\".\"+e)),"
    "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+\".\"+e,"
    "JSON.stringify(_))}catch(e){}}")

#: Every inline script the theme (Material for MkDocs) and the site are known to write,
#: as (what it is, the whole text as a pattern). The policy hashes the scripts that match;
#: any other inline script stops the build, for an editor's text or a changed theme
#: could otherwise be whitelisted as code. The site itself writes none (its scripts are
#: files under assets/). A new Material version may change these texts: compare the new
#: script with Material's source before adding it here.
KNOWN_INLINE_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Material: sidans omfång och lokal lagring (__md_scope)",
     re.compile(re.escape(_MD_SCOPE_HEAD) + r'"(?:\.{1,2}(?:/\.\.)*|/[A-Za-z0-9._~%/-]*)"'
                + re.escape(_MD_SCOPE_TAIL))),
    ("Material: sparat färgschema (__palette)",
     re.compile(re.escape(
         'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-'
         'scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)'
         '"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-colo'
         'r-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");pal'
         'ette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=inp'
         'ut.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("d'
         'ata-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accen'
         't")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute('
         '"data-md-color-"+key,value)}'))),
    ("Material: flik ur adressens #-del (__tabbed_)",
     re.compile(re.escape(
         'var target=document.getElementById(location.hash.slice(1));target&&target.name&&('
         'target.checked=target.name.startsWith("__tabbed_"))'))),
)

#: what to do about an inline script that is not on the list
HINT_UNKNOWN_SCRIPT = ("Ta bort <script> ur texten: sidornas och tabellernas text får inte "
                       "innehålla skript. Ett skript för webbplatsen hör hemma i en egen fil "
                       "under docs/assets/. Har temat (Material) bytt version, jämför det nya "
                       "skriptet med Materials källkod och för in det i KNOWN_INLINE_SCRIPTS "
                       "i site_config/deploy/csp.py.")

#: what to do about an inline handler in a page (it comes from a page's Markdown or HTML)
HINT_INLINE = ("Ta bort attributet; ett skript hör hemma i en egen fil under docs/assets/ "
               "som kopplar sig till elementet (addEventListener).")


class _ScriptCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        self.handlers += [f"<{tag} {name}>" for name, value in values.items()
                          if name in {"href", "src", "action", "formaction"}
                          and value.strip().lower().startswith("javascript:")]
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            runs = kind in _SCRIPT_TYPES and "src" not in values
            self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script's text, e.g. ``'sha256-…'``."""
    # Browsers hash the text after the HTML parser has normalized line breaks.
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def known_script(source: str) -> str | None:
    """What an inline script is, if it is one of ``KNOWN_INLINE_SCRIPTS``, else None."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return next((name for name, pattern in KNOWN_INLINE_SCRIPTS if pattern.fullmatch(text)),
                None)


def inline_scripts(html: str, source: str = "sidan") -> list[str]:
    """The texts of the inline scripts a browser would run in this HTML document.

    Raises ``ContentError`` (against ``source``) for ``on…=`` attributes and
    ``javascript:`` URLs: a hash cannot allow them (short of 'unsafe-hashes'), so the page
    would break under the policy.
    """
    parser = _ScriptCollector()
    parser.feed(html)
    parser.close()
    if parser.handlers:
        raise ContentError(source, "", None, "JavaScript i ett attribut, utanför <script>, "
                           "som Content-Security-Policy inte tillåter: "
                           + ", ".join(parser.handlers), hint=HINT_INLINE)
    return parser.scripts


def inline_script_hashes(html: str, source: str = "sidan", line_of: Callable[[str], int | None]
                         = lambda _script: None) -> set[str]:
    """The hashes of the inline scripts in this HTML document, each of which must be one
    of ``KNOWN_INLINE_SCRIPTS``: any other raises ``ContentError`` (against ``source``, at
    the line ``line_of`` finds for the script's text), as do inline handlers."""
    scripts = inline_scripts(html, source)
    for script in scripts:
        if known_script(script) is None:
            shown = " ".join(script.split())[:60]
            raise ContentError(source, "", line_of(script), "ett skript i sidan som varken "
                               f"temat eller webbplatsen skriver: <script>{shown}…; "
                               "Content-Security-Policy tillåter bara de kända skripten",
                               hint=HINT_UNKNOWN_SCRIPT)
    return {script_hash(script) for script in scripts}


def check_page(html: str, source: str, markdown: str) -> None:
    """Stop on a page's unknown inline script or inline handler, at the line of the
    page's Markdown ``source`` where it is written (when it is written there)."""

    def line_of(script: str) -> int | None:
        first = next((line.strip() for line in script.splitlines() if line.strip()), "")
        for number, line in enumerate(markdown.splitlines(), start=1):
            if (first and first in line) or "<script" in line.lower():
                return number
        return None

    inline_script_hashes(html, source, line_of)


def site_script_hashes(site_dir: Path) -> list[str]:
    """The hashes of every inline script in every HTML file of the built site, sorted."""
    hashes: set[str] = set()
    for page in sorted(Path(site_dir).rglob("*.html")):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"), str(page))
    return sorted(hashes)


def policy(script_hashes: list[str] | set[str]) -> str:
    """The Content-Security-Policy header value with these inline-script hashes."""
    parts = []
    for name, sources in DIRECTIVES:
        if name == "script-src":
            sources = (*sources, *sorted(script_hashes))
        parts.append(" ".join((name, *sources)))
    return "; ".join(parts)


def site_policy(site_dir: Path) -> str:
    """The policy for a built site."""
    return policy(site_script_hashes(site_dir))


def nginx_include(header_value: str) -> str:
    """The nginx include file that sends the policy (on every response code)."""
    if '"' in header_value or "\\" in header_value:
        raise ValueError("the policy cannot be quoted for nginx")
    return ("# Generated by 'python -m site_config.deploy.csp SITE_DIR --nginx FILE' from the\n"
            "# built site; regenerate after every build. Included by kronobarn.conf.\n"
            f'add_header Content-Security-Policy "{header_value}" always;\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_config.deploy.csp",
        description="Skriv ut Content-Security-Policy för den byggda webbplatsen.")
    parser.add_argument("site_dir", type=Path, help="den byggda webbplatsen (site/)")
    parser.add_argument("--nginx", type=Path, metavar="FILE",
                        help="skriv nginx-filen med add_header hit i stället")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir}/index.html saknas: bygg webbplatsen först "
                     "(.venv/bin/mkdocs build)")
    try:
        value = site_policy(args.site_dir)
    except ContentError as error:
        print(editor_message(error), file=sys.stderr)
        return 1
    if args.nginx:
        args.nginx.write_text(nginx_include(value), encoding="utf-8")
    else:
        sys.stdout.write(value + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
