// The site's service worker: once the reader has asked for it ("Spara för användning utan
// uppkoppling", docs/assets/widget/offline.js), every page, widget, search and letter
// works without a network, and a new deploy is never hidden behind an old copy. Until
// then nothing registers it and the site stores nothing in the browser.
//
// Written into the site root as sw.js by site_config/deploy/offline (the build puts the list of
// files, OFFLINE below, in front of this file, so every deploy gives new bytes and the
// browser installs the new worker, and the protocol, PROTOCOL: the messages and the
// stores' names, declared once in site_config/protocol.yaml). Every URL is relative to
// the worker's own address, so the site works under any path prefix.
//
// Three stores (their names in PROTOCOL.caches):
//   kb-static        files whose URL names their content (Pyodide's version folder, the
//                    app folder named by its hash, Material's hashed bundles): served from
//                    the store first; kept across deploys, pruned to this build's list.
//   kb-site-<build>  pages and the other files (widget scripts, the search index): from
//                    the network first, from the store only offline or after
//                    NETWORK_TIMEOUT_MS; stores of other builds are deleted on activation.
//   kb-python-snapshot  the snapshot of Python's memory the page's Python worker keeps
//                   for a quick start (docs/assets/widget/worker.mjs; the same name
//                   there), under its standard library's address: pruned here when
//                   that file is no longer this build's.
// At install only pages and small files are stored; Pyodide's files are stored when a
// page asks for them (store_pyodide). A store that fails (a full disk: the quota) never
// costs the reader the file itself: what was fetched is served all the same; the page is
// told (store_failed), and offline.js says so and lets the snapshot go.

/* global OFFLINE, PROTOCOL */
const SCOPE = self.registration.scope;
const MESSAGE = PROTOCOL.service_worker;
const WHY = PROTOCOL.served_because;
const STATIC = PROTOCOL.caches.static;
const SITE = `${PROTOCOL.caches.site}${OFFLINE.build}`;
const SNAPSHOTS = PROTOCOL.caches.snapshots;
const NETWORK_TIMEOUT_MS = 3500;
const PARALLEL = 4;

const absolute = (path) => new URL(path, SCOPE).href;
const pages = OFFLINE.pages.map(absolute);
const files = OFFLINE.files.map(absolute);
const immutable = new Set([...OFFLINE.immutable, ...OFFLINE.pyodide].map(absolute));
const pyodide = OFFLINE.pyodide.map(absolute);
const known = new Set([...pages, ...files]);
// Pages this worker last answered from the store, with the date of the stored copy.
const fromStore = new Map();

const withoutQuery = (url) => {
  const clean = new URL(url);
  clean.search = "";
  clean.hash = "";
  return clean.href;
};

// Fetch `urls` into `cacheName`, PARALLEL at a time; any failure rejects (a full disk
// with a QuotaExceededError, which the page explains).
async function store(cacheName, urls, init) {
  const cache = await caches.open(cacheName);
  const queue = [...urls];
  const one = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      if (init === undefined && (await cache.match(url))) continue;
      const response = await fetch(url, init ?? {});
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, one));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    // Revalidated with the server: the pages of this deploy, not the HTTP cache's.
    await store(SITE, [...pages, ...files], { cache: "no-cache" });
    await store(STATIC, OFFLINE.immutable.map(absolute));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PROTOCOL.caches.site) && name !== SITE) await caches.delete(name);
    }
    const cache = await caches.open(STATIC);
    for (const request of await cache.keys()) {
      if (!immutable.has(request.url)) await cache.delete(request);
    }
    if (await caches.has(SNAPSHOTS)) {
      const snapshots = await caches.open(SNAPSHOTS);
      for (const request of await snapshots.keys()) {
        if (!immutable.has(withoutQuery(request.url))) await snapshots.delete(request);
      }
    }
    await self.clients.claim();
    // An open page of another build offers a reload (docs/assets/widget/offline.js).
    for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
      client.postMessage({ type: MESSAGE.activated, build: OFFLINE.build });
    }
  })());
});

// Stores a copy of `response` under `key` without holding the response back: a store
// that fails (no room left) only means the file is fetched again next time.
function keep(event, cacheName, key, response) {
  if (!response.ok) return;
  const copy = response.clone();
  event.waitUntil(caches.open(cacheName)
    .then((cache) => cache.put(key, copy))
    .catch((error) => console.warn("offline: not stored:", key, error?.message ?? error)));
}

async function cacheFirst(event) {
  const { request } = event;
  const stored = await caches.match(request.url, { cacheName: STATIC });
  if (stored) return stored;
  const response = await fetch(request);
  keep(event, STATIC, request.url, response);
  return response;
}

// The network's answer, or after NETWORK_TIMEOUT_MS or a failure the stored copy (the
// network's answer still updates the store when it comes). Why the stored copy was
// served is kept for the page's notice (served_because): offline (the browser knows it
// is offline, or the request failed) or slow (online, but the server did not answer in
// time).
async function networkFirst(event) {
  const key = withoutQuery(event.request.url);
  const cache = await caches.open(SITE);
  const served = (stored, why) => {
    fromStore.set(key, { date: stored.headers.get("Date") || "", why });
    return stored;
  };
  if (self.navigator.onLine === false) {
    // Known to be offline: no waiting for a request that cannot succeed.
    const stored = await cache.match(key);
    if (stored) return served(stored, WHY.offline);
  }
  const network = fetch(event.request).then((response) => {
    if (response.ok) {
      keep(event, SITE, key, response);
      fromStore.delete(key);
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_TIMEOUT_MS);
  });
  let why = WHY.slow;
  try {
    const response = await Promise.race([network, slow]);
    if (response) return response;
  } catch {
    why = WHY.offline; // a network error: the store below
  } finally {
    clearTimeout(timer);
  }
  const stored = await cache.match(key);
  if (!stored) return network;
  return served(stored, why);
}

// Set when the reader removes what was stored ("Ta bort det som sparats"): until the page
// is left this worker still controls it, but it must neither serve nor store anything.
let removed = false;

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (removed || request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (immutable.has(request.url)) {
    event.respondWith(cacheFirst(event));
  } else if (known.has(withoutQuery(request.url))) {
    event.respondWith(networkFirst(event));
  }
});

self.addEventListener("message", (event) => {
  const { data, source } = event;
  const reply = (message) => source?.postMessage({ ...message, build: OFFLINE.build });
  if (data?.type === MESSAGE.remove) {
    removed = true; // nobody waits for a reply: the page unregisters this worker at once
  } else if (data?.type === MESSAGE.store_pyodide) {
    event.waitUntil(store(STATIC, pyodide).then(
      () => reply({ type: MESSAGE.stored, pyodide: true }),
      (error) => reply({ type: MESSAGE.store_failed, quota: error?.name === "QuotaExceededError",
                         message: String(error?.message ?? error) })));
  } else if (data?.type === MESSAGE.page_source) {
    const key = withoutQuery(absolute(data.url));
    reply({ type: MESSAGE.page_source, url: data.url, stored: fromStore.get(key) ?? null });
  }
});
