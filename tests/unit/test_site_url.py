"""SITE_URL (#35): an absolute https:// address (http:// only on this machine) without
user info, space, query or fragment; every fault a Swedish sentence naming SITE_URL that
shows the value quoted, never raw."""

from __future__ import annotations

import pytest

from site_config.content.site_url import site_url_fault

GOOD = ["https://vard.example.se/kronobarnsmodellen/", "https://vard.example.se",
        "https://vard.example.se:8443/a/b/", "http://127.0.0.1:8000/", "http://localhost:4000/x/",
        "http://[::1]:8000/", "https://xn--vrd-kla.example.se/"]
#: (the address, words of the message that says what is wrong)
BAD = [
    ("ftp://vard.example.se/", "ska börja med https://"),
    ("javascript:alert(1)", "ska börja med https://"),
    ("vard.example.se/", "ska börja med https://"),
    ("//vard.example.se/", "ska börja med https://"),
    ("http://vard.example.se/", "http:// går bara för localhost"),
    ("https://user:pw@vard.example.se/", "användarnamn eller lösenord"),
    ("https://vard.example.se/kronobarn smodellen/", "mellanslag"),
    ("https://vard.example.se/\n", "radbrytning"),
    ("https://vard.example.se/?q=1", "fråga"),
    ("https://vard.example.se/#frag", "ankare"),
    ('https://vard.example.se/"><script>', "tecken i sökvägen"),
    ("https://vard.example.se/<x>", "tecken i sökvägen"),
    ("https://vard.example.se:port/", "portnummer"),
    ("https:///kronobarnsmodellen/", "värdnamn"),
    ("https://vard_example\u202e.se/", "värdnamn"),
    ("", "tom"),
]


@pytest.mark.parametrize("url", GOOD)
def test_a_usable_address_passes(url):
    assert site_url_fault(url) is None


@pytest.mark.parametrize(("url", "words"), BAD, ids=[b[0] or "empty" for b in BAD])
def test_a_wrong_address_gets_a_swedish_message_naming_site_url(url, words):
    fault = site_url_fault(url)
    assert fault is not None and fault.startswith("SITE_URL") and words in fault, fault
    assert not url or repr(url) in fault  # shown quoted and escaped, never raw
    assert "\n" not in fault
