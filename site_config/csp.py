"""The Content-Security-Policy for the built site, with the hashes of its inline scripts.

Material puts a few small inline ``<script>`` elements into every page; one of them names
the page's depth (``new URL("../..",location)``), so their sha256 hashes differ between
pages. The policy allows exactly the hashes found in the built site, and no
``'unsafe-inline'`` for scripts. One policy (the union over all pages) serves every page:
Material's instant navigation keeps the first page's policy while it shows other pages.

    python -m site_config.csp site                 # prints the header value
    python -m site_config.csp site --nginx FILE    # writes the nginx include with add_header

Run it after every build; the nginx config (``site_config/nginx/snippet.conf.in``) includes
the file.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import sys
from html.parser import HTMLParser
from pathlib import Path

from decision_logic import ContentError

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


def inline_script_hashes(html: str, source: str = "sidan") -> set[str]:
    """The hashes of the inline scripts a browser would run in this HTML document.

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
    return {script_hash(script) for script in parser.scripts}


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
    return ("# Generated by 'python -m site_config.csp SITE_DIR --nginx FILE' from the built\n"
            "# site; regenerate after every build. Included by kronobarn.conf.\n"
            f'add_header Content-Security-Policy "{header_value}" always;\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_config.csp",
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
        print(f"{error}\n  Tips: {error.hint}", file=sys.stderr)
        return 1
    if args.nginx:
        args.nginx.write_text(nginx_include(value), encoding="utf-8")
    else:
        sys.stdout.write(value + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
