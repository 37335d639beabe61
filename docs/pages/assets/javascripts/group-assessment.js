/* The group view (egenvurdering/gruppe/), three ways in:
 * - the anonymous round: a code passed round the group that only ever holds a random mask plus
 *   totals (assessment-core.js, README "The group view"); the first member keeps the mask in
 *   this browser until the code comes back;
 * - plain answer codes pasted by a collector who then can read them;
 * - saved results, opened to see again or to compare two rounds.
 * Results show only numbers no individual answer can be worked out from. It sends nothing; the
 * only thing it stores is the first member's mask (and which rounds this browser has added to).
 * Pasted text is only ever set with textContent, never as HTML. */
(() => {
  "use strict";

  const Page = window.HandbookPage;

  Page.ready('[data-hb-assessment="group"]', (root, data) => {
    const Core = window.HandbookAssessmentCore;
    const { fill, element } = Page;
    const t = data.strings;
    const locales = data.locales;
    const factorIds = data.statements.map((s) => s.factor);
    const ROUND_KEY = data.storageKey + ".runde";
    const ADDED_KEY = data.storageKey + ".runder";
    const $ = Page.finder(root);
    const number = (value) => (value === null ? t.ga_held_back : Core.format(value, locales));
    const recommendation = (id) => data.recommendations.find((r) => r.id === id);
    const statement = (factor) => data.statements.find((s) => s.factor === factor);
    let lastStats = null;

    // --- storage (this browser only) -----------------------------------------------------------
    function read(key) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    }

    function write(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    }

    function myAnswers() {
      const raw = read(data.storageKey);
      const record = raw === null ? null : Core.readRecord(raw, factorIds);
      return record ? record.answers : {};
    }

    function keptRound() {
      try {
        const kept = JSON.parse(read(ROUND_KEY));
        if (kept && typeof kept.round === "string" && Array.isArray(kept.mask) &&
            kept.mask.length === data.statements.length * 3 && kept.edition === data.edition) {
          return kept;
        }
      } catch { /* no round kept */ }
      return null;
    }

    function addedRounds() {
      try {
        const list = JSON.parse(read(ADDED_KEY));
        return Array.isArray(list) ? list.filter((id) => typeof id === "string") : [];
      } catch {
        return [];
      }
    }

    // --- showing messages and results ----------------------------------------------------------
    /** The projector view (group-projector.js) shows what the page shows. */
    function tell(source, detail) {
      root.dispatchEvent(new CustomEvent("hb-group-result", { detail: Object.assign({ source }, detail) }));
    }

    function say(name, text) {
      $(name).textContent = text || "";
    }

    function listProblems(target, texts, cut) {
      target.textContent = "";
      if (!texts.length && !cut) return;
      const { shown, more } = Core.firstProblems(texts);
      const list = target.appendChild(element("ul"));
      for (const text of shown) list.appendChild(element("li", {}, text));
      if (more) list.appendChild(element("li", { "data-hb": "more" }, fill(t.ga_more_problems, { count: Core.formatCount(more, locales) })));
      if (cut) list.appendChild(element("li", {}, fill(t.ga_input_cut, {
        count: Core.formatCount(cut, locales), maximum: Core.formatCount(Core.MAX_INPUT, locales)
      })));
    }

    function showResults(stats, source) {
      const results = $("results");
      results.textContent = "";
      lastStats = stats;
      tell("results", { stats });
      if (!stats) {
        results.hidden = true;
        $("save-result").hidden = true;
        return;
      }
      results.appendChild(element("p", { class: "hb-ga-source" }, source));
      if (stats.members < Core.MIN_SPREAD) {
        results.appendChild(element("p", { class: "hb-alert", "data-hb": "small-group" },
          fill(t.ga_small_group, { count: stats.members, minimum: Core.MIN_SPREAD })));
      }
      renderResults(results, stats);
      results.hidden = false;
      $("save-result").hidden = false;
    }

    function renderResults(results, stats) {
      results.appendChild(element("h3", {}, t.ga_disagree_title));
      if (stats.flagged.length) {
        results.appendChild(element("p", {}, t.ga_disagree_intro));
        const list = results.appendChild(element("ol", { class: "hb-ga-flagged" }));
        for (const factor of stats.flagged) {
          const row = stats.rows.find((r) => r.factor === factor);
          const item = list.appendChild(element("li", { "data-factor": factor }));
          item.appendChild(element("a", { href: recommendation(row.recommendation).url + "#" + factor },
            statement(factor).text));
          item.appendChild(document.createTextNode(" (" + t.ga_col_spread.toLowerCase() + " " +
            Core.format(row.spread, locales) + ")"));
        }
      } else {
        results.appendChild(element("p", {}, t.ga_no_disagreement));
      }
      results.appendChild(element("p", { class: "hb-note" }, t.ga_spread_help));
      results.appendChild(element("p", { class: "hb-note" },
        fill(t.ga_held_back_help, { group: Core.MIN_GROUP, spread: Core.MIN_SPREAD })));
      for (const rec of data.recommendations) {
        const rows = stats.rows.filter((r) => r.recommendation === rec.id);
        const [table, body] = Page.table("hb-ga-table", rec.number + ". " + rec.title, [
          [t.ga_col_statement], [t.ga_col_answers, "hb-n"], [t.ga_col_mean, "hb-mean"],
          [t.ga_col_spread, "hb-spread"]]);
        results.appendChild(table);
        for (const row of rows) {
          const tr = body.appendChild(element("tr", { "data-factor": row.factor }));
          if (row.flagged) tr.className = "hb-flagged";
          const th = tr.appendChild(element("th", { scope: "row" }, statement(row.factor).text));
          if (row.flagged) {
            th.appendChild(document.createTextNode(" "));
            th.appendChild(element("strong", { class: "hb-flag" }, t.ga_flag));
          }
          tr.appendChild(element("td", { class: "hb-n" }, String(row.n)));
          tr.appendChild(element("td", { class: "hb-mean" }, number(row.mean)));
          tr.appendChild(element("td", { class: "hb-spread" }, number(row.spread)));
        }
        Page.stackOnPhones(table);
      }
      if (stats.roles === undefined) return;
      results.appendChild(element("h3", {}, t.ga_roles_title));
      if (!stats.roles) {
        results.appendChild(element("p", { "data-hb": "roles-too-few" },
          fill(t.ga_roles_too_few, { minimum: Core.MIN_ROLE })));
        return;
      }
      results.appendChild(element("p", {}, t.ga_roles_intro));
      const [table, body] = Page.table("hb-ga-roles", t.ga_roles_title, [
        [t.ga_col_statement], [t.ga_col_top, "hb-top"], [t.ga_col_middle, "hb-middle"],
        [t.ga_col_difference, "hb-difference"]]);
      results.appendChild(table);
      for (const row of stats.roles.rows) {
        const tr = body.appendChild(element("tr", { "data-factor": row.factor }));
        if (row.flagged) tr.className = "hb-flagged";
        const th = tr.appendChild(element("th", { scope: "row" }, statement(row.factor).text));
        if (row.flagged) {
          th.appendChild(document.createTextNode(" "));
          th.appendChild(element("strong", { class: "hb-flag" }, t.ga_flag_difference));
        }
        tr.appendChild(element("td", { class: "hb-top" }, number(row.top)));
        tr.appendChild(element("td", { class: "hb-middle" }, number(row.middle)));
        tr.appendChild(element("td", { class: "hb-difference" },
          row.difference === null ? t.ga_held_back : Core.formatChange(row.difference, locales)));
      }
      Page.stackOnPhones(table);
    }

    function copyButton(button, field, status) {
      button.addEventListener("click", () => {
        const done = () => say(status, t.ga_copied);
        const failed = () => {
          field.focus();
          field.select();
          say(status, t.sa_copy_failed);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(field.value).then(done, failed);
        } else {
          failed();
        }
      });
    }

    // --- the anonymous round -------------------------------------------------------------------
    function showMine() {
      const count = Object.keys(myAnswers()).length;
      say("mine", count ? fill(t.ga_round_mine, { answered: count, total: factorIds.length })
        : t.ga_round_no_answers);
      $("round-start").disabled = !count;
      $("round-add").disabled = !count;
      const kept = keptRound();
      $("round-finish-part").hidden = !kept;
      $("round-started").hidden = !kept;
      if (kept) say("round-started", fill(t.ga_round_kept, { round: kept.round }));
    }

    /** Messages and the code to pass on appear right below the button just pressed. */
    function near(button) {
      button.closest("p").after($("round-feedback"));
      say("round-alert", "");
      say("round-status", "");
      $("round-out-part").hidden = true;
    }

    function passOn(code, message) {
      $("round-out").value = code;
      $("round-out-part").hidden = false;
      say("round-status", message);
      $("round-out").focus();
      $("round-out").select();
    }

    $("round-start").addEventListener("click", () => {
      near($("round-start"));
      const answers = myAnswers();
      if (!Object.keys(answers).length) return;
      if (keptRound() && !window.confirm(t.ga_round_replace)) return;
      const started = Core.startRound(data.edition, data.statements, answers);
      if (!write(ROUND_KEY, JSON.stringify(started.kept))) {
        say("round-alert", t.ga_round_cannot_keep);
        return;
      }
      say("round-alert", "");
      showMine();
      passOn(started.code, t.ga_round_started);
    });

    $("round-add").addEventListener("click", () => {
      near($("round-add"));
      const answers = myAnswers();
      const text = $("round-in").value;
      const kept = keptRound();
      const received = Core.decodeRound(text, data.edition, data.statements.length);
      if (!received.error && kept && received.round === kept.round) {
        say("round-alert", t.ga_round_is_yours);
        return;
      }
      if (!received.error && addedRounds().includes(received.round)) {
        say("round-alert", t.ga_round_already_added);
        return;
      }
      const added = Core.addToRound(text, data.edition, data.statements, answers);
      if (added.error) {
        say("round-alert", fill(t["ga_round_error_" + added.error],
          { maximum: Core.MAX_ROUND, edition: added.edition, current: data.edition }));
        return;
      }
      write(ADDED_KEY, JSON.stringify(addedRounds().concat([added.round]).slice(-20)));
      say("round-alert", "");
      passOn(added.code, t.ga_round_added);
    });

    $("round-finish").addEventListener("click", () => {
      const kept = keptRound();
      if (!kept) return;
      near($("round-finish"));
      const finished = Core.finishRound($("round-back").value, kept, data.statements);
      if (finished.error) {
        say("round-alert", fill(t["ga_round_error_" + finished.error.replace("-", "_")],
          { count: finished.members || 0, minimum: Core.MIN_GROUP, edition: finished.edition, current: data.edition }));
        return;
      }
      write(ROUND_KEY, null);
      showMine();
      showResults(finished.stats, fill(t.ga_source_round, { count: finished.stats.members }) + " " +
        t.ga_round_finished);
      $("results").focus();
    });

    copyButton($("round-copy"), $("round-out"), "round-status");

    // --- plain answer codes --------------------------------------------------------------------
    $("combine").addEventListener("click", () => {
      const read = Core.readCodes($("codes").value, data.edition, data.statements.length);
      const texts = read.problems.map((p) => {
        if (p.kind === "edition") {
          return fill(t.ga_other_edition, { line: p.line, edition: p.edition, current: data.edition });
        }
        if (p.kind === "duplicate") return fill(t.ga_duplicate, { line: p.line, first: p.first });
        const shown = p.text.length > 40 ? p.text.slice(0, 40) + "…" : p.text;
        return fill(t.ga_bad_code, { line: p.line, code: shown });
      });
      listProblems($("alert"), texts, read.cut);
      const status = fill(t.ga_count, { count: read.members.length });
      const stats = Core.groupStats(data.statements, read.members);
      say("status", stats ? status : status + " " + fill(t.ga_too_few, { minimum: Core.MIN_GROUP }));
      showResults(stats, fill(t.ga_source_codes, { count: read.members.length }));
    });

    // --- saved results -------------------------------------------------------------------------
    $("save-result").addEventListener("click", () => {
      if (!lastStats) return;
      const date = new Date().toISOString().slice(0, 10);
      const result = Core.makeResult(data.edition, lastStats, date);
      Page.download(t.ga_result_file + "-" + date + ".json", JSON.stringify(result, null, 2) + "\n");
      say("status", t.ga_result_saved);
    });

    $("open-results").addEventListener("change", (event) => {
      const input = event.target;
      const files = Array.from(input.files || []).slice(0, 2);
      Promise.all(files.map((file) => file.text().then((text) => ({ name: file.name, text }))))
        .then((read) => {
          input.value = "";
          const results = [];
          const problems = [];
          for (const file of read) {
            const result = Core.readResult(file.text, factorIds);
            if (!result) problems.push(fill(t.ga_result_unreadable, { file: file.name }));
            else if (result.edition !== data.edition) problems.push(fill(t.ga_result_other_version, { file: file.name }));
            else results.push(result);
          }
          listProblems($("compare-alert"), problems, 0);
          showComparison(results);
        }, () => {
          input.value = "";
          listProblems($("compare-alert"), [t.ga_result_unreadable.replace("{file}", "")], 0);
        });
    });

    function showComparison(results) {
      const target = $("comparison");
      target.textContent = "";
      target.hidden = !results.length;
      results.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      tell("comparison", { results });
      if (!results.length) return;
      if (results.length === 1) {
        const only = results[0];
        const rows = data.statements.map((s) => Object.assign({ factor: s.factor, recommendation: s.recommendation },
          only.statements[s.factor] || { n: 0, mean: null, spread: null }));
        const flagged = rows.filter((r) => r.spread !== null && r.spread >= Core.FLAG_SPREAD)
          .sort((a, b) => b.spread - a.spread).slice(0, 3);
        rows.forEach((row) => { row.flagged = flagged.includes(row); });
        target.appendChild(element("h3", {}, fill(t.ga_result_of, { date: only.date, count: only.members })));
        renderResults(target, { members: only.members, rows, flagged: flagged.map((r) => r.factor) });
        return;
      }
      const [earlier, later] = results;
      const rows = Core.compareResults(data.recommendations, data.statements, earlier, later);
      target.appendChild(element("h3", {}, fill(t.ga_compare_title, { earlier: earlier.date, later: later.date })));
      target.appendChild(element("p", {}, fill(t.ga_compare_intro,
        { earlier: earlier.date, later: later.date, before: earlier.members, after: later.members })));
      const [table, body] = Page.table("hb-ga-compare", t.ga_compare_caption, [
        [t.sa_col_recommendation], [t.ga_col_mean], [t.ga_col_spread]]);
      target.appendChild(table);
      for (const row of rows) {
        const rec = recommendation(row.id);
        const tr = body.appendChild(element("tr", { "data-recommendation": row.id }));
        const th = tr.appendChild(element("th", { scope: "row" }));
        th.appendChild(element("a", { href: rec.url }, rec.number + ". " + rec.title));
        for (const key of ["mean", "spread"]) {
          // "3,1 → 3,3 (+0,2)": earlier, later, and the change
          const cell = tr.appendChild(element("td", { class: "hb-change-cell" }));
          cell.appendChild(element("span", { class: "hb-" + key + "-earlier" }, number(row[key].earlier)));
          cell.appendChild(document.createTextNode(" \u2192 "));
          cell.appendChild(element("span", { class: "hb-" + key + "-later" }, number(row[key].later)));
          cell.appendChild(document.createTextNode(" "));
          cell.appendChild(element("strong", { class: "hb-" + key + "-change" },
            row[key].change === null ? "" : Core.formatChange(row[key].change, locales)));
        }
      }
      Page.stackOnPhones(table);
      target.appendChild(element("p", { class: "hb-note" }, t.ga_compare_help));
    }

    window.addEventListener("storage", (event) => {
      if (root.isConnected && (event.key === null || event.key.startsWith(data.storageKey))) showMine();
    });
    Page.reveal(root);
    showMine();
  });
})();
