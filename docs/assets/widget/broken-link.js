// "Rapportera en trasig länk" on the 404 page (site_config/overrides/404.html): the
// static page cannot know which address was asked for, so its mail's subject is filled
// in here with that address – origin and path only. The query is left out, since a
// widget's link holds the reader's answers, and so is the fragment; nothing else is
// added. The subject's words come from the page (ui.yaml, not_found.report_subject).

import { PROTOCOL } from "./ui.js";

/** At most this many characters of the path go into the subject (a mail client may
 * refuse a very long mailto: link; nginx sends addresses over 8 kB to the 414 page). */
const MAX_PATH = 300;
const ATTR = PROTOCOL.attributes;

for (const link of document.querySelectorAll(`a[${ATTR.broken_link}]`)) {
  const path = location.pathname.length > MAX_PATH
    ? `${location.pathname.slice(0, MAX_PATH)}…`
    : location.pathname;
  const subject = link.getAttribute(ATTR.subject).replace("{url}", `${location.origin}${path}`);
  link.href = `mailto:${link.getAttribute(ATTR.broken_link)}?subject=${encodeURIComponent(subject)}`;
}
