"""decision_logic/letters.yaml: the letters' words are checked against the tables (a fault
names file, line and what to write) and reach the browser in the bundle unchanged."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from decision_logic import ContentError, from_bundle, to_bundle
from decision_logic.toolchain.catalog import LETTERS_FILE
from decision_logic.toolchain.letters import load_letters


def _fault(tmp_path: Path, catalog, old: str, new: str) -> str:
    text = LETTERS_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "letters.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_letters(path, catalog.tables)
    return str(caught.value)


def test_the_letters_load_and_each_serves_outcomes_of_its_table(catalog):
    letters = load_letters(LETTERS_FILE, catalog.tables)
    assert list(letters) == ["inbjudan", "bekraftelse", "svarsbrev", "fraga-till-inbjudaren"]
    for letter in letters.values():
        assert set(letter.outcomes) <= set(catalog.table(letter.table).outcomes)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("outcomes: [delta,", "outcomes: [deltar,", "okänt utfall 'deltar'"),
    ("Från oss deltar: {deltagare}", "Från oss deltar: {deltagarna}",
     "{deltagarna} är inget fält"),
    ("Från oss deltar: {deltagare}", "Från oss deltar.", "fältet 'deltagare' används inte"),
    ("inbjudna: mottagare", "inbjudna: mottagarna", "okänd fråga 'mottagarna'"),
    ("when: {har-link: [ja],", "when: {har-link: [kanske],", "okänt svar 'kanske'"),
])
def test_a_fault_names_the_file_and_what_to_write(tmp_path, catalog, old, new, words):
    message = _fault(tmp_path, catalog, old, new)
    assert message.startswith(str(tmp_path / "letters.yaml") + ":")
    assert words in message


def test_the_bundle_carries_the_letters_unchanged(catalog):
    read = from_bundle(to_bundle(catalog)).letters
    assert list(read) == list(catalog.letters)
    for letter_id, letter in catalog.letters.items():
        assert dataclasses.replace(read[letter_id], source="") == dataclasses.replace(
            letter, source="")
