/* The group view (egenvurdering/gruppe/), three ways in:
 * - the anonymous round: each member posts a key code, then a contribution masked against
 *   every other member's key, and anyone sums the contributions (assessment-core.js;
 *   ARCHITECTURE.md, "The anonymous round"); this browser keeps its private key;
 * - plain answer codes pasted by a collector who then can read them;
 * - saved results, opened to see again or to compare two rounds.
 * Results show only numbers no individual answer can be worked out from. It sends nothing; the
 * only thing it stores is this member's key for the round (and the contributions made with it).
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

    /** This browser's key for the round, or null; an unreadable one is reported once. */
    let memoryKey = null;      // when storage refuses the key, it lives as long as the page
    function keptKey() {
      if (memoryKey) return memoryKey;
      const raw = read(ROUND_KEY);
      if (raw === null) return null;
      let kept = null;
      try {
        kept = JSON.parse(raw);
      } catch { /* unreadable: below */ }
      if (Core.isKeptKey(kept, data.edition)) return kept;
      say("key-alert", t.ga_round_key_unreadable);
      return null;
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
          [t.ga_col_spread, "hb-spread"], [t.ga_col_counts, "hb-counts"]]);
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
          tr.appendChild(element("td", { class: "hb-counts" },
            row.counts ? row.counts.join("\u00a0\u00b7\u00a0") : t.ga_held_back));
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

    // --- the anonymous round ------------------------------------------------------------------
    // Step 1: a key; step 2: all keys -> members, fingerprint, then the contribution; step 3:
    // all contributions -> the result (assessment-core.js; ARCHITECTURE.md, "The anonymous
    // round").
    let currentSet = null;     // the set of keys checked in step 2: {codes, size, fingerprint}

    function showMine() {
      const count = Object.keys(myAnswers()).length;
      say("mine", count ? fill(t.ga_round_mine, { answered: count, total: factorIds.length })
        : t.ga_round_no_answers);
      const kept = keptKey();
      $("round-key").hidden = Boolean(kept);
      $("round-key-part").hidden = !kept;
      if (kept) {
        $("round-key-out").value = kept.code;
        say("key-tag", fill(t.ga_round_key_tag, { tag: Core.keyTag(kept.code) }));
      }
      $("round-add").disabled = !count;
    }

    function problemTexts(problems) {
      return problems.map((p) => {
        if (p.kind === "edition") {
          return fill(t.ga_round_other_edition, { line: p.line, edition: p.edition, current: data.edition });
        }
        if (p.kind === "duplicate") return fill(t.ga_round_duplicate, { line: p.line, first: p.first });
        const shown = p.text.length > 40 ? p.text.slice(0, 40) + "…" : p.text;
        return fill(p.prefix === "key" ? t.ga_round_key_bad : t.ga_round_share_bad, { line: p.line, code: shown });
      });
    }

    function roundError(name, error, values) {
      say(name, fill(t["ga_round_error_" + error.replace(/-/g, "_")], Object.assign({
        minimum: Core.MIN_GROUP, maximum: Core.MAX_ROUND
      }, values || {})));
    }

    $("round-key").addEventListener("click", () => {
      say("key-alert", "");
      Core.makeKey(data.edition).then((made) => {
        if (!write(ROUND_KEY, JSON.stringify(made.kept))) {
          memoryKey = made.kept;
          say("key-alert", t.ga_round_cannot_keep);
        }
        showMine();
        $("round-key-out").focus();
        $("round-key-out").select();
      }, () => say("key-alert", t.ga_round_no_crypto));
    });

    $("round-new-key").addEventListener("click", () => {
      if (!window.confirm(t.ga_round_new_key_confirm)) return;
      memoryKey = null;
      write(ROUND_KEY, null);
      clearSet();
      $("round-key").click();
    });

    function clearSet() {
      currentSet = null;
      $("round-set").hidden = true;
      $("round-share-part").hidden = true;
      say("set-alert", "");
      say("set-status", "");
    }

    /** Check the pasted keys: how many members, and the set's fingerprint to compare aloud. */
    function checkKeys() {
      clearSet();
      const read = Core.readKeys($("round-keys").value, data.edition);
      listProblems($("set-problems"), problemTexts(read.problems.map((p) => Object.assign(p, { prefix: "key" }))), read.cut);
      const kept = keptKey();
      const codes = read.keys.map((k) => k.code);
      if (!kept) return roundError("set-alert", "no-key");
      if (!codes.length) return roundError("set-alert", "no-keys");
      if (!codes.includes(kept.code)) return roundError("set-alert", "not-in-set");
      if (codes.length < Core.MIN_GROUP) return roundError("set-alert", "too-few", { count: codes.length });
      if (codes.length > Core.MAX_ROUND) return roundError("set-alert", "full");
      return Core.memberSet(data.edition, codes).then((set) => {
        currentSet = set;
        say("set-size", fill(t.ga_round_set, { count: set.size, fingerprint: set.fingerprint }));
        const list = $("round-members");
        list.textContent = "";
        set.codes.forEach((code, index) => {
          const item = list.appendChild(element("li", { "data-key": Core.keyTag(code) },
            fill(t.ga_round_member, { number: index + 1, tag: Core.keyTag(code) }) +
            (code === kept.code ? " " + t.ga_round_you : "")));
          if (code === kept.code) return;
          item.appendChild(document.createTextNode(" "));
          const button = item.appendChild(element("button", { type: "button", class: "md-button hb-small",
            "data-hb": "leave-out" }, fill(t.ga_round_leave_out, { number: index + 1 })));
          button.addEventListener("click", () => leaveOut(code));
        });
        $("round-set").hidden = false;
        $("set-size").focus();
      }, () => say("set-alert", t.ga_round_no_crypto));
    }

    /** A member who has left: the key is taken out of the list, and the new set checked. */
    function leaveOut(code) {
      const lines = $("round-keys").value.split(/\r?\n/).map((line) => line.split(/([\s,;]+)/)
        .filter((token) => {
          const key = Core.decodeKey(token, data.edition);
          return key.error || key.code !== code;
        }).join(""));
      $("round-keys").value = lines.filter((line) => line.trim()).join("\n");
      return checkKeys();
    }

    $("round-check").addEventListener("click", () => { checkKeys(); });

    $("round-add").addEventListener("click", () => {
      const kept = keptKey();
      const answers = myAnswers();
      say("set-alert", "");
      if (!currentSet || !kept || !Object.keys(answers).length) return;
      Core.contribute(data.edition, data.statements, answers, kept, currentSet.codes).then((made) => {
        if (made.error) return roundError("set-alert", made.error, { count: made.members || 0 });
        if (memoryKey) memoryKey = made.kept;
        else write(ROUND_KEY, JSON.stringify(made.kept));
        $("round-share-out").value = made.code;
        $("round-share-part").hidden = false;
        say("set-status", t.ga_round_shared);
        $("round-share-out").focus();
        $("round-share-out").select();
        return null;
      }, () => say("set-alert", t.ga_round_no_crypto));
    });

    $("round-sum").addEventListener("click", () => {
      const summed = Core.sumShares($("round-shares").value, data.edition, data.statements);
      listProblems($("sum-problems"), problemTexts(summed.problems), summed.cut);
      say("sum-alert", "");
      if (summed.error) {
        roundError("sum-alert", summed.error, {
          count: summed.error === "missing" ? summed.missing.length : summed.members || 0,
          size: summed.size || 0, numbers: (summed.missing || []).join(", ")
        });
        return;
      }
      showResults(summed.stats, fill(t.ga_source_round, { count: summed.stats.members }));
      $("results").focus();
    });

    copyButton($("round-key-copy"), $("round-key-out"), "key-status");
    copyButton($("round-share-copy"), $("round-share-out"), "set-status");

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
          only.statements[s.factor] || { n: 0, mean: null, spread: null, counts: null, held: "group" }));
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
      const refused = rows.flatMap((row) => row.refused);
      if (refused.length) {
        const list = target.appendChild(element("ul", { class: "hb-ga-refused", "data-hb": "refused" }));
        for (const factor of refused) {
          list.appendChild(element("li", { "data-factor": factor }, fill(t.ga_compare_refused, {
            statement: statement(factor).text,
            earlier: earlier.statements[factor].n, later: later.statements[factor].n
          })));
        }
      }
    }

    window.addEventListener("storage", (event) => {
      if (root.isConnected && (event.key === null || event.key.startsWith(data.storageKey))) showMine();
    });
    Page.reveal(root);
    showMine();
  });
})();
