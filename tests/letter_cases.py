"""Two realistic cases for every letter the site writes, shared by the unit test that reads
each letter as its recipient would (tests/unit/test_letters_for_recipients.py) and the
browser test that writes and prints them (tests/browser/test_letters.py).

The names of units are fixtures of the kind staff write ("Barnavårdscentralen Teleborg",
"Centralskolan"), the telephone numbers are the region's switchboard prefix with zeros:
no real person, address or number. No child is named: which child a letter is about is
written by hand on the printed letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LetterCase:
    """One letter as a reader fills it in, and what its recipient must be able to read
    in it: who writes, to whom, which meeting, what is asked and how to answer."""

    name: str
    letter: str
    table: str
    answers: dict[str, object]
    fields: dict[str, str]
    sender: str
    to: str
    meeting: tuple[str, ...]
    asked: tuple[str, ...]
    answer_to: str
    notes: tuple[str, ...] = field(default=())

    @property
    def query(self) -> str:
        """The answers as the page's address has them."""
        return "&".join(f"{q}={v}" for q, vs in self.answers.items()
                        for v in ([vs] if isinstance(vs, str) else vs))


CASES = (
    LetterCase(
        name="bvc-bjuder-in-forskolan-och-socialtjansten",
        letter="inbjudan", table="skicka-inbjudan",
        answers={"har-link": "ja", "mottagare": ["socialtjanst", "forskola"]},
        fields={"till": "Förskolan Solrosen, rektor, och socialtjänstens barn- och "
                        "familjeenhet",
                "var-verksamhet": "Barnavårdscentralen Teleborg",
                "behov": "Barnets språk utvecklas långsamt och familjen saknar fast boende. "
                         "Vi vill samordna stödet från förskolan, socialtjänsten och BVC.",
                "tid": "tisdag 19 januari kl. 13.00–14.00",
                "plats": "Barnavårdscentralen Teleborg, samtalsrummet",
                "kontaktperson": "Barnsjuksköterskan, 0470-00 00 10",
                "svara-senast": "12 januari"},
        sender="Barnavårdscentralen Teleborg",
        to="Förskolan Solrosen, rektor, och socialtjänstens barn- och familjeenhet",
        meeting=("Föreslagen tid: tisdag 19 januari kl. 13.00–14.00",
                 "Föreslagen plats: Barnavårdscentralen Teleborg, samtalsrummet"),
        asked=("bjuder in er till ett samverkansmöte om Barnets plan",
               "Inbjudna verksamheter: socialtjänsten och förskolan.",
               "Behovet vi ser: Barnets språk utvecklas långsamt"),
        answer_to="Svara kontaktpersonen och berätta vem från er som kommer.",
        notes=("vårdnadshavarnas samtycke", "vanlig post")),
    LetterCase(
        name="rektor-utan-link-bjuder-in-vardcentralen-och-polisen",
        letter="inbjudan", table="skicka-inbjudan",
        answers={"har-link": "nej", "mottagare": ["halso-och-sjukvard", "polisen"]},
        fields={"till": "Vårdcentralen Norr och Polisen, kommunpolisen i Växjö",
                "var-verksamhet": "Centralskolan, rektor",
                "behov": "Eleven i årskurs 8 har hög frånvaro och har varit inblandad i "
                         "bråk på fritiden.",
                "tid": "onsdag 20 januari kl. 15.00–16.00",
                "plats": "Digitalt möte; länken skickas till den som anmäler sig",
                "kontaktperson": "Biträdande rektor, 0470-00 00 20"},
        sender="Centralskolan, rektor",
        to="Vårdcentralen Norr och Polisen, kommunpolisen i Växjö",
        meeting=("Föreslagen tid: onsdag 20 januari kl. 15.00–16.00",
                 "Föreslagen plats: Digitalt möte"),
        asked=("bjuder in er till ett samverkansmöte om Barnets plan",
               "Inbjudna verksamheter: hälso- och sjukvården och polisen.",
               "ska delta"),
        answer_to="Svara kontaktpersonen och berätta vem från er som kommer.",
        notes=("vårdnadshavarnas samtycke",)),
    LetterCase(
        name="bvc-bekraftar-till-forskolan",
        letter="bekraftelse", table="inkommen-inbjudan",
        answers={"verksamhet": "halso-och-sjukvard", "kontakt": "etablerad"},
        fields={"till": "Förskolan Solrosen, rektor",
                "var-verksamhet": "Barnavårdscentralen Teleborg",
                "deltagare": "Barnsjuksköterskan som följer barnet",
                "inbjudan": "samverkansmöte tisdag 19 januari kl. 13.00",
                "kontaktperson": "BVC Teleborg, 0470-00 00 10"},
        sender="Barnavårdscentralen Teleborg", to="Förskolan Solrosen, rektor",
        meeting=("Er inbjudan: samverkansmöte tisdag 19 januari kl. 13.00",),
        asked=("Barnavårdscentralen Teleborg kommer att delta i mötet.",
               "Från oss deltar: Barnsjuksköterskan som följer barnet"),
        answer_to="Kontaktperson: BVC Teleborg, 0470-00 00 10"),
    LetterCase(
        name="socialtjansten-bekraftar-till-bup",
        letter="bekraftelse", table="inkommen-inbjudan",
        answers={"verksamhet": "annan"},
        fields={"till": "BUP Växjö",
                "var-verksamhet": "Socialtjänsten, barn- och familjeenheten",
                "deltagare": "Socialsekreterare på barn- och familjeenheten",
                "inbjudan": "inbjudan daterad 2 december, er referens 2026/118",
                "ovrigt": "Vi deltar gärna digitalt om det passar er.",
                "kontaktperson": "Barn- och familjeenheten, 0470-00 00 50"},
        sender="Socialtjänsten, barn- och familjeenheten", to="BUP Växjö",
        meeting=("Er inbjudan: inbjudan daterad 2 december, er referens 2026/118",),
        asked=("Socialtjänsten, barn- och familjeenheten kommer att delta i mötet.",
               "Vi deltar gärna digitalt om det passar er."),
        answer_to="Kontaktperson: Barn- och familjeenheten, 0470-00 00 50"),
    LetterCase(
        name="bup-hanvisar-till-vardcentralen",
        letter="svarsbrev", table="inkommen-inbjudan",
        answers={"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "ja"},
        fields={"till": "Centralskolan, elevhälsan", "var-verksamhet": "BUP Växjö",
                "berord": "barnet", "vidare-till": "Vårdcentralen Norr, där barnet är listat",
                "inbjudan": "inbjudan daterad 1 december",
                "kontaktperson": "BUP:s mottagning, 0470-00 00 30"},
        sender="BUP Växjö", to="Centralskolan, elevhälsan",
        meeting=("Er inbjudan: inbjudan daterad 1 december",),
        asked=("BUP Växjö har ingen etablerad vårdkontakt med barnet som inbjudan gäller, "
               "och vi kan därför inte delta i mötet.",
               "Vi har skickat inbjudan vidare till Vårdcentralen Norr, där barnet är listat"),
        answer_to="Kontaktperson: BUP:s mottagning, 0470-00 00 30"),
    LetterCase(
        name="vuxenpsykiatrin-hanvisar-om-en-narstaende",
        letter="svarsbrev", table="inkommen-inbjudan",
        answers={"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "ja"},
        fields={"till": "Socialtjänsten, barn- och familjeenheten",
                "var-verksamhet": "Vuxenpsykiatrin Växjö", "berord": "närstående till barnet",
                "vidare-till": "vårdcentralen där den närstående är listad",
                "kontaktperson": "Vuxenpsykiatrins mottagning, 0470-00 00 60"},
        sender="Vuxenpsykiatrin Växjö", to="Socialtjänsten, barn- och familjeenheten",
        meeting=(),  # S2's own response names no meeting; the line for the child does
        asked=("ingen etablerad vårdkontakt med närstående till barnet som inbjudan gäller",
               "etablerad vårdrelation på specialistnivå"),
        answer_to="Kontaktperson: Vuxenpsykiatrins mottagning, 0470-00 00 60"),
    LetterCase(
        name="vardcentralen-fragar-skolan",
        letter="fraga-till-inbjudaren", table="inkommen-inbjudan",
        answers={"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "nej"},
        fields={"till": "Centralskolan, rektor", "var-verksamhet": "Vårdcentralen Teleborg",
                "inbjudan": "samverkansmöte 26 januari kl. 10.00",
                "kontaktperson": "Distriktssköterskan, 0470-00 00 40"},
        sender="Vårdcentralen Teleborg", to="Centralskolan, rektor",
        meeting=("Er inbjudan: samverkansmöte 26 januari kl. 10.00",),
        asked=("Vårdcentralen Teleborg kommer att delta i mötet",
               "Vad vill ni att vi tar med oss till mötet"),
        answer_to="Kontakta gärna vår kontaktperson."),
    LetterCase(
        name="vardcentralen-fragar-forskolan-med-egen-fraga",
        letter="fraga-till-inbjudaren", table="inkommen-inbjudan",
        answers={"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "nej"},
        fields={"till": "Förskolan Solrosen, rektor", "var-verksamhet": "Vårdcentralen Norr",
                "inbjudan": "inbjudan daterad 3 december",
                "fraga": "Vi har inte träffat barnet. Vilken information vill ni att vi "
                         "bidrar med, och kan vi ringa er före mötet?",
                "kontaktperson": "Mottagningen, 0470-00 00 41"},
        sender="Vårdcentralen Norr", to="Förskolan Solrosen, rektor",
        meeting=("Er inbjudan: inbjudan daterad 3 december",),
        asked=("Vårdcentralen Norr kommer att delta i mötet",
               "Vilken information vill ni att vi bidrar med"),
        answer_to="Kontaktperson: Mottagningen, 0470-00 00 41"),
)
