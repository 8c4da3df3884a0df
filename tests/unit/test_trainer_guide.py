"""The trainer's guide data (decision_logic/training/handledning.yaml) and the answer
links: every reader group's cases exist, every case is some group's, and every answer
of every decision support has a link that decide() sends to that answer."""

from __future__ import annotations

import pytest

from decision_logic import ContentError, decide_each
from decision_logic.toolchain.training import load_exercises, load_guide, parse_guide
from site_config.content.site_url import is_local_address
from site_config.render.answer_links import answer_links, public_url


@pytest.fixture(scope="module")
def exercises(catalog):
    return load_exercises(catalog)


def test_every_case_is_taken_by_some_reader_group(exercises):
    guide = load_guide(exercises)
    taken = {case for group in guide.groups for case in group.exercises}
    assert taken == {e.id for e in exercises}
    assert guide.minutes(4) == guide.minutes_start + 4 * guide.minutes_per_case


def test_a_group_naming_a_case_that_does_not_exist_is_refused_with_its_line(exercises):
    data = {"minutes_per_case": 5, "minutes_start": 10, "groups": [
        {"id": "polisen", "name": "Polisen", "about": "Förtydligandet gäller.",
         "exercises": [exercises[0].id, "finns-inte"]}]}
    with pytest.raises(ContentError) as error:
        parse_guide(data, "handledning.yaml", exercises, lambda path: 7)
    assert "finns-inte" in str(error.value) and "handledning.yaml:7" in str(error.value)


def test_minutes_must_be_a_number_of_minutes(exercises):
    data = {"minutes_per_case": "fem", "minutes_start": 10, "groups": [
        {"id": "polisen", "name": "Polisen", "about": "x", "exercises": [exercises[0].id]}]}
    with pytest.raises(ContentError, match="minuter"):
        parse_guide(data, "handledning.yaml", exercises)


def test_every_outcome_has_a_link_and_every_link_leads_to_its_outcome(catalog):
    for table in catalog.tables.values():
        links = answer_links(table)
        assert {link.outcome for link in links} == set(table.outcomes), table.id
        assert len({link.query for link in links}) == len(links), "each path once"
        for link in links:
            answers = dict(link.answers)
            decisions = decide_each(table.id, answers)
            assert [d.outcome for d in decisions] == [link.outcome], link.query
            # The query is the page's own state key: question order, one value each.
            assert [q for q, _ in link.answers] == [
                q.id for q in table.questions if q.id in answers]


def test_an_outcome_that_several_paths_reach_has_a_link_for_each(catalog):
    links = answer_links(catalog.table("kalla-till-mote"))
    to_bba = [link.query for link in links if link.outcome == "kontakta-bba"]
    assert to_bba == ["verksamhet=halso-och-sjukvard&vardkontakt=tillfallig",
                      "verksamhet=halso-och-sjukvard&vardkontakt=barn-som-narstaende"]


def test_public_addresses_and_local_ones():
    assert public_url("https://vard.example.se/kronobarn/", "beslutsstod/ansvarig/") == (
        "https://vard.example.se/kronobarn/beslutsstod/ansvarig/")
    assert public_url("https://vard.example.se/kronobarn", "beslutsstod/") == (
        "https://vard.example.se/kronobarn/beslutsstod/")
    assert public_url("", "beslutsstod/") == "/beslutsstod/"
    assert is_local_address("http://127.0.0.1:8000/")
    assert is_local_address("http://localhost/")
    assert is_local_address("")
    assert not is_local_address("https://vard.example.se/kronobarn/")
