// Small helpers that the site's scripts share: finding a part of a component, showing a
// message, and running setup on every page, including pages reached by Material's
// instant navigation (which swaps the content without reloading).

export const part = (root, role) => root.querySelector(`[data-role="${role}"]`);

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
