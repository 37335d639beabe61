/* The handbook's service worker, copied by the build (macros/site/service_worker.py) to the
 * site's root, so that its scope covers every language. On the first visit it stores every page
 * and every file the pages use, of every language, in one cache named after this build. What to
 * store and the build's version are data the build writes beside it, in sw-data.js (FILES, from
 * cached_files, PDFS, and VERSION, a hash of those files and the PDFs); a room without a network
 * then still has the whole handbook, search and the session page included. A new build is a
 * new sw-data.js: the browser checks the scripts a worker imports as it checks the worker,
 * installs the new one, and that drops the old caches. Pages come from the network while there
 * is one, and from the cache when there is none or it does not answer within a few seconds; everything else
 * (built with fixed contents) from the cache first. It sends nothing anywhere. */
/* global VERSION, FILES, PDFS -- from sw-data.js (PDFS: stored only when a page asks) */
"use strict";

importScripts("sw-data.js");

const CACHE = `handbook-${VERSION}`;
const PATIENCE = 4000;  // milliseconds to wait for the network before a page comes from the cache
const AT_ONCE = 6;  // files fetched at the same time while the cache fills

// --- "Ready without a network": the pages hear how far the cache is ----------------------------
// Each open page of the site gets {type: "hb-offline", done, total, pdfs, pdfCount, failed}
// while the cache fills and once it is full (offline-ready.js shows it).
async function tell(news) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
    client.postMessage({ type: "hb-offline", pdfCount: PDFS.length, ...news });
  }
}

/** Store whichever of `files` the cache lacks, telling the pages how far it is. */
async function fill(files, pdfs) {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((request) => request.url));
  const address = (file) => new URL(file, self.location).href;
  const missing = files.filter((file) => !have.has(address(file)));
  let done = files.length - missing.length;
  await tell({ done, total: files.length, pdfs });
  try {
    for (let start = 0; start < missing.length; start += AT_ONCE) {
      await Promise.all(missing.slice(start, start + AT_ONCE).map(async (file) => {
        const response = await fetch(new Request(file, { cache: "reload" }));
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        await cache.put(address(file), response);
        done += 1;
      }));
      await tell({ done, total: files.length, pdfs });
    }
  } catch (error) {
    await tell({ done, total: files.length, pdfs, failed: true });
    throw error;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await fill(FILES, false);
    await self.skipWaiting();
  })());
});

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "hb-offline") return;
  const pdfs = Boolean(event.data.pdfs);
  event.waitUntil(fill(pdfs ? FILES.concat(PDFS) : FILES, pdfs).catch(() => {}));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("handbook-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const query = url.search;
  url.hash = "";
  url.search = "";
  const found = (await cache.match(url.href)) ||
    (url.pathname.endsWith("/index.html") ? await cache.match(url.href.slice(0, -10)) : undefined);
  // A copy without the cached URL: a worker started as search.js?worker=… must keep its query
  // in self.location, which a cached response would replace with the URL it was stored under.
  return found && query ? new Response(found.body, found) : found;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The network's page when it answers; the cached one when it fails or keeps the room
    // waiting (a weak Wi-Fi) for more than a few seconds.
    event.respondWith((async () => {
      const network = fetch(request);
      const slow = new Promise((resolve) => setTimeout(resolve, PATIENCE));
      const first = await Promise.race([network.catch(() => null), slow]);
      return first || (await fromCache(request)) || network;
    })());
  } else {
    event.respondWith((async () => (await fromCache(request)) || fetch(request))());
  }
});
