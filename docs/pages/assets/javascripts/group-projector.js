/* The group result on a projector (egenvurdering/gruppe/): one statement at a time, in letters
 * that can be read from the back of the room, the biggest spreads first, moved by the keys a
 * presentation clicker sends (the same as run mode's). It shows the result as the page holds it
 * (a result just combined, or a saved result file opened; assessment-core's readResult), and
 * never works out anything finer: the answers' distribution (how many chose 1–5) where the
 * result holds it (`counts`, left out where the rules forbid it), otherwise the mean and the
 * spread. With an earlier result open too, each statement also shows its recommendation's
 * change (assessment-core's compareResults).
 * The order of the slides has no DOM and runs in Node too (tests/test_group_projector.py). */
window.HandbookProjector = (() => {
  "use strict";

  /** The result's counts of answers 1–5 for one statement, or null where it holds none. */
  function countsOf(entry) {
    const counts = entry && entry.counts;
    return Array.isArray(counts) && counts.length === 5 &&
      counts.every((count) => Number.isInteger(count) && count >= 0) ? counts : null;
  }

  /** One slide per statement of the page (in `statements`' order: {factor, recommendation}),
   * the biggest spread first; statements whose spread is held back follow in the page's order.
   * `result`: {statements: {factor: {n, mean, spread, counts?}}}; `compared`: the rows of
   * compareResults (per recommendation) or null. */
  function slides(result, statements, compared) {
    const all = statements.map((statement, index) => {
      const entry = result.statements[statement.factor] || { n: 0, mean: null, spread: null };
      return {
        factor: statement.factor, recommendation: statement.recommendation, position: index,
        n: entry.n, mean: entry.mean ?? null, spread: entry.spread ?? null,
        counts: countsOf(entry),
        compare: compared ? compared.find((row) => row.id === statement.recommendation) || null : null,
      };
    });
    return all.sort((a, b) => (a.spread === null) - (b.spread === null) ||
      (b.spread ?? 0) - (a.spread ?? 0) || a.position - b.position);
  }

  return { countsOf, slides };
})();

