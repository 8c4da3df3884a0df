// The exercises at /utbildning/. The learner picks an outcome; decision_logic decides which
// outcome the case's answers lead to: at build time (each case carries that decision, so
// "Rätta" answers at once, as a widget answers from its snapshot) and again in the shared
// Pyodide worker, which confirms every correction when it is ready and wins if the two
// ever disagree. This file only compares two outcome ids and draws the feedback from the
// page's templates: it holds no rule. Nothing the learner does is stored or sent; the
// score lives in memory.

import { control, fill, fillParts, having, onEveryPage, part, showError } from "./page.js";
import { startRuntime } from "./runtime.js";
import { ACTION, PROTOCOL, ROLE, STATE, TEXT } from "./ui.js";

// The attributes the build writes (site_config/protocol.yaml, through ./ui.js).
const ATTR = PROTOCOL.attributes;

const T = TEXT.training;


function paragraph(className, ...children) {
  const p = document.createElement("p");
  p.className = className;
  p.append(...children);
  return p;
}

function strong(text) {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}

// "Bygger på regel R3, R6": each id links to the rule's section in the routine.
function ruleLinks(scope, ruleIds) {
  const rules = document.createDocumentFragment();
  ruleIds.forEach((id, index) => {
    const link = part(scope, ROLE.rule_links).content.querySelector(having(ATTR.rule, id));
    if (index) rules.append(", ");
    rules.append(link ? link.cloneNode(true) : id);
  });
  return paragraph("kb-rules", ...fillParts(T.rules, { rules }));
}

function template(scope, selector) {
  const found = scope.querySelector(selector);
  return found ? found.content.cloneNode(true) : document.createDocumentFragment();
}

// The feedback is drawn from the page's templates (the table's own words, written at
// build time) and the outcome Python decided; comparing two ids is all this does.
function feedback(scope, form, decision, chosen) {
  const right = decision.outcome === chosen.value;
  const box = part(form, ROLE.feedback);
  const picked = chosen.parentElement.textContent.trim();
  const table = form.dataset.table;
  const parts = [
    paragraph("kb-verdict", ...fillParts(T.verdict, { verdict: strong(right ? T.right : T.wrong), picked })),
    paragraph("kb-right-answer", ...fillParts(T.right_answer, { title: strong(decision.title) })),
  ];
  // Where the answers lead: for a wrong choice, first the rows that lead to it.
  const where = document.createElement("div");
  where.className = "kb-where";
  if (!right) {
    where.append(paragraph("kb-where__heading", strong(fill(T.why_not, { picked }))));
    where.append(template(scope, having(ATTR.leads_to, `${table}/${chosen.value}`)));
  }
  where.append(template(form, having(ATTR.role, ROLE.case_answers)));
  where.append(paragraph("kb-where__result", fill(T.answers_lead_to, { title: decision.title })));
  parts.push(where);
  const why = document.createElement("div");
  why.className = "kb-why";
  why.append(paragraph("kb-why__heading", strong(fill(T.why, { title: decision.title }))));
  why.append(template(scope, having(ATTR.why, `${table}/${decision.outcome}`)));
  parts.push(why);
  parts.push(template(form, having(ATTR.role, ROLE.case_why)));
  parts.push(ruleLinks(scope, decision.rules));
  box.replaceChildren(...parts);
  box.dataset.result = right ? "right" : "wrong";
  box.dataset.outcome = decision.outcome;
  box.dataset.rules = decision.rules.join(" ");
  part(form, ROLE.try).hidden = false;
  return right;
}

// The feedback opens below the button; on a small screen bring its start into view.
function reveal(box) {
  if (box.getBoundingClientRect().top > window.innerHeight * 0.6) {
    const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  }
}

