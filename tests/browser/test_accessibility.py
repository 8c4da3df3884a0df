"""WCAG 2.1 AA in real Chromium: axe-core on every built page and every widget state, in
the light and the dark colour scheme, plus keyboard-only use of every widget.

Each page load and each widget state is measured in both schemes in turn (the emulated
``prefers-color-scheme`` switched, and Material's palette seen to follow), so that one
start of Python serves both: a test per table, and every failure names its scheme.

axe-core comes from npm (``package-lock.json`` pins it) and is injected from
``node_modules``; nothing is fetched from another origin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_logic.engine import decide_each_in
from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.completeness import all_paths
from tests.conftest import ROOT, content_pages, new_context

TABLE_IDS = sorted(load_catalog().tables)
SCHEMES = ["light", "dark"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
READY = 'form[data-widget][data-state="ready"]'
RESULT = '[data-role="result"]'
#: Material's palette: the ``data-md-color-scheme`` each emulated scheme must end up in
MD_SCHEME = {"light": "default", "dark": "slate"}

#: Contrast ratio (WCAG 2.x relative luminance) of two CSS colours, for what axe does not
#: measure: SVG text in the diagram and the widget's focus indicator.
CONTRAST_JS = """
(() => {
  const probe = document.createElement("canvas").getContext("2d");
  const rgba = (css) => {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = "#000";
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    return [...probe.getImageData(0, 0, 1, 1).data];
  };
  const over = (top, bottom) => {
    const a = top[3] / 255;
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a));
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const pageBg = () => {
    const bg = rgba(getComputedStyle(document.body).backgroundColor);
    return bg[3] ? bg : [255, 255, 255, 255];
  };
  // fg over bg over the page background; bg may be transparent.
  window.kbContrast = (fg, bg) => {
    const base = over(rgba(bg ?? "transparent"), pageBg());
    const front = over(rgba(fg), base);
    const [hi, lo] = [lum(front), lum(base)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
})();
"""


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the build, as URL paths relative to the site root."""
    paths = [p.relative_to(site_dir).parent.as_posix() for p in content_pages(site_dir)]
    pages = sorted(f"{p}/" if p != "." else "" for p in paths)
    if (site_dir / "404.html").exists():
        pages.append("404.html")
    return pages


def check_scheme(page, scheme: str) -> None:
    """Material picked the palette of the emulated colour scheme (the test is not moot)."""
    actual = page.get_attribute("body", "data-md-color-scheme")
    assert actual == MD_SCHEME[scheme], f"{page.url}: palett {actual!r} i {scheme} läge"


#: Material's own switch of palette (what its toggle in the header does), to the palette
#: configured for the emulated system scheme, without moving focus. Material follows the
#: system's scheme only when a page loads; a change of it later is not seen.
SWITCH_PALETTE_JS = """(scheme) => document
  .querySelector(`input[data-md-color-media="(prefers-color-scheme: ${scheme})"]`)
  .click()"""


def set_scheme(page, scheme: str) -> None:
    """Emulate ``scheme`` as the reader's system setting, switch Material to the palette
    it has for that setting, and wait until the page shows it, switch finished."""
    page.emulate_media(color_scheme=scheme)
    if page.get_attribute("body", "data-md-color-scheme") != MD_SCHEME[scheme]:
        page.evaluate(SWITCH_PALETTE_JS, scheme)
    page.wait_for_selector(f'body[data-md-color-scheme="{MD_SCHEME[scheme]}"]'
                           ":not([data-md-color-switching])", state="attached")
    check_scheme(page, scheme)


def other_scheme(scheme: str) -> str:
    return SCHEMES[1 - SCHEMES.index(scheme)]


def axe_violations(page, context: str = "document") -> list[str]:
    """Run axe-core with the WCAG 2.1 A and AA rules; one readable line per failing node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async ([context, tags]) => {
             // Measure the settled page, not a header title or button halfway faded in.
             await Promise.allSettled(document.getAnimations().map((a) => a.finished));
             const results = await axe.run(context === "document" ? document : context, {
               runOnly: { type: "tag", values: tags },
               resultTypes: ["violations"],
             });
             return results.violations.map((v) => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map((n) => ({
                 target: n.target.join(" "), summary: n.failureSummary })),
             }));
           }""",
        [context, WCAG_TAGS],
    )
    lines = []
    for v in violations:
        targets = [n["target"] for n in v["nodes"]]
        shown = ", ".join(targets[:6]) + (f" … (+{len(targets) - 6})" if len(targets) > 6 else "")
        summary = v["nodes"][0]["summary"].replace("\n", " ")
        lines.append(f"{v['id']} ({v['impact']}, {len(targets)} st): {v['help']}\n"
                     f"      där: {shown}\n      t.ex.: {summary}")
    return lines


