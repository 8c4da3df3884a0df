// The exercises at /utbildning/. The learner picks an outcome; decision_logic, running in
// the shared Pyodide worker, decides which outcome the case's answers lead to. This file
// only compares the two outcome ids and draws the feedback from the page's templates:
// it holds no rule. Nothing the learner does is stored or sent; the score lives in memory.

import { control, fill, fillParts, onEveryPage, part, showError } from "./page.js";
import { startRuntime } from "./runtime.js";
import { ACTION, ROLE, STATE, TEXT } from "./ui.js";

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
    const link = part(scope, ROLE.rule_links).content.querySelector(`[data-rule="${id}"]`);
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
    where.append(template(scope, `[data-leads-to="${table}/${chosen.value}"]`));
  }
  where.append(template(form, `[data-role="${ROLE.case_answers}"]`));
  where.append(paragraph("kb-where__result", fill(T.answers_lead_to, { title: decision.title })));
  parts.push(where);
  const why = document.createElement("div");
  why.className = "kb-why";
  why.append(paragraph("kb-why__heading", strong(fill(T.why, { title: decision.title }))));
  why.append(template(scope, `[data-why="${table}/${decision.outcome}"]`));
  parts.push(why);
  parts.push(template(form, `[data-role="${ROLE.case_why}"]`));
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
  const forms = [...scope.querySelectorAll("form[data-exercise]")];
  const firstTry = new Map(); // exercise id -> right on the first try; only this counts
  const score = part(scope, ROLE.score);
  const scoreText = () => {
    const right = [...firstTry.values()].filter(Boolean).length;
    const left = forms.length - firstTry.size;
    if (!firstTry.size) return T.no_score;
    return fill(left ? T.score : T.score_all, { right, checked: firstTry.size, left });
  };
  const status = part(root, ROLE.status);
  status.textContent = T.starting;
  const rt = startRuntime(root);
  try {
    await rt.ready;
  } catch (error) {
    root.dataset.state = STATE.error;
    status.textContent = "";
    showError(part(root, ROLE.error), fill(T.failed, { reason: error.message }));
    for (const form of forms) part(form, ROLE.try).hidden = false;
    return;
  }

  for (const form of forms) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const error = part(form, ROLE.error);
      const chosen = form.querySelector("input[type=radio]:checked");
      if (!chosen) {
        showError(error, T.choose_first);
        form.querySelector("input[type=radio]").focus();
        return;
      }
      const table = form.dataset.table;
      const answers = JSON.parse(form.dataset.answers);
      const response = await rt.call("answer", { table, answers });
      if (!response.ok) {
        showError(error, response.error);
        return;
      }
      showError(error, "");
      // One answer per question, so exactly one decision comes back.
      const right = feedback(scope, form, response.decisions[0], chosen);
      const id = form.dataset.exercise;
      if (!firstTry.has(id)) firstTry.set(id, right);
      score.textContent = scoreText();
      part(form, ROLE.feedback).append(paragraph("kb-score-so-far", fill(T.score_so_far, { score: scoreText() })));
      reveal(part(form, ROLE.feedback));
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
  status.textContent = "";
  root.dataset.state = STATE.ready;
}

function mountAll() {
  // Pages without exercises: nothing to do, and the runtime is not started.
  for (const root of document.querySelectorAll("[data-training]")) mount(root);
}

onEveryPage(mountAll);