async function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  // The cases sit between the page's headings, beside the element that starts them.
  const scope = root.parentElement;
  const forms = [...scope.querySelectorAll(`form${having(ATTR.exercise)}`)];
  const firstTry = new Map(); // exercise id -> right on the first try; only this counts
  const score = part(scope, ROLE.score);
  const scoreText = () => {
    const right = [...firstTry.values()].filter(Boolean).length;
    const left = forms.length - firstTry.size;
    if (!firstTry.size) return T.no_score;
    return fill(left ? T.score : T.score_all, { right, checked: firstTry.size, left });
  };
  const status = part(root, ROLE.status);
  const rt = startRuntime(root);
  let pythonReady = false;
  const corrected = new Map(); // form -> the choice corrected last

  // Draws the verdict for `decision` and keeps the first try's result.
  function correct(form, decision, chosen) {
    const right = feedback(scope, form, decision, chosen);
    const id = form.dataset.exercise;
    if (!firstTry.has(id)) firstTry.set(id, right);
    score.textContent = scoreText();
    part(form, ROLE.feedback).append(paragraph("kb-score-so-far", fill(T.score_so_far, { score: scoreText() })));
  }

  // Python's decision for the case; drawn instead when it differs from the build's.
  async function confirmWithPython(form) {
    const chosen = corrected.get(form);
    const response = await rt.call(PROTOCOL.calls.answer, { table: form.dataset.table, answers: JSON.parse(form.dataset.answers) });
    if (!response.ok || corrected.get(form) !== chosen) return;
    // One answer per question, so exactly one decision comes back.
    const decision = response.decisions[0];
    if (decision.outcome === JSON.parse(form.dataset.decision).outcome) return;
    console.error(fill(T.disagreement, { exercise: form.dataset.exercise }));
    form.dataset.decision = JSON.stringify(decision);
    firstTry.delete(form.dataset.exercise);
    correct(form, decision, chosen);
  }

  for (const form of forms) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const error = part(form, ROLE.error);
      const chosen = form.querySelector("input[type=radio]:checked");
      if (!chosen) {
        showError(error, T.choose_first);
        form.querySelector("input[type=radio]").focus();
        return;
      }
      showError(error, "");
      corrected.set(form, chosen);
      correct(form, JSON.parse(form.dataset.decision), chosen);
      reveal(part(form, ROLE.feedback));
      if (pythonReady) confirmWithPython(form);
    });
    control(form, ACTION.check).disabled = false;
  }
  // "Börja om" asks first: the score and every answer would be lost.
  const reset = control(scope, ACTION.reset);
  const confirm = part(scope, ROLE.confirm_reset);
  const closeConfirm = () => {
    confirm.hidden = true;
    reset.focus();
  };
  reset.addEventListener("click", () => {
    confirm.hidden = false;
    control(confirm, ACTION.reset_no).focus();
  });
  control(confirm, ACTION.reset_no).addEventListener("click", closeConfirm);
  confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeConfirm();
  });
  control(confirm, ACTION.reset_yes).addEventListener("click", () => {
    firstTry.clear();
    corrected.clear();
    for (const form of forms) {
      form.reset();
      const box = part(form, ROLE.feedback);
      box.replaceChildren();
      for (const key of ["result", "outcome", "rules"]) delete box.dataset[key];
      showError(part(form, ROLE.error), "");
      part(form, ROLE.try).hidden = true;
    }
    score.textContent = scoreText();
    confirm.hidden = true;
    forms[0]?.querySelector("input[type=radio]").focus();
  });
  reset.disabled = false;

  // Python starts beside the exercises; until it is ready the line above them says how far
  // it has come. Once ready it confirms what was corrected before.
  rt.onStage((stage) => {
    if (!pythonReady) status.textContent = fill(T.confirming, { stage });
  });
  try {
    await rt.ready;
  } catch (error) {
    root.dataset.state = STATE.error;
    status.textContent = "";
    showError(part(root, ROLE.error), fill(T.failed, { reason: error.message }));
    return;
  }
  pythonReady = true;
  status.textContent = "";
  root.dataset.state = STATE.ready;
  for (const form of corrected.keys()) confirmWithPython(form);
}

function mountAll() {
  // Pages without exercises: nothing to do, and the runtime is not started.
  for (const root of document.querySelectorAll(having(ATTR.training))) mount(root);
}

onEveryPage(mountAll);
