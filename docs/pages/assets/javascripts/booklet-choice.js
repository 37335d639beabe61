// The whole handbook's print page (utskrift/): choose several parts to print together.
// Without JavaScript the page links each part's own page and PDF (and this fieldset stays
// hidden); with it, a checkbox per part hides the parts left out, on screen and on paper, and
// the contents list only the chosen parts, without page numbers (those are true only for the
// whole booklet). The choice lives in the address (#deler=anbefalinger,sjekklister, the same
// ids in every language), so a link opens the same choice. The texts are in the page.
(() => {
  "use strict";

  window.HandbookPage.ready("[data-hb-parts]", (picker) => {
    const KEY = "deler=";
    const boxes = [...picker.querySelectorAll("input[type=checkbox]")];
    const ids = boxes.map((box) => box.value);

    // The parts the address names (in the page's order; unknown ids are left out), or null
    // when the address holds no choice (no fragment, or an anchor of the page).
    const inAddress = () => {
      let fragment;
      try {
        fragment = decodeURIComponent(location.hash.slice(1));
      } catch {
        return null;  // not valid percent-encoding (#%E0, a link cut short): no choice in it
      }
      if (!fragment.startsWith(KEY)) {
        return null;
      }
      const named = fragment.slice(KEY.length).split(",").map((id) => id.trim());
      return ids.filter((id) => named.includes(id));
    };

    const show = (chosen) => {
      const every = chosen.length === ids.length;
      for (const box of boxes) {
        box.checked = chosen.includes(box.value);
      }
      for (const element of document.querySelectorAll("[data-hb-part]")) {
        element.hidden = !chosen.includes(element.dataset.hbPart);
      }
      document.documentElement.classList.toggle("hb-booklet-partial", !every);
      for (const note of document.querySelectorAll("[data-hb-parts-partial]")) {
        note.hidden = every;
      }
      for (const note of document.querySelectorAll("[data-hb-parts-none]")) {
        note.hidden = chosen.length > 0;
      }
    };

    picker.addEventListener("change", () => {
      const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
      show(chosen);
      const address = location.pathname + location.search;
      history.replaceState(history.state, "",
        chosen.length === ids.length ? address : `${address}#${KEY}${chosen.join(",")}`);
    });
    // An address typed or pasted over this one; a jump to an anchor keeps the choice.
    window.addEventListener("hashchange", () => {
      const chosen = inAddress();
      if (chosen) {
        show(chosen);
      }
    });

    picker.hidden = false;
    show(inAddress() || ids);
  });
})();
