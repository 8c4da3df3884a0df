// Draws the decision widgets. Every decision (which question is next, which outcome, the
// text of the response letter) comes from decision_logic: first from the decisions
// Python made at build time for every state the widget can reach (the page's snapshot),
// then from decision_logic itself running in a Pyodide worker, which recomputes the
// current state and wins if the two ever disagree. This file holds no rule.

import { control, copyText, fill, onEveryPage, part, showError } from "./page.js";
import { STAGES, startRuntime } from "./runtime.js";
import { ACTION, MARK, ROLE, STATE, TEXT } from "./ui.js";

const T = TEXT.widget;

const questionOf = (form, id) => form.querySelector(`[data-question="${CSS.escape(id)}"]`);
const isMultiple = (fieldset) => "multiple" in fieldset.dataset;
const optionsOf = (fieldset) => [...fieldset.querySelectorAll("input")];

function answersFromUrl(form) {
  const params = new URLSearchParams(location.search);
  const answers = {};
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    const values = params.getAll(id);
    if (!values.length) continue;
    answers[id] = isMultiple(fieldset) || values.length > 1 ? values : values[0];
  }
  return answers;
}

// What the reader had already picked when the script arrived (or the browser restored).
function answersFromForm(form) {
  const answers = {};
  for (const fieldset of form.querySelectorAll("[data-question]:not([hidden])")) {
    const checked = optionsOf(fieldset).filter((i) => i.checked).map((i) => i.value);
    if (checked.length) answers[fieldset.dataset.question] = isMultiple(fieldset) ? checked : checked[0];
  }
  return answers;
}

const valuesOf = (answer) => (answer === undefined ? [] : [].concat(answer));

// The snapshot's key for a set of answers: questions in page order, each question's
// values in the order the page lists them (the order Python used at build time).
// A value the page does not list stays in the key, so the key is not found.
function keyOf(form, state) {
  const parts = [];
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    if (!(id in state)) continue;
    const listed = optionsOf(fieldset).map((i) => i.value);
    const rank = (v) => (listed.includes(v) ? listed.indexOf(v) : listed.length);
    const values = [...valuesOf(state[id])].sort((a, b) => rank(a) - rank(b));
    parts.push(...values.map((v) => `${id}=${v}`));
  }
  return parts.join("&");
}

