// The page's side of the service worker (site_config/offline/sw.js): register it once
// the page has been drawn and its widgets have started (so storing the site never
// competes with the first answer), ask it to store Pyodide unless the reader saves data,
// say when a page comes from the store, and offer a reload when a new version has
// been deployed while the page was open.
//
// <html data-kb-offline="pages|all"> says what has been stored (tests wait on it).

import { STORED_EVENT, fill, onEveryPage, savesData } from "./page.js";
import { ACTION, ROLE, STATE, TEXT } from "./ui.js";

const T = TEXT.offline;
const workers = navigator.serviceWorker;
const ROOT = new URL("../../", import.meta.url);
const pageBuild = document.querySelector('meta[name="kb-build"]')?.content;
let registration = null;

// The load event, then every widget or exercise out of its loading state (Python
// ready or failed): only then does the worker start fetching.
async function pageSettled() {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  }
  const loading = `[data-state="${STATE.loading}"]`;
  if (!document.querySelector(loading)) return;
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(loading)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

function notice(role, parts) {
  document.querySelector(`[data-role="${role}"]`)?.remove();
  const box = document.createElement("p");
  box.dataset.role = role;
  box.className = "kb-offline-notice";
  box.setAttribute("role", "status");
  box.append(...parts);
  (document.querySelector("article") ?? document.body).prepend(box);
  return box;
}

function showStored(date) {
  const when = date ? new Date(date) : null;
  const text = when && !Number.isNaN(when.getTime())
    ? when.toLocaleDateString("sv-SE", { day: "numeric", month: "long", year: "numeric" })
    : T.unknown_date;
  const box = notice(ROLE.offline_notice, [fill(T.stored_notice, { date: text })]);
  addEventListener("online", () => box.remove(), { once: true });
}

function offerReload() {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.action = ACTION.reload;
  button.className = "md-button";
  button.textContent = T.reload;
  button.addEventListener("click", () => location.reload());
  notice(ROLE.update_notice, [`${T.new_version} – `, button]);
}

function told(pyodide) {
  dispatchEvent(new CustomEvent(STORED_EVENT, { detail: { pyodide } }));
}

function onMessage({ data }) {
  if (data?.type === "stored") {
    document.documentElement.dataset.kbOffline = data.pyodide ? "all" : "pages";
    told(data.pyodide);
  } else if (data?.type === "page-source" && data.stored !== null && data.url === location.href) {
    showStored(data.stored);
  } else if (data?.type === "activated" && pageBuild && data.build !== pageBuild) {
    offerReload();
  }
}

// Every page, also one reached by instant navigation: was it the stored copy? And is
// there a newer deploy (the browser checks the worker's script only on full loads)?
function checkPage() {
  workers.controller?.postMessage({ type: "page-source", url: location.href });
  lookForUpdate();
}

function lookForUpdate() {
  if (navigator.onLine) registration?.update().catch(() => undefined);
}

async function start() {
  workers.addEventListener("message", onMessage);
  onEveryPage(checkPage);
  addEventListener("online", lookForUpdate);
  await pageSettled();
  try {
    registration = await workers.register(new URL("sw.js", ROOT), { scope: ROOT.href });
    const ready = await workers.ready;
    ready.active.postMessage({ type: savesData() ? "pages-only" : "store-pyodide" });
  } catch (error) {
    told(false);
    // No worker (a development server without sw.js, a browser that refuses it): the
    // site works as before, online only.
    console.info("offline:", error?.message ?? error);
  }
}

if (workers) start();
else told(false);
