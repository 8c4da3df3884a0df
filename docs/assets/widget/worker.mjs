// Module worker that runs decision_logic in Pyodide. It only relays: the page asks
// "given these answers, what now?" and gets back what Python decided. Everything that
// can go wrong is caught here and reported to the page as a message, never left hanging.
// Every message type, stage and cache name is declared once in site_config/protocol.yaml
// and comes from ./ui.js (PROTOCOL), which the build writes from it.

import { PROTOCOL } from "./ui.js";

const MESSAGE = PROTOCOL.worker;
const STAGE = PROTOCOL.stages;
const CALLS = new Set(Object.values(PROTOCOL.calls));
const FROM = PROTOCOL.started_from;
const FATE = PROTOCOL.snapshot_fate;

let api = null;
// The reader's words for what can go wrong, sent by the page with "start" (from ui.yaml).
let texts = {};

const say = (message) => self.postMessage(message);

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) {
    const path = new URL(url).pathname;
    throw new Error(texts.http_error.replace("{path}", path).replace("{status}", response.status));
  }
  return response.text();
}

// Pyodide swallows a failed WebAssembly start (it logs a warning and waits for ever), so
// the worker watches the one streaming compile Pyodide makes and reports its failure
// at once: a wasm that 404s, is cut off, or is served with the wrong type.
function reportWasmFailures(onFailure) {
  const original = WebAssembly.instantiateStreaming;
  if (!original) return;
  WebAssembly.instantiateStreaming = (source, imports) =>
    original.call(WebAssembly, source, imports).catch((error) => {
      onFailure(error);
      throw error;
    });
}

// Real progress while Python loads: every body the start reads with fetch() (the wasm,
// the standard library, the app files) is counted on a copy of the response, and the
// page is told how many bytes have come so far. Unpacked bytes, as the build counts the
// total. The response itself is handed on untouched: the browser keeps the wasm's
// compiled code beside the response it came from, and a new Response built around a
// counted body has no URL, so every visit would compile Python's runtime again.
// `active` says how many fetches are still under way (asked for and not yet read to the
// end), so the page can tell the download from Python's own start (the build's total
// also counts the package, fetched later). The bytes that come are told at most every
// PROGRESS_EVERY_MS (a slow line brings a chunk of about a packet at a time, hundreds a
// second); a file asked for or read to its end is told at once.
const PROGRESS_EVERY_MS = 100;
function countFetchedBytes() {
  const original = self.fetch;
  let loaded = 0;
  let active = 0;
  let toldAt = -Infinity;
  const tell = (now) => {
    toldAt = now;
    say({ type: MESSAGE.progress, loaded, active });
  };
  const done = () => {
    active -= 1;
    tell(performance.now());
  };
  const count = async (body) => {
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        loaded += chunk.value.byteLength;
        const now = performance.now();
        if (now - toldAt >= PROGRESS_EVERY_MS) tell(now);
      }
    } finally {
      done();
    }
  };
  self.fetch = async (...args) => {
    active += 1;
    tell(performance.now());
    let response;
    try {
      response = await original.apply(self, args);
    } catch (error) {
      done();
      throw error;
    }
    // A failed read of the copy only stops the count; the original reports the failure.
    if (response.body) count(response.clone().body).catch(() => undefined);
    else done();
    return response;
  };
  return () => {
    self.fetch = original;
  };
}

async function start(addresses) {
  const stopCounting = countFetchedBytes();
  try {
    return await startPython(addresses);
  } finally {
    stopCounting();
  }
}

// A returning reader's Python starts from a snapshot of its memory, taken right after
// Pyodide's own start and before any of our code is loaded: restoring it takes a
// fraction of a second where the start itself takes seconds. The snapshot is made in
// this browser, only once the reader has chosen to store the site for offline use, and
// never leaves it; it is kept gzipped (about 6 MB of 31) in the browser's Cache Storage
// under the address of the standard library it was made with, which names Pyodide's
// version and the library's content hash, so another runtime never meets it. Pyodide's
// snapshot options are marked experimental (makeMemorySnapshot is not even public): a
// snapshot that cannot be made, read, unpacked within SNAPSHOT_CAP or restored only
// means the ordinary start, and a stored one that failed is deleted.
// The store is shared with site_config/deploy/offline/sw.js, which drops a snapshot whose
// standard library is no longer the site's.
const SNAPSHOTS = PROTOCOL.caches.snapshots;
const snapshotKey = (stdlib) => `${stdlib}${PROTOCOL.caches.snapshot_query}`;
//: The snapshot unpacks to about 31 MB (measured 2026-12); more than twice that is not one of ours
//: (a damaged file or a planted gzip bomb): unpacking stops there.
const SNAPSHOT_CAP = 64 * 1024 * 1024;