def svg_contrast_failures(page) -> list[str]:
    """Diagram text (inline SVG, which axe skips) against the box or page behind it."""
    page.add_script_tag(content=CONTRAST_JS)
    return page.evaluate(
        """() => {
             const failures = [];
             for (const text of document.querySelectorAll(".kb-diagram text")) {
               let rect = text.previousElementSibling;
               while (rect && rect.tagName !== "rect") rect = rect.previousElementSibling;
               const onBox = !text.classList.contains("kb-d-answer") && rect;
               const bg = onBox ? getComputedStyle(rect).fill : "transparent";
               const ratio = window.kbContrast(getComputedStyle(text).fill, bg);
               if (ratio < 4.5) {
                 failures.push(`${text.textContent}: ${ratio.toFixed(2)}:1`);
               }
             }
             return failures;
           }"""
    )


def report(where: str, problems: list[str]) -> str:
    return f"{where}: {len(problems)} brister\n  " + "\n  ".join(problems)


@pytest.fixture(scope="module")
def pages_of_site(site_dir: Path) -> list[str]:
    pages = built_pages(site_dir)
    assert "" in pages and "beslutsstod/ansvarig/" in pages
    return pages


def test_every_built_page_passes_axe(browser, site_url, pages_of_site):
    """Every page as it first renders, in both schemes (widgets still starting: Python is
    held back, so the run is the same every time) – one context keeps this fast."""
    context = new_context(browser)
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems: list[str] = []
    try:
        for path in pages_of_site:
            page.goto(f"{site_url}{path}")
            for scheme in SCHEMES:
                set_scheme(page, scheme)
                found = axe_violations(page) + svg_contrast_failures(page)
                if found:
                    problems.append(report(f"/{path} ({scheme})", found))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


#: What a widget's answers change: the form (its questions, status line and result, a
#: letter shown in the result). axe runs on the whole page in a widget's first state and
#: on this alone in each later state; the rest of the page is the same in every state.
WIDGET = "form[data-widget]"


def widget_state_problems(page, label: str, context: str = "document") -> list[str]:
    """axe on the widget's state as it is (on ``context``: the page, or ``WIDGET`` once
    the page has been checked in an earlier state), in the light and then the dark
    scheme; each problem names the state (``label``) and the scheme. Ends in the dark
    scheme."""
    problems = []
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found = axe_violations(page, context)
        if found:
            problems.append(report(f"{label} ({scheme})", found))
    return problems


@pytest.mark.python(start=True)  # the start itself is under test
@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_widget_loading_and_error_states_pass_axe(page, site_url, table_id):
    """Loading while Pyodide's wasm is held back; then its request fails: an error at once.
    Both states in both schemes; the error state on the widget alone (``WIDGET``)."""
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}beslutsstod/{table_id}/")
    page.wait_for_selector('form[data-widget][data-state="loading"]:not([hidden])')
    problems = widget_state_problems(page, f"{table_id} startar")
    for route in held:
        route.abort()
    page.unroute("**/pyodide.asm.wasm")
    page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.wait_for_selector('form[data-widget][data-state="error"]')
    assert page.is_visible('[data-role="engine"]')
    problems += widget_state_problems(page, f"{table_id} fel", WIDGET)
    assert not problems, "\n".join(problems)


def longest_path(table_id: str) -> dict[str, str]:
    return max(all_paths(load_catalog().table(table_id)), key=len)


@pytest.mark.python
@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_widget_question_and_outcome_states_pass_axe(page, site_url, table_id):
    """The first question (the whole page), every later question on the longest path,
    then its outcome and its letter (the widget, ``WIDGET``): each state in both
    schemes."""
    page.goto(f"{site_url}beslutsstod/{table_id}/")
    page.wait_for_selector(READY)
    problems = widget_state_problems(page, f"{table_id} första frågan")
    answers = longest_path(table_id)
    for i, (question, value) in enumerate(answers.items()):
        page.check(f'input[name="{question}"][value="{value}"]')
        if i < len(answers) - 1:
            page.wait_for_selector(f'[data-question="{list(answers)[i + 1]}"]:not([hidden])')
            problems += widget_state_problems(page, f"{table_id} fråga {i + 2}", WIDGET)
    page.wait_for_selector(f"{RESULT}[data-outcome]")
    problems += widget_state_problems(page, f"{table_id} utfall", WIDGET)
    if page.is_visible(f'{RESULT} [data-action="write-letter"]'):
        page.click(f'{RESULT} [data-action="write-letter"]')
        page.wait_for_selector('[data-role="letter-output"]:not([hidden]), '
                               '[data-role="letter-error"]:not([hidden])')
        problems += widget_state_problems(page, f"{table_id} svarsbrev", WIDGET)
    assert not problems, "\n".join(problems)


