// Offline use, as the reader's explicit choice. Until a reader presses "Spara för
// användning utan uppkoppling" the site stores nothing in the browser beyond the ordinary
// HTTP cache: no service worker, no Cache Storage, no snapshot of Python's memory. The
// registered service worker (site_config/deploy/offline/sw.js) *is* the choice: nothing else
// remembers it, so "Ta bort det som sparats" (unregister, delete the site's caches) leaves
// nothing behind, online or offline.
//
// The offer is every [data-role="offline-offer"] (the build's <!-- kb:offline --> marker:
// the start page, Om webbplatsen; and, quietly, after each widget). The build draws it as
// a first-time reader sees it: what will be stored and how much (pages and files,
// Python's files, the snapshot as measured; here from the meta kb-offline-bytes); this
// script draws it again for the reader's choice.
//
// Once chosen, each page load does what one visit did before: the worker is registered
// again (which looks for a new deploy), asked to store Python's files if any are missing,
// and the page says when it came from the store (offline, or a server too slow) and offers
// a reload when a new version has been deployed while it was open.
//
// <html data-kb-offline="off|saving|all"> says where the choice stands (tests wait on it).
// The messages to and from the service worker, the caches' names, the meta names and the
// attributes are declared in site_config/protocol.yaml (PROTOCOL, through ./ui.js).

import { STORED_EVENT, fill, having, onEveryPage, savesData } from "./page.js";
import { makeSnapshot } from "./runtime.js";
import { ACTION, PROTOCOL, ROLE, STATE, TEXT } from "./ui.js";

const T = TEXT.offline;
const MESSAGE = PROTOCOL.service_worker;
const ATTR = PROTOCOL.attributes;
const OFFLINE = PROTOCOL.offline_states;
const workers = navigator.serviceWorker;
const ROOT = new URL("../../", import.meta.url);
const SERVICE_WORKER = new URL("sw.js", ROOT);
//: the site's caches (sw.js, worker.mjs): all of them start so, and nothing else does
const isOurs = (name) => name.startsWith(PROTOCOL.caches.prefix);
const meta = (key) => document.querySelector(`meta[name="${PROTOCOL.meta[key]}"]`)?.content;
const pageBuild = meta("build");
// What "Spara" stores, in bytes, as the build counted it: site, python, snapshot.
const [siteBytes, pythonBytes, snapshotBytes] = (meta("offline_bytes") ?? "").split(" ")
  .map(Number);
let registration = null;
// "off", "confirm" (Save-Data: the size first), "saving", "all"; a message below it
let choice = { state: OFFLINE.off, message: "" };
// Resolved by the worker's reply to "store-pyodide" during a save.
let awaiting = null;

const megabytes = (bytes) =>
  (bytes / 1e6).toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

// The load event, then every widget or exercise out of its loading state (Python
// ready or failed): only then does a chosen worker look for updates and fetch.
async function pageSettled() {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => addEventListener("load", resolve, { once: true }));
  }
  const loading = having(ATTR.state, STATE.loading);
  if (!document.querySelector(loading)) return;
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(loading)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: [ATTR.state] });
  });
}

function notice(role, parts) {
  document.querySelector(having(ATTR.role, role))?.remove();
  const box = document.createElement("p");
  box.dataset.role = role;
  box.className = "kb-offline-notice";
  box.setAttribute("role", "status");
  box.append(...parts);
  (document.querySelector("article") ?? document.body).prepend(box);
  return box;
}

