"""The exercises at /utbildning/: every case reaches an outcome, together they cover every
outcome of every table, a broken case file is located, and the page corrects in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from decision_logic import TableError, decide, load_catalog
from decision_logic.training import load_exercises

FIXTURES = Path(__file__).parent / "fixtures" / "training"
EXERCISES = load_exercises(load_catalog())
READY = '[data-training][data-state="ready"]'


def test_there_are_at_least_twenty_cases():
    assert len(EXERCISES) >= 20
    assert len({e.id for e in EXERCISES}) == len(EXERCISES)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_each_case_reaches_an_outcome(exercise):
    decision = decide(exercise.table, exercise.answers)
    assert decision.next_question is None
    assert decision.outcome is not None
    # Every answer is on the path: nothing in the case is silently ignored.
    assert dict(decision.answers) == dict(exercise.answers)


def test_every_outcome_of_every_table_is_covered_by_a_case(catalog):
    covered = {(e.table, decide(e.table, e.answers).outcome) for e in EXERCISES}
    missing = [(t.id, o) for t in catalog.tables.values() for o in t.outcomes
               if (t.id, o) not in covered]
    assert missing == []


def test_each_send_invitation_case_has_a_single_recipient():
    for exercise in EXERCISES:
        if exercise.table == "skicka-inbjudan":
            assert isinstance(exercise.answers["mottagare"], str)


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
    ],
)
def test_a_broken_case_file_names_file_key_and_line(catalog, fixture, key_path, line, words):
    with pytest.raises(TableError) as caught:
        load_exercises(catalog, FIXTURES / fixture)
    error = caught.value
    assert error.source.endswith(f"training/{fixture}")
    assert error.key_path == key_path
    assert error.line == line
    assert words in error.message
    assert str(error).startswith(f"{error.source}:{line} (nyckel {key_path}): ")


def test_an_unknown_table_error_lists_the_tables_that_exist(catalog):
    with pytest.raises(TableError, match=r"beslutsstöd som finns: .*ansvarig.*kalla-till-mote"):
        load_exercises(catalog, FIXTURES / "exercises_unknown_table.yaml")


def test_the_page_offers_every_outcome_of_the_case_s_table(site_dir, catalog):
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="kb-training" data-training data-state="loading" '
                     r'data-app="[^"]+" data-pyodide="[^"]+" data-worker="[^"]+"', html)
    for number, exercise in enumerate(EXERCISES, 1):
        start = html.index(f'<form class="kb-exercise" id="ovning-{exercise.id}"')
        form = html[start:html.index("</form>", start)]
        answers = json.dumps(dict(exercise.answers), ensure_ascii=False, separators=(",", ":"))
        assert f'data-answers="{answers.replace(chr(34), "&quot;")}"' in form
        assert f">Fall {number}</h3>" in form
        table = catalog.table(exercise.table)
        assert f"<legend>{table.title}</legend>" in form
        for outcome in table.outcomes.values():
            assert (f'<label class="kb-option"><input type="radio" name="svar-{exercise.id}" '
                    f'value="{outcome.id}">') in form
        assert 'aria-live="polite" data-role="feedback"' in form


# --- In the browser --------------------------------------------------------------------

def _case(page, exercise):
    return page.locator(f'form[data-exercise="{exercise.id}"]')


def _answer(page, exercise, outcome_id: str) -> None:
    form = _case(page, exercise)
    form.locator(f'input[value="{outcome_id}"]').check()
    form.locator('[data-action="check"]').click()


@pytest.mark.browser
def test_the_learner_answers_right_and_wrong_and_sees_feedback_and_score(page, site_url,
                                                                         catalog):
    from playwright.sync_api import expect

    page.goto(f"{site_url}utbildning/")
    page.wait_for_selector(READY)
    score = page.locator('[data-role="score"]')
    expect(score).to_have_text("inga fall rättade än.")

    picked = [EXERCISES[0], EXERCISES[8], EXERCISES[14], EXERCISES[20], EXERCISES[-1]]
    right_answers = [True, False, True, False, True]
    for number, (exercise, right) in enumerate(zip(picked, right_answers, strict=True), 1):
        table = catalog.table(exercise.table)
        key = decide(exercise.table, exercise.answers)
        choice = key.outcome if right else next(o for o in table.outcomes if o != key.outcome)
        _answer(page, exercise, choice)
        feedback = _case(page, exercise).locator('[data-role="feedback"]')
        expect(feedback).to_have_attribute("data-result", "right" if right else "wrong")
        expect(feedback).to_have_attribute("data-outcome", key.outcome)
        expect(feedback).to_have_attribute("data-rules", " ".join(key.rules))
        expect(feedback).to_contain_text("Rätt!" if right else "Inte rätt.")
        expect(feedback).to_contain_text(f"Rätt svar: {key.title}")
        expect(feedback).to_contain_text(" ".join(key.text.split("\n\n")[0].split()[:6]))
        for rule_id in key.rules:
            rule = catalog.rulebook.rules[rule_id]
            link = feedback.locator(f'a[data-rule="{rule_id}"]')
            expect(link).to_have_text(rule_id)
            assert link.get_attribute("href") == f"../{rule.page}#{rule.anchor}"
        if exercise.why:
            expect(feedback).to_contain_text(exercise.why.split(".")[0])
        expect(_case(page, exercise).locator('[data-role="try"]')).to_be_visible()
        expect(score).to_contain_text(f"{sum(right_answers[:number])} av {number} rätt")
    expect(score).to_have_text(f"3 av 5 rätt – {len(EXERCISES) - 5} fall kvar.")

    # Correcting a case again shows the new feedback but keeps the first try's score.
    second = picked[1]
    key = decide(second.table, second.answers)
    _answer(page, second, key.outcome)
    expect(_case(page, second).locator('[data-role="feedback"]')).to_have_attribute(
        "data-result", "right")
    expect(score).to_contain_text("3 av 5 rätt")

    # Nothing chosen: a message, not a verdict.
    untouched = _case(page, EXERCISES[1])
    untouched.locator('[data-action="check"]').click()
    expect(untouched.locator('[data-role="error"]')).to_have_text("Välj ett svar innan du rättar.")
    expect(untouched.locator('[data-role="feedback"]')).to_be_empty()

    page.click('[data-action="reset"]')
    expect(score).to_have_text("inga fall rättade än.")
    expect(_case(page, picked[0]).locator('[data-role="feedback"]')).to_be_empty()
    assert page.locator("[data-training] input:checked").count() == 0

    # Nothing the learner did left the page.
    assert not [url for url in page.requests if not url.startswith(site_url)]


@pytest.mark.browser
def test_a_page_without_exercises_does_not_start_the_runtime(page, site_url):
    page.goto(f"{site_url}ordlista/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requests if "worker.mjs" in url or "pyodide" in url]