// The stored snapshot, unpacked, or null: none stored, unreadable or larger than the cap
// (then it is deleted, so the next visit does not try it again).
async function readSnapshot(stdlib) {
  let stored;
  try {
    // has() first: open() would create the store on a visit that must store nothing
    if (!(await caches.has(SNAPSHOTS))) return null;
    stored = await (await caches.open(SNAPSHOTS)).match(snapshotKey(stdlib));
    if (!stored) return null;
    return await unpackWithin(stored.body, SNAPSHOT_CAP);
  } catch (error) {
    console.warn("Python snapshot not used:", error?.message ?? error);
    await forgetSnapshots();
    return null;
  }
}

// Reads the gzipped `body` into one array, stopping with an error once more than `cap`
// bytes have come out. The packed bytes go in UNPACK_SLICE at a time: the browser unpacks
// all of a piece it is given at once, whether or not anyone reads (a 1 MB piece of a bomb
// is a gigabyte, measured 20 s), so a small piece bounds the work past the cap.
const UNPACK_SLICE = 8 * 1024;
const slices = () => new TransformStream({
  transform(chunk, controller) {
    for (let at = 0; at < chunk.byteLength; at += UNPACK_SLICE) {
      controller.enqueue(chunk.subarray(at, at + UNPACK_SLICE));
    }
  },
});