// The page came from the store: because the browser is offline, or because the server
// did not answer in time (online: then the notice stays, as the reason does).
function showStored({ date, why }) {
  const when = date ? new Date(date) : null;
  const text = when && !Number.isNaN(when.getTime())
    ? when.toLocaleDateString("sv-SE", { day: "numeric", month: "long", year: "numeric" })
    : T.unknown_date;
  const slow = why === PROTOCOL.served_because.slow;
  const box = notice(ROLE.offline_notice,
                     [fill(slow ? T.stored_slow : T.stored_notice, { date: text })]);
  if (!slow) addEventListener("online", () => box.remove(), { once: true });
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

// Tells runtime.js whether Python's files are stored: its worker then stores or drops
// the snapshot it made (and holds in memory) at the start.
function told(pyodide) {
  dispatchEvent(new CustomEvent(STORED_EVENT, { detail: { pyodide } }));
}

function onMessage({ data }) {
  if (data?.type === MESSAGE.stored || data?.type === MESSAGE.store_failed) {
    if (awaiting) awaiting(data);
    else afterStoring(data);
  } else if (data?.type === MESSAGE.page_source && data.stored !== null
             && data.url === location.href) {
    showStored(data.stored);
  } else if (data?.type === MESSAGE.activated && pageBuild && data.build !== pageBuild) {
    offerReload();
  }
}

// A later visit's "store-pyodide": usually nothing was missing. A full disk means Python
// cannot be kept here: the reader is told, and the snapshot leaves the worker's memory.
// Any other failure (offline with a file missing) keeps what is stored, silently.
function afterStoring(data) {
  if (data.type === MESSAGE.stored) {
    told(true);
    return;
  }
  told(false);
  console.info("offline:", data.message);
  if (data.quota) {
    notice(ROLE.offline_failed, [fill(T.store_failed, { reason: T.reason_quota })]);
  }
}

// ---- The offer ----------------------------------------------------------------------

function button(action, text, onClick, disabled = false) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "md-button";
  element.dataset.action = action;
  element.textContent = text;
  element.disabled = disabled;
  element.addEventListener("click", onClick);
  return element;
}

function paragraph(text) {
  const element = document.createElement("p");
  element.textContent = text;
  return element;
}

const whatIsStored = () => fill(T.offer, {
  site: megabytes(siteBytes), python: megabytes(pythonBytes),
  snapshot: megabytes(snapshotBytes),
});

// The offer's content for the current choice, into `offer`.
function draw(offer) {
  const parts = [];
  const { state, message } = choice;
  if (state === OFFLINE.all) {
    parts.push(paragraph(fill(T.saved, { size: megabytes(choice.bytes ?? 0) })),
               button(ACTION.offline_off, T.remove, remove));
  } else if (state === "confirm") {
    parts.push(paragraph(fill(T.save_data_warning,
                              { total: megabytes(siteBytes + pythonBytes + snapshotBytes) })),
               button(ACTION.offline_confirm, T.save_anyway, () => save(offer)));
  } else {
    parts.push(paragraph(whatIsStored()),
               button(ACTION.offline_on, T.save, () => ask(offer), state === OFFLINE.saving));
  }
  const status = document.createElement("p");
  status.dataset.role = ROLE.offline_status;
  status.setAttribute("role", "status");
  status.textContent = message;
  parts.push(status);
  offer.replaceChildren(...parts);
}

function drawAll() {
  document.documentElement.setAttribute(
    ATTR.offline, choice.state === "confirm" ? OFFLINE.off : choice.state);
  for (const offer of document.querySelectorAll(having(ATTR.role, ROLE.offline_offer))) {
    draw(offer);
  }
}

function setChoice(state, message = "", bytes = undefined) {
  choice = { state, message, bytes };
  drawAll();
}

// ---- Storing and removing -----------------------------------------------------------

// The bytes the site keeps in this browser, as the browser counts them (its caches and
// the worker's registration). Not by reading the stored responses: a body read keeps its
// entry alive, and the browser would go on counting it after "Ta bort".
async function storedBytes() {
  try {
    return (await navigator.storage.estimate()).usage ?? 0;
  } catch {
    return 0;
  }
}

