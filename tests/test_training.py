"""The exercises at /utbildning/: every case reaches an outcome, together they cover every
outcome of every table, a broken case file is located, and the page corrects in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from decision_logic import ContentError, decide
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.training import load_exercises
from site_config.render_training import group_exercises

FIXTURES = Path(__file__).parent / "fixtures" / "training"
EXERCISES = load_exercises(load_catalog())
#: the element that starts the exercises; it shows only the start-up status, so it is
#: waited for as attached, not visible
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


def test_the_page_offers_every_outcome_of_the_case_s_table(site_dir, catalog):
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="kb-training" data-training data-state="loading" '
                     r'data-app="[^"]+" data-pyodide="[^"]+" data-worker="[^"]+"', html)
    in_page_order = [e for group in group_exercises(EXERCISES, catalog) for e in group.exercises]
    for number, exercise in enumerate(in_page_order, 1):
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


def test_the_cases_open_with_a_mixed_round_then_follow_their_tables(catalog, site_dir):
    groups = group_exercises(EXERCISES, catalog)
    first, rest = groups[0], groups[1:]
    assert [e.table for e in first.exercises] == list(dict.fromkeys(e.table for e in EXERCISES))
    for group in rest:
        assert len({e.table for e in group.exercises}) == 1
        assert group.title == catalog.table(group.exercises[0].table).title
    placed = [e.id for g in groups for e in g.exercises]
    assert sorted(placed) == sorted(e.id for e in EXERCISES), "each case exactly once"
    # Each group is a heading of the page, so it is in the table of contents.
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    for group in groups:
        assert f'<h2 id="{group.anchor}">{group.title}' in html
        assert f'href="#{group.anchor}" class="md-nav__link"' in html


def test_every_wrong_choice_has_the_table_s_rows_for_it(site_dir, catalog):
    html = (site_dir / "utbildning" / "index.html").read_text(encoding="utf-8")
    for table in (catalog.table(t) for t in dict.fromkeys(e.table for e in EXERCISES)):
        for outcome in table.outcomes.values():
            start = html.index(f'<template data-leads-to="{table.id}/{outcome.id}">')
            block = html[start:html.index("</template>", start)]
            assert f"gäller ”{outcome.title}” när" in block
            rows = [r for r in table.rules if r.outcome == outcome.id]
            assert block.count("<li>") == len(rows)
            for rule in rows:
                for question_id, values in dict(rule.when).items():
                    question = table.question(question_id)
                    assert question.label in block
                    for value in values:
                        assert f"”{question.value(value).label}”" in block


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
    page.wait_for_selector(READY, state="attached")
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

    # "Börja om" asks first; "Nej" keeps everything.
    page.click('[data-action="reset"]')
    confirm = page.locator('[data-role="confirm-reset"]')
    expect(confirm).to_be_visible()
    expect(page.locator('[data-action="reset-no"]')).to_be_focused()
    page.click('[data-action="reset-no"]')
    expect(confirm).to_be_hidden()
    expect(score).to_contain_text("3 av 5 rätt")
    page.click('[data-action="reset"]')
    page.click('[data-action="reset-yes"]')
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


@pytest.mark.browser
def test_a_wrong_answer_is_explained_and_nothing_covers_the_feedback(browser, site_url,
                                                                     catalog):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{site_url}utbildning/")
        page.wait_for_selector(READY, state="attached")
        # A case whose wrong choice differs from the key in one answer only.
        exercise = next(e for e in EXERCISES if e.id == "akutbesok-tvaaring")
        table = catalog.table(exercise.table)
        key = decide(exercise.table, exercise.answers)
        wrong = "barnhalsovarden-eller-forskolan"
        assert key.outcome != wrong
        _answer(page, exercise, wrong)
        feedback = _case(page, exercise).locator('[data-role="feedback"]')
        expect(feedback).to_have_attribute("data-result", "wrong")
        chosen = table.outcomes[wrong].title
        expect(feedback).to_contain_text(f"Därför blir det inte ”{chosen}”")
        expect(feedback).to_contain_text(f"gäller ”{chosen}” när svaren är")
        expect(feedback).to_contain_text("I en annan verksamhet")  # the row leading there
        expect(feedback).to_contain_text("I fallet är svaren:")
        expect(feedback).to_contain_text("Inom hälso- och sjukvården")  # the case's answer
        expect(feedback).to_contain_text(f"De svaren leder till ”{key.title}”.")
        expect(feedback).to_contain_text("Ditt resultat hittills: 0 av 1 rätt")
        # Every part of the feedback, scrolled to the bottom of the screen, is itself
        # what is seen there: nothing (such as a sticky bar) lies over it.
        for index in range(feedback.locator(":scope > *").count()):
            child = feedback.locator(":scope > *").nth(index)
            child.evaluate("(el) => el.scrollIntoView({ block: 'end' })")
            covered = child.evaluate("""(el) => {
                const r = el.getBoundingClientRect();
                const top = document.elementFromPoint(r.left + 8, r.bottom - 4);
                return el.contains(top) ? null : (top ? top.outerHTML.slice(0, 80) : "none");
            }""")
            assert covered is None, f"part {index} of the feedback is covered by {covered}"
    finally:
        context.close()

