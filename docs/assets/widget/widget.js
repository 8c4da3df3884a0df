// Draws the decision widgets. Every decision (which question is next, which outcome)
// comes from decision_logic running in a Pyodide worker; this file holds no rule.

const START_TIMEOUT_MS = 30000;
let runtime = null; // one worker for the whole visit, kept across instant navigation

function startRuntime(form) {
  if (runtime) return runtime;
  const url = (name) => new URL(form.dataset[name], location.href).href;
  const worker = new Worker(url("worker"), { type: "module" });
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    // A wrong MIME type for the wasm makes Pyodide wait forever: give up after a while.
    const timer = setTimeout(() => reject(new Error("tidsgränsen passerades")), START_TIMEOUT_MS);
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "ready") {
        clearTimeout(timer);
        resolve();
      } else if (data.type === "failed") {
        clearTimeout(timer);
        reject(new Error(data.message));
      } else if (data.type === "answer") {
        pending.get(data.id)?.(JSON.parse(data.response));
        pending.delete(data.id);
      }
    });
    worker.addEventListener("error", (event) => {
      clearTimeout(timer);
      reject(new Error(event.message || "skriptfel i beslutsstödet"));
    });
  });
  worker.postMessage({ type: "start", pyodide: url("pyodide"), app: url("app") });
  const ask = (table, answers) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ type: "ask", id, table, answers });
    });
  runtime = { ready, ask };
  return runtime;
}

function part(form, role) {
  return form.querySelector(`[data-role="${role}"]`);
}

function showError(form, message) {
  const box = part(form, "error");
  box.textContent = message;
  box.hidden = !message;
}

function answersFromUrl(form) {
  const params = new URLSearchParams(location.search);
  const answers = {};
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    if (params.has(id)) answers[id] = params.get(id);
  }
  return answers;
}

function linkFor(answers) {
  const query = new URLSearchParams(answers).toString();
  return `${location.origin}${location.pathname}${query ? `?${query}` : ""}`;
}

function draw(form, decision) {
  for (const fieldset of form.querySelectorAll("[data-question]")) {
    const id = fieldset.dataset.question;
    fieldset.hidden = !decision.asked.includes(id);
    for (const input of fieldset.querySelectorAll("input")) {
      input.checked = decision.answers[id] === input.value;
    }
  }
  const result = part(form, "result");
  const status = part(form, "status");
  if (decision.outcome) {
    const template = form.querySelector(`[data-outcome-template="${decision.outcome}"]`);
    result.replaceChildren(template.content.cloneNode(true));
    result.dataset.outcome = decision.outcome;
    status.textContent = "";
  } else {
    result.replaceChildren();
    result.removeAttribute("data-outcome");
    const next = form.querySelector(`[data-question="${decision.next_question}"] legend`);
    status.textContent = `Nästa fråga: ${next.textContent}`;
  }
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
      form,
      `Beslutsstödet kunde inte starta i den här webbläsaren (${error.message}). ` +
        "Använd tabellen längre ned på sidan – den ger samma svar.",
    );
    return;
  }

  async function update() {
    const response = await rt.ask(table, answers);
    if (!response.ok) {
      // Only a hand-edited link can carry a bad answer: say so and start from the top.
      showError(form, `Länken innehåller ett svar som inte finns. ${response.error}`);
      answers = {};
      return update();
    }
    current = response.decision;
    draw(form, current);
  }

  form.addEventListener("change", (event) => {
    if (event.target.type !== "radio") return;
    answers = { ...answers, [event.target.name]: event.target.value };
    showError(form, "");
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector('[data-action="copy-link"]').addEventListener("click", async () => {
    const link = linkFor(current.answers);
    const note = part(form, "copied");
    try {
      await navigator.clipboard.writeText(link);
      note.textContent = `Länken är kopierad: ${link}`;
    } catch {
      note.textContent = `Kopiera länken här: ${link}`;
    }
    note.hidden = false;
  });
  form.querySelector('[data-action="restart"]').addEventListener("click", async () => {
    answers = {};
    showError(form, "");
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

// Material's instant navigation swaps pages without reloading; document$ tells us when.
if (window.document$) window.document$.subscribe(mountAll);
else mountAll();