// Unregisters the site's worker and deletes its caches; resolves to the bytes removed.
async function removeEverything() {
  told(false);
  for (const found of await workers.getRegistrations()) {
    if (found.scope !== ROOT.href) continue;
    // The worker goes on controlling open pages until they are left: it stops storing.
    for (const worker of [found.active, found.waiting, found.installing]) {
      worker?.postMessage({ type: MESSAGE.remove });
    }
    await found.unregister();
  }
  registration = null;
  const bytes = await storedBytes();
  for (const name of await caches.keys()) {
    if (isOurs(name)) await caches.delete(name);
  }
  return bytes;
}

// The newly registered worker, active; rejects when its install failed (it stores every
// page while installing: a full disk ends it there).
function activated(found) {
  const installing = found.installing ?? found.waiting;
  const failed = new Promise((_, reject) => {
    installing?.addEventListener("statechange", () => {
      if (installing.state === "redundant") reject(new Error("install failed"));
    });
  });
  return Promise.race([workers.ready, failed]);
}

// "Spara": the size first for a reader whose browser asks to save data.
function ask(offer) {
  if (savesData()) setChoice("confirm");
  else save(offer);
}

async function save(offer) {
  setChoice(OFFLINE.saving, T.saving_pages);
  try {
    registration = await workers.register(SERVICE_WORKER, { scope: ROOT.href });
    const active = (await activated(registration)).active;
    setChoice(OFFLINE.saving, T.saving_python);
    const reply = await new Promise((resolve) => {
      awaiting = resolve;
      active.postMessage({ type: MESSAGE.store_pyodide });
    });
    awaiting = null;
    if (reply.type !== MESSAGE.stored) {
      throw Object.assign(new Error(reply.message), { quota: reply.quota });
    }
    told(true);
    setChoice(OFFLINE.saving, T.saving_snapshot);
    await makeSnapshot(snapshotSource(offer));
    setChoice(OFFLINE.all, "", await storedBytes());
  } catch (error) {
    awaiting = null;
    console.info("offline:", error?.message ?? error);
    await removeEverything().catch(() => undefined);
    const quota = error?.quota || (await outOfRoom());
    setChoice(OFFLINE.off, fill(T.store_failed,
                                { reason: quota ? T.reason_quota : T.reason_other }));
  }
}

// The element with the runtime's addresses: the offer itself, or any widget on the page.
function snapshotSource(offer) {
  return offer?.hasAttribute(ATTR.pyodide) ? offer : document.querySelector(having(ATTR.pyodide));
}

// Whether the browser has less room for the site than it needs (an install that failed
// does not say why).
async function outOfRoom() {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return quota - usage < siteBytes + pythonBytes;
  } catch {
    return false;
  }
}

async function remove() {
  const bytes = await removeEverything();
  setChoice(OFFLINE.off, fill(T.removed, { size: megabytes(bytes) }));
}

// ---- Every page ---------------------------------------------------------------------

// Every page, also one reached by instant navigation: the offers drawn, and where the
// reader has chosen offline use: was the page the stored copy? Is there a newer deploy
// (the browser checks the worker's script only on full loads)?
function setUpPage() {
  drawAll();
  if (registration) {
    workers.controller?.postMessage({ type: MESSAGE.page_source, url: location.href });
    lookForUpdate();
  }
}

function lookForUpdate() {
  if (navigator.onLine) registration?.update().catch(() => undefined);
}

async function start() {
  workers.addEventListener("message", onMessage);
  registration = (await workers.getRegistration(ROOT.href)) ?? null;
  if (registration) setChoice(OFFLINE.all, "", await storedBytes().catch(() => 0));
  onEveryPage(setUpPage);
  if (!registration) return; // not chosen: nothing registered, nothing stored
  addEventListener("online", lookForUpdate);
  await pageSettled();
  if (!registration) return; // removed meanwhile
  try {
    registration = await workers.register(SERVICE_WORKER, { scope: ROOT.href });
    const ready = await workers.ready;
    ready.active.postMessage({ type: MESSAGE.store_pyodide });
  } catch (error) {
    told(false);
    console.info("offline:", error?.message ?? error);
  }
}

if (workers && typeof caches !== "undefined") start();
else told(false);
