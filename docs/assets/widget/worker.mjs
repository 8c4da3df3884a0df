// Module worker that runs decision_logic in Pyodide. It only relays: the page asks
// "given these answers, what now?" and gets back what Python decided.

let api = null;

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function start({ pyodide, app }) {
  // Runtime, lockfile and tables are fetched in parallel; the lockfile (ours, a few
  // hundred bytes) lets Pyodide check the wheel's sha256 before installing it.
  const [{ loadPyodide }, lockFile, bundle] = await Promise.all([
    import(`${pyodide}pyodide.mjs`),
    fetchText(`${app}pyodide-lock.json`),
    fetchText(`${app}tables.json`),
  ]);
  // Listing the wheel here lets Pyodide fetch and check it while the runtime boots.
  const py = await loadPyodide({
    indexURL: pyodide,
    lockFileContents: lockFile,
    packageBaseUrl: app,
    packages: ["decision-logic"],
  });
  api = py.pyimport("decision_logic.browser");
  api.install(bundle);
}

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    try {
      await start(data);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "call" && ["answer", "letter"].includes(data.fn)) {
    const response = api[data.fn](JSON.stringify(data.payload));
    self.postMessage({ type: "response", id: data.id, response });
  }
});
