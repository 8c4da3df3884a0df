// Draws the decision widgets. Every decision (which question is next, which outcome, the
// text of the response letter) comes from decision_logic: first from the decisions
// Python made at build time for every state the widget can reach (the page's snapshot),
// then from decision_logic itself running in a Pyodide worker, which recomputes the
// current state and wins if the two ever disagree. This file holds no rule.

import {
  afterPaint, control, copyText, fill, having, onEveryPage, part, showError,
} from "./page.js";
import { startRuntime } from "./runtime.js";
import { ACTION, MARK, PROTOCOL, ROLE, STATE, TEXT } from "./ui.js";

const T = TEXT.widget;
// The attributes the build writes (site_config/protocol.yaml, through ./ui.js).
const ATTR = PROTOCOL.attributes;
const CALL = PROTOCOL.calls;
const QUESTIONS = having(ATTR.question);

const questionOf = (form, id) => form.querySelector(having(ATTR.question, CSS.escape(id)));
const isMultiple = (fieldset) => fieldset.hasAttribute(ATTR.multiple);
const optionsOf = (fieldset) => [...fieldset.querySelectorAll("input")];

// The link's answers to the page's questions. A value given twice counts once, as Python
// counts it; whether each value is one of the question's is checked in lookUp().
function answersFromUrl(form) {
  const params = new URLSearchParams(location.search);
  const answers = {};
  for (const fieldset of form.querySelectorAll(QUESTIONS)) {
    const id = fieldset.dataset.question;
    const values = [...new Set(params.getAll(id))];
    if (!values.length) continue;
    answers[id] = isMultiple(fieldset) || values.length > 1 ? values : values[0];
  }
  return answers;
}

// What the reader had already picked when the script arrived (or the browser restored).
function answersFromForm(form) {
  const answers = {};
  for (const fieldset of form.querySelectorAll(`${QUESTIONS}:not([hidden])`)) {
    const checked = optionsOf(fieldset).filter((i) => i.checked).map((i) => i.value);
    if (checked.length) answers[fieldset.dataset.question] = isMultiple(fieldset) ? checked : checked[0];
  }
  return answers;
}

const valuesOf = (answer) => (answer === undefined ? [] : [].concat(answer));

const listedValues = (fieldset) => optionsOf(fieldset).map((i) => i.value);
const encode = (id, value) => `${encodeURIComponent(id)}=${encodeURIComponent(value)}`;

// The snapshot's key for a set of answers: questions in page order, each question's
// values in the order the page lists them (the order Python used at build time), each
// id and value escaped as site_config/render/snapshot.py escapes them, so no value can carry
// "&" or "=" into the key. A value the page does not list gives no key (null).
function keyOf(form, state) {
  const parts = [];
  for (const fieldset of form.querySelectorAll(QUESTIONS)) {
    const id = fieldset.dataset.question;
    if (!Object.hasOwn(state, id)) continue;
    const listed = listedValues(fieldset);
    const given = new Set(valuesOf(state[id]));
    if ([...given].some((v) => !listed.includes(v))) return null;
    parts.push(...listed.filter((v) => given.has(v)).map((v) => encode(id, v)));
  }
  return parts.join("&");
}

// The states the snapshot knows, looked up without reaching Object.prototype.
const stateIn = (snapshot, key) => (key !== null && Object.hasOwn(snapshot.states, key)
  ? snapshot.states[key] : undefined);

// Follows the snapshot from "no answers", adding the reader's answer to each question the
// snapshot asks next. Returns the decisions reached, the answers used, and the question
// whose answer the snapshot does not know (a bad link), if any.
function lookUp(form, snapshot, answers) {
  let state = {};
  for (;;) {
    const decisions = stateIn(snapshot, keyOf(form, state));
    const next = decisions?.find((d) => d.next_question)?.next_question;
    const given = next && Object.hasOwn(answers, next) ? valuesOf(answers[next]) : [];
    if (!decisions || !given.length) return { decisions, state };
    const fieldset = questionOf(form, next);
    // Each value is checked against the question's own before any lookup.
    const listed = fieldset ? listedValues(fieldset) : [];
    if (!given.every((v) => typeof v === "string" && listed.includes(v))) {
      return { decisions, state, invalid: next };
    }
    const candidate = { ...state, [next]: isMultiple(fieldset) ? given : given.length > 1 ? given : given[0] };
    if (stateIn(snapshot, keyOf(form, candidate)) === undefined) return { decisions, state, invalid: next };
    state = candidate;
  }
}

