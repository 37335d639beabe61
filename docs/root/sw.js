/* The handbook's service worker, copied by the build (macros/site/service_worker.py) to the
 * site's root, so that its scope covers every language. On the first visit it stores every page
 * and every file the pages use, of every language, in one cache named after this build. What to
 * store and the build's version are data the build writes beside it, in sw-data.js (FILES, from
 * cached_files, and VERSION, a hash of those files); a room without a network then still has
 * the whole handbook, search and the session page included. A new build is a new sw-data.js:
 * the browser checks the scripts a worker imports as it checks the worker, installs the new
 * one, and that drops the old caches. Pages come from the network while there is one, and from
 * the cache when there is none or it does not answer within a few seconds; everything else
 * (built with fixed contents) from the cache first. It sends nothing anywhere. */
/* global VERSION, FILES -- from sw-data.js */
"use strict";

importScripts("sw-data.js");

const CACHE = `handbook-${VERSION}`;
const PATIENCE = 4000;  // milliseconds to wait for the network before a page comes from the cache

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })));
    await self.skipWaiting();
  })());
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
