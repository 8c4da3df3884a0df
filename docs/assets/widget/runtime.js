// The one Pyodide worker of a visit, shared by every widget and exercise on the site and
// kept across Material's instant navigation. Pages talk to decision_logic through call().
//
// There is no timer on the start: a slow network only makes it slower. A real failure (a
// file that cannot be fetched, WebAssembly that cannot be compiled) is reported by the
// worker at once; the runtime is then forgotten, so a retry or the next widget of the
// visit starts afresh.
//
// The runtime belongs to one app version (the page's hashed app directory, data-app): a
// page of another version, reached by instant navigation after a redeploy, gets a new
// worker before it asks anything, so an old tables.json never answers for a new page.
// A call that gets no reply in time means the engine has failed (a worker that died
// sends nothing): the worker is ended, every waiting call gets `failed: true` and the
// next page or "Försök igen" starts a new one.

import { STORED_EVENT, fill } from "./page.js";
import { PROTOCOL, TEXT } from "./ui.js";

const T = TEXT.runtime;
// The worker's messages and stages (site_config/protocol.yaml, through ./ui.js).
const MESSAGE = PROTOCOL.worker;
const STAGE = PROTOCOL.stages;
const ATTR = PROTOCOL.attributes;
//: A call answers in milliseconds once Python runs; this only catches a worker gone wrong.
const CALL_TIMEOUT_MS = 15000;
//: A worker that is idle and alive answers a ping at once; a dead one never does.
const PING_TIMEOUT_MS = 5000;
let runtime = null;

// What the reader is told while Python starts, by the worker's stage.
const STAGES = { [STAGE.fetching]: T.fetching, [STAGE.booting]: T.booting,
                 [STAGE.installing]: T.installing };
//: The rate is what came over the last few seconds, so a line that slows down or stops
//: shows in the estimate; none is given before it has been measured this long.
const RATE_WINDOW_MS = 5000;
const FIRST_ESTIMATE_MS = 2000;
//: How often the estimate is worked out again while nothing comes (a stalled line).
const TICK_MS = 1000;

const megabytes = (bytes) =>
  (bytes / 1e6).toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

// "cirka 15 s", "cirka 2 min": rounded up to 5 s under a minute, to whole minutes above.
function duration(seconds) {
  if (seconds < 60) return fill(T.seconds, { n: Math.max(5, Math.ceil(seconds / 5) * 5) });
  return fill(T.minutes, { n: Math.round(seconds / 60) });
}

// The bytes the start has fetched, timed as they come: how many have come of `total`
// (the build's count, on the element's data-python-bytes) and, from the rate measured
// over the last RATE_WINDOW_MS, how long the rest will take.
function downloadMeter(total) {
  const samples = [];
  let loaded = 0;
  let active = 0;
  return {
    get loaded() {
      return loaded;
    },
    // `coming`: how many of the start's files are still coming (the worker counts them).
    add(bytes, coming, now = performance.now()) {
      loaded = bytes;
      active = coming;
      samples.push({ t: now, loaded });
      while (samples.length > 2 && samples[1].t <= now - RATE_WINDOW_MS) samples.shift();
    },
    // Seconds left at the measured rate, or null while it cannot honestly be said.
    secondsLeft(now = performance.now()) {
      if (samples.length < 2 || now - samples[0].t < FIRST_ESTIMATE_MS) return null;
      const base = samples[0];
      const rate = (loaded - base.loaded) / ((now - base.t) / 1000);
      return rate > 0 ? (total - loaded) / rate : null;
    },
    downloading: () => total > 0 && active > 0,
  };
}

// The stage the start has really reached, in words: while files are coming, how many MB
// of how many and the time left; between files, "hämtar Python" before Pyodide runs and
// "startar Python" once it does (the worker's "booting" begins when Pyodide asks for its
// files, so only the files still coming tell the download from the start); then the
// package.
function progressText(stage, meter, total) {
  if (stage !== STAGE.installing && meter.downloading()) {
    const progress = fill(T.downloading, { loaded: megabytes(Math.min(meter.loaded, total)),
                                           total: megabytes(total) });
    const left = meter.secondsLeft();
    return left === null ? progress : fill(T.time_left, { progress, time: duration(left) });
  }
  return STAGES[stage] ?? stage;
}

function failure(message) {
  return { ok: false, error: message };
}

// Not Python's refusal of an answer but the engine itself gone: the page keeps what the
// snapshot drew and offers a restart.
function engineFailure(message, replace = false) {
  return { ok: false, failed: true, replace, error: message };
}

// Python's memory is worth keeping for the next visit only where the reader has chosen
// to store the site for offline use: then the site's service worker controls the page
// (offline.js; the registered worker is the choice). The snapshot is kept once the
// worker says Python's files are stored too, and dropped when they could not be
// (offline.js says which with STORED_EVENT). A page no worker controls never makes one.
const mayKeepPython = () => Boolean(navigator.serviceWorker?.controller);
addEventListener(STORED_EVENT, ({ detail }) => runtime?.keepSnapshot(detail.pyodide === true));

// The runtime's address `key` (worker, pyodide, stdlib, app: attributes of `element`,
// relative to the page), absolute.
const addressOf = (element, key) => new URL(element.getAttribute(ATTR[key]), location.href).href;

