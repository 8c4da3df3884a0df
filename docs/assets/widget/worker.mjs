// Module worker that runs decision_logic in Pyodide. It only relays: the page asks
// "given these answers, what now?" and gets back what Python decided. Everything that
// can go wrong is caught here and reported to the page as a message, never left hanging.

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
// also counts the package, fetched later).
function countFetchedBytes() {
  const original = self.fetch;
  let loaded = 0;
  let active = 0;
  const done = () => {
    active -= 1;
    say({ type: "progress", loaded, active });
  };
  const count = async (body) => {
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        loaded += chunk.value.byteLength;
        say({ type: "progress", loaded, active });
      }
    } finally {
      done();
    }
  };
  self.fetch = async (...args) => {
    active += 1;
    say({ type: "progress", loaded, active });
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

// A returning reader's Python starts from a snapshot of its memory, taken on the first
// visit right after Pyodide's own start and before any of our code is loaded: restoring
// it takes a fraction of a second where the start itself takes seconds. The snapshot is
// made in this browser and never leaves it; it is kept gzipped (about 6 MB of 31) in the
// browser's Cache Storage under the address of the standard library it was made with,
// which names Pyodide's version and the library's content hash, so another runtime never
// meets it. Pyodide's snapshot options are marked experimental: any failure to read,
// store or restore one only means the ordinary start.
// The same name in site_config/offline/sw.js, which drops a snapshot whose standard
// library is no longer the site's.
const SNAPSHOTS = "kb-python-snapshot";
const snapshotKey = (stdlib) => `${stdlib}?snapshot`;

async function readSnapshot(stdlib) {
  try {
    if (!(await caches.has(SNAPSHOTS))) return null;
    const stored = await (await caches.open(SNAPSHOTS)).match(snapshotKey(stdlib));
    if (!stored) return null;
    const unpacked = stored.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(unpacked).arrayBuffer());
  } catch {
    return null;
  }
}

async function forgetSnapshots(keep = null) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const request of await cache.keys()) {
      if (request.url !== keep) await cache.delete(request);
    }
  } catch {
    // nothing stored, or no Cache Storage: nothing to forget
  }
}

// A snapshot made at the start, held until the page says whether the site has been
// stored for offline use with Python's files (then it is stored too) or not (dropped):
// a reader who saves data, or whose browser keeps no offline copy, gets none.
let madeSnapshot = null;
let keepSnapshot = null;

function settleSnapshot() {
  if (madeSnapshot === null || keepSnapshot === null) return;
  const { stdlib, made } = madeSnapshot;
  madeSnapshot = null;
  if (keepSnapshot) storeSnapshot(stdlib, made);
}

// Stored after the reader's Python is ready, so it never delays the first answer.
async function storeSnapshot(stdlib, snapshot) {
  try {
    const packed = new Blob([snapshot]).stream().pipeThrough(new CompressionStream("gzip"));
    const response = new Response(packed, { headers: { "Content-Type": "application/gzip" } });
    await (await caches.open(SNAPSHOTS)).put(snapshotKey(stdlib), response);
    await forgetSnapshots(new URL(snapshotKey(stdlib)).href);
  } catch {
    // no room, or no Cache Storage: the next visit starts the ordinary way
  }
}

async function startPython({ pyodide, stdlib, app, snapshot }) {
  let failWasm;
  const wasmFailed = new Promise((_, reject) => {
    failWasm = (error) => reject(new Error(String(error?.message ?? error)));
  });
  reportWasmFailures(failWasm);
  say({ type: "stage", stage: "fetching" });
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
  say({ type: "stage", stage: "booting" });
  const options = {
    indexURL: pyodide,
    // The build's trimmed standard library (site_config/browser_assets.py): 1 MB
    // instead of Pyodide's 2.5 MB.
    stdLibURL: stdlib,
    lockFileContents: lockFile,
    packageBaseUrl: app,
  };
  const boot = (extra) => Promise.race([loadPyodide({ ...options, ...extra }), wasmFailed]);
  if (stored) {
    try {
      await install(await boot({ _loadSnapshot: stored }), bundle);
      return { from: "snapshot" };
    } catch (error) {
      // Whatever went wrong after a restore, the ordinary start below is the remedy.
      console.warn("Python snapshot not used:", error);
      await forgetSnapshots();
    }
  }
  const py = await boot(canStore ? { _makeSnapshot: true } : {});
  // Before anything of ours is loaded: Pyodide refuses a snapshot that holds references
  // to JavaScript objects, and loading a package leaves some.
  const made = canStore ? py.makeMemorySnapshot() : null;
  await install(py, bundle);
  return { from: "start", snapshot: made === null ? null : { stdlib, made } };
}

// Our package into a started Python, and the tables into our package.
async function install(py, bundle) {
  say({ type: "stage", stage: "installing" });
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
    if (!["answer", "letter"].includes(fn)) throw new Error(`unknown call ${fn}`);
    response = api[fn](JSON.stringify(payload));
  } catch (error) {
    console.error(error);
    response = JSON.stringify({
      ok: false,
      error: texts.could_not_answer,
    });
  }
  say({ type: "response", id, response });
}

self.addEventListener("message", async ({ data }) => {
  if (data?.type === "start") {
    texts = data.texts ?? {};
    try {
      const started = await start(data);
      madeSnapshot = started.snapshot ?? null;
      say({ type: "ready", from: started.from });
      settleSnapshot();
    } catch (error) {
      console.error(error);
      say({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data?.type === "call") {
    answerCall(data);
  } else if (data?.type === "store-snapshot" || data?.type === "drop-snapshot") {
    keepSnapshot = data.type === "store-snapshot";
    settleSnapshot();
  } else if (data?.type === "ping") {
    say({ type: "pong" }); // the page checks that a kept worker still lives
  }
});
