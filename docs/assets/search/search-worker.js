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
let index = null;

addEventListener("message", event => {
  const message = event.data;
  if (message.type === SETUP) {
    index = new self.kbSearch.Index(message.data.config, message.data.docs);
    // One search before the first keystroke compiles the ranking code, so that the
    // reader's first query is as quick as the ones after it.
    index.search("barnets plan");
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    let data = { items: [] };
    try {
      if (index) data = index.search(message.data);
    } catch (error) {
      console.warn("Sökningen misslyckades", error);
    }
    postMessage({ type: RESULT, data });
  }
});
