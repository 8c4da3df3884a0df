/* The search worker that Material's search box talks to (the `search` entry of the
 * page's config points here instead of Material's lunr worker; see
 * site_config/overrides/partials/kb-search-config.html).
 *
 * Material's protocol, unchanged: the page sends the index (SETUP), we answer READY; it
 * sends each query as typed (QUERY), we answer the groups of results (RESULT). So the
 * search box, its keyboard handling, the result list and instant navigation stay
 * Material's own. The query stays in this worker: nothing is fetched or stored.
 */
"use strict";
importScripts("search-core.js");

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
//: The page says "the reader opened the search box" on this channel (highlight.js).
const WARM_CHANNEL = "kb-search-warm";
let index = null;
// Material's index data, kept as it came until a search needs it.
let source = null;
let wanted = false;

// Building the index costs a noticeable slice of CPU (about 0.15 s on a slow machine), and
// Material sends the data on every full page load, right when a widget page starts
// Python. So it is built only when the reader opens the search box (or types, if the
// page's signal never came), not for every reader who never searches.
function build() {
  if (index || !source) return;
  index = new self.kbSearch.Index(source.config, source.docs);
  source = null;
  // One search before the first keystroke compiles the ranking code, so that the
  // reader's first query is as quick as the ones after it.
  index.search("barnets plan");
}

new BroadcastChannel(WARM_CHANNEL).addEventListener("message", () => {
  wanted = true;
  build();
});

addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) {
    source = message.data;
    if (wanted) build();
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    let data = { items: [] };
    try {
      // Material asks once with the empty box as soon as we are ready: nothing to find.
      if (/[\p{L}\p{N}]/u.test(message.data)) build();
      if (index) data = index.search(message.data);
    } catch (error) {
      console.warn("Sökningen misslyckades", error);
    }
    postMessage({ type: RESULT, data });
  }
});
