"""Who is asking: for every reader group in RULES.md's table and every widget, the answers
such a reader gives and the outcome decide() must reach.

The matrix is written out by hand on purpose. An edit to a table that hands health care's
answer to a rektor (for instance "Skicka inbjudan i Link" to someone without Link, or
S2's steps to a school) changes an outcome here and fails the test.

Reader groups and their Link access (R11), as in RULES.md:
  hälso- och sjukvården – Link; S1 and S2
  elevhälsan – some functions have Link; S1; whether S2 covers them the routines do not say
  rektor, lärare, förskolan – no Link; S1 only
  socialtjänsten – some functions have Link, most do not; S1 only
  polisen, frivilligsektorn – no Link; S1 only
"""

from __future__ import annotations

import pytest

from decision_logic import decide, decide_each
from decision_logic.toolchain import load_catalog

CARE = "hälso- och sjukvården"
STUDENT_HEALTH = "elevhälsan"
SCHOOL = "rektor, lärare, förskolan"
SOCIAL = "socialtjänsten"
POLICE_NGO = "polisen, frivilligsektorn"
READERS = (CARE, STUDENT_HEALTH, SCHOOL, SOCIAL, POLICE_NGO)

#: R11: who may answer "ja" to "Har du tillgång till Link?" (some answer either way)
LINK_ANSWERS = {
    CARE: ("ja",),
    STUDENT_HEALTH: ("ja", "nej"),
    SCHOOL: ("nej",),
    SOCIAL: ("ja", "nej"),
    POLICE_NGO: ("nej",),
}

#: skicka-inbjudan: the outcome per recipient, by the sender's Link access
SEND_WITH_LINK = {
    "halso-och-sjukvard": "link",
    "socialtjanst": "link-socialtjansten",
    "forskola": "vanlig-post",
    "skola": "vanlig-post",
    "frivilligsektorn": "utan-link",
    "polisen": "utan-link",
}
SEND_WITHOUT_LINK = {
    "halso-och-sjukvard": "avsandare-utan-link-till-varden",
    "socialtjanst": "avsandare-utan-link",
    "forskola": "avsandare-utan-link-till-skolan",
    "skola": "avsandare-utan-link-till-skolan",
    "frivilligsektorn": "avsandare-utan-link",
    "polisen": "avsandare-utan-link",
}

