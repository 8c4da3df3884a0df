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
// the standard library, the app files) passes through a counter, and the page is told
// how many bytes have come so far. Unpacked bytes, as the build counts the total.
function countFetchedBytes() {
  const original = self.fetch;
  let loaded = 0;
  self.fetch = async (...args) => {
    const response = await original.apply(self, args);
    if (!response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        say({ type: "progress", loaded });
        controller.enqueue(chunk);
      },
    });
    // The same status and headers (Content-Type: application/wasm for the streaming
    // compile), with the counted body.
    return new Response(response.body.pipeThrough(counter), {
      status: response.status, statusText: response.statusText, headers: response.headers,
    });
  };
  return () => {
    self.fetch = original;
  };
}

async function start({ pyodide, app }) {
  const stopCounting = countFetchedBytes();
  try {
    await startPython({ pyodide, app });
  } finally {
    stopCounting();
  }
}

async function startPython({ pyodide, app }) {
  let failWasm;
  const wasmFailed = new Promise((_, reject) => {
    failWasm = (error) => reject(new Error(String(error?.message ?? error)));
  });
  reportWasmFailures(failWasm);
  say({ type: "stage", stage: "fetching" });
  // Runtime, lockfile and tables are fetched in parallel; the lockfile (ours, a few
  // hundred bytes) lets Pyodide check the wheel's sha256 before installing it.
  const [{ loadPyodide }, lockFile, bundle] = await Promise.all([
    import(`${pyodide}pyodide.mjs`),
    fetchText(`${app}pyodide-lock.json`),
    fetchText(`${app}tables.json`),
  ]);
  say({ type: "stage", stage: "booting" });
  // Listing the wheel here lets Pyodide fetch and check it while the runtime boots.
  const py = await Promise.race([
    loadPyodide({
      indexURL: pyodide,
      // The build's trimmed standard library (site_config/browser_assets.py): 0.9 MB
      // instead of Pyodide's 2.5 MB.
      stdLibURL: `${pyodide}python_stdlib.kb.zip`,
      lockFileContents: lockFile,
      packageBaseUrl: app,
      packages: ["decision-logic"],
    }),
    wasmFailed,
  ]);
  say({ type: "stage", stage: "installing" });
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
      await start(data);
      say({ type: "ready" });
    } catch (error) {
      console.error(error);
      say({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data?.type === "call") {
    answerCall(data);
  } else if (data?.type === "ping") {
    say({ type: "pong" }); // the page checks that a kept worker still lives
  }
});
