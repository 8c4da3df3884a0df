// Small helpers that the site's scripts share: finding a part of a component, filling in
// a text, showing a message, and running setup on every page, including pages reached by
// Material's instant navigation (which swaps the content without reloading).
//
// The texts and the names of the page's parts come from ./ui.js, which the build writes
// from site_config/ui.yaml; `role` and `action` are names from there (ROLE.result,
// ACTION.restart …).

import { PROTOCOL, TEXT } from "./ui.js";

const ATTR = PROTOCOL.attributes;

// A selector for the elements that have `attribute` (a name from PROTOCOL.attributes),
// with `value` when one is given (escaped by the caller where it comes from the page).
export const having = (attribute, value) =>
  (value === undefined ? `[${attribute}]` : `[${attribute}="${value}"]`);

export const part = (root, role) => root.querySelector(having(ATTR.role, role));
export const control = (root, action) => root.querySelector(having(ATTR.action, action));

// A text from ui.js with each {name} replaced by values[name].
export const fill = (text, values = {}) => text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

// The same, as pieces for append(): a value may be a node (a link, a <strong>).
export function fillParts(text, values = {}) {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? values[piece] : piece)).filter((p) => p !== "");
}

// Puts `text` on the clipboard and says so in `note` (a status region); where the
// browser refuses, `note` shows the text to copy by hand.
export async function copyText(text, note, done) {
  // Emptied first, so the status region around the note announces a repeated copy too.
  note.textContent = "";
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = done;
  } catch {
    note.textContent = fill(TEXT.widget.copy_by_hand, { text });
  }
  note.hidden = false;
}

// The reader has asked the browser to save data: store pages for offline use, not Python.
export const savesData = () => navigator.connection?.saveData === true;

// Sent on window by offline.js when the service worker has stored what it was asked to
// (detail.pyodide: Python's files too), or could not; runtime.js then lets its worker
// keep or drop the snapshot of Python's memory that makes the next visit's start quick.
export const STORED_EVENT = PROTOCOL.events.stored;

// Runs `work` once the current frame has been painted (a page in a hidden tab, which gets
// no frames, runs it at once): for work the first screen does not need.
export function afterPaint(work) {
  if (document.visibilityState === "hidden") setTimeout(work, 0);
  else requestAnimationFrame(() => setTimeout(work, 0));
}

export function showError(box, message) {
  box.textContent = message;
  box.hidden = !message;
}

// `setUp` must be safe to run twice: it runs at once (this module may load before
// Material's bundle) and again for each page document$ announces.
export function onEveryPage(setUp) {
  setUp();
  const follow = () => window.document$?.subscribe(setUp);
  if (window.document$) follow();
  else addEventListener("DOMContentLoaded", follow, { once: true });
}
