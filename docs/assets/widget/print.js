// The footer of every printed page: "Utskriven <datum> – kontrollera aktuell version på
// <URL>", with the date of printing and the page's own address. The text goes into a CSS
// page-margin box (print.css places it), written when the page loads and again just
// before printing, so the date is the day of printing.

const STYLE_ID = "kb-print-footer";

function cssString(text) {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, " ")}"`;
}

function update() {
  let style = document.getElementById(STYLE_ID);
  if (!style) {
    style = document.createElement("style");
    style.id = STYLE_ID;
    document.head.append(style);
  }
  // The response letter prints on its own, without the site's footer.
  if (document.body.classList.contains("kb-print-letter")) {
    style.textContent = '@page { @bottom-left { content: none; } @bottom-right { content: none; } }';
    return;
  }
  const date = new Date().toLocaleDateString("sv-SE");
  const url = `${location.origin}${location.pathname}`;
  const text = `Utskriven ${date} – kontrollera aktuell version på ${url}`;
  style.textContent = `@page { @bottom-left { content: ${cssString(text)}; } }`;
}

window.addEventListener("beforeprint", update);
// Material's instant navigation changes the address without reloading the page.
if (window.document$) window.document$.subscribe(update);
else update();
