/* "Ready without a network" (samling/): says how far the service worker (sw.js) has stored the
 * handbook in this browser, and when it holds all of it; a facilitator can ask for it now, with
 * the PDFs if they like. The worker tells every open page of the site as the cache fills
 * ({type: "hb-offline", done, total, pdfs, pdfCount, failed}); asked, it stores what is
 * missing and tells again. Nothing here leaves the browser but requests for the site's own
 * files. Not on file:// (no service worker there: the copy for a USB stick is whole already). */
(() => {
  "use strict";

  const Page = window.HandbookPage;

  Page.ready("[data-hb-session]", (session, data) => {
    const root = session.querySelector("[data-hb-offline]");
    if (!root) return;
    const t = data.strings;
    const $ = Page.finder(root);
    const fill = Page.fill;
    const status = $("offline-status");
    const say = (text) => {
      if (status.textContent !== text) status.textContent = text;
    };

    if (location.protocol === "file:") return;  // the copy on a stick is whole: nothing to say
    root.hidden = false;
    if (!("serviceWorker" in navigator)) {
      say(t.offline_unavailable);
      return;
    }

    navigator.serviceWorker.addEventListener("message", (event) => {
      const news = event.data;
      if (!news || news.type !== "hb-offline") return;
      const pdfs = $("offline-pdfs");
      pdfs.closest("p").hidden = !news.pdfCount;
      pdfs.nextElementSibling.textContent = fill(t.offline_pdfs, { count: news.pdfCount });
      if (news.failed) say(t.offline_failed);
      else if (news.done < news.total) say(fill(t.offline_progress, { done: news.done, total: news.total }));
      else say(news.pdfs ? t.offline_ready_pdfs : t.offline_ready);
    });
    navigator.serviceWorker.startMessages();

    /** Ask the active worker to store what is missing (and the PDFs, if ticked). */
    async function ask() {
      const registration = await navigator.serviceWorker.ready;
      registration.active.postMessage({ type: "hb-offline", pdfs: $("offline-pdfs").checked });
    }

    say(t.offline_waiting);
    $("offline-fill").addEventListener("click", ask);
    ask();  // once the worker is active: how far it is (it fills on its first visit by itself)
  });
})();
