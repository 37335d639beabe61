// Checklists and the print page: show the "Print" button (it needs JavaScript, so it stays
// hidden without it) and put the page's web address on the printed sheet, unless the build
// already wrote the public address there (it knows the site's address: --site-url).
(() => {
  "use strict";

  for (const button of document.querySelectorAll("[data-hb-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  for (const slot of document.querySelectorAll("[data-hb-url]")) {
    slot.textContent = slot.dataset.hbUrl || location.href.split("#")[0];
  }
  // A programme session's links into the planner and run mode, as full addresses on paper.
  for (const slot of document.querySelectorAll("[data-hb-link]")) {
    slot.textContent ||= new URL(slot.dataset.hbLink, location.href).href;
  }
})();
