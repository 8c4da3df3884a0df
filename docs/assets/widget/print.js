// The footer of every printed page: "Utskriven <datum> · <status> – kontrollera aktuell
// version på <URL>", with the date of printing, the page's status and its own address, and
// its header: the content's status. print.css shows it in a
// page-margin box; this script only fills in the text, as a CSS custom property on the
// root element (CSSOM, so the site's Content-Security-Policy needs no inline styles).
// It is written when the page loads and again just before printing.

import { control, fill, having, onEveryPage } from "./page.js";
import { ACTION, PROTOCOL, TEXT } from "./ui.js";

// The attributes the build writes (site_config/protocol.yaml, through ./ui.js).
const ATTR = PROTOCOL.attributes;

function cssString(text) {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, " ")}"`;
}

// The page's governance line (owner, status, review), as the build renders it: printed
// at the head of every sheet. One selector, so a new rendering only changes this line.
const STATUS = ".kb-governance";

function update() {
  const root = document.documentElement;
  // The page's status ("Utkast …" or "Fastställd …"), as the build wrote it at its foot.
  const status = document.querySelector(having(ATTR.page_status))
    ?.getAttribute(ATTR.page_status) ?? "";
  // A letter prints on its own: the recipient's copy, with no line of the site's (no
  // status, no address, no page number). The status belongs to the template on the page,
  // where the writer sees it above the form; the recipient is outside the site, and
  // "Utkast" on their letter would read as if the meeting or the answer were a draft.
  if (document.body.classList.contains("kb-print-letter")) {
    root.style.setProperty("--kb-print-footer", "none");
    root.style.setProperty("--kb-print-page", "none");
    root.style.setProperty("--kb-print-status", "none");
    return;
  }
  const header = document.querySelector(STATUS)?.textContent.trim().replace(/\s+/g, " ");
  if (header) root.style.setProperty("--kb-print-status", cssString(header));
  else root.style.removeProperty("--kb-print-status");
  const date = new Date().toLocaleDateString("sv-SE");
  const url = `${location.origin}${location.pathname}`;
  root.style.setProperty("--kb-print-footer",
    cssString(fill(TEXT.print.footer, { date, status, url })));
  root.style.removeProperty("--kb-print-page");
}

// A page's own print button (the checklists): shown only where it can work.
function setUpButtons() {
  for (const holder of document.querySelectorAll(having(ATTR.print_action))) {
    const button = control(holder, ACTION.print_page);
    if (button.dataset.ready) continue;
    button.dataset.ready = "true";
    button.addEventListener("click", () => window.print());
    holder.hidden = false;
  }
}

// The trainer's guide prints in parts: each choice marks the part on the root element
// (cards.css shows only that part on paper) and prints; after printing, or cancelling,
// the whole page prints again.
function setUpChoices() {
  for (const holder of document.querySelectorAll(having(ATTR.print_choices))) {
    for (const button of holder.querySelectorAll(having(ATTR.action, ACTION.print_part))) {
      if (button.dataset.ready) continue;
      button.dataset.ready = "true";
      button.addEventListener("click", () => {
        document.documentElement.setAttribute(ATTR.print_part,
                                              button.getAttribute(ATTR.print_choice));
        window.print();
      });
    }
    holder.hidden = false;
  }
}

window.addEventListener("afterprint", () => {
  document.documentElement.removeAttribute(ATTR.print_part);
});
window.addEventListener("beforeprint", update);
// Material's instant navigation changes the address without reloading the page.
onEveryPage(() => {
  update();
  setUpButtons();
  setUpChoices();
});
