// The one Pyodide worker of a visit, shared by every widget and exercise on the site and
// kept across Material's instant navigation. Pages talk to decision_logic through call().

const START_TIMEOUT_MS = 30000;
let runtime = null; // one worker for the whole visit, kept across instant navigation

// `element` carries data-worker, data-pyodide and data-app: URLs relative to the page.
export function startRuntime(element) {
  if (runtime) return runtime;
  const url = (name) => new URL(element.dataset[name], location.href).href;
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
      } else if (data.type === "response") {
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
  // fn is "answer" (the next question or the outcomes) or "letter" (the response letter).
  const call = (fn, payload) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ type: "call", fn, id, payload });
    });
  runtime = { ready, call };
  return runtime;
}
