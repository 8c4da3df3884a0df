"""The reply to an inviting organisation when a specialist clinic refers an invitation on
(rules R23–R25). Our own wording of the response that routine S2 suggests.

Nothing here stores or sends anything: the text is returned to the page that asked.
Part of the browser core (standard library only): the letter is written in the browser.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from .errors import DecisionError

#: field id -> what the page asks for (the ids are the letter form's input names)
LETTER_FIELDS: dict[str, str] = {
    "var-verksamhet": "Er verksamhets namn",
    "berord": "Vem inbjudan gäller (till exempel \u201dbarnet\u201d, \u201dbarnen\u201d "
              "eller \u201dnärstående till barnet\u201d)",
    "vidare-till": "Verksamheten som ni har skickat inbjudan vidare till",
    "inbjudan": "Inbjudans datum eller referens (valfritt)",
    "kontaktperson": "Kontaktperson hos er, med telefon eller e-post (valfritt)",
}
#: fields the letter can do without: the reply still makes sense, just less precisely
OPTIONAL_FIELDS = frozenset({"inbjudan", "kontaktperson"})
#: the table and outcome whose page offers the letter (the referral of R23–R25)
LETTER_OUTCOME = ("inkommen-inbjudan", "hanvisa")
MAX_LENGTH = 200
#: Six or eight digits, then four, with at most a space and a dash or plus between them:
#: a Swedish personal identity number (or one that looks like it, which is reason enough
#: to stop). Digits may touch letters ("pnr201212-1212"); the dash may be any of the
#: dashes a phone or word processor puts in (the text is NFKC-normalised first, so a
#: non-breaking space or hyphen and full-width digits count as ordinary ones).
PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6} ?[-+\u2010-\u2015\u2212]? ?\d{4}(?!\d)")
#: Unicode categories that never belong in a letter: control characters (NUL, BEL, ESC),
#: format characters (bidi overrides that turn text around, zero-width spaces), lone
#: surrogates and private-use characters. They are invisible on screen but travel into
#: the copied and printed text.
_UNWANTED = frozenset({"Cc", "Cf", "Cs", "Co"})


def clean_field(value: str) -> str:
    """The text as it may go into the letter: invisible characters removed, whitespace
    (line breaks and tabs included) collapsed to single spaces, NFC-normalised.

    A field holding nothing but spaces or zero-width characters comes back empty, and
    so counts as missing.
    """
    kept = "".join(" " if ch.isspace() else "" if unicodedata.category(ch) in _UNWANTED
                   else ch for ch in value)
    return unicodedata.normalize("NFC", " ".join(kept.split()))


def has_personal_number(text: str) -> bool:
    return PERSONAL_NUMBER.search(unicodedata.normalize("NFKC", text)) is not None


def _field(fields: Mapping[object, object], key: str) -> str:
    value = fields.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DecisionError(f"{LETTER_FIELDS[key]}: skriv en text.")
    if len(value) > 10 * MAX_LENGTH:  # refused before any work is spent on it
        return value[: MAX_LENGTH + 1]
    return clean_field(value)


def response_letter(fields: Mapping[str, str], today: dt.date | None = None) -> str:
    """The reply as plain text, dated ``today`` (the reader's own date when it runs in the
    browser); ``DecisionError`` names every required field that is empty and every field
    that is wrong.

    Nothing the reader typed is repeated in a message, and the letter holds only the
    cleaned text (see ``clean_field``).
    """
    if not isinstance(fields, Mapping):
        raise DecisionError("Fälten kunde inte läsas.")
    if any(key not in LETTER_FIELDS for key in fields):
        raise DecisionError(f"Formuläret skickade ett fält som brevet inte har. "
                            f"Fälten heter: {', '.join(LETTER_FIELDS)}.")
    values = {key: _field(fields, key) for key in LETTER_FIELDS}
    problems = [f"{LETTER_FIELDS[k]} saknas." for k, v in values.items()
                if not v and k not in OPTIONAL_FIELDS]
    problems += [f"{LETTER_FIELDS[k]}: skriv högst {MAX_LENGTH} tecken."
                 for k, v in values.items() if len(v) > MAX_LENGTH]
    problems += [f"{LETTER_FIELDS[k]}: skriv inte personnummer i brevet."
                 for k, v in values.items() if len(v) <= MAX_LENGTH and has_personal_number(v)]
    if len(values["kontaktperson"]) <= MAX_LENGTH and has_personal_number(
            values["kontaktperson"]):
        # Ten digits in a row may be a mobile number: say how to write one.
        problems.append("Ett telefonnummer kan du skriva med mellanslag, till exempel "
                        "070-123 45 67.")
    if problems:
        raise DecisionError("Svaret kan inte skapas ännu. " + " ".join(problems))
    ours, person, forwarded, invitation, contact = (values[k] for k in LETTER_FIELDS)
    date = (today or dt.date.today()).isoformat()
    about = f"Er inbjudan: {invitation}\n" if invitation else ""
    signature = f"\nKontaktperson: {contact}" if contact else ""
    return (
        f"Datum: {date}\n{about}\n"
        "Tack för er inbjudan till samverkansmöte inom Kronobarnsmodellen.\n\n"
        f"{ours} har ingen etablerad vårdkontakt med {person} som inbjudan gäller, och "
        "vi kan därför inte delta i mötet.\n\n"
        f"Vi har skickat inbjudan vidare till {forwarded}, som är den del av hälso- och "
        "sjukvården som har ansvar för patienterna innan de hänvisas till oss.\n\n"
        "Inom hälso- och sjukvården deltar en specialistverksamhet när den har en "
        "etablerad vårdrelation med barnet, barnen eller den närstående. Så undviker vi att "
        "samverkan inom Kronobarnsmodellen blir en väg förbi de vanliga remissvägarna.\n\n"
        f"Med vänliga hälsningar\n{ours}{signature}"
    )