// For a reader who has just chosen to store the site: a worker of its own starts Pyodide,
// stores the snapshot of its memory and is ended. `element` carries the runtime's
// addresses (addressOf). Resolves to the bytes stored (0 when Pyodide refused or there
// was no room: the next start is the ordinary one).
export function makeSnapshot(element) {
  const url = (key) => addressOf(element, key);
  return new Promise((resolve) => {
    let worker;
    const done = (bytes) => {
      worker?.terminate();
      resolve(bytes);
    };
    try {
      worker = new Worker(url("worker"), { type: "module" });
    } catch {
      done(0);
      return;
    }
    worker.addEventListener("message", ({ data }) => {
      if (data?.type === MESSAGE.snapshot_made) done(data.bytes);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      done(0);
    });
    worker.postMessage({ type: MESSAGE.make_snapshot, pyodide: url("pyodide"), stdlib: url("stdlib"),
                         app: url("app"), texts: { http_error: T.http_error } });
  });
}

// `element` carries the runtime's addresses (addressOf) and, in python_bytes, what the
// start fetches.
export function startRuntime(element) {
  const url = (key) => addressOf(element, key);
  const app = url("app");
  const total = Number(element.getAttribute(ATTR.python_bytes));
  if (runtime?.app === app) {
    // A page reached by instant navigation: make sure the worker still lives. If it has
    // died since, it is ended and the page's calls fail with `replace: true`, and the
    // widget starts a new one without asking the reader.
    runtime.check();
    return runtime;
  }
  // Another version's Python must not answer for this page: end it first.
  runtime?.stop(T.aborted);
  const pending = new Map();
  const listeners = new Set();
  let nextId = 1;
  let stage = STAGE.fetching;
  const meter = downloadMeter(total);
  let ticking = null;
  let worker;
  let stopped = null;
  let started = false;
  let settleReady;
  const ready = new Promise((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  let replace = false;
  // Ends the worker for good; every call waiting for it, and every later one, fails.
  const stop = (message, replaceable = false) => {
    if (stopped !== null) return;
    stopped = message;
    replace = replaceable;
    worker?.terminate();
    if (runtime === current) runtime = null;
    listeners.clear();
    clearInterval(ticking);
    for (const settle of pending.values()) settle(engineFailure(message, replace));
    pending.clear();
    settleReady.reject(new Error(message));
  };
  // fn is "answer" (the next question or the outcomes) or "letter" (the response letter).
  // Every call settles: with Python's reply, or with an engine failure (`failed: true`).
  const call = async (fn, payload) => {
    try {
      await ready;
    } catch (error) {
      return engineFailure(fill(T.could_not_start, { reason: error.message }));
    }
    if (stopped !== null) return engineFailure(stopped, replace);
    return new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(
        () => stop(fill(T.no_reply, { seconds: CALL_TIMEOUT_MS / 1000 })), CALL_TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      worker.postMessage({ type: MESSAGE.call, fn, id, payload });
    });
  };
  // Tells `listener` how far the start has come, in words, now and at every step until
  // it ends.
  const onStage = (listener) => {
    listener(progressText(stage, meter, total));
    if (stopped === null && !started) listeners.add(listener);
  };
  // Only a change of the words is told: on a slow line a chunk of a file comes hundreds
  // of times a second, and each new text is a new paint and a new announcement of the
  // status line.
  let told = null;
  const tellListeners = () => {
    const text = progressText(stage, meter, total);
    if (text === told) return;
    told = text;
    for (const listener of listeners) listener(text);
  };
  // While the files come, the estimate is said again each second, so a line that stalls
  // shows as a growing time left, not a frozen one.
  ticking = setInterval(() => {
    if (meter.downloading() && listeners.size) tellListeners();
  }, TICK_MS);
  // Once Python is ready: a worker that does not answer a ping in time is dead.
  let checking = null;
  const check = () => {
    if (!started || stopped !== null || checking) return;
    checking = setTimeout(() => stop(fill(T.no_reply, { seconds: PING_TIMEOUT_MS / 1000 }),
                                     true), PING_TIMEOUT_MS);
    worker.postMessage({ type: MESSAGE.ping });
  };
  // The worker keeps or drops the snapshot of Python's memory it made (worker.mjs).
  const keepSnapshot = (keep) => {
    if (stopped === null) {
      worker.postMessage({ type: keep ? MESSAGE.store_snapshot : MESSAGE.drop_snapshot });
    }
  };
  const current = { app, ready, call, onStage, stop, check, keepSnapshot };
  runtime = current;
  try {
    worker = new Worker(url("worker"), { type: "module" });
  } catch (error) {
    stop(String(error?.message ?? error));
    return current;
  }
  worker.addEventListener("message", ({ data }) => {
    if (data.type === MESSAGE.stage) {
      stage = data.stage;
      tellListeners();
    } else if (data.type === MESSAGE.progress) {
      meter.add(data.loaded, data.active ?? 0);
      tellListeners();
    } else if (data.type === MESSAGE.ready) {
      started = true;
      clearInterval(ticking);
      // How this visit's Python started: restored or the ordinary start (started_from;
      // tests wait on it).
      document.documentElement.setAttribute(ATTR.python_from, data.from);
      listeners.clear(); // the start is over: keep no page's letter alive
      settleReady.resolve();
    } else if (data.type === MESSAGE.snapshot_settled) {
      // The snapshot made at the start is stored, or has left the worker's memory.
      document.documentElement.setAttribute(ATTR.python_snapshot, data.fate);
    } else if (data.type === MESSAGE.pong) {
      clearTimeout(checking);
      checking = null;
    } else if (data.type === MESSAGE.failed) {
      stop(data.message);
    } else if (data.type === MESSAGE.response) {
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
    stop(event.message || T.script_error);
  });
  // The worker's messages to the reader come with the start, so it needs no fetch.
  const texts = { http_error: T.http_error, package_unreadable: T.package_unreadable,
                  could_not_answer: T.could_not_answer };
  worker.postMessage({ type: MESSAGE.start, pyodide: url("pyodide"), stdlib: url("stdlib"), app,
                       texts, snapshot: mayKeepPython() });
  return current;
}
