"""The exercises at /utbildning/: together they cover every outcome of every table, and a
broken case file is located. (That each case reaches an outcome with every answer on its
path is the loader's own check, proven here with broken files.)"""

from __future__ import annotations

import pytest

from decision_logic import ContentError, decide
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.training import load_exercises
from tests.conftest import TESTS

FIXTURES = TESTS / "fixtures" / "training"
EXERCISES = load_exercises(load_catalog())


def test_there_are_at_least_twenty_cases():
    assert len(EXERCISES) >= 20


def test_every_outcome_of_every_table_is_covered_by_a_case(catalog):
    covered = {(e.table, decide(e.table, e.answers).outcome) for e in EXERCISES}
    missing = [(t.id, o) for t in catalog.tables.values() for o in t.outcomes
               if (t.id, o) not in covered]
    assert missing == []


@pytest.mark.parametrize(
    ("fixture", "key_path", "line", "words"),
    [
        ("exercises_unknown_table.yaml", "exercises[1].table", 8,
         "okänt beslutsstöd 'vem-bjuder-in'"),
        ("exercises_unknown_question.yaml", "exercises[0].answers.alder", 8,
         "okänd fråga 'alder' i beslutsstödet 'ansvarig'"),
        ("exercises_unknown_value.yaml", "exercises[0].answers.mottagare", 7,
         "okänt svar 'gymnasiet' på frågan 'mottagare'"),
        ("exercises_two_recipients.yaml", "exercises[0].answers.mottagare", 7,
         "ett enda svar per fall"),
        ("exercises_incomplete.yaml", "exercises[0].answers", 7,
         "frågan 'specialist'"),
        ("exercises_answer_off_the_path.yaml", "exercises[0].answers.verksamhet", 9,
         "frågan 'verksamhet' ställs inte med de här svaren"),
    ],
)
def test_a_broken_case_file_names_file_key_and_line(catalog, fixture, key_path, line, words):
    with pytest.raises(ContentError) as caught:
        load_exercises(catalog, FIXTURES / fixture)
    error = caught.value
    assert error.source.endswith(f"training/{fixture}")
    assert error.key_path == key_path
    assert error.line == line
    assert words in error.message
    assert str(error).startswith(f"{error.source}:{line} (nyckel {key_path}): ")


def test_an_unknown_table_error_lists_the_tables_that_exist(catalog):
    with pytest.raises(ContentError, match=r"beslutsstöd som finns: .*ansvarig.*kalla-till-mote"):
        load_exercises(catalog, FIXTURES / "exercises_unknown_table.yaml")
