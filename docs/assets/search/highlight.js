/* Highlighting the searched words on the page a search result leads to – without
 * Material's `?h=` (search.highlight), which put the typed words into the address, the
 * browser history and the server's access log.
 *
 * When a result is chosen (by click, or by Enter, which Material turns into a click),
 * the words that the result list marked for that page are kept in this module's
 * memory (of the window). Material's instant navigation keeps the window and announces
 * the new page on `document$`; then the same words are marked in the new article and
 * forgotten. They are never written to the address, a request, the
 * history state or any storage. A page loaded in full (no instant navigation, e.g. when
 * the site is served at another address than SITE_URL) is not highlighted.
 *
 * It also tells the search worker when the reader opens the search box, so that the
 * worker builds its index then and not on every page load (search-worker.js).
 */
// Material may run this module again on a page it brings; the state and the listeners
// belong to the window, once.
const state = window.kbSearchHighlight ??= { chosen: null, listening: false };

/** Parts of the page that are not prose: the widget form, code, drawings, controls. */
const SKIP = "script, style, svg, mark, code, pre, form, button, textarea, select, " +
  "[data-search-exclude]";

function mark(root, words) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (!node.parentElement || node.parentElement.closest(SKIP))
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const parts = node.data.split(/([\p{L}\p{N}]+)/u);
    if (!parts.some((part) => words.has(part.toLocaleLowerCase("sv")))) continue;
    const fragment = document.createDocumentFragment();
    for (const part of parts) {
      if (words.has(part.toLocaleLowerCase("sv"))) {
        const element = document.createElement("mark");
        element.dataset.kbSearchHighlight = "";
        element.textContent = part;
        fragment.append(element);
      } else if (part) {
        fragment.append(part);
      }
    }
    node.replaceWith(fragment);
  }
}

const ARTICLE = "article.md-content__inner";
const SEARCH_BOX = "input[data-md-component=\"search-query\"]";

/** Mark the chosen words in the page Material has just brought, and forget them. */
function markChosen(page) {
  const words = state.chosen;
  state.chosen = null;
  // Before Material moves the new page in, its article is still in the fetched page;
  // after, in this document: either way these are the nodes the reader will see.
  const article = page?.querySelector?.(ARTICLE) ?? document.querySelector(ARTICLE);
  if (words?.size && article) mark(article, words);
}

if (!state.listening) {
  state.listening = true;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element
      ? event.target.closest(".md-search-result__link") : null;
    if (!link) return;
    const item = link.closest(".md-search-result__item") ?? link;
    state.chosen = new Set([...item.querySelectorAll("mark")]
      .map((mark) => mark.textContent.toLocaleLowerCase("sv")));
  }, true);
  window.document$?.subscribe(markChosen);
  // The search worker builds its index only when it is wanted (search-worker.js): say so
  // as soon as the reader opens the box, so it is ready by the first keystroke.
  const warm = new BroadcastChannel("kb-search-warm");
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches(SEARCH_BOX)) {
      warm.postMessage("open");
    }
  });
}
