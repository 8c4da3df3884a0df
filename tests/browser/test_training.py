"""A learner in Chromium answers the exercises right and wrong and sees feedback and score."""

from __future__ import annotations

from decision_logic import decide
from tests.conftest import new_context
from tests.unit.test_training import EXERCISES

#: the element that starts the exercises, once it has set its state (Python is held back
#: in these tests: the exercises are corrected from the build-time answers); it shows
#: only the start-up status, so it is waited for as attached, not visible
STARTED = "[data-training][data-state]"


def _case(page, exercise):
    return page.locator(f'form[data-exercise="{exercise.id}"]')


def _answer(page, exercise, outcome_id: str) -> None:
    form = _case(page, exercise)
    form.locator(f'input[value="{outcome_id}"]').check()
    form.locator('[data-action="check"]').click()


def test_the_learner_answers_right_and_wrong_and_sees_feedback_and_score(page, site_url,
                                                                         catalog):
    from playwright.sync_api import expect

    page.goto(f"{site_url}utbildning/")
    page.wait_for_selector(STARTED, state="attached")
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


def test_a_page_without_exercises_does_not_start_the_runtime(page, site_url):
    page.goto(f"{site_url}ordlista/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requests if "worker.mjs" in url or "pyodide" in url]
    assert page.evaluate("globalThis.__kbPythonHeld") == 0  # not asked for, not even held


def test_a_wrong_answer_is_explained_and_nothing_covers_the_feedback(browser, site_url,
                                                                     catalog):
    from playwright.sync_api import expect

    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}utbildning/")
        page.wait_for_selector(STARTED, state="attached")
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

