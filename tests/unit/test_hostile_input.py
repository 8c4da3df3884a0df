"""Issue 13's probes: hostile or broken input never hangs, never leaks a traceback, and
never puts its own words into the site's voice.

Each probe is a bounded input with the refusal or message it must get; none of them
asserts a time (the machine is shared), but the alias bombs would take seconds to hours
and gigabytes if the reader followed aliases, so a regression shows as a hung test.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

import decision_logic
from decision_logic import ContentError, DecisionError, decide, decide_each
from decision_logic.toolchain.catalog import load_table_file
from decision_logic.toolchain.content import check_content
from decision_logic.toolchain.yaml_source import MAX_DEPTH, load_yaml
from tests.conftest import ROOT, TESTS
from tests.in_process import check_command
from tests.unit.test_letter import LETTER_FIELDS, response_letter

PACKAGE = Path(decision_logic.__file__).parent
VALID = (TESTS / "fixtures" / "valid.yaml").read_text(encoding="utf-8")


def alias_bomb(levels: int) -> str:
    """Nine-fold aliases nested ``levels`` deep: some 300 bytes for 9**levels nodes."""
    names = [chr(ord("a") + i) for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
              for previous, name in itertools.pairwise(names)]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str | bytes, name: str = "probe.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def content_error(catalog, tmp_path: Path, text: str | bytes) -> ContentError:
    """The error loading ``text`` as a table gives; any other exception fails the test."""
    with pytest.raises(ContentError) as caught:
        load_table_file(write(tmp_path, text), catalog.rulebook)
    return caught.value


# The YAML reader ---------------------------------------------------------------------

@pytest.mark.parametrize("levels", [6, 8])
def test_an_alias_bomb_is_refused_at_its_first_alias(tmp_path, levels):
    # Before: 6 levels took 4 s and 1.2 GB in the check and the build, 8 ran past 60 s.
    text = alias_bomb(levels)
    assert len(text) < 400
    with pytest.raises(ContentError) as caught:
        load_yaml(write(tmp_path, text))
    assert caught.value.line == 2
    assert "aliaset *a används inte" in caught.value.message


def test_a_recursive_alias_is_refused(tmp_path):
    # Before: RecursionError traceback.
    with pytest.raises(ContentError, match=r"aliaset \*a används inte") as caught:
        load_yaml(write(tmp_path, "id: x\nlista: &a [*a]\n"))
    assert caught.value.line == 2


@pytest.mark.parametrize("char", ["\x0b", "\x00", "\x1b", "\u202e", "\u2066", "\ufeff"])
def test_a_control_or_bidi_character_is_named_with_its_line(catalog, tmp_path, char):
    # Before: \x0b and \x00 gave PyYAML's ReaderError traceback; bidi controls passed.
    text = VALID.replace("title: En liten tabell", f"title: En liten{char}tabell")
    error = content_error(catalog, tmp_path, text)
    assert error.line == 2
    assert f"U+{ord(char):04X}" in error.message and "styrtecken" in error.message


def test_a_complex_key_is_refused_with_its_line(catalog, tmp_path):
    # Before: TypeError: unhashable type: 'list'.
    error = content_error(catalog, tmp_path, VALID.replace("meta:\n", "? [a, b]\n: c\nmeta:\n"))
    assert error.line == 3
    assert "en nyckel ska vara ett ord" in error.message


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_very_deep_nesting_is_refused(tmp_path, opening):
    # Before: RecursionError traceback from PyYAML's composer.
    text = "id: x\ndjup: " + opening * 5000 + "\n"
    with pytest.raises(ContentError, match=f"nästlad mer än {MAX_DEPTH} nivåer") as caught:
        load_yaml(write(tmp_path, text))
    assert caught.value.line == 2


@pytest.mark.parametrize(("encoding", "line", "words"), [
    ("cp1252", 2, "inte sparad som UTF-8"),
    ("utf-16", 1, "sparad som UTF-16"),
])
def test_a_file_not_in_utf8_says_to_save_it_as_utf8(catalog, tmp_path, encoding, line, words):
    # Before: an English codec message without a line.
    text = VALID.replace("title: En liten tabell", "title: Barnets bästa")
    error = content_error(catalog, tmp_path, text.encode(encoding))
    assert error.line == line
    assert words in error.message and "spara filen som UTF-8" in error.message


@pytest.mark.parametrize(("text", "line", "words"), [
    ("id: x\ndatum: 2026-13-45\n", 2, "'2026-13-45' är inget giltigt datum"),
    ("id: x\ntal: !!int x\n", 2, "'x' är inget giltigt värde"),
    ("id: x\nb:\n  <<: {y: 2}\n", 3, "sammanslagning med '<<'"),
    ("id: x\nb:\n\tc: 1\n", 3, "tabbtecken"),
    ("id: x\ntitle: \"utan slut\n", 3, "citat har avslutats, det som inte avslutades "
     "började på rad 2"),
    ("id: x\n---\nid: y\n", 2, "flera dokument (---); det ska vara ett; "),
    ("", 1, "filen är tom"),
])
def test_other_broken_yaml_gets_a_swedish_message_with_its_line(tmp_path, text, line, words):
    with pytest.raises(ContentError) as caught:
        load_yaml(write(tmp_path, text))
    assert caught.value.line == line
    assert words in caught.value.message


# The schema: a value of the wrong type -------------------------------------------------

@pytest.mark.parametrize(("old", "new", "key_path", "words"), [
    ("outcome: forsta", "outcome: [forsta]", "rules[0].outcome", "inte en lista"),
    ("rules: [R1]", "rules: [[R1]]", "outcomes[0].rules[0]", "inte en lista"),
    ("review: 2027-01-01", "review: 2027-01-01 10:00:00", "meta.review",
     "utan klockslag: skriv 2027-01-01"),
    ("review: 2027-01-01", "review: 20270101", "meta.review", "ska vara ett datum"),
    ("when: {fraga: ja}", "when: {fraga: {ja: 1}}", "rules[0].when.fraga", "okänt svar"),
    ("when: {fraga: ja}", "when: {1: ja}", "rules[0].when[1]", "okänd fråga"),
])
def test_a_value_of_the_wrong_type_gets_a_message(catalog, tmp_path, old, new, key_path,
                                                  words):
    # Before: TypeError (unhashable list) for the first two, a date/datetime comparison
    # TypeError for the time of day.
    assert old in VALID
    error = content_error(catalog, tmp_path, VALID.replace(old, new, 1))
    assert error.key_path == key_path
    assert words in error.message
    assert error.line == VALID.splitlines().index(
        next(line for line in VALID.splitlines() if old in line)) + 1


def editable_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "decision_logic"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(("old", "new", "words"), [
    ("    source: S1\n", "    source: [S1]\n", "rules[0].source: här ska stå ett enda id"),
    ("reading:\n", "reading: 5\nxreading:\n", "'reading' ska vara en lista"),
])
def test_a_broken_rule_list_gets_a_message(tmp_path, old, new, words):
    # Before: TypeError tracebacks (unhashable list; int is not iterable).
    copy = editable_copy(tmp_path)
    rules = copy / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if new.startswith("reading: 5"):  # drop the real reading list that followed
        start = text.index("xreading:\n")
        end = text.index("\nrules:", start)
        text = text[:start] + text[end + 1:]
    rules.write_text(text, encoding="utf-8")
    problems, _checked = check_content(copy)
    assert len(problems) == 1
    assert problems[0].where.startswith(f"{rules}:") or problems[0].where.endswith(
        tuple(f"rules.yaml:{n}" for n in range(1, 200)))
    assert words in problems[0].message


# The editors' check: every fault as file:line, rows counted from 1, answers as written ---

def _table_copy(tmp_path: Path, table: str, old: str, new: str) -> tuple[Path, Path]:
    copy = editable_copy(tmp_path)
    path = copy / "tables" / f"{table}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy, path


def _line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i + 1 for i, line in enumerate(lines) if needle in line]
    return found[occurrence - 1]


def test_an_overlap_names_the_rows_by_line_counted_from_one(tmp_path):
    # Before: "Överlapp: svaren {'skede': 'skola'} matchar raderna 3, 5 i rules." without
    # a line, rows counted from 0, answers as a Python dict.
    row = "  - when: {skede: skola}\n    outcome: rektor-skolan\n"
    copy, path = _table_copy(tmp_path, "ansvarig", row,
                             row + "  - when: {skede: [skola, vantat-barn]}\n    outcome: kaa\n")
    school, both = _line_of(path, "when: {skede: skola}"), _line_of(path, "skola, vantat")
    unborn = _line_of(path, "when: {skede: vantat-barn}")
    problems, _checked = check_content(copy)
    overlaps = [p for p in problems if "Överlapp" in p.message]
    assert [p.where for p in overlaps] == [f"{path}:{school}", f"{path}:{unborn}"]
    message = overlaps[0].message
    assert message == (f"Överlapp: svaren {{skede: skola}} passar flera rader: raden nr 4 "
                       f"under rules (filens rad {school}) och raden nr 5 under rules "
                       f"(filens rad {both}).")
    assert "{'" not in message


def test_an_unreachable_row_and_outcome_name_their_lines(tmp_path):
    # Before: "Raden rules[5] kan aldrig nås." without a line, counted from 0.
    row = "  - when: {skede: skola}\n    outcome: rektor-skolan\n"
    copy, path = _table_copy(tmp_path, "ansvarig", row, row + "  - when: {skede: skola, "
                             "verksamhet: annan}\n    outcome: kaa\n")
    line = _line_of(path, "{skede: skola, verksamhet: annan}")
    problems, _checked = check_content(copy)
    (unreachable,) = [p for p in problems if "kan aldrig nås" in p.message]
    assert unreachable.where == f"{path}:{line}"
    assert unreachable.message.startswith(f"Raden nr 5 under rules (filens rad {line}) kan "
                                          "aldrig nås")


def test_a_gap_shows_the_answers_as_an_editor_writes_them(tmp_path):
    row = "  - when: {skede: utanfor-gymnasiet}\n    outcome: kaa\n"
    copy, path = _table_copy(tmp_path, "ansvarig", row, "")
    problems, _checked = check_content(copy)
    messages = [p.message for p in problems]
    assert "Lucka: svaren {skede: utanfor-gymnasiet} leder inte till något utfall." in messages
    gap = next(p for p in problems if p.message.startswith("Lucka"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert gap.where == f"{path}:{lines.index('rules:') + 2}"  # the first row under rules


def test_one_broken_table_does_not_hide_another(tmp_path):
    copy = editable_copy(tmp_path)
    write(copy / "tables", "a: &a [*a]\n", "ansvarig.yaml")
    write(copy / "tables", "id: barnets-plan\n\x00\n", "barnets-plan.yaml")
    problems, _checked = check_content(copy)
    assert [p.where.rsplit("/", 1)[-1] for p in problems] == ["ansvarig.yaml:1",
                                                              "barnets-plan.yaml:2"]


@pytest.mark.parametrize("broken", [
    alias_bomb(8),
    "id: ansvarig\ntitle: a\x0bb\n",
    "id: ansvarig\n? [a, b]\n: c\n",
    VALID.replace("id: valid", "id: ansvarig").replace("outcome: forsta", "outcome: [x]"),
    VALID.replace("id: valid", "id: ansvarig").replace("rules: [R1]", "rules: [[R6]]"),
    VALID.replace("id: valid", "id: ansvarig").replace("review: 2027-01-01",
                                                       "review: 2027-01-01 10:00:00"),
])
def test_the_check_command_prints_file_line_and_exits_1_without_a_traceback(tmp_path, broken):
    copy = editable_copy(tmp_path)
    write(copy / "tables", broken, "ansvarig.yaml")
    result = check_command(str(copy), cwd=ROOT)  # in-process (tests/in_process.py)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Error" not in result.stdout + result.stderr
    assert f"{copy}/tables/ansvarig.yaml:" in result.stdout
    assert "Tips:" in result.stdout and "fel hittades" in result.stdout




# The public API: only DecisionError, whatever comes in --------------------------------

@pytest.mark.parametrize(("call", "args"), [
    (decide, ("ansvarig", None)),             # before: AttributeError
    (decide, (["x"], {})),                    # before: TypeError (unhashable)
    (decide, ("ansvarig", ["skede"])),
    (decide, ("ansvarig", {("skede",): "skola"})),
    (decide, ("ansvarig", {"skede": ["skola"]})),
    (decide, (None, None)),
    (decide_each, ("ansvarig", {"skede": None})),  # before: TypeError
    (decide_each, ("ansvarig", {"skede": [1]})),
    (decide_each, ("ansvarig", "skede=skola")),
])
def test_any_input_gets_a_decision_error(call, args):
    with pytest.raises(DecisionError):
        call(*args)


def test_a_mapping_in_place_of_an_answer_is_not_taken_for_its_keys():
    # Before: decide_each read {"skola": 1} as the list ["skola"] and answered.
    with pytest.raises(DecisionError,
                       match="'Vilket av följande stämmer in på barnet\\?' kunde inte läsas"):
        decide_each("ansvarig", {"skede": {"skola": 1}})


def test_an_invalid_answer_off_the_path_is_ignored_as_documented():
    # Before: "Svaret 'nonsens' passar inte frågan 'verksamhet'".
    decision = decide("ansvarig", {"skede": "skola", "verksamhet": "nonsens"})
    assert decision.outcome == "rektor-skolan"
    assert dict(decision.answers) == {"skede": "skola"}
    assert decide_each("ansvarig", {"skede": "skola", "verksamhet": ["x", "y"]})


def test_a_repeated_value_in_a_link_counts_once():
    decisions = decide_each("skicka-inbjudan",
                            {"har-link": "ja", "mottagare": ["skola"] * 50_000})
    assert [d.outcome for d in decisions] == ["vanlig-post"]


LINK_TEXTS = [
    "OBS: Rutinen har ändrats. Ring 0470-123 45 i stället för att kalla till möte.",
    "x" * 50_000,
    "skola\u202eelokso",
]


@pytest.mark.parametrize("text", LINK_TEXTS, ids=["notice", "50kB", "bidi"])
def test_text_from_a_link_is_never_echoed(text):
    # Before: the text was repeated in the message the widget shows in its red alert.
    with pytest.raises(DecisionError) as caught:
        decide("ansvarig", {"skede": text})
    message = str(caught.value)
    assert message.startswith("Svaret i länken finns inte bland svaren på frågan "
                              "'Vilket av följande stämmer in på barnet?'. Möjliga svar: "
                              "'Barnet är ännu inte fött (väntat barn)', ")
    assert text not in message and "Ring" not in message and "\u202e" not in message
    assert len(message) < 500


@pytest.mark.parametrize("text", LINK_TEXTS, ids=["notice", "50kB", "bidi"])
def test_a_question_or_table_from_a_link_is_not_echoed_either(text):
    for call in (lambda: decide("ansvarig", {text: "skola"}), lambda: decide(text, {}),
                 lambda: decide_each("skicka-inbjudan", {"mottagare": "skola",
                                                         "fran": [text, text + "y"]})):
        with pytest.raises(DecisionError) as caught:
            call()
        assert text not in str(caught.value) and len(str(caught.value)) < 500


# The reply letter ---------------------------------------------------------------------

FILLED = {"var-verksamhet": "BUP Växjö", "berord": "barnet", "vidare-till": "BVC Teleborg"}


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\u202e", "\u2066", "\u200b",
                                  "\ufeff", "\ud800", "\ue000"])
def test_control_and_bidi_characters_never_reach_the_letter(char):
    # Before: NUL, ESC, BEL and bidi overrides went into the copied and printed text.
    letter = response_letter({**FILLED, "var-verksamhet": f"BUP{char} Växjö{char}"})
    assert char not in letter
    assert "BUP Växjö har ingen etablerad vårdkontakt" in letter


@pytest.mark.parametrize("blank", ["\u200b", "\u200b\u200b \u200b", " \t\n", "\u202e\u2066",
                                   "\u3000\u00a0", None])
def test_a_field_of_only_blanks_or_zero_width_characters_is_missing(blank):
    # Before: a field of only U+200B counted as filled.
    with pytest.raises(DecisionError, match="Er verksamhets namn saknas"):
        response_letter({**FILLED, "var-verksamhet": blank})


@pytest.mark.parametrize("number", [
    "201212 1212",         # before: passed
    "201212\u20111212",    # non-breaking hyphen; before: passed
    "pnr201212-1212",      # glued to letters; before: passed
    "201212-1212abc",
    "19201212-1212",
    "201212\u20131212",    # en dash
    "２０１２１２－１２１２",  # full-width digits and hyphen
    "201212 - 1212",
    "201212+1212",
    "2012121212",
    "2012-12-12-1212",     # #35: the date's parts apart; before: passed
    "12 12 12-1212",
    "12.12.12-1212",
    "121212/1212",
    "121272-1212",         # a samordningsnummer (day + 60)
])
def test_the_personnummer_check_catches_the_variants(number):
    with pytest.raises(DecisionError, match="skriv inte personnummer"):
        response_letter({**FILLED, "berord": f"barnet {number}"})


@pytest.mark.parametrize("text", ["BUP Växjö, mottagning 2", "tel. 0470-58 60 00",
                                  "Ärende 2026-11", "avdelning 12345",
                                  "2026-12-12 1300", "2026-12-01-2026-12-15"])
def test_ordinary_numbers_are_not_taken_for_a_personnummer(text):
    assert text in response_letter({**FILLED, "var-verksamhet": text})


@pytest.mark.parametrize("fields", [None, ["var-verksamhet"], {"var-verksamhet": 5},
                                    {"var-verksamhet": ["BUP"]}, {1: "x"}])
def test_the_letter_refuses_any_other_input_with_a_decision_error(fields):
    with pytest.raises(DecisionError):
        response_letter(fields)


def test_an_unknown_field_is_not_echoed():
    with pytest.raises(DecisionError) as caught:
        response_letter({**FILLED, "OBS ring 0470": "x"})
    assert "OBS" not in str(caught.value)
    assert all(field in str(caught.value) for field in LETTER_FIELDS)


def test_a_very_long_field_is_refused_without_repeating_it():
    with pytest.raises(DecisionError, match="skriv högst 200 tecken") as caught:
        response_letter({**FILLED, "vidare-till": "BVC " * 100_000})
    assert "BVC" not in str(caught.value)


@pytest.mark.parametrize("bundle", ["", "[]", "{}", '{"rules": {}, "tables": []}', "[" * 10_000])
def test_a_broken_bundle_is_a_content_error(bundle):
    from decision_logic.bundle import from_bundle

    with pytest.raises(ContentError):
        from_bundle(bundle)


def test_each_fault_carries_the_hint_for_its_kind_not_guessed_from_its_words():
    from decision_logic.toolchain.yaml_source import HINT_FILE, HINT_YAML, decode, parse

    with pytest.raises(ContentError) as caught:
        parse("a: [1,\n", "prov.yaml")
    assert caught.value.hint == HINT_YAML
    with pytest.raises(ContentError) as caught:
        decode("id: å\n".encode("utf-16"), "prov.yaml")
    assert caught.value.hint == HINT_FILE


def test_an_unknown_marker_is_a_content_error_naming_the_page(catalog):
    from site_config.content.manifest import load_manifest
    from site_config.render.markers import PageContext, expand

    context = PageContext(catalog=catalog, assets=None, glossary=(), page_titles={},
                          manifest=load_manifest())
    with pytest.raises(ContentError) as caught:
        expand("# Rubrik\n\n<!-- kb:finns-inte -->\n", "x/", context, "x.md", {})
    assert caught.value.source == "x.md" and "okänd markör" in caught.value.message
    assert "kb:widget" in caught.value.hint