# --- Keyboard only -------------------------------------------------------------------

#: What has focus, and whether it shows (outline or box-shadow, and a ring of at least
#: 3:1 against the page: WCAG 1.4.11 for the focus indicator).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  return {
    html: el.outerHTML.slice(0, 120),
    inWidget: !!el.closest("form[data-widget]"),
    question: el.closest("[data-question]")?.dataset.question ?? null,
    name: el.name ?? null, value: el.value ?? null, type: el.type ?? null,
    checked: !!el.checked, change: el.classList.contains("kb-change"),
    action: el.dataset.action ?? null, label: el.getAttribute("aria-label"),
    visible: outline || shadow,
    ring: outline ? window.kbContrast(style.outlineColor) : null,
  };
}"""


#: The same, once the page has settled (no transition of a colour halfway).
SETTLED_FOCUS_JS = f"""async () => {{
  await Promise.allSettled(document.getAnimations().map((a) => a.finished));
  return ({FOCUS_JS})();
}}"""


def current_scheme(page) -> str:
    actual = page.get_attribute("body", "data-md-color-scheme")
    return next(s for s in SCHEMES if MD_SCHEME[s] == actual)


def check_focus_shows(info: dict, scheme: str) -> None:
    assert info["visible"], f"fokus syns inte ({scheme}): {info['html']}"
    assert info["ring"] is None or info["ring"] >= 3, \
        f"fokusmarkeringen har för låg kontrast ({info['ring']:.2f}:1, {scheme}): {info['html']}"


def focused(page) -> dict:
    """The focused element; fails if focus fell back to the body or, in the widget, does
    not show in either scheme: measured in the scheme the page is in, then in the other
    one (and the page is left in that one, so each focus costs one switch)."""
    info = page.evaluate(FOCUS_JS)
    assert info is not None, "fokus försvann till <body>"
    if info["inWidget"]:
        scheme = current_scheme(page)
        check_focus_shows(info, scheme)
        set_scheme(page, other_scheme(scheme))
        other = page.evaluate(SETTLED_FOCUS_JS)
        assert other is not None and other["html"] == info["html"], \
            f"fokus flyttade när färgschemat byttes: {info['html']} → {other}"
        check_focus_shows(other, other_scheme(scheme))
    return info


def tab_until(page, wanted, key: str = "Tab", limit: int = 120) -> dict:
    """Press ``key`` until the focused element satisfies ``wanted``."""
    for _ in range(limit):
        page.keyboard.press(key)
        info = focused(page)
        if wanted(info):
            return info
    raise AssertionError(f"{key} nådde aldrig målet; fokus är på {info['html']}")


def keyboard_answers(table_id: str) -> dict[str, list[str]]:
    """What to answer: the longest path, and for a question taking several answers its
    first and last value (so one outcome per picked value shows)."""
    table = load_catalog().table(table_id)
    path = longest_path(table_id)
    answers: dict[str, list[str]] = {}
    for question in table.questions:
        if question.multiple:
            answers[question.id] = [question.value_ids[0], question.value_ids[-1]]
        elif question.id in path:
            answers[question.id] = [path[question.id]]
    return answers


def expect_decisions(page, table_id: str, answers: dict[str, list[str]]) -> None:
    """Wait until the widget shows what CPython decides for ``answers``."""
    table = load_catalog().table(table_id)
    decisions = decide_each_in(table, answers)
    waiting = [d.next_question for d in decisions if d.next_question]
    if waiting:
        page.wait_for_selector(f'[data-question="{waiting[0]}"]:not([hidden])')
        page.wait_for_selector(f"{RESULT}:not([data-outcome])", state="attached")
    else:
        outcomes = " ".join(d.outcome or "" for d in decisions)
        page.wait_for_selector(f'{RESULT}[data-outcome="{outcomes}"]')


def pick(page, info: dict, question: str, value: str, table_id: str,
         given: dict[str, list[str]]) -> dict:
    """From an option of ``question`` that has focus, tick ``value`` with the keyboard:
    arrow keys in a radio group (they move and check), Tab and Space among checkboxes."""
    values = page.eval_on_selector_all(f'input[name="{question}"]', "els => els.map(e => e.value)")
    if info["type"] == "checkbox":
        step = 1 if values.index(value) >= values.index(info["value"]) else -1
        key = "Tab" if step > 0 else "Shift+Tab"
        while info["value"] != value:
            page.keyboard.press(key)
            info = focused(page)
            assert info["question"] == question, f"Tab lämnade frågan: {info['html']}"
        page.keyboard.press("Space")
        given[question] = [v for v in values if v in {*given.get(question, []), value}]
    else:
        moves = values.index(value) - values.index(info["value"])
        for _ in range(abs(moves)):
            page.keyboard.press("ArrowDown" if moves > 0 else "ArrowUp")
        if moves == 0:
            page.keyboard.press("Space")
        given[question] = [value]
    expect_decisions(page, table_id, given)
    info = focused(page)
    assert info["question"] == question and info["value"] == value and info["checked"], \
        f"fokus ska stanna på svaret {question}={value}, är på {info['html']}"
    return info


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_widget_can_be_completed_with_the_keyboard_alone(page, site_url, table_id):
    """Keyboard use once per table; the focus indicator of every focused element of the
    widget is measured in both schemes (``focused``). The answers are the build-time
    snapshot's (Python is held back): keyboard use does not wait for Python."""
    page.goto(f"{site_url}beslutsstod/{table_id}/")
    page.wait_for_selector("form[data-widget][data-state]")
    set_scheme(page, "light")
    page.add_script_tag(content=CONTRAST_JS)
    plan = keyboard_answers(table_id)
    given: dict[str, list[str]] = {}
    first = next(iter(plan))

    # From the top of the page, Tab reaches the first question.
    info = tab_until(page, lambda i: i["question"] == first)
    for question, values in plan.items():
        if question != first:
            # The next question appeared after the answer: Tab moves on to it.
            info = tab_until(page, lambda i, q=question: i["question"] == q, limit=10)
        for value in values:
            info = pick(page, info, question, value, table_id, given)

    result = page.locator(RESULT)
    assert result.get_attribute("data-outcome")
    # The answer is no live region: the status line says its title (#33).
    assert result.get_attribute("aria-live") is None
    titles = result.locator(".kb-outcome > h3").all_text_contents()
    status = page.locator('form[data-widget] [data-role="status"]')
    assert status.get_attribute("role") == "status"
    assert status.text_content() == f"Svar: {'; '.join(dict.fromkeys(titles))}"

    # Every "Ändra svar" in the summary takes focus back to its question's answer (the
    # first question last, so the next step starts there).
    table = load_catalog().table(table_id)
    for question in reversed(plan):
        label = f"Ändra svar på frågan: {table.question(question).label}"
        info = tab_until(page, lambda i, name=label: i["change"] and i["label"] == name,
                         limit=60)
        page.keyboard.press("Enter")
        info = focused(page)
        assert info["question"] == question and info["checked"], \
            f"'Ändra svar' ska flytta fokus till frågan {question}, är på {info['html']}"

    # Changing the first answer changes the set of questions; focus stays on the answer.
    # (The widget keeps the later answers: Python ignores those no longer on the path.)
    if not table.question(first).multiple:
        values = table.question(first).value_ids
        other = next(v for v in values if v != given[first][0])
        info = pick(page, info, first, other, table_id, given)

    # "Kopiera länk" says what it did in a status region (WCAG 4.1.3).
    tab_until(page, lambda i: i["action"] == "copy-link", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_selector('[role="status"] > [data-role="copied"]:not([hidden])')
    focused(page)

    # "Börja om" starts again and puts focus on the first question. A focused button
    # changes colour: its text must still pass.
    tab_until(page, lambda i: i["action"] == "restart", limit=80)
    for scheme in SCHEMES:
        set_scheme(page, scheme)
        found = axe_violations(page, '[data-action="restart"]')
        assert not found, report(f"{table_id} fokuserad knapp ({scheme})", found)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{RESULT}:not([data-outcome])", state="attached")
    page.wait_for_function(
        f"document.activeElement?.closest('[data-question]')?.dataset.question === '{first}'")
    focused(page)