async function unpackWithin(body, cap) {
  const reader = body.pipeThrough(slices()).pipeThrough(new DecompressionStream("gzip"))
    .getReader();
  const chunks = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new Error(`snapshot larger than ${cap} bytes unpacked`);
    }
    chunks.push(chunk.value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

async function forgetSnapshots(keep = null) {
  try {
    if (!(await caches.has(SNAPSHOTS))) return;
    const cache = await caches.open(SNAPSHOTS);
    for (const request of await cache.keys()) {
      if (request.url !== keep) await cache.delete(request);
    }
  } catch {
    // nothing stored, or no Cache Storage: nothing to forget
  }
}

// A snapshot made at the start, held until the page says whether Python's files are
// stored for offline use (then it is stored too) or could not be (dropped, so its 31 MB
// leave this worker's memory at once). The page is told which (snapshot_settled).
let madeSnapshot = null;
let keepSnapshot = null;

async function settleSnapshot() {
  if (madeSnapshot === null || keepSnapshot === null) return;
  const { stdlib, made } = madeSnapshot;
  madeSnapshot = null;
  let fate = FATE.dropped;
  if (keepSnapshot) fate = (await storeSnapshot(stdlib, made)) > 0 ? FATE.stored : FATE.not_stored;
  say({ type: MESSAGE.snapshot_settled, fate });
}

// Stored after the reader's Python is ready, so it never delays the first answer.
// Resolves to the bytes stored, or 0 when nothing could be (no room, no Cache Storage,
// a snapshot above the cap): the next visit then starts the ordinary way.
async function storeSnapshot(stdlib, snapshot) {
  if (snapshot.byteLength > SNAPSHOT_CAP) return 0;
  try {
    const packed = new Blob([snapshot]).stream().pipeThrough(new CompressionStream("gzip"));
    const blob = await new Response(packed).blob();
    const response = new Response(blob, { headers: { "Content-Type": "application/gzip" } });
    await (await caches.open(SNAPSHOTS)).put(snapshotKey(stdlib), response);
    await forgetSnapshots(new URL(snapshotKey(stdlib)).href);
    return blob.size;
  } catch (error) {
    console.warn("Python snapshot not stored:", error?.message ?? error);
    return 0;
  }
}

// Pyodide's memory right after its own start, or null when Pyodide has no such method,
// refuses, or gives something else than bytes (the method is private and experimental,
// and a Pyodide upgrade may change or drop it): the caller then goes on without one.
function makeSnapshot(py) {
  try {
    if (typeof py.makeMemorySnapshot !== "function") throw new Error("no makeMemorySnapshot");
    const made = py.makeMemorySnapshot();
    if (!(made instanceof Uint8Array)) throw new Error("makeMemorySnapshot gave no bytes");
    return made;
  } catch (error) {
    console.warn("Python snapshot not made:", error?.message ?? error);
    return null;
  }
}

async function startPython({ pyodide, stdlib, app, snapshot }) {
  let failWasm;
  const wasmFailed = new Promise((_, reject) => {
    failWasm = (error) => reject(new Error(String(error?.message ?? error)));
  });
  reportWasmFailures(failWasm);
  say({ type: MESSAGE.stage, stage: STAGE.fetching });
  // A snapshot stored on an earlier visit is used whenever there is one; a new one is
  // made only where the page says it may be kept (`snapshot`).
  const canRead = typeof caches !== "undefined";
  const canStore = snapshot === true && canRead;
  // Runtime, lockfile, tables and any stored snapshot are fetched in parallel; the
  // lockfile (ours, a few hundred bytes) lets Pyodide check the wheel's sha256 before
  // installing it.
  const [{ loadPyodide }, lockFile, bundle, stored] = await Promise.all([
    import(`${pyodide}pyodide.mjs`),
    fetchText(`${app}pyodide-lock.json`),
    fetchText(`${app}tables.json`),
    canRead ? readSnapshot(stdlib) : null,
  ]);
  say({ type: MESSAGE.stage, stage: STAGE.booting });
  const options = {
    indexURL: pyodide,
    // The build's trimmed standard library (site_config/browser/assets.py): 1 MB
    // instead of Pyodide's 2.5 MB.
    stdLibURL: stdlib,
    lockFileContents: lockFile,
    packageBaseUrl: app,
  };
  const boot = (extra) => Promise.race([loadPyodide({ ...options, ...extra }), wasmFailed]);
  if (stored) {
    try {
      await install(await boot({ _loadSnapshot: stored }), bundle);
      return { from: FROM.snapshot };
    } catch (error) {
      // Whatever went wrong after a restore, the ordinary start below is the remedy.
      console.warn("Python snapshot not used:", error);
      await forgetSnapshots();
    }
  }
  if (canStore) {
    try {
      const py = await boot({ _makeSnapshot: true });
      // Before anything of ours is loaded: Pyodide refuses a snapshot that holds
      // references to JavaScript objects, and loading a package leaves some.
      const made = makeSnapshot(py);
      await install(py, bundle);
      return { from: FROM.start, snapshot: made === null ? null : { stdlib, made } };
    } catch (error) {
      // Pyodide's snapshot option is experimental: the ordinary start below decides.
      console.warn("Python started without a snapshot:", error);
    }
  }
  await install(await boot({}), bundle);
  return { from: FROM.start, snapshot: null };
}

// Only a snapshot, for a reader who has just chosen to store the site for offline use
// (offline.js, through runtime.js's makeSnapshot): Pyodide started, its memory copied
// and stored, and this worker ended by the page. Resolves to the bytes stored (0: none).
// Started with the same options as startPython's, so the snapshot fits that start.
async function makeAndStoreSnapshot({ pyodide, stdlib, app }) {
  const [{ loadPyodide }, lockFile] = await Promise.all([
    import(`${pyodide}pyodide.mjs`), fetchText(`${app}pyodide-lock.json`)]);
  const py = await loadPyodide({ indexURL: pyodide, stdLibURL: stdlib, lockFileContents: lockFile,
                                 packageBaseUrl: app, _makeSnapshot: true });
  const made = makeSnapshot(py);
  return made === null ? 0 : storeSnapshot(stdlib, made);
}

// Our package into a started Python, and the tables into our package.
async function install(py, bundle) {
  say({ type: MESSAGE.stage, stage: STAGE.installing });
  await py.loadPackage(["decision-logic"], { messageCallback: () => {} });
  let module;
  try {
    module = py.pyimport("decision_logic.browser");
  } catch {
    throw new Error(texts.package_unreadable);
  }
  const installed = JSON.parse(module.install(bundle));
  if (!installed.ok) throw new Error(installed.error);
  api = module;
}

function answerCall({ fn, id, payload }) {
  let response;
  try {
    if (!api) throw new Error("not started");
    if (!CALLS.has(fn)) throw new Error(`unknown call ${fn}`);
    response = api[fn](JSON.stringify(payload));
  } catch (error) {
    console.error(error);
    response = JSON.stringify({
      ok: false,
      error: texts.could_not_answer,
    });
  }
  say({ type: MESSAGE.response, id, response });
}

self.addEventListener("message", async ({ data }) => {
  if (data?.type === MESSAGE.start) {
    texts = data.texts ?? {};
    try {
      const started = await start(data);
      madeSnapshot = started.snapshot ?? null;
      say({ type: MESSAGE.ready, from: started.from });
      settleSnapshot();
    } catch (error) {
      console.error(error);
      say({ type: MESSAGE.failed, message: String(error?.message ?? error) });
    }
  } else if (data?.type === MESSAGE.call) {
    answerCall(data);
  } else if (data?.type === MESSAGE.store_snapshot || data?.type === MESSAGE.drop_snapshot) {
    keepSnapshot = data.type === MESSAGE.store_snapshot;
    settleSnapshot();
  } else if (data?.type === MESSAGE.make_snapshot) {
    texts = data.texts ?? {};
    makeAndStoreSnapshot(data).then(
      (bytes) => say({ type: MESSAGE.snapshot_made, bytes }),
      (error) => {
        console.warn("Python snapshot not made:", error);
        say({ type: MESSAGE.snapshot_made, bytes: 0 });
      });
  } else if (data?.type === MESSAGE.ping) {
    say({ type: MESSAGE.pong }); // the page checks that a kept worker still lives
  }
});
