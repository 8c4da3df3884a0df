"""The reply to an inviting organisation when a specialist clinic refers an invitation on
(rules R23–R25). Our own wording of the response that routine S2 suggests.

Nothing here stores or sends anything: the text is returned to the page that asked.
"""

from __future__ import annotations

import datetime as dt
import re
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
#: six or eight digits, an optional - or +, four digits: a Swedish personal identity number
PERSONAL_NUMBER = re.compile(r"\b(\d{2})?\d{6}[-+]?\d{4}\b")


def response_letter(fields: Mapping[str, str], today: dt.date | None = None) -> str:
    """The reply as plain text, dated ``today`` (the reader's own date when it runs in the
    browser); ``DecisionError`` names every required field that is empty and every field
    that is wrong."""
    unknown = sorted(set(fields) - set(LETTER_FIELDS))
    if unknown:
        raise DecisionError(f"Okända fält: {', '.join(unknown)}. "
                            f"Fälten heter: {', '.join(LETTER_FIELDS)}.")
    values = {key: " ".join(str(fields.get(key, "")).split()) for key in LETTER_FIELDS}
    problems = [f"{LETTER_FIELDS[k]} saknas." for k, v in values.items()
                if not v and k not in OPTIONAL_FIELDS]
    problems += [f"{LETTER_FIELDS[k]}: skriv högst {MAX_LENGTH} tecken."
                 for k, v in values.items() if len(v) > MAX_LENGTH]
    problems += [f"{LETTER_FIELDS[k]}: skriv inte personnummer i brevet."
                 for k, v in values.items() if PERSONAL_NUMBER.search(v)]
    if PERSONAL_NUMBER.search(values["kontaktperson"]):
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