function linkFor(answers) {
  const query = new URLSearchParams();
  for (const [id, value] of Object.entries(answers)) {
    for (const one of valuesOf(value)) query.append(id, one);
  }
  const text = query.toString();
  return `${location.origin}${location.pathname}${text ? `?${text}` : ""}`;
}

function optionLabel(form, question, value) {
  const fieldset = questionOf(form, question);
  const input = fieldset && optionsOf(fieldset).find((i) => i.value === value);
  return input ? input.parentElement.textContent.trim() : "";
}

function outcomeBlock(form, decision, multipleIds) {
  const template = form.querySelector(having(ATTR.outcome_template, CSS.escape(decision.outcome)));
  const block = template.content.cloneNode(true);
  const picked = multipleIds.filter((id) => id in decision.answers);
  if (!picked.length) return block;
  // One decision per picked value: say which value each outcome is for.
  const wrapper = document.createElement("section");
  wrapper.className = "kb-each";
  wrapper.dataset.outcomeFor = picked.map((id) => decision.answers[id]).join(" ");
  wrapper.dataset.outcome = decision.outcome;
  const heading = document.createElement("p");
  heading.className = "kb-each__for";
  heading.textContent = picked.map((id) => optionLabel(form, id, decision.answers[id])).join(", ");
  wrapper.append(heading, block);
  return wrapper;
}

// The answers behind the outcome, each with a way back to its question. Changing an
// answer keeps the later ones: Python ignores those no longer on the path.
function summary(form, asked, answers) {
  const list = document.createElement("dl");
  list.className = "kb-summary";
  for (const id of asked) {
    const fieldset = questionOf(form, id);
    const term = document.createElement("dt");
    term.textContent = fieldset.querySelector("legend").textContent;
    const detail = document.createElement("dd");
    detail.textContent = valuesOf(answers[id]).map((v) => optionLabel(form, id, v)).join(", ") + " ";
    const change = document.createElement("button");
    change.type = "button";
    change.className = "kb-change";
    change.textContent = T.change_answer;
    change.setAttribute("aria-label", fill(T.change_answer_label, { question: term.textContent }));
    change.addEventListener("click", () => {
      const input = fieldset.querySelector("input:checked") ?? fieldset.querySelector("input");
      fieldset.scrollIntoView({ block: "center" });
      input.focus();
    });
    detail.append(change);
    list.append(term, detail);
  }
  const heading = document.createElement("h3");
  heading.className = "kb-summary__heading";
  heading.textContent = T.your_answers;
  const wrapper = document.createElement("div");
  wrapper.append(heading, list);
  return wrapper;
}

// The answers each decision used, merged: what "Kopiera länk" puts in the link.
function usedAnswers(decisions) {
  const used = {};
  for (const decision of decisions) {
    for (const [id, value] of Object.entries(decision.answers)) {
      used[id] = [...new Set([...valuesOf(used[id]), ...valuesOf(value)])];
    }
  }
  return used;
}

// What two lists of decisions say, in a form that compares equal when they agree.
function meaning(form, decisions) {
  return JSON.stringify(
    decisions.map((d) => [d.outcome, d.next_question, d.asked, keyOf(form, d.answers)]),
  );
}

function draw(form, decisions, answers, letters) {
  const asked = new Set(decisions.flatMap((d) => d.asked));
  const multipleIds = [];
  for (const fieldset of form.querySelectorAll(QUESTIONS)) {
    const id = fieldset.dataset.question;
    if (isMultiple(fieldset)) multipleIds.push(id);
    fieldset.hidden = !asked.has(id);
    for (const input of optionsOf(fieldset)) {
      input.checked = asked.has(id) && valuesOf(answers[id]).includes(input.value);
    }
  }
  const result = part(form, ROLE.result);
  const status = part(form, ROLE.status);
  for (const letter of letters) letter.putBack();
  const next = decisions.find((d) => d.next_question);
  if (next) {
    result.replaceChildren();
    result.removeAttribute(ATTR.outcome);
    const legend = questionOf(form, next.next_question).querySelector("legend");
    status.textContent = fill(T.next_question, { question: legend.textContent });
    return;
  }
  // The answer under its own H2 (the page's H1, then this, then the outcomes' H3s), so a
  // screen reader's heading list leads to it and the order has no gap.
  const heading = Object.assign(document.createElement("h2"), { textContent: T.answer_heading });
  result.replaceChildren(heading, ...decisions.map((d) => outcomeBlock(form, d, multipleIds)),
                         summary(form, asked, answers));
  result.dataset.outcome = decisions.map((d) => d.outcome).join(" ");
  // Only the title is said (the status region); the rest is read on demand under the
  // heading. A reader browsing the answers with the arrow keys hears one short line per
  // step instead of the whole answer.
  const titles = [...new Set([...result.querySelectorAll(".kb-outcome > h3")].map((h) => h.textContent))];
  status.textContent = fill(T.answer_title, { title: titles.join("; ") });
  for (const letter of letters) if (letter.serves(decisions)) letter.showIn(result);
}

