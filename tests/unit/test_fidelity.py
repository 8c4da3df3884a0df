"""Faithful to the word (#21, #20 items 1 and 6): one test per finding of a line-by-line
reading against S1 and S2, so that an edit cannot bring the finding back.

Content is read the way the site reads it: tables, rules, exercises and checklists through
the toolchain, the glossary through its loader and renderer, interface texts through
site_config.ui, pages as the Markdown the build turns into HTML. Most findings were a
phrase; the test is then a phrase test, with the source's words in a comment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decision_logic import decide
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.catalog import load_rulebook
from decision_logic.toolchain.training import load_checklists, load_exercises
from site_config.glossary import load_glossary, render_glossary
from site_config.ui import text as ui_text

DOCS = Path(__file__).resolve().parents[2] / "docs"
KONTAKTVAGAR = ("https://www.regionkronoberg.se/globalassets/vardgivarwebben/manskliga-"
                "rattigheter-och-barnets-rattigheter/kontaktvagar-inom-kronobarnsmodellen.pdf")


def flat(text: str) -> str:
    return " ".join(text.split())


def page(path: str) -> str:
    return flat((DOCS / path).read_text(encoding="utf-8"))


def all_pages() -> dict[str, str]:
    return {p.relative_to(DOCS).as_posix(): flat(p.read_text(encoding="utf-8"))
            for p in DOCS.rglob("*.md")}


def outcome(table: str, outcome_id: str):
    return load_catalog().table(table).outcomes[outcome_id]


def glossary() -> dict[str, object]:
    return {t.term: t for t in load_glossary()}


# --- The glossary --------------------------------------------------------------------

def test_search_words_are_shown_as_search_words_not_as_other_names_for_the_term():
    html = render_glossary(load_glossary())
    assert "Andra ord som används" not in html
    assert "Du kanske söker på: dagis" in html
    intro = page("ordlista.md")
    assert "inte synonymer" in intro


def test_the_glossary_intro_does_not_claim_one_meaning_per_word():
    intro = page("ordlista.md")
    assert "enda betydelse" not in intro
    assert "etablerad vårdkontakt" in intro  # the word the two routines use differently


def test_a_title_abolished_in_2019_is_no_search_word_for_the_preschool():
    assert "förskolechef" not in {n.lower() for t in load_glossary() for n in t.names}


def test_an_emergency_visit_is_not_called_a_temporary_care_contact():
    meaning = flat(glossary()["Tillfällig vårdkontakt"].meaning)
    assert "akutbesök inte en tillfällig vårdkontakt" in meaning


def test_a_child_as_relative_says_which_routine_uses_the_term_how():
    meaning = flat(glossary()["Barn som närstående"].meaning)
    # S1: kontakt med BBA; S2: etablerad vårdkontakt med närstående -> utse någon som deltar
    assert "Förtydligande kring samverkan" in meaning and "Rutin vid inkommen" in meaning
    assert "Barnets bästa-ansvarig" in meaning and "utse någon som deltar" in meaning


def test_the_bba_is_not_defined_as_the_one_who_coordinates_everything():
    meaning = flat(glossary()["Barnets bästa-ansvarig"].meaning)
    assert "garant" in meaning  # S1: "en garant för att samverkan initieras"
    assert "Att samordna de kommande mötena är en annan sak" in meaning  # S2, R29


def test_the_preschool_entry_keeps_s1s_condition_that_post_applies_to_a_link_invitation():
    # S1: "Linkinbjudan ... ska alltid skrivas ut och skickas via vanlig post till förskolor"
    assert "En inbjudan som görs i Link ska alltid skrivas ut" in flat(
        glossary()["Förskola"].meaning)


def test_the_glossary_orosanmalan_speaks_to_those_without_a_legal_duty_too():
    meaning = flat(glossary()["Orosanmälan"].meaning)
    assert "Har du enligt lag skyldighet" in meaning  # conditional, as on the start page
    assert "Har du ingen sådan skyldighet" in meaning


# --- The tables and rules.yaml -------------------------------------------------------

def test_no_invented_order_for_other_organisations_before_forskoleklass():
    # S1's "om förskolan har bäst kunskap" is BHV's test for passing the question on
    text = flat(outcome("ansvarig", "barnhalsovarden-eller-forskolan").text)
    assert "kontakta den av de två som känner barnet bäst" not in text
    assert "säger rutinen inte" in text


def test_r2_keeps_its_ska_in_the_table_the_page_and_the_rule_list():
    # S1: "Om du har etablerad vårdkontakt med barnet ska du själv sammankalla till möte."
    kalla = outcome("kalla-till-mote", "kalla-sjalv")
    assert "ska" in kalla.title.split() and "ska du själv kalla" in flat(kalla.text)
    assert "ska" in load_rulebook().rules["R2"].summary.split()
    samverkan = page("rutiner/samverkan.md")
    assert "ska du själv kalla till samverkansmötet" in samverkan
    assert "Du behöver inte gå via någon annan verksamhet" not in samverkan


def test_the_kontakta_bba_answer_redirects_as_s1_does_and_forbids_nothing():
    kontakta = outcome("kalla-till-mote", "kontakta-bba")
    assert "kalla inte" not in kontakta.title.lower()
    assert "kallar du inte själv" not in flat(kontakta.text)


def test_the_midwife_at_mvc_hears_that_her_own_organisation_is_the_bba():
    text = flat(outcome("ansvarig", "modrahalsovarden").text)
    assert "Arbetar du själv inom mödrahälsovården" in text
    assert "din egen verksamhet som är BBA" in text


def test_going_to_school_includes_gymnasiet():
    skede = {q.id: q for q in load_catalog().table("ansvarig").questions}["skede"]
    assert "gymnasiet" in {v.id: v for v in skede.values}["skola"].label
    assert "gymnasiet" in flat(outcome("ansvarig", "rektor-skolan").text)
    assert skede.label != "Var befinner sig barnet?"  # asked where, not which stage


@pytest.mark.parametrize(("table", "question"), [("kalla-till-mote", "verksamhet"),
                                                 ("inkommen-inbjudan", "verksamhet"),
                                                 ("barnets-plan", "vard-deltar")])
def test_the_school_nurse_and_dental_care_are_told_the_routines_are_silent(table, question):
    help_text = flat({q.id: q for q in load_catalog().table(table).questions}[question].help)
    assert "skolläkare" in help_text and "tandvården" in help_text
    assert "säger rutinerna inte" in help_text


def test_s1s_list_of_organisations_is_quoted_without_deciding_who_it_names():
    # S1: "... kan bjuda in till samverkansmöte; verksamheter (...) samt barnet/familjen."
    text = flat(outcome("kalla-till-mote", "alla-far-bjuda-in").text)
    assert "Deltagare kan vara" not in text
    assert "säger inte uttryckligen om uppräkningen" in text
    assert "säger inte uttryckligen om uppräkningen" in page("rutiner/samverkan.md")


def test_binding_as_sip_says_what_s1_says_and_no_more():
    # S1: "lika bindande som de lagkrav som finns kring SIP ..., det vill säga att kallad
    # verksamhet ska delta."
    assert "inte bara hälso- och sjukvården" not in page("rutiner/samverkan.md")
    assert "Det gäller alla verksamheter" not in page("beslutsstod/inkommen-inbjudan.md")
    assert "Det som gäller alla är" not in page("rutiner/inkommen-inbjudan.md")
    assert "kallas ska delta" in flat(outcome("inkommen-inbjudan",
                                              "annan-verksamhet-ska-delta").text)


def test_a_referral_is_no_promise_that_health_care_attends():
    # S2: "kan inbjudan hänvisas till den verksamhet som är bäst lämplig att delta"
    inkommen = page("rutiner/inkommen-inbjudan.md")
    assert "deltar då genom den verksamhet" not in inkommen
    assert "Den lovar inte att den verksamhet ni hänvisar till deltar" in inkommen


def test_three_or_four_areas_is_s2s_example_not_a_rule_of_thumb():
    # S2: "om exempelvis bara tre-fyra är relevanta"
    texts = [flat(i.text) for c in load_checklists(load_rulebook()) for i in c.items]
    texts.append(page("rutiner/inkommen-inbjudan.md"))
    assert not any("räcker ofta" in t for t in texts)


def test_checklists_from_health_cares_routine_do_not_claim_every_participant():
    for checklist in load_checklists(load_rulebook()):
        assert "Alla som deltar i mötet" not in checklist.audience, checklist.id


# --- Swedish -------------------------------------------------------------------------

def test_swedish_findings_stay_fixed():
    catalog = load_catalog()
    texts = [flat(o.text) for t in catalog.tables.values() for o in t.outcomes.values()]
    texts += [flat(i.text) for c in load_checklists(load_rulebook()) for i in c.items]
    texts += [flat(e.why) for e in load_exercises(catalog)]
    texts += list(all_pages().values())
    for bad in ("bäst, eller de behov",              # reads as "feels the needs"
                "varken bland",                      # after "Långt ifrån alla": vare sig
                "aktivitetsansvarige (KAA) i kommunen",
                "en väg förbi remissvägarna"):
        assert not any(bad in t for t in texts), bad
    assert "vare sig bland" in page("beslutsstod/skicka-inbjudan.md")
    r20 = load_rulebook().rules["R20"].summary
    assert r20 == "Hur långa mötena är, vilka som deltar och hur ofta ni träffas avgörs av " \
        "situationen."


# --- Sources the pages rest on -------------------------------------------------------

def test_the_start_page_does_not_say_everything_rests_on_two_documents():
    start = page("index.md")
    assert "Allt innehåll bygger på två dokument" not in start
    assert "Barnens bästa gäller!" in start


def test_the_about_page_declares_its_third_source_for_the_foot_of_the_page():
    text = (DOCS / "om-kronobarnsmodellen.md").read_text(encoding="utf-8")
    front = text[4:text.index("\n---", 4)]
    assert re.search(r"^kb_background_source: true$", front, re.M)
    assert ui_text("theme", "source_background").startswith("Barnens bästa gäller!")


# --- The orosanmälan reminder (R33, #20 item 6) ------------------------------------

def test_the_reminder_on_every_page_is_conditional_on_a_legal_duty():
    banner = flat(ui_text("theme", "announce_text"))
    assert banner.startswith("Har du enligt lag skyldighet")
    assert "Alla kan kontakta socialtjänsten" in banner
    for name, text in all_pages().items():
        for assumed in ("som du har enligt lag", "som du är skyldig att göra"):
            assert assumed not in text, (name, assumed)


def test_the_read_more_box_speaks_to_readers_with_and_without_a_legal_duty():
    start = page("index.md")
    box = start[start.index('id="r33"'):start.index("</div>", start.index('id="r33"'))]
    assert "Har du eller din verksamhet enligt lag skyldighet att anmäla" in box
    assert "Har du ingen sådan skyldighet" in box and "kontakta socialtjänsten" in box
    assert not re.search(r"§|\bkap\.|\d+ ?kap", box)  # no paragraph numbers (R33)


def test_every_page_box_about_orosanmalan_names_both_readers():
    for name, text in all_pages().items():
        if '!!! warning "Orosanmälan"' in text:
            assert "Har du ingen sådan skyldighet" in text, name


# --- A next step where the routine is silent (#20 item 1) ----------------------------

#: outcomes where the routines name no way forward; each ends in a marked suggestion
SILENT = {
    ("ansvarig", "barnhalsovarden-eller-forskolan"),
    ("skicka-inbjudan", "link-socialtjansten"), ("skicka-inbjudan", "utan-link"),
    ("skicka-inbjudan", "avsandare-utan-link-till-varden"),
    ("skicka-inbjudan", "avsandare-utan-link-till-skolan"),
    ("skicka-inbjudan", "avsandare-utan-link"),
    ("inkommen-inbjudan", "rutinen-saknar-svar"),
    ("inkommen-inbjudan", "annan-verksamhet-ska-delta"),
    ("barnets-plan", "utan-halso-och-sjukvard"),
}


@pytest.mark.parametrize(("table", "outcome_id"), sorted(SILENT))
def test_a_silent_routine_is_said_to_be_silent_and_a_marked_suggestion_follows(
        table, outcome_id):
    text = outcome(table, outcome_id).text
    paragraphs = [flat(p) for p in text.split("\n\n") if p.strip()]
    suggestions = [p for p in paragraphs if p.startswith("Förslag:")]
    assert suggestions, "the site's own next step is marked Förslag:"
    assert re.search(r"säger (rutinen|rutinerna|de) (inte|ingenting)|anger (inte|ingen)|"
                     r"säger inte|säger rutinerna inte", flat(text)), "silence is said"
    # a suggestion never dresses up as a rule of the routine
    for suggestion in suggestions:
        assert not re.search(r"\b(rutinen|rutinerna) (säger|anger)\b", suggestion)


@pytest.mark.parametrize("outcome_id", [*sorted(o for t, o in SILENT if t == "skicka-inbjudan"),
                                        "barnhalsovarden-eller-forskolan"])
def test_where_no_channel_is_named_the_regions_kontaktvagar_is_linked(outcome_id):
    table = "ansvarig" if outcome_id == "barnhalsovarden-eller-forskolan" else "skicka-inbjudan"
    assert f"[Kontaktvägar inom Kronobarnsmodellen]({KONTAKTVAGAR})" in flat(
        outcome(table, outcome_id).text)


@pytest.mark.parametrize("outcome_id", ["kalla-sjalv", "alla-far-bjuda-in"])
def test_where_an_invitation_is_prepared_the_bbas_consent_task_is_cited(outcome_id):
    text = flat(outcome("kalla-till-mote", outcome_id).text)
    assert "inhämta samtycke från barnet och vårdnadshavarna" in text
    assert "barnens-basta-galler-i-kronobergs-lan/medarbetare/" in text  # the cited page
    assert "Rutinerna säger inget om samtycke" in text


def test_the_senders_without_link_page_cites_consent_where_the_invitation_is_prepared():
    assert "inhämta samtycke" in page("beslutsstod/skicka-inbjudan.md")


def test_suggestions_in_outcome_texts_are_all_marked():
    """Every sentence that tells the reader to act beyond the routine starts a paragraph
    marked Förslag:. The decide() text carries the mark, so the widget shows it too."""
    decision = decide("skicka-inbjudan", {"har-link": "nej", "mottagare": "polisen"})
    assert "Förslag: Kontakta mottagaren" in flat(decision.text)
