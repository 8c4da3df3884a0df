"""Whether ``SITE_URL`` (the build's ``site_url``) is an address the site can be served at.

The address goes into every page (the canonical link, the 404 page's base, Material's
instant navigation) and into every wall card's QR code, so a wrong one is printed and
hung on walls. It must be an absolute ``https://`` address, or ``http://`` on this
machine (``localhost``, ``127.x.x.x``, ``::1``: tests and ``make serve``), with no user
name or password, no space, no query (``?``) and no fragment (``#``), and only the
characters a path needs. ``site_url_fault`` says what is wrong in Swedish, naming
``SITE_URL``; the build stops on it (``site_build.site_url_for``), and a release check can call
it before adding its own stricter rules (no local address, no placeholder).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: what the address is for, and an example, after every fault
EXAMPLE = ("SITE_URL ska vara den fullständiga adress webbplatsen nås på, till exempel "
           "https://vard.example.se/kronobarnsmodellen/")
#: a host name (letters, digits, dots, dashes; IDN as punycode) or a bracketed IPv6 address
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
#: what a path under which the site is served needs: no quote, angle bracket or space
_PATH = re.compile(r"[A-Za-z0-9._~/%-]*")
LOCAL_HOSTS = ("localhost", "::1")


def is_loopback(host: str) -> bool:
    """``localhost``, ``::1`` or ``127.x.x.x``: this machine, never a reader's."""
    return host in LOCAL_HOSTS or re.fullmatch(r"127(?:\.\d{1,3}){3}", host) is not None


def site_url_fault(url: str | None) -> str | None:
    """What is wrong with ``url`` as the site's address, in Swedish, or None if nothing.

    The value is shown with ``repr`` (quotes, escapes), so a control character or a
    newline in it cannot change what the terminal shows."""
    if not url:
        return f"SITE_URL är tom. {EXAMPLE}."
    shown = repr(url)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return f"SITE_URL innehåller ett mellanslag eller en radbrytning: {shown}. {EXAMPLE}."
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not url.lower().startswith(f"{scheme}://"):
        return (f"SITE_URL ska börja med https:// (http:// bara för localhost och "
                f"127.0.0.1); här står {shown}. {EXAMPLE}.")
    if "@" in parts.netloc:
        return (f"SITE_URL får inte innehålla användarnamn eller lösenord (något@ före "
                f"värdnamnet): {shown}. {EXAMPLE}.")
    if parts.query or "?" in url:
        return f"SITE_URL får inte ha någon fråga (?…): {shown}. {EXAMPLE}."
    if parts.fragment or "#" in url:
        return f"SITE_URL får inte ha något ankare (#…): {shown}. {EXAMPLE}."
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return f"SITE_URL har ett ogiltigt portnummer: {shown}. {EXAMPLE}."
    bracketed = f"[{host}]" if ":" in host else host
    if not host or not _HOST.fullmatch(bracketed):
        return f"SITE_URL har inget giltigt värdnamn: {shown}. {EXAMPLE}."
    if not _PATH.fullmatch(parts.path):
        return (f"SITE_URL har tecken i sökvägen som inte hör hemma i en adress (bara "
                f"bokstäver a–z, siffror och . _ ~ / % -): {shown}. {EXAMPLE}.")
    if scheme == "http" and not is_loopback(host):
        return (f"SITE_URL ska börja med https://; http:// går bara för localhost och "
                f"127.0.0.1 (test på den egna datorn): {shown}. {EXAMPLE}.")
    return None


#: printed by a build whose ``site_url`` is local (the build goes on: tests build so)
LOCAL_ADDRESS_WARNING = ("VARNING: site_url är en lokal adress, så korten att sätta upp "
                         "(beslutsstod/<id>/kort/) får QR-koder dit och länklistan "
                         "(beslutsstod/lankar/) länkar dit; bygg med SITE_URL=<webbplatsens "
                         "adress> innan korten skrivs ut eller länkarna kopieras")


def is_local_address(site_url: str) -> bool:
    """True when ``site_url`` is unset or a loopback address (``mkdocs.yml``'s default
    for building without ``SITE_URL``): a printed QR code must not lead there."""
    host = urlsplit(site_url).hostname or ""
    return host in ("", "localhost", "::1") or host.startswith("127.")
