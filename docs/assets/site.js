// The one script every page names: it imports what every page needs, then the modules
// of the page's own (a widget, the exercises, the link catalogue), which the build lists
// in the page's content (PROTOCOL.attributes.page_scripts; site_config/render/
// page_assets.py). Material's instant navigation brings the next page's content without
// a new load: the list is read again for each page it announces on document$, so a page
// reached that way gets its scripts too. A module is fetched and run once per window,
// however often it is named.

import "./search/highlight.js"; // search: the chosen result's words marked on its page
import "./widget/offline.js"; // offline use, offered and kept on every page
import "./widget/print.js"; // the printed page's header and footer, the print buttons
import { PROTOCOL } from "./widget/ui.js";

// A path under assets/, as the build writes it (nothing else is imported).
const MODULE = /^[a-z]+\/[a-z-]+\.js$/;

function loadPageScripts() {
  const attribute = PROTOCOL.attributes.page_scripts;
  const listed = document.querySelector(`[${attribute}]`)?.getAttribute(attribute) ?? "";
  for (const name of listed.split(" ")) {
    if (MODULE.test(name)) import(new URL(name, import.meta.url).href);
  }
}

if (window.document$) window.document$.subscribe(loadPageScripts);
else loadPageScripts();