// Brings the outcome's heading into view when it is below the screen, without moving
// focus: a screen reader stays where it is and hears the outcome through the live region.
function bringIntoView(form) {
  const result = part(form, ROLE.result);
  if (!result.dataset.outcome) return;
  const top = result.getBoundingClientRect().top;
  if (top > innerHeight * 0.75 || top < 0) result.scrollIntoView({ block: "start" });
}

// The letters' fields live on the page; each section is shown inside the outcomes it
// serves (data-letter-for). Python writes the letter, so its button waits until Python is
// ready and says so; the typed text goes nowhere else. `answersNow` gives the widget's
// answers, which the invitation names (its recipients).
function setUpLetters(form, engine, answersNow) {
  return [...document.querySelectorAll(having(ATTR.letter_for))].map((section) =>
    setUpLetter(section, engine, answersNow),
  );
}

// Prints `element` (a written letter, or the letter to fill in by hand) alone on the
// paper (print.css), not another letter written earlier.
function printAlone(element) {
  element.dataset.printing = "";
  document.body.classList.add("kb-print-letter");
  window.print();
  document.body.classList.remove("kb-print-letter");
  delete element.dataset.printing;
}

// The blanks Python refused (`problems`: [{field, message}] in the form's order): each
// marked invalid, its own message tied to it, and focus on the first, so a screen reader
// hears the field, that it is wrong and why. Earlier marks go first.
function markFields(section, problems) {
  for (const input of section.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
  for (const note of section.querySelectorAll(".kb-field-error")) note.remove();
  const marked = [];
  for (const { field, message } of problems ?? []) {
    const input = [...section.querySelectorAll("input[name], textarea[name]")].find((i) => i.name === field);
    if (!input) continue;
    const note = Object.assign(document.createElement("span"), {
      className: "kb-field-error", id: `${input.id}-fel`, textContent: fill(TEXT.letter.field_error, { message }),
    });
    input.before(note);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", note.id);
    marked.push(input);
  }
  marked[0]?.focus();
  return marked.length > 0;
}

function setUpLetter(section, engine, answersNow) {
  const home = document.createComment(MARK.letter_home);
  section.before(home);
  const output = part(section, ROLE.letter_output);
  const write = control(section, ACTION.write_letter);
  const progress = part(section, ROLE.letter_progress);
  const text = part(section, ROLE.letter_text);
  const notes = part(section, ROLE.letter_notes);
  write.addEventListener("click", async () => {
    const fields = {};
    for (const input of section.querySelectorAll("input[name], textarea[name]")) fields[input.name] = input.value;
    const request = { fields, answers: answersNow() };
    if (section.dataset.letter) request.letter = section.dataset.letter;
    const response = await engine().call(CALL.letter, request);
    showError(part(section, ROLE.letter_error), response.ok ? "" : response.error);
    output.hidden = !response.ok;
    text.textContent = response.ok ? response.text : "";
    const lines = response.ok ? response.notes ?? [] : [];
    notes.replaceChildren(...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    notes.hidden = !lines.length;
    markFields(section, response.ok ? [] : response.fields);
    if (response.ok) text.focus();
  });
  control(section, ACTION.copy_letter).addEventListener("click", () => {
    copyText(text.textContent, part(output, ROLE.letter_copied), TEXT.letter.copied);
  });
  control(section, ACTION.print_letter).addEventListener("click", () => printAlone(output));
  // The letter to fill in by hand works from the start, without Python.
  const template = section.querySelector(having(ATTR.letter_template));
  if (template) {
    control(template, ACTION.copy_template).addEventListener("click", () => {
      copyText(part(template, ROLE.letter_template_text).textContent,
               part(template, ROLE.letter_copied), TEXT.letter.template_copied);
    });
    control(template, ACTION.print_template).addEventListener("click", () => printAlone(template));
  }
  text.tabIndex = -1;
  section.hidden = false;
  const serves = new Set(section.dataset.letterFor.split(/\s+/));
  return {
    serves: (decisions) => decisions.some((d) => serves.has(d.outcome)),
    showIn(result) {
      result.append(section);
    },
    putBack() {
      home.after(section);
    },
    // While Python starts the button says so, with how far it has come; it works once
    // Python is ready.
    waiting(stage) {
      write.disabled = true;
      progress.textContent = fill(TEXT.letter.preparing_stage, { stage });
    },
    ready() {
      write.disabled = false;
      progress.textContent = TEXT.letter.ready;
    },
    unavailable() {
      write.disabled = true;
      progress.textContent = TEXT.letter.unavailable;
    },
  };
}

// The address bar follows the answers: it holds the link "Kopiera länk" copies. Replaced,
// not pushed, so Back leaves the page as before instead of stepping through answers.
function followInAddressBar(decisions) {
  const link = linkFor(usedAnswers(decisions ?? []));
  if (link !== location.href) history.replaceState(history.state, "", link);
}

// Ticking one more box of a question with several answers keeps the reader where they
// are (the next box is under their finger); any other answer brings the outcome into view.
function keepsPlace(input) {
  return input.type === "checkbox";
}

// Sets up one widget. It never throws: whatever a link holds, the reader gets a Swedish
// message and a form that works (see mountWidget).
function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  try {
    mountWidget(form);
  } catch (problem) {
    console.error(problem);
    form.hidden = false;
    showError(part(form, ROLE.error), T.link_unreadable);
  }
}

function mountWidget(form) {
  form.hidden = false;
  const table = form.dataset.widget;
  const snapshot = JSON.parse(part(form, ROLE.snapshot).dataset.snapshot);
  const fromUrl = answersFromUrl(form);
  let answers = Object.keys(fromUrl).length ? fromUrl : answersFromForm(form);
  let current = null;
  let rt = null;
  let latest = 0;
  let answered = false; // the reader has answered here: the address bar follows from now
  // The reader is browsing a group of answers with the arrow keys, each step checking the
  // next answer: the address bar and the scroll position wait until they leave the group
  // (Tab, a click elsewhere), so browsing changes nothing but what is drawn and the short
  // line the screen reader hears.
  let arrowKey = false;
  let browsing = false;
  const letters = setUpLetters(form, () => rt, () => usedAnswers(current ?? []));
  const engineNote = part(form, ROLE.engine);
  const error = part(form, ROLE.error);
  const retry = part(form, ROLE.retry);

  // Python's answer for the current state. Each request is numbered; a reply that
  // arrives after a newer request was made is dropped, so an old state is never drawn.
  async function askPython() {
    const mine = ++latest;
    const asked = answers;
    const engine = rt;
    const response = await engine.call(CALL.answer, { table, answers: asked });
    // The engine itself failed (no reply in time, a dead worker): not a disagreement.
    // The snapshot's answer stays; the reader can start Python again.
    if (response.failed) {
      if (engine !== rt) return;
      // A worker kept from an earlier page that has died since: start a new one for
      // this page without bothering the reader.
      if (response.replace) startEngine();
      else engineStopped(response.error);
      return;
    }
    if (mine !== latest) return;
    const disagree = () =>
      console.error(fill(T.disagreement, { table, state: keyOf(form, asked) || T.no_answers }));
    if (!response.ok) {
      // Python refuses the answers: say why and start from the top, as Python decides.
      if (current) disagree();
      showError(error, response.error);
      answers = {};
      current = null;
      if (Object.keys(asked).length) await askPython();
      return;
    }
    if (current && meaning(form, current) === meaning(form, response.decisions)) return;
    if (current) disagree();
    current = response.decisions;
    draw(form, current, answers, letters);
    if (answered && !browsing) followInAddressBar(current);
  }

  function engineStopped(reason) {
    if (form.dataset.state === STATE.error) return;
    form.dataset.state = STATE.error;
    letters.forEach((letter) => letter.unavailable());
    showError(engineNote, fill(T.engine_stopped, { reason }));
    retry.hidden = false;
  }

  // Draws the current answers from the snapshot at once, then lets Python confirm. An
  // answer set the page cannot draw (it should not exist: lookUp checks every value)
  // starts the form from the top with a message instead of leaving it half drawn.
  function show() {
    try {
      showFromSnapshot();
    } catch (problem) {
      console.error(problem);
      answers = {};
      showError(error, T.link_unreadable);
      showFromSnapshot();
    }
  }

  function showFromSnapshot() {
    const found = lookUp(form, snapshot, answers);
    if (found.invalid) {
      // Only a hand-edited link can carry an unknown answer: say so with Python's words
      // and keep the answers before it.
      showError(error, snapshot.invalid[found.invalid] ?? "");
      answers = found.state;
    }
    current = found.decisions ?? null;
    if (current) draw(form, current, answers, letters);
    if (answered && !browsing) followInAddressBar(current);
    latest++; // a reply still on its way is for an older state
    // Once Python runs it confirms every state; before, it is asked only about a state
    // the snapshot lacks (it answers when ready).
    if (rt && (form.dataset.state === STATE.ready || !current)) askPython();
  }

  function startEngine() {
    rt = startRuntime(form);
    form.dataset.state = STATE.loading;
    showError(engineNote, "");
    retry.hidden = true;
    rt.onStage((stage) => letters.forEach((letter) => letter.waiting(stage)));
    rt.ready.then(
      () => {
        form.dataset.state = STATE.ready;
        letters.forEach((letter) => letter.ready());
        askPython();
      },
      (failure) => {
        form.dataset.state = STATE.error;
        letters.forEach((letter) => letter.unavailable());
        showError(engineNote, fill(T.engine_failed, { reason: failure.message }));
        retry.hidden = false;
      },
    );
  }

  form.addEventListener("keydown", (event) => {
    arrowKey = event.target.type === "radio" && event.key.startsWith("Arrow");
  });
  form.addEventListener("change", (event) => {
    const input = event.target;
    const fieldset = input.closest(QUESTIONS);
    if (!fieldset) return;
    const checked = optionsOf(fieldset).filter((i) => i.checked).map((i) => i.value);
    answers = { ...answers, [input.name]: input.type === "checkbox" ? checked : input.value };
    showError(error, "");
    answered = true;
    browsing = arrowKey;
    arrowKey = false;
    show();
    if (!keepsPlace(input) && !browsing) bringIntoView(form);
  });
  form.addEventListener("focusout", (event) => {
    if (!browsing || event.target.closest(QUESTIONS)?.contains(event.relatedTarget)) return;
    browsing = false;
    if (answered) followInAddressBar(current);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  control(form, ACTION.copy_link).addEventListener("click", () => {
    const link = linkFor(usedAnswers(current ?? []));
    copyText(link, part(form, ROLE.copied), fill(T.link_copied, { link }));
  });
  control(form, ACTION.restart).addEventListener("click", () => {
    answers = {};
    answered = true;
    showError(error, "");
    show();
    form.querySelector(`${QUESTIONS}:not([hidden]) input`)?.focus();
  });
  retry.addEventListener("click", startEngine);
  for (const button of form.querySelectorAll(".kb-actions button")) button.disabled = false;

  show();
  if (Object.keys(fromUrl).length) {
    // Where the answer is depends on the page's stylesheets, which an async script may
    // run before: measure once the document is parsed (they have loaded by then).
    if (document.readyState === "loading") {
      addEventListener("DOMContentLoaded", () => bringIntoView(form), { once: true });
    } else {
      bringIntoView(form);
    }
  }
  // Python starts once the answer has been painted: starting its worker (the module
  // worker made, the form marked as loading, each letter told to wait) held the deep
  // link's first frame back by about 20 ms on this 2-core machine (scripts/bench_shell.py,
  // #36), and Python's start of a few seconds does not notice one frame.
  afterPaint(startEngine);
}

function mountAll() {
  for (const form of document.querySelectorAll(`form${having(ATTR.widget)}`)) mount(form);
}

// A widget page also loads this file as an async module right after the form, so the
// answer is drawn as soon as possible; mount() runs once per form.
onEveryPage(mountAll);