// Follows the snapshot from "no answers", adding the reader's answer to each question the
// snapshot asks next. Returns the decisions reached, the answers used, and the question
// whose answer the snapshot does not know (a bad link), if any.
function lookUp(form, snapshot, answers) {
  let state = {};
  for (;;) {
    const decisions = snapshot.states[keyOf(form, state)];
    const next = decisions?.find((d) => d.next_question)?.next_question;
    const given = next ? valuesOf(answers[next]) : [];
    if (!decisions || !given.length) return { decisions, state };
    const fieldset = questionOf(form, next);
    const candidate = { ...state, [next]: isMultiple(fieldset) ? given : given.length > 1 ? given : given[0] };
    if (!(keyOf(form, candidate) in snapshot.states)) return { decisions, state, invalid: next };
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
  const input = optionsOf(questionOf(form, question)).find((i) => i.value === value);
  return input.parentElement.textContent.trim();
}

function outcomeBlock(form, decision, multipleIds) {
  const template = form.querySelector(`[data-outcome-template="${CSS.escape(decision.outcome)}"]`);
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
  const heading = document.createElement("p");
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

function draw(form, decisions, answers, letter) {
  const asked = new Set(decisions.flatMap((d) => d.asked));
  const multipleIds = [];
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    if (isMultiple(fieldset)) multipleIds.push(id);
    fieldset.hidden = !asked.has(id);
    for (const input of optionsOf(fieldset)) {
      input.checked = asked.has(id) && valuesOf(answers[id]).includes(input.value);
    }
  }
  const result = part(form, ROLE.result);
  const status = part(form, ROLE.status);
  letter?.putBack();
  const next = decisions.find((d) => d.next_question);
  if (next) {
    result.replaceChildren();
    result.removeAttribute("data-outcome");
    const legend = questionOf(form, next.next_question).querySelector("legend");
    status.textContent = fill(T.next_question, { question: legend.textContent });
    return;
  }
  result.replaceChildren(...decisions.map((d) => outcomeBlock(form, d, multipleIds)), summary(form, asked, answers));
  result.dataset.outcome = decisions.map((d) => d.outcome).join(" ");
  status.textContent = "";
  if (letter && decisions.some((d) => d.outcome === letter.outcome)) letter.showIn(result);
}

// Brings the outcome's heading into view when it is below the screen, without moving
// focus: a screen reader stays where it is and hears the outcome through the live region.
function bringIntoView(form) {
  const result = part(form, ROLE.result);
  if (!result.dataset.outcome) return;
  const top = result.getBoundingClientRect().top;
  if (top > innerHeight * 0.75 || top < 0) result.scrollIntoView({ block: "start" });
}

// The response letter's fields live on the page; they are shown inside the outcome they
// belong to. Python writes the letter, so its button waits until Python is ready; the
// typed text goes nowhere else.
function setUpLetter(form, engine) {
  const section = document.querySelector("[data-letter-for]");
  if (!section) return null;
  const home = document.createComment(MARK.letter_home);
  section.before(home);
  const output = part(section, ROLE.letter_output);
  const write = control(section, ACTION.write_letter);
  const progress = part(section, ROLE.letter_progress);
  const text = part(section, ROLE.letter_text);
  write.addEventListener("click", async () => {
    const fields = {};
    for (const input of section.querySelectorAll("input[type=text]")) fields[input.name] = input.value;
    const response = await engine().call("letter", { fields });
    showError(part(section, ROLE.letter_error), response.ok ? "" : response.error);
    output.hidden = !response.ok;
    text.textContent = response.ok ? response.text : "";
    if (response.ok) text.focus();
  });
  control(section, ACTION.copy_letter).addEventListener("click", () => {
    copyText(text.textContent, part(section, ROLE.letter_copied), TEXT.letter.copied);
  });
  control(section, ACTION.print_letter).addEventListener("click", () => {
    document.body.classList.add("kb-print-letter");
    window.print();
    document.body.classList.remove("kb-print-letter");
  });
  text.tabIndex = -1;
  section.hidden = false;
  return {
    outcome: section.dataset.letterFor,
    showIn(result) {
      result.append(section);
    },
    putBack() {
      home.after(section);
    },
    // While Python starts the button says so; it works once Python is ready.
    waiting(stage) {
      write.disabled = true;
      progress.textContent = fill(TEXT.letter.preparing_stage, { stage: STAGES[stage] ?? stage });
    },
    ready() {
      write.disabled = false;
      progress.textContent = "";
    },
    unavailable() {
      write.disabled = true;
      progress.textContent = TEXT.letter.unavailable;
    },
  };
}

function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  form.hidden = false;
  const table = form.dataset.widget;
  const snapshot = JSON.parse(part(form, ROLE.snapshot).dataset.snapshot);
  const fromUrl = answersFromUrl(form);
  let answers = Object.keys(fromUrl).length ? fromUrl : answersFromForm(form);
  let current = null;
  let rt = null;
  let latest = 0;
  const letter = setUpLetter(form, () => rt);
  const engineNote = part(form, ROLE.engine);
  const error = part(form, ROLE.error);
  const retry = part(form, ROLE.retry);

  // Python's answer for the current state. Each request is numbered; a reply that
  // arrives after a newer request was made is dropped, so an old state is never drawn.
  async function askPython() {
    const mine = ++latest;
    const asked = answers;
    const response = await rt.call("answer", { table, answers: asked });
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
    draw(form, current, answers, letter);
  }

  // Draws the current answers from the snapshot at once, then lets Python confirm.
  function show() {
    const found = lookUp(form, snapshot, answers);
    if (found.invalid) {
      // Only a hand-edited link can carry an unknown answer: say so with Python's words
      // and keep the answers before it.
      showError(error, snapshot.invalid[found.invalid] ?? "");
      answers = found.state;
    }
    current = found.decisions ?? null;
    if (current) draw(form, current, answers, letter);
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
    rt.onStage((stage) => letter?.waiting(stage));
    rt.ready.then(
      () => {
        form.dataset.state = STATE.ready;
        letter?.ready();
        askPython();
      },
      (failure) => {
        form.dataset.state = STATE.error;
        letter?.unavailable();
        showError(engineNote, fill(T.engine_failed, { reason: failure.message }));
        retry.hidden = false;
      },
    );
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    const fieldset = input.closest("[data-question]");
    if (!fieldset) return;
    const checked = optionsOf(fieldset).filter((i) => i.checked).map((i) => i.value);
    answers = { ...answers, [input.name]: input.type === "checkbox" ? checked : input.value };
    showError(error, "");
    show();
    bringIntoView(form);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  control(form, ACTION.copy_link).addEventListener("click", () => {
    const link = linkFor(usedAnswers(current ?? []));
    copyText(link, part(form, ROLE.copied), fill(T.link_copied, { link }));
  });
  control(form, ACTION.restart).addEventListener("click", () => {
    answers = {};
    showError(error, "");
    show();
    form.querySelector("[data-question]:not([hidden]) input")?.focus();
  });
  retry.addEventListener("click", startEngine);

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
  for (const button of form.querySelectorAll(".kb-actions button")) button.disabled = false;
  // Python starts right after the answer is drawn: the answer needs nothing more from
  // the network, and the worker loads and compiles on its own thread. Waiting for the
  // first paint as well only left the worker idle while Material's scripts ran (its
  // start came 0.1-0.3 s later on this 2-core machine, for no gain to the answer).
  startEngine();
}

function mountAll() {
  for (const form of document.querySelectorAll("form[data-widget]")) mount(form);
}

// A widget page also loads this file as an async module right after the form, so the
// answer is drawn as soon as possible; mount() runs once per form.
onEveryPage(mountAll);
