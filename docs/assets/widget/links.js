// The copy buttons of the link catalogue (/beslutsstod/lankar/): each copies the address
// of the answer link beside it, resolved against this page, so the copy is right wherever
// the site is served. Shown only where they can work (without JavaScript they stay hidden).

import { control, copyText, fill, having, onEveryPage, part } from "./page.js";
import { ACTION, PROTOCOL, ROLE, TEXT } from "./ui.js";

// The attributes the build writes (site_config/protocol.yaml, through ./ui.js).
const ATTR = PROTOCOL.attributes;

function setUp() {
  for (const holder of document.querySelectorAll(having(ATTR.copy_holder))) {
    const button = control(holder, ACTION.copy_answer_link);
    if (button.dataset.ready) continue;
    button.dataset.ready = "true";
    const anchor = holder.closest("td").querySelector(having(ATTR.answer_link));
    button.addEventListener("click", () => {
      const link = new URL(anchor.getAttribute("href"), location.href).href;
      copyText(link, part(holder, ROLE.copied), fill(TEXT.links.copied, { link }));
    });
    holder.hidden = false;
  }
}

onEveryPage(setUp);
