// Draws the decision widgets. Every decision (which question is next, which outcome, the
// text of the response letter) comes from decision_logic running in a Pyodide worker;
// this file holds no rule.

import { onEveryPage, part, showError } from "./page.js";
import { startRuntime } from "./runtime.js";


async function copyText(text, note, done) {
  // Emptied first, so the status region around the note announces a repeated copy too.
  note.textContent = "";
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = done;
  } catch {
    note.textContent = `Kopiera själv: ${text}`;
  }
  note.hidden = false;
}

function answersFromUrl(form) {
  const params = new URLSearchParams(location.search);
  const answers = {};
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    const values = params.getAll(id);
    if (!values.length) continue;
    answers[id] = "multiple" in fieldset.dataset || values.length > 1 ? values : values[0];
  }
  return answers;
}

function linkFor(answers) {
  const query = new URLSearchParams();
  for (const [id, value] of Object.entries(answers)) {
    for (const one of [].concat(value)) query.append(id, one);
  }
  const text = query.toString();
  return `${location.origin}${location.pathname}${text ? `?${text}` : ""}`;
}

function optionLabel(form, question, value) {
  return form.querySelector(`input[name="${question}"][value="${value}"]`).parentElement.textContent.trim();
}

function outcomeBlock(form, decision, multipleIds) {
  const block = form.querySelector(`[data-outcome-template="${decision.outcome}"]`).content.cloneNode(true);
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
    const fieldset = form.querySelector(`[data-question="${id}"]`);
    const term = document.createElement("dt");
    term.textContent = fieldset.querySelector("legend").textContent;
    const detail = document.createElement("dd");
    detail.textContent = [].concat(answers[id]).map((v) => optionLabel(form, id, v)).join(", ") + " ";
    const change = document.createElement("button");
    change.type = "button";
    change.className = "kb-change";
    change.textContent = "Ändra svar";
    change.setAttribute("aria-label", `Ändra svar på frågan: ${term.textContent}`);
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
  heading.textContent = "Dina svar";
  const wrapper = document.createElement("div");
  wrapper.append(heading, list);
  return wrapper;
}

function draw(form, decisions, answers, letter) {
  const asked = new Set(decisions.flatMap((d) => d.asked));
  const multipleIds = [];
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    if ("multiple" in fieldset.dataset) multipleIds.push(id);
    fieldset.hidden = !asked.has(id);
    for (const input of fieldset.querySelectorAll("input")) {
      input.checked = asked.has(id) && [].concat(answers[id] ?? []).includes(input.value);
    }
  }
  const result = part(form, "result");
  const status = part(form, "status");
  letter?.putBack();
  const next = decisions.find((d) => d.next_question);
  if (next) {
    result.replaceChildren();
    result.removeAttribute("data-outcome");
    const legend = form.querySelector(`[data-question="${next.next_question}"] legend`);
    status.textContent = `Nästa fråga: ${legend.textContent}`;
    return;
  }
  result.replaceChildren(...decisions.map((d) => outcomeBlock(form, d, multipleIds)), summary(form, asked, answers));
  result.dataset.outcome = decisions.map((d) => d.outcome).join(" ");
  status.textContent = "";
  if (letter && decisions.some((d) => d.outcome === letter.outcome)) letter.showIn(result);
}

// The response letter's fields live on the page; they are shown inside the outcome they
// belong to. Python writes the letter; the typed text goes nowhere else.
function setUpLetter(form, rt) {
  const section = document.querySelector(`[data-letter-for]`);
  if (!section) return null;
  const home = document.createComment("svarsbrev");
  section.before(home);
  const output = part(section, "letter-output");
  section.querySelector('[data-action="write-letter"]').addEventListener("click", async () => {
    const fields = {};
    for (const input of section.querySelectorAll("input[type=text]")) fields[input.name] = input.value;
    const response = await rt.call("letter", { fields });
    showError(part(section, "letter-error"), response.ok ? "" : response.error);
    output.hidden = !response.ok;
    part(section, "letter-text").textContent = response.ok ? response.text : "";
    if (response.ok) part(section, "letter-text").focus();
  });
  section.querySelector('[data-action="copy-letter"]').addEventListener("click", () => {
    const note = part(form, "copied");
    copyText(part(section, "letter-text").textContent, note, "Svaret är kopierat.");
  });
  section.querySelector('[data-action="print-letter"]').addEventListener("click", () => {
    document.body.classList.add("kb-print-letter");
    window.print();
    document.body.classList.remove("kb-print-letter");
  });
  part(section, "letter-text").tabIndex = -1;
  section.hidden = false;
  return {
    outcome: section.dataset.letterFor,
    showIn(result) {
      result.append(section);
    },
    putBack() {
      home.after(section);
    },
  };
}

async function mount(form) {
  if (form.dataset.mounted) return;
  form.dataset.mounted = "true";
  form.hidden = false;
  const table = form.dataset.widget;
  let answers = answersFromUrl(form);
  let current = null;
  const rt = startRuntime(form);
  try {
    await rt.ready;
  } catch (error) {
    form.dataset.state = "error";
    part(form, "status").textContent = "";
    showError(
      part(form, "error"),
      `Beslutsstödet kunde inte starta i den här webbläsaren (${error.message}). ` +
        "Använd tabellen längre ned på sidan – den ger samma svar.",
    );
    return;
  }
  const letter = setUpLetter(form, rt);

  // Each update is numbered; a response that arrives after a newer update was asked for
  // is dropped, so the page never draws answers the user has already changed.
  let latest = 0;
  async function update() {
    const mine = ++latest;
    const response = await rt.call("answer", { table, answers });
    if (mine !== latest) return;
    if (!response.ok) {
      // Only a hand-edited link can carry a bad answer: say so and start from the top.
      showError(part(form, "error"), `Länken innehåller ett svar som inte finns. ${response.error}`);
      answers = {};
      return update();
    }
    current = response.decisions;
    draw(form, current, answers, letter);
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    const fieldset = input.closest("[data-question]");
    if (!fieldset) return;
    const checked = [...fieldset.querySelectorAll("input:checked")].map((i) => i.value);
    answers = { ...answers, [input.name]: input.type === "checkbox" ? checked : input.value };
    showError(part(form, "error"), "");
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector('[data-action="copy-link"]').addEventListener("click", () => {
    const used = {};
    for (const decision of current) {
      for (const [id, value] of Object.entries(decision.answers)) {
        used[id] = [...new Set([].concat(used[id] ?? [], value))];
      }
    }
    const link = linkFor(used);
    copyText(link, part(form, "copied"), `Länken är kopierad: ${link}`);
  });
  form.querySelector('[data-action="restart"]').addEventListener("click", async () => {
    answers = {};
    showError(part(form, "error"), "");
    await update();
    form.querySelector("[data-question]:not([hidden]) input")?.focus();
  });

  await update();
  for (const button of form.querySelectorAll("button")) button.disabled = false;
  form.dataset.state = "ready";
}

function mountAll() {
  for (const form of document.querySelectorAll("form[data-widget]")) mount(form);
}

// A widget page also loads this file as an async module right after the form, so Pyodide
// starts while the rest of the page is still loading; mount() runs once per form.
onEveryPage(mountAll);
