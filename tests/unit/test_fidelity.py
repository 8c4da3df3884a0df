"""Faithful to the word (#21, #20 items 1 and 6, #34): one test per finding of a
line-by-line reading against S1 and S2, so that an edit cannot bring the finding back.

Content is read the way the site reads it: tables, rules, exercises and checklists through
the toolchain, the glossary through its loader and renderer, interface texts through
site_config.content.ui, pages as the Markdown the build turns into HTML. Most findings were a
phrase; the test is then a phrase test, with the source's words in a comment.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from decision_logic import decide, write_letter
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.catalog import load_rulebook
from decision_logic.toolchain.changelog import load_changelog
from decision_logic.toolchain.training import load_checklists, load_exercises, load_guide
from site_config.content.glossary import load_glossary, render_glossary
from site_config.content.ui import text as ui_text
from site_config.editors.changes import Answer, Report, render_text

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


# --- Round five (#34): letters a recipient can act on, the trainer's guide -----------

#: the line every letter has for which child, filled in by hand (never in the form)
CHILD_LINE = re.compile(r"^Barnet eller barnen som (mötet|inbjudan) gäller: _{20,}$", re.M)
#: realistic blanks per letter, with only the required ones filled in
REQUIRED_ONLY = {
    "inbjudan": ({"har-link": "ja", "mottagare": ["skola"]},
                 {"till": "Centralskolan", "var-verksamhet": "BUP Växjö",
                  "behov": "Samordna stödet i skolan och i vården", "tid": "12 januari kl. 9",
                  "plats": "BUP Växjö", "kontaktperson": "Kurator, 0470-00 00 00"}),
    "bekraftelse": ({}, {"till": "Centralskolan", "var-verksamhet": "BVC Teleborg",
                         "deltagare": "Barnsjuksköterskan",
                         "inbjudan": "samverkansmöte 12 januari kl. 9"}),
    "svarsbrev": ({}, {"var-verksamhet": "BUP Växjö", "berord": "barnet",
                       "vidare-till": "vårdcentralen"}),
    "fraga-till-inbjudaren": ({}, {"till": "Centralskolan", "var-verksamhet": "Vårdcentralen",
                                   "inbjudan": "inbjudan daterad 1 december",
                                   "kontaktperson": "Mottagningen, 0470-00 00 01"}),
}


def _letters():
    return load_catalog().letters


def _written(letter_id: str) -> str:
    answers, fields = REQUIRED_ONLY[letter_id]
    return str(write_letter(letter_id, fields, answers)["text"])


@pytest.mark.parametrize("letter_id", sorted(REQUIRED_ONLY))
def test_1_every_letter_has_a_line_for_which_child_and_no_field_for_it(letter_id):
    # #34 item 1: the help keeps names out of the form ("vilket barn det gäller skriver
    # du själv på utskriften"), so the printed letter must have the place for it.
    assert set(REQUIRED_ONLY) == set(_letters())
    assert CHILD_LINE.search(_written(letter_id))
    letter = _letters()[letter_id]
    for blank in letter.fields:
        assert not re.search(r"personnummer|barnets namn|\bnamn på barnet", blank.label,
                             re.I), blank.id
    assert "för hand på raden" in letter.help


@pytest.mark.parametrize("letter_id", sorted(REQUIRED_ONLY))
def test_2_a_letter_that_may_go_by_mail_names_the_organisations_own_rules(letter_id):
    # Every outcome on the page: "Följ din egen verksamhets regler för hur uppgifter om
    # ett barn får skickas"; the letter's help said "på utskriften eller i mejlet" bare.
    help_text = flat(_letters()[letter_id].help)
    assert "på utskriften eller i mejlet" not in help_text
    assert "egen verksamhets regler för hur uppgifter om ett barn får skickas" in help_text


def test_3_a_bvc_nurse_who_follows_the_child_invites_herself():
    # S1: "Har vi etablerad vårdkontakt med barnet bjuder vi själva in till samverkan";
    # "Om du har etablerad vårdkontakt med barnet ska du själv sammankalla till möte."
    bhv = outcome("ansvarig", "barnhalsovarden-forst")
    text = flat(bhv.text)
    assert "Som vårdpersonal utan etablerad vårdkontakt" in text  # S1's condition kept
    assert "etablerad vårdkontakt med barnet, till exempel på den barnavårdscentral (BVC) " \
        "som följer barnet, ska du i stället själv kalla till samverkansmöte" in text
    assert "[Ska jag kalla till samverkansmöte?](beslutsstod/kalla-till-mote/)" in text
    assert "R2" in bhv.rules


def test_4_the_trainers_guide_keeps_the_link_rules_as_s1_writes_them():
    # S1: "Linkinbjudan ... ska alltid skrivas ut och skickas via vanlig post till
    # förskolor och skolor"; "De som saknar tillgång till Link är rektorer, pedagogisk
    # personal ..."; "vissa funktioner inom elevhälsan" have Link.
    groups = {g.id: flat(g.about) for g in load_guide(load_exercises(load_catalog())).groups}
    school = groups["skola-och-forskola"]
    assert "inbjudningar till skolor kommer med vanlig post" not in school
    assert "Skolan och förskolan har inte Link" not in school
    assert "en inbjudan som görs i Link ska skrivas ut och skickas med vanlig post" in school
    assert "Rektorer och pedagogisk personal har inte Link" in school
    assert "vissa funktioner inom elevhälsan har det" in school
    # Silent is silent: no "the routines do not say" followed by where it applies.
    student_health = groups["elevhalsan"]
    assert "säger rutinerna inte" in student_health
    assert "den gäller där" not in student_health


def test_6_s2s_blank_for_the_child_is_not_paraphrased_as_a_name():
    # S2: "Då [verksamhetens namn] inte har en etablerad vårdkontakt med [det
    # barn/närstående till barnet] som inbjudan till samverkan berör"
    for path in ("rutiner/inkommen-inbjudan.md", "beslutsstod/inkommen-inbjudan.md"):
        text = page(path)
        assert "vilket barn (eller vilken närstående" not in text
        assert "vilket barn eller vilka barn, eller vilken närstående" not in text
        assert "utan namn" in text or "inte något namn" in text
    assert "”det barn/närstående till barnet”" in page("rutiner/inkommen-inbjudan.md")


def test_7_a_confirmation_with_only_the_required_fields_names_the_inviter_and_meeting():
    # S2: "Bekräfta deltagandet till den verksamhet som bjuder in till samverkan."
    required = {b.id for b in _letters()["bekraftelse"].fields if not b.optional}
    assert {"till", "inbjudan"} <= required
    text = _written("bekraftelse")
    assert "Till: Centralskolan" in text
    assert "Er inbjudan: samverkansmöte 12 januari kl. 9" in text


def test_8_the_question_letter_says_the_organisation_takes_part_without_jargon():
    # S1: "det vill säga att kallad verksamhet ska delta."
    text = flat(_written("fraga-till-inbjudaren"))
    assert "Vårdcentralen kommer att delta i mötet." in text
    assert "specialistverksamhet" not in text and "vem hos oss" not in text


def test_9_mhvs_answer_is_conditional_like_the_rektors_and_kaas():
    # S1 (R1): "Vem som helst som ser behov av att samordna insatser ... kan bjuda in";
    # BBA is "en garant för att samverkan initieras, om t.ex. en verksamhet som inte
    # själv har god kännedom om barnet upptäckt samverkansbehov".
    text = flat(outcome("ansvarig", "modrahalsovarden").text)
    assert "Arbetar du i en annan verksamhet: berätta" not in text
    assert "när du har sett ett behov men inte själv känner familjen väl: berätta då för " \
        "mödrahälsovården" in text
    for other in ("rektor-skolan", "kaa"):
        assert "inte själv känner" in flat(outcome("ansvarig", other).text)


def test_10_the_consent_note_keeps_its_context():
    # The outcomes say "Rutinerna säger inget om samtycke" and "en äldre webbsida från
    # Region Kronoberg (2021)"; the letter's note must not drop either.
    (note, *_) = _letters()["inbjudan"].notes
    text = flat(note.text)
    assert "rutinerna säger inget om samtycke" in text
    assert "äldre sida (2021)" in text and "Barnens bästa gäller!" in text
    assert "Förslag:" in text


def test_11_the_recipients_copy_carries_no_site_status_and_names_the_receiving_unit():
    from site_config.content.ui import ui

    assert "letter_footer" not in ui().texts["print"]
    for letter_id in REQUIRED_ONLY:
        text = _written(letter_id)
        assert "Utkast" not in text and "fastställt" not in text and "Mallen" not in text
    till = next(b for b in _letters()["inbjudan"].fields if b.id == "till")
    assert not till.optional and "enheter" in till.label
    assert _written("inbjudan").startswith(f"Datum: {dt.date.today().isoformat()}\n"
                                           "Till: Centralskolan\n")


def test_12_every_letter_is_logged_and_every_confirmation_promised_is_offered():
    # /kallor/ says every change is logged; the page promises "en bekräftelse när ni ska
    # delta", and S1: "kallad verksamhet ska delta" for every invited organisation.
    logged = " ".join(flat(c.change) for c in load_changelog(load_rulebook()))
    for words in ("inbjudan till samverkansmöte", "bekräftelsen", "frågan till den som bjöd in"):
        assert words in logged
    served = set(_letters()["bekraftelse"].outcomes)
    table = load_catalog().table("inkommen-inbjudan")
    # A "Vet inte" outcome tells what holds in each case (#33) and sends the reader back
    # to answer; the confirmation is offered once the answer is "ja".
    unsure = {rule.outcome for rule in table.rules
              if any("vet-inte" in values for values in rule.when.values())}
    assert unsure, "inkommen-inbjudan has a Vet inte outcome"
    for outcome_id, reached in table.outcomes.items():
        if re.search(r"\b[Bb]ekräfta\b", reached.text) and outcome_id not in unsure:
            assert outcome_id in served, outcome_id


def test_13_swedish_round_five():
    assert "Till: Socialtjänsten och Förskolan" not in _written("inbjudan")
    invitation = str(write_letter("inbjudan", REQUIRED_ONLY["inbjudan"][1],
                                  {"mottagare": ["socialtjanst", "forskola"]})["text"])
    assert "Inbjudna verksamheter: socialtjänsten och förskolan." in invitation
    about = page("om-kronobarnsmodellen.md")
    assert "Det står i *Förtydligande kring samverkan inom Kronobarnsmodellen* och " \
        "förklaras på sidan [Förtydligande" not in about
    assert "gäller det barn som närstående, kallar du" in flat(
        glossary()["Barn som närstående"].meaning)
    reason = flat(next(b.default for b in _letters()["svarsbrev"].fields
                       if b.id == "forklaring"))
    assert "barnet, barnen eller den närstående" not in reason
    why = {e.id: flat(e.why) for e in load_exercises(load_catalog())}
    assert "så där kan vården" not in why["vardnadshavare-utan-1177"]
    report = Report("HEAD", changed=[("beslutsstod/ansvarig/?skede=vantat-barn",
                                      Answer((("a", "Förut", "x", ("R7",)),), ""),
                                      Answer((("a", "Nu", "y", ("R7",)),), ""))])
    assert "Ändrade svar (1 läge, 1 ändring):" in render_text(report)


def test_14_minor_words_held_to_the_sources():
    # Not in the sources: "Tanken är att den som först märker ... inte ska stå ensam".
    assert "inte ska stå ensam" not in page("om-kronobarnsmodellen.md")
    # S1: BHV "kan lämna över fråga till rektorn på förskolan om förskolan har bäst
    # kunskap om barnets situation"; the boy in the case has no place in a preschool.
    why = {e.id: flat(e.why) for e in load_exercises(load_catalog())}
    assert "om förskolan känner barnets situation bäst" in why["akutbesok-tvaaring"]
    assert "ingen plats i förskolan" in why["akutbesok-tvaaring"]
    # S2: "Säkerställ att barnets och vårdnadshavares åsikter beaktas under hela mötet."
    texts = [flat(i.text) for c in load_checklists(load_rulebook()) for i in c.items]
    texts += list(all_pages().values())
    assert not any("tas till vara" in t for t in texts)
    assert "åsikter beaktas under hela mötet" in page("rutiner/inkommen-inbjudan.md")
