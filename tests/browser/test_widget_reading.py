"""A widget that reads well with the keyboard and a screen reader (#33).

- Browsing a question's answers with the arrow keys (each step checks the next answer)
  makes the screen reader say one short line, the next question or the answer's title,
  never the whole answer; the address bar and focus stay put until the reader leaves the
  group.
- The headings of every widget page, in every answer state, go down one level at a time
  (the answer under an H2, "Dina svar" a heading).
- A letter's blank that Python refuses is marked invalid, its message tied to it, and
  gets focus.

Only the last needs Python; the others look at what the build-time snapshot draws.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import expect

from decision_logic import catalog, decide_each
from site_config.render.snapshot import widget_snapshot
from tests.conftest import fail_python_start

TABLE_IDS = sorted(catalog().tables)
FORM = "form[data-widget]"
#: every element a screen reader watches for changes: what it says when one changes
LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]'

#: The text of every live region now, by its place among the page's live regions, read
#: only where it is in the page; a region moved in with a letter is new, not changed.
LIVE_TEXTS_JS = f"""() => {{
  const regions = [...document.querySelectorAll('{LIVE}')];
  window.__kbRegions ??= new WeakMap();
  return regions.map((region) => {{
    if (!window.__kbRegions.has(region)) window.__kbRegions.set(region, Math.random());
    return [window.__kbRegions.get(region), region.textContent.replace(/\\s+/g, " ").trim()];
  }});
}}"""

#: Every heading the reader can reach in the page's content, in page order.
HEADINGS_JS = """() => [...document.querySelectorAll(
    '.md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content h5, '
    + '.md-content h6')]
  .filter((h) => h.checkVisibility())
  .map((h) => [Number(h.tagName[1]), h.textContent.trim()])"""


def _without_runtime(page):
    """No Python worker (its script cannot be fetched): the widget notes it once, then
    only the reader changes the page."""
    fail_python_start(page)
    return page


def _said(before: list, after: list) -> list[str]:
    """What changed in the live regions that were there before: what is announced."""
    old = dict(before)
    return [text for key, text in after if key in old and text != old[key] and text]


def _expected_line(table_id: str, answers: dict[str, str]) -> str:
    decisions = decide_each(table_id, answers)
    waiting = [d.next_question for d in decisions if d.next_question]
    table = catalog().table(table_id)
    if waiting:
        return f"Nästa fråga: {table.question(waiting[0]).label}"
    titles = dict.fromkeys(d.title for d in decisions)
    return f"Svar: {'; '.join(titles)}"


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_browsing_the_first_question_with_arrow_keys_says_only_the_title(page, site_url,
                                                                         table_id):
    table = catalog().table(table_id)
    question = table.questions[0]
    assert not question.multiple
    _without_runtime(page).goto(f"{site_url}beslutsstod/{table_id}/")
    # Python has failed for good (its note said once), so only the walk changes the page.
    page.wait_for_selector(f'{FORM}[data-state="error"]')
    start = page.url
    # The first answer has focus, none is checked; each ArrowDown checks the next one (as
    # in the report: one ArrowDown in question 1 said the whole answer), round to the first.
    page.locator(f'[data-question="{question.id}"] input').first.focus()
    values = question.value_ids
    outcome_words = {p for o in table.outcomes.values() for p in o.paragraphs}
    status = page.locator(f'{FORM} [data-role="status"]')
    for step in range(1, len(values) + 1):
        was = status.text_content()
        before = page.evaluate(LIVE_TEXTS_JS)
        page.keyboard.press("ArrowDown")
        value = values[step % len(values)]
        line = _expected_line(table_id, {question.id: value})
        expect(status).to_have_text(line)
        said = _said(before, page.evaluate(LIVE_TEXTS_JS))
        # The line, once; nothing when it is the line already there (two answers that
        # lead to the same next question): the radio itself is said by the reader.
        assert said == ([] if was == line else [line]), \
            f"{value}: sagt {said}, väntat bara {line!r}"
        assert not any(words in text for text in said for words in outcome_words)
        # Focus stays on the answer just checked; the address bar does not move.
        focused = page.evaluate("() => [document.activeElement.name, "
                                "document.activeElement.value, document.activeElement.checked]")
        assert focused == [question.id, value, True]
        assert page.url == start, "the address bar waits while the reader browses"
    # No part of the answer is itself a live region.
    assert page.locator('[data-role="result"]').get_attribute("aria-live") is None
    assert page.locator(f'[data-role="result"] {LIVE.split(",")[0]}').count() == 0
    # Leaving the group settles the answer: now the address holds it.
    page.keyboard.press("Tab")
    expect(page).to_have_url(f"{start}?{question.id}={values[0]}")


#: Puts the widget in one answer state as a reader's clicks would (restart, then each
#: question's answers and its change event, in page order) and returns the outcomes drawn.
SET_STATE_JS = """(state) => {
  const form = document.querySelector("form[data-widget]");
  form.querySelector('[data-action="restart"]').click();
  for (const [question, values] of state) {
    const inputs = [...form.querySelectorAll(`[data-question="${question}"] input`)];
    for (const input of inputs) input.checked = values.includes(input.value);
    inputs.find((i) => i.checked).dispatchEvent(new Event("change", { bubbles: true }));
  }
  return form.querySelector('[data-role="result"]').dataset.outcome ?? "";
}"""


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_headings_go_down_one_level_at_a_time_in_every_answer_state(page, site_url,
                                                                     table_id):
    # No Python at all (none of its files): the snapshot draws every state.
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(f"{site_url}beslutsstod/{table_id}/")
    page.wait_for_selector(f"{FORM}[data-mounted]")
    problems = []
    states = widget_snapshot(catalog().table(table_id))["states"]
    for key, decisions in sorted(states.items()):
        answers: dict[str, list[str]] = {}
        for question, value in parse_qsl(key):
            answers.setdefault(question, []).append(value)
        drawn = page.evaluate(SET_STATE_JS, list(answers.items()))
        is_outcome = not any(d["next_question"] for d in decisions)
        assert drawn == (" ".join(d["outcome"] for d in decisions) if is_outcome else ""), key
        if is_outcome:
            expect(page.locator('[data-role="result"] h2')).to_have_text("Svaret")
            expect(page.locator('[data-role="result"] h3',
                                has_text="Dina svar")).to_be_visible()
        headings = page.evaluate(HEADINGS_JS)
        assert headings and headings[0][0] == 1, f"{key}: {headings[:2]}"
        for (level, text), (previous, before) in zip(headings[1:], headings, strict=False):
            if level > previous + 1:
                problems.append(f"?{key}: H{previous} ”{before}” → H{level} ”{text}”")
    assert not problems, "\n".join(problems)


@pytest.mark.python
def test_a_refused_letter_field_is_marked_invalid_tied_to_its_message_and_focused(
        page, site_url):
    page.goto(f"{site_url}beslutsstod/inkommen-inbjudan/"
              "?verksamhet=halso-och-sjukvard&kontakt=saknas&specialist=ja")
    page.wait_for_selector(f'{FORM}[data-state="ready"]')
    section = page.locator('[data-role="result"] [data-letter="svarsbrev"]')
    section.locator('[name="berord"]').fill("barnet")
    section.locator('[name="vidare-till"]').fill("gäller 20150312-1234")
    write = section.locator('[data-action="write-letter"]')
    write.click()
    # The two refused blanks, in the form's order; the first has focus.
    invalid = section.locator('[aria-invalid="true"]')
    expect(invalid).to_have_count(2)
    assert [invalid.nth(i).get_attribute("name") for i in range(2)] == [
        "var-verksamhet", "vidare-till"]
    expect(section.locator('[name="var-verksamhet"]')).to_be_focused()
    messages = {"var-verksamhet": "Fel: Er verksamhets namn saknas.",
                "vidare-till": "personnummer"}
    for name, words in messages.items():
        field = section.locator(f'[name="{name}"]')
        described = field.get_attribute("aria-describedby")
        assert described, name
        expect(page.locator(f"#{described}")).to_contain_text(words)
    assert "20150312" not in section.inner_text(), "what was typed is never echoed"
    expect(section.locator('[data-role="letter-error"]')).to_be_visible()
    expect(section.locator('[name="berord"]')).not_to_have_attribute("aria-invalid", "true")
    # Put right, the marks go and the letter is written.
    section.locator('[name="var-verksamhet"]').fill("Exempelmottagningen")
    section.locator('[name="vidare-till"]').fill("vårdcentralen")
    write.click()
    expect(section.locator('[data-role="letter-output"]')).to_be_visible()
    expect(section.locator("[aria-invalid]")).to_have_count(0)
    expect(section.locator(".kb-field-error")).to_have_count(0)
    expect(section.locator('[data-role="letter-error"]')).to_be_hidden()