#: (reader, widget) -> [(answers such a reader gives, expected outcome)]
MATRIX: dict[tuple[str, str], list[tuple[dict[str, str], str]]] = {
    # --- Vem är Barnets bästa-ansvarig? ------------------------------------------------
    **{(reader, "ansvarig"): [
        ({"skede": "vantat-barn"}, "modrahalsovarden"),
        ({"skede": "fore-forskoleklass", "verksamhet": "halso-och-sjukvard"},
         "barnhalsovarden-forst") if reader == CARE else
        ({"skede": "fore-forskoleklass", "verksamhet": "annan"},
         "barnhalsovarden-eller-forskolan"),
        ({"skede": "skola"}, "rektor-skolan"),
        ({"skede": "utanfor-gymnasiet"}, "kaa"),
        ({"skede": "vet-inte"}, "ta-reda-pa-skedet"),  # #33: anyone may not know
    ] for reader in READERS},
    # --- Ska jag kalla till samverkansmöte? --------------------------------------------
    (CARE, "kalla-till-mote"): [
        ({"verksamhet": "halso-och-sjukvard", "vardkontakt": "etablerad"}, "kalla-sjalv"),
        ({"verksamhet": "halso-och-sjukvard", "vardkontakt": "tillfallig"}, "kontakta-bba"),
        ({"verksamhet": "halso-och-sjukvard", "vardkontakt": "barn-som-narstaende"},
         "kontakta-bba"),
        ({"verksamhet": "halso-och-sjukvard", "vardkontakt": "vet-inte"},
         "ta-reda-pa-vardkontakten"),
    ],
    **{(reader, "kalla-till-mote"): [({"verksamhet": "annan"}, "alla-far-bjuda-in")]
       for reader in (STUDENT_HEALTH, SCHOOL, SOCIAL, POLICE_NGO)},
    # --- Vad gör jag med en inkommen inbjudan? -----------------------------------------
    (CARE, "inkommen-inbjudan"): [
        ({"verksamhet": "halso-och-sjukvard", "kontakt": "etablerad"}, "delta"),
        ({"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "ja"},
         "hanvisa"),
        ({"verksamhet": "halso-och-sjukvard", "kontakt": "saknas", "specialist": "nej"},
         "rutinen-saknar-svar"),
        ({"verksamhet": "halso-och-sjukvard", "kontakt": "vet-inte"},
         "ta-reda-pa-kontakten"),
    ],
    **{(reader, "inkommen-inbjudan"): [({"verksamhet": "annan"},
                                        "annan-verksamhet-ska-delta")]
       for reader in (STUDENT_HEALTH, SCHOOL, SOCIAL, POLICE_NGO)},
    # --- Vem dokumenterar Barnets plan? (depends on who attends, not on who asks) ------
    **{(reader, "barnets-plan"): [
        ({"vard-deltar": "ja", "vardnadshavare-1177": "ja"}, "link-familjen-pa-1177"),
        ({"vard-deltar": "ja", "vardnadshavare-1177": "nej"}, "link-familjen-pa-papper"),
        ({"vard-deltar": "ja", "vardnadshavare-1177": "vet-inte"}, "link-fraga-familjen"),
    ] + ([] if reader == CARE else [({"vard-deltar": "nej"}, "utan-halso-och-sjukvard")])
       for reader in READERS},
}
#: outcomes written for health care only (they speak of the reader's own care contact,
#: or are S2's handling, or tell the sender to use Link)
HEALTH_CARE_ONLY = {("kalla-till-mote", "kalla-sjalv"), ("kalla-till-mote", "kontakta-bba"),
                    ("ansvarig", "barnhalsovarden-forst"), ("inkommen-inbjudan", "delta"),
                    ("inkommen-inbjudan", "hanvisa"),
                    ("inkommen-inbjudan", "rutinen-saknar-svar"),
                    ("kalla-till-mote", "ta-reda-pa-vardkontakten"),
                    ("inkommen-inbjudan", "ta-reda-pa-kontakten")}


def test_the_matrix_covers_every_reader_and_every_widget():
    widgets = set(load_catalog().tables) - {"skicka-inbjudan"}  # its matrix is below
    assert {key for key in MATRIX} == {(r, w) for r in READERS for w in widgets}


@pytest.mark.parametrize(("reader", "widget"), sorted(MATRIX))
def test_each_reader_gets_the_answer_meant_for_them(reader, widget):
    for answers, expected in MATRIX[reader, widget]:
        decision = decide(widget, answers)
        assert decision.outcome == expected, (reader, answers)
        assert dict(decision.answers) == answers  # every answer is on the path
        if reader != CARE:
            assert (widget, decision.outcome) not in HEALTH_CARE_ONLY
            assert "vårdkontakt" not in decision.text, (reader, widget, decision.outcome)


@pytest.mark.parametrize("reader", READERS)
def test_each_reader_sends_invitations_the_way_their_link_access_allows(reader):
    for has_link in LINK_ANSWERS[reader]:
        expected = SEND_WITH_LINK if has_link == "ja" else SEND_WITHOUT_LINK
        decisions = decide_each("skicka-inbjudan", {"har-link": has_link,
                                                    "mottagare": list(expected)})
        assert {d.answers["mottagare"]: d.outcome for d in decisions} == expected
        if has_link == "nej":
            for d in decisions:
                assert "Skicka inbjudan i Link" not in d.title
                assert "Hur du bjuder in när du själv saknar Link säger de inte" in " ".join(
                    d.text.split())


def test_only_readers_who_may_have_link_can_reach_the_link_answers():
    assert [r for r in READERS if "ja" in LINK_ANSWERS[r]] == [CARE, STUDENT_HEALTH, SOCIAL]


@pytest.mark.parametrize("reader", [STUDENT_HEALTH, SCHOOL, SOCIAL, POLICE_NGO])
def test_an_invited_organisation_outside_health_care_is_told_it_shall_take_part(reader):
    ((answers, _),) = MATRIX[reader, "inkommen-inbjudan"]
    decision = decide("inkommen-inbjudan", answers)
    text = " ".join(decision.text.split())
    assert decision.rules == ("R19",)
    assert "ska delta" in text
    assert "skriven för hälso- och sjukvården" in text


#: #20 item 1: the step each outcome leaves the reader with, as the outcome says it. Where
#: the routines are silent the step is the site's own and marked "Förslag:"; where they
#: name no channel, the region's "Kontaktvägar inom Kronobarnsmodellen" is linked too.
KONTAKTVAGAR = "kontaktvagar-inom-kronobarnsmodellen.pdf"
NEXT_STEP: dict[str, tuple[str, ...]] = {
    "modrahalsovarden": ("berätta då för mödrahälsovården", "[Hur skickar jag inbjudan?]"),
    "barnhalsovarden-forst": ("vänder du dig i första hand till barnhälsovården",),
    "barnhalsovarden-eller-forskolan": ("Förslag:", KONTAKTVAGAR),
    "rektor-skolan": ("berätta då för rektorn",),
    "kaa": ("berätta då för KAA",),
    "ta-reda-pa-skedet": ("Förslag: Fråga barnet eller familjen", KONTAKTVAGAR),
    "kalla-sjalv": ("[Hur skickar jag inbjudan?]", "Förslag:"),
    "kontakta-bba": ("[Vem är Barnets bästa-ansvarig?]",),
    "alla-far-bjuda-in": ("[Hur skickar jag inbjudan?]", "Förslag:"),
    "ta-reda-pa-vardkontakten": ("Förslag: Läs de två rutinerna",
                                 "[Vem är Barnets bästa-ansvarig?]"),
    "delta": ("Bekräfta sedan",),
    "hanvisa": ("[svarsbrevet]",),
    "rutinen-saknar-svar": ("Förslag: Kontakta den verksamhet som bjöd in",),
    "annan-verksamhet-ska-delta": ("Förslag: Bestäm vem från er som deltar",),
    "ta-reda-pa-kontakten": ("Förslag: Ta reda på inom er verksamhet",
                             "Svara den som bjöd in redan nu"),
    "link-familjen-pa-1177": ("Berätta för familjen",),
    "link-familjen-pa-papper": ("skriva ut planen på papper åt dem",),
    "link-fraga-familjen": ("Förslag: Fråga vårdnadshavarna",),
    "utan-halso-och-sjukvard": ("Förslag: Bestäm redan på mötet vem som skriver planen",),
    "link": ("Skicka inbjudan där",),
    "link-socialtjansten": ("Förslag:", KONTAKTVAGAR),
    "vanlig-post": ("skrivas ut och skickas med vanlig post",),
    "utan-link": ("Förslag: Kontakta mottagaren", KONTAKTVAGAR),
    "avsandare-utan-link-till-varden": ("Förslag:", KONTAKTVAGAR),
    "avsandare-utan-link-till-skolan": ("Förslag: Kontakta förskolan eller skolan",
                                        KONTAKTVAGAR),
    "avsandare-utan-link": ("Förslag: Kontakta mottagaren", KONTAKTVAGAR),
}


def test_every_outcome_has_its_next_step_written_down():
    outcomes = {o for t in load_catalog().tables.values() for o in t.outcomes}
    assert set(NEXT_STEP) == outcomes


@pytest.mark.parametrize("reader", READERS)
def test_each_reader_gets_a_next_step_from_every_answer(reader):
    reached = [decide(widget, answers) for (r, widget), rows in MATRIX.items() if r == reader
               for answers, _ in rows]
    for has_link in LINK_ANSWERS[reader]:
        expected = SEND_WITH_LINK if has_link == "ja" else SEND_WITHOUT_LINK
        reached += decide_each("skicka-inbjudan", {"har-link": has_link,
                                                   "mottagare": list(expected)})
    for decision in reached:
        text = " ".join(decision.text.split())
        for step in NEXT_STEP[decision.outcome]:
            assert step in text, (reader, decision.outcome, step)
