/* Registers the handbook's service worker (sw.js at the site's root, written by the build), so
 * that after the first visit every page of every language works without a network. Not on
 * file:// (a copy opened from a folder or a USB stick), where browsers run no service worker. */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script || location.protocol === "file:") return;
  // This file is <site>/<language>/assets/javascripts/register-service-worker.js.
  const root = new URL("../../../", script.src);
  window.addEventListener("load", () => {
    // updateViaCache "none": each check for a new build asks the server for sw.js and for the
    // data it imports (sw-data.js), never the browser's HTTP cache.
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname, updateViaCache: "none" })
      .catch(() => {});  // no sw.js (the live preview): the handbook works online as before
  });
})();