(() => {
  "use strict";
  if (typeof document === "undefined") return;

  const Page = window.HandbookPage;

  Page.ready('[data-hb-assessment="group"]', (root, data) => {
    const dialog = root.querySelector("[data-hb=projector]");
    if (!dialog) return;
    const Core = window.HandbookAssessmentCore;
    const { fill, element } = Page;
    const t = data.strings;
    const factorIds = data.statements.map((s) => s.factor);
    const $ = Page.finder(dialog);
    const number = (value) => (value === null ? t.ga_held_back : Core.format(value, data.locales));
    const sources = {};  // "results" | "comparison" -> {later, earlier, slides}
    let shown = null;
    let index = 0;

    // --- what the page holds -----------------------------------------------------------------
    root.addEventListener("hb-group-result", (event) => {
      const { source, stats, results } = event.detail;
      let later = null;
      let earlier = null;
      if (stats) {
        // A result just combined: the very object a saved file of it would give.
        const today = new Date().toISOString().slice(0, 10);
        later = Core.readResult(JSON.stringify(Core.makeResult(data.edition, stats, today)), factorIds);
      } else if (results && results.length) {
        [earlier, later] = results.length > 1 ? results : [null, results[0]];
      }
      const compared = earlier ? Core.compareResults(data.recommendations, data.statements, earlier, later) : null;
      sources[source] = later ? { later, earlier, slides: window.HandbookProjector.slides(later, data.statements, compared) } : null;
      for (const part of root.querySelectorAll(`[data-hb-projector="${source}"]`)) part.hidden = !later;
    });

    // --- one slide -----------------------------------------------------------------------------
    function distribution(counts) {
      const most = Math.max(1, ...counts);
      const list = element("ol", { class: "hb-projector-bars" });
      counts.forEach((count, value) => {
        const item = list.appendChild(element("li"));
        item.append(element("span", { class: "hb-projector-value" }, `${value + 1} · ${data.scale[value]}`));
        const bar = item.appendChild(element("span", { class: "hb-projector-bar", "aria-hidden": "true" }))
          .appendChild(element("span"));
        bar.style.width = `${(100 * count) / most}%`;
        item.append(element("strong", { class: "hb-projector-count" }, fill(t.ga_projector_count, { count })));
      });
      return list;
    }

    function figures(slide) {
      const list = element("dl", { class: "hb-projector-figures" });
      for (const [term, value] of [[t.ga_col_mean, number(slide.mean)], [t.ga_col_spread, number(slide.spread)],
                                   [t.ga_col_answers, String(slide.n)]]) {
        const pair = list.appendChild(element("div"));
        pair.append(element("dt", {}, term), element("dd", {}, value));
      }
      return list;
    }

    function comparison(slide, earlier) {
      const row = slide.compare;
      const part = element("div", { class: "hb-projector-compare" });
      part.append(element("h3", {}, fill(t.ga_projector_compare, { date: earlier.date })));
      for (const key of ["mean", "spread"]) {
        const change = row[key].change === null ? "" : ` (${Core.formatChange(row[key].change, data.locales)})`;
        part.append(element("p", { "data-hb-compare": key },
          `${t[`ga_col_${key}`]}: ${number(row[key].earlier)} \u2192 ${number(row[key].later)}${change}`));
      }
      if (typeof row.note === "string" && row.note) part.append(element("p", {}, row.note));
      return part;
    }

    function show() {
      const slide = shown.slides[index];
      const rec = data.recommendations.find((r) => r.id === slide.recommendation);
      const statement = data.statements.find((s) => s.factor === slide.factor);
      $("projector-where").textContent = `${fill(t.ga_projector_of, { number: index + 1, total: shown.slides.length })} · ${rec.number}. ${rec.title}`;
      $("projector-statement").textContent = statement.text;
      $("projector-statement").dataset.factor = slide.factor;
      const parts = [];
      if (slide.counts) parts.push(element("h3", {}, t.ga_projector_counts), distribution(slide.counts));
      parts.push(figures(slide));
      if (!slide.counts) parts.push(element("p", { class: "hb-projector-note" }, t.ga_projector_no_counts));
      if (shown.earlier && slide.compare) parts.push(comparison(slide, shown.earlier));
      $("projector-answers").replaceChildren(...parts);
      $("projector-previous").disabled = index === 0;
      $("projector-next").disabled = index === shown.slides.length - 1;
      if (document.activeElement.disabled) $("projector-close").focus();
    }

    function go(to) {
      index = Math.min(shown.slides.length - 1, Math.max(0, to));
      blank(false);
      show();
    }

    function blank(on) {
      $("projector-blank").hidden = !on;
    }

    function open(source) {
      shown = sources[source];
      if (!shown) return;
      index = 0;
      blank(false);
      dialog.showModal();
      show();
      $("projector-next").focus();
    }

    /** Esc closes the innermost thing: the blank screen, then the view. */
    function escape() {
      if (!$("projector-blank").hidden) blank(false);
      else dialog.close();
    }

    // --- keys: what a clicker sends, as in run mode (session-run.js) ---------------------------
    const STEP_KEYS = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
    document.addEventListener("keydown", (event) => {
      if (!dialog.open || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key;
      if (key in STEP_KEYS) go(index + STEP_KEYS[key]);
      else if (key === "Home") go(0);
      else if (key === "End") go(shown.slides.length - 1);
      else if (key === "b" || key === "B" || key === ".") blank($("projector-blank").hidden);
      else if (key === "Escape") escape();
      else return;
      event.preventDefault();
      event.stopPropagation();
    }, true);
    document.addEventListener("keyup", (event) => {
      if (dialog.open && event.key === " ") event.preventDefault();
    }, true);
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      escape();
    });
    dialog.addEventListener("close", () => {
      const button = root.querySelector(`[data-hb-projector="${shown === sources.comparison ? "comparison" : "results"}"] button`);
      if (button) button.focus();
    });

    for (const button of root.querySelectorAll("[data-hb-projector] button")) {
      button.addEventListener("click", () => open(button.closest("[data-hb-projector]").dataset.hbProjector));
    }
    $("projector-next").addEventListener("click", () => go(index + 1));
    $("projector-previous").addEventListener("click", () => go(index - 1));
    $("projector-close").addEventListener("click", () => dialog.close());
    $("projector-blank").addEventListener("click", () => blank(false));
  });
})();
