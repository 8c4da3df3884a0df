"""A broken routing table is rejected with the file, the key path and the line."""

from __future__ import annotations

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.catalog import load_table_file
from tests.conftest import TESTS

FIXTURES = TESTS / "fixtures"


def load(name: str, catalog):
    return load_table_file(FIXTURES / name, catalog.rulebook)[0]


def test_a_valid_small_table_loads(catalog):
    table = load("valid.yaml", catalog)
    assert [q.id for q in table.questions] == ["fraga"]
    assert list(table.outcomes) == ["forsta", "andra"]


@pytest.mark.parametrize(
    ("fixture", "key_path", "line", "words"),
    [
        ("bad_yaml.yaml", "", 12, "ogiltig YAML"),
        ("missing_key.yaml", "outcomes[0]", 18, "nyckeln 'text' saknas"),
        ("unknown_value.yaml", "rules[0].when.fraga", 15, "okänt svar 'kanske'"),
        ("duplicate_id.yaml", "questions[0].values[1].id", 14, "svaret 'ja' finns redan"),
        ("unknown_rule.yaml", "outcomes[0].rules[1]", 21, "okänd regel 'R99'"),
        ("bad_review_date.yaml", "meta.review", 6, "ska vara ett datum"),
        ("duplicate_key.yaml", "questions[0].label", 11, "nyckeln 'label' står två gånger"),
    ],
)
def test_a_broken_table_names_file_key_and_line(catalog, fixture, key_path, line, words):
    with pytest.raises(ContentError) as caught:
        load(f"broken/{fixture}", catalog)
    error = caught.value
    assert error.source.endswith(f"broken/{fixture}")
    assert error.key_path == key_path
    assert error.line == line
    assert words in error.message
    assert str(error).startswith(f"{error.source}:{line}")


def test_an_unclosed_quote_says_where_it_began(catalog):
    with pytest.raises(ContentError, match="började på rad 10"):
        load("broken/bad_yaml.yaml", catalog)


def test_an_unknown_rule_error_lists_the_known_rules(catalog):
    with pytest.raises(ContentError, match=r"kända regler .*R1, R2, R3"):
        load("broken/unknown_rule.yaml", catalog)
