// The one Pyodide worker of a visit, shared by every widget and exercise on the site and
// kept across Material's instant navigation. Pages talk to decision_logic through call().
//
// There is no timer on the start: a slow network only makes it slower. A real failure (a
// file that cannot be fetched, WebAssembly that cannot be compiled) is reported by the
// worker at once; the runtime is then forgotten, so a retry or the next widget of the
// visit starts afresh.

import { fill } from "./page.js";
import { TEXT } from "./ui.js";

const T = TEXT.runtime;
//: A call answers in milliseconds once Python runs; this only catches a worker gone wrong.
const CALL_TIMEOUT_MS = 15000;
let runtime = null;

// What the reader is told while Python starts, by the worker's stage.
export const STAGES = { fetching: T.fetching, booting: T.booting, installing: T.installing };

function failure(message) {
  return { ok: false, error: message };
}

// `element` carries data-worker, data-pyodide and data-app: URLs relative to the page.
export function startRuntime(element) {
  if (runtime) return runtime;
  const url = (name) => new URL(element.dataset[name], location.href).href;
  const pending = new Map();
  const listeners = new Set();
  let nextId = 1;
  let stage = "fetching";
  let worker;
  const ready = new Promise((resolve, reject) => {
    const fail = (message) => {
      worker?.terminate();
      if (runtime === current) runtime = null;
      for (const settle of pending.values()) settle(failure(T.aborted));
      pending.clear();
      reject(new Error(message));
    };
    try {
      worker = new Worker(url("worker"), { type: "module" });
    } catch (error) {
      fail(String(error?.message ?? error));
      return;
    }
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "stage") {
        stage = data.stage;
        for (const listener of listeners) listener(stage);
      } else if (data.type === "ready") {
        resolve();
      } else if (data.type === "failed") {
        fail(data.message);
      } else if (data.type === "response") {
        const settle = pending.get(data.id);
        pending.delete(data.id);
        let reply;
        try {
          reply = JSON.parse(data.response);
        } catch {
          reply = failure(T.unreadable_reply);
        }
        settle?.(reply);
      }
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(event.message || T.script_error);
    });
    // The worker's messages to the reader come with the start, so it needs no fetch.
    const texts = { http_error: T.http_error, package_unreadable: T.package_unreadable,
                    could_not_answer: T.could_not_answer };
    worker.postMessage({ type: "start", pyodide: url("pyodide"), app: url("app"), texts });
  });
  // fn is "answer" (the next question or the outcomes) or "letter" (the response letter).
  // Every call settles: with Python's reply, or with a Swedish error after the timeout.
  const call = async (fn, payload) => {
    try {
      await ready;
    } catch (error) {
      return failure(fill(T.could_not_start, { reason: error.message }));
    }
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(failure(T.timed_out));
      }, CALL_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      worker.postMessage({ type: "call", fn, id, payload });
    });
  };
  // Tells `listener` the current stage now and every later one, until the start ends.
  const onStage = (listener) => {
    listeners.add(listener);
    listener(stage);
  };
  const current = { ready, call, onStage };
  runtime = current;
  return current;
}
