/* The self-assessment page (egenvurdering/): keeps the answers in this browser's localStorage,
 * keyed by factor id (the same in every language), shows the summary, makes the answer code,
 * saves to and reads from a file, and resets. It sends nothing anywhere. Everything it shows
 * comes from the page's JSON block; text from outside is set with textContent only. */
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  const Page = window.HandbookPage;
  const { fill, element } = Page;

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach((key) => { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  Page.ready('[data-hb-assessment="individual"]', (root, data) => {
    const Core = window.HandbookAssessmentCore;
    const t = data.strings;
    const locales = data.locales;
    const factorIds = data.statements.map((s) => s.factor);
    const state = { answers: {}, role: "" };
    let storageWorks = true;
    const $ = Page.finder(document);  // the page's parts lie outside its root element

    function show(name, message) {
      const node = $(name);
      node.textContent = message || "";
    }

    // --- storage ------------------------------------------------------------------------------
    // Every change is read-modify-write on what is stored now, so two tabs (or the nb and da
    // pages, which share the key) never overwrite each other's answers; a `storage` event
    // brings another tab's change onto this page at once.
    let frozen = false;   // unreadable answers that could not be copied: never overwrite them

    function stored() {
      const raw = window.localStorage.getItem(data.storageKey);
      const record = raw === null ? null : Core.readRecord(raw, factorIds);
      return { raw, record: record && !record.skipped ? record : null };
    }

    function load() {
      let current;
      try {
        current = stored();
      } catch {
        storageWorks = false;
        show("storage-alert", t.sa_storage_unavailable);
        return;
      }
      if (current.raw === null) return;
      const record = Core.readRecord(current.raw, factorIds);
      if (!current.record) {
        if (keepCopy(current.raw)) {
          show("storage-alert", t.sa_storage_corrupt);
        } else {
          frozen = true;
          show("storage-alert", t.sa_storage_corrupt_no_copy);
        }
      }
      if (record) {
        state.answers = record.answers;
        state.role = record.role;
      }
    }

    /** Keep unreadable answers under a second key. True when the copy is there. */
    function keepCopy(raw) {
      try {
        const backup = data.storageKey + ".uleselig";
        if (window.localStorage.getItem(backup) !== raw) window.localStorage.setItem(backup, raw);
        return window.localStorage.getItem(backup) === raw;
      } catch {
        return false;
      }
    }

    /** Store a change ({factor, value} or {role}) on top of what is stored now, or the whole
     * state (`replace`), and show the result. */
    function save(change, replace) {
      if (!storageWorks || frozen) return;
      try {
        const current = replace ? null : stored().record;
        if (current) {
          state.answers = current.answers;
          state.role = current.role;
        }
        if (change && "role" in change) state.role = change.role;
        else if (change) state.answers[change.factor] = change.value;
        window.localStorage.setItem(data.storageKey, JSON.stringify(
          Core.makeRecord(data.edition, state.answers, state.role)));
      } catch {
        storageWorks = false;
        show("storage-alert", t.sa_storage_unavailable);
      }
    }

    window.addEventListener("storage", (event) => {
      if (!root.isConnected || (event.key !== null && event.key !== data.storageKey) || frozen) return;
      const record = event.newValue === null ? null : Core.readRecord(event.newValue, factorIds);
      if (event.newValue !== null && !record) return;
      state.answers = record ? record.answers : {};
      state.role = record ? record.role : "";
      showAnswers();
      refresh();
      show("tools-status", t.sa_synced);
    });

    // --- the form --------------------------------------------------------------------------
    function showAnswers() {
      factorIds.forEach((factor) => {
        const inputs = document.querySelectorAll('input[name="sa-' + factor + '"]');
        inputs.forEach((input) => {
          input.checked = Number(input.value) === state.answers[factor];
        });
      });
      document.querySelectorAll('input[name="sa-role"]').forEach((input) => { input.checked = input.value === state.role; });
    }

    function answeredCount() {
      return factorIds.filter((f) => Core.isScore(state.answers[f])).length;
    }

    function refresh() {
      show("progress", fill(t.sa_progress, { answered: answeredCount(), total: factorIds.length }));
      renderSummary();
      renderCode();
    }

    document.addEventListener("change", onChange);

    function onChange(event) {
      const input = event.target;
      if (!root.isConnected) {
        document.removeEventListener("change", onChange);
        return;
      }
      if (!input || input.type !== "radio") return;
      const factor = input.name.slice(3);
      if (input.name === "sa-role") {
        state.role = input.value;
        save({ role: input.value });
      } else if (input.name.startsWith("sa-") && factorIds.includes(factor)) {
        state.answers[factor] = Number(input.value);
        save({ factor, value: Number(input.value) });
      } else {
        return;
      }
      if (frozen) show("storage-alert", t.sa_storage_corrupt_no_copy);
      showAnswers();
      refresh();
    }

    // --- the summary -----------------------------------------------------------------------
    function recommendation(id) {
      return data.recommendations.find((r) => r.id === id);
    }

    function renderSummary() {
      const scores = Core.scoreRecommendations(data.recommendations, data.statements, state.answers);
      const any = scores.some((s) => s.mean !== null);
      $("summary-empty").hidden = any;
      const chart = $("chart");
      const table = $("table");
      chart.textContent = "";
      table.textContent = "";
      if (!any) return;
      chart.appendChild(renderChart(scores));
      table.appendChild(renderTable(scores));
    }

    function renderChart(scores) {
      const row = 34;
      const left = 150;
      const width = 640;
      const barMax = width - left - 70;
      const height = scores.length * row + 30;
      const chart = svg("svg", {
        viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "hb-sa-chart-title",
        class: "hb-chart", width: "100%", preserveAspectRatio: "xMinYMin meet"
      });
      chart.appendChild(svg("title", { id: "hb-sa-chart-title" }, t.sa_chart_label));
      for (let tick = 1; tick <= 5; tick++) {
        const x = left + barMax * tick / 5;
        chart.appendChild(svg("line", { x1: x, x2: x, y1: 0, y2: height - 24, class: "hb-chart-grid" }));
        chart.appendChild(svg("text", { x: x, y: height - 8, "text-anchor": "middle", class: "hb-chart-tick" }, String(tick)));
      }
      scores.forEach((score, index) => {
        const rec = recommendation(score.id);
        const y = index * row + 6;
        chart.appendChild(svg("text", { x: 0, y: y + 16, class: "hb-chart-label" },
          fill(t.sa_col_recommendation + " {number}", { number: rec.number })));
        if (score.mean === null) {
          chart.appendChild(svg("text", { x: left + 6, y: y + 16, class: "hb-chart-value" }, t.sa_not_answered));
          return;
        }
        const w = barMax * score.mean / 5;
        chart.appendChild(svg("rect", { x: left, y: y, width: w, height: 22, rx: 2, class: "hb-chart-bar" }));
        chart.appendChild(svg("text", { x: left + w + 6, y: y + 16, class: "hb-chart-value" }, Core.format(score.mean, locales)));
      });
      return chart;
    }

    function renderTable(scores) {
      const [table, body] = Page.table("hb-sa-scores", t.sa_summary_title, [
        [t.sa_col_recommendation], [t.sa_col_score, "hb-score"], [t.sa_col_answered, "hb-answered"],
        [t.sa_col_next]]);
      scores.forEach((score) => {
        const rec = recommendation(score.id);
        const tr = body.appendChild(element("tr", { "data-recommendation": rec.id }));
        const th = tr.appendChild(element("th", { scope: "row" }));
        th.appendChild(element("a", { href: rec.url }, rec.number + ". " + rec.title));
        tr.appendChild(element("td", { class: "hb-score" },
          score.mean === null ? t.sa_not_answered : Core.format(score.mean, locales)));
        tr.appendChild(element("td", { class: "hb-answered" }, fill(t.sa_answered_of,
          { answered: score.answered, total: score.total })));
        const next = tr.appendChild(element("td"));
        next.appendChild(element("a", { href: rec.exercises, class: "hb-exercises" }, t.sa_exercises_link));
        // A no-break space: a line that wraps ends "Øvelser ·", and no line is "·" alone.
        next.appendChild(document.createTextNode("\u00a0· "));
        next.appendChild(element("a", { href: rec.checklist, class: "hb-checklist" }, t.sa_checklist_link));
      });
      return Page.stackOnPhones(table);
    }

    // --- the answer code -------------------------------------------------------------------
    function renderCode() {
      const code = Core.encodeCode(data.edition, data.statements, state.answers, state.role);
      $("code").value = code || "";
      $("copy").disabled = !code;
      show("code-note", !code ? t.sa_summary_empty
        : answeredCount() < factorIds.length ? t.sa_code_incomplete : "");
    }

    $("copy").addEventListener("click", () => {
      const field = $("code");
      const done = () => { show("tools-status", t.sa_copied); };
      const failed = () => {
        field.focus();
        field.select();
        show("tools-status", t.sa_copy_failed);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, failed);
      } else {
        failed();
      }
    });

    // --- file export and import -------------------------------------------------------------
    $("export").addEventListener("click", () => {
      const record = Core.makeRecord(data.edition, state.answers, state.role);
      Page.download("egenvurdering-" + new Date().toISOString().slice(0, 10) + ".json",
        JSON.stringify(record, null, 2) + "\n");
      show("tools-alert", "");
      show("tools-status", t.sa_exported);
    });

    let undo = null;

    function statementNumber(factor) {
      return factorIds.indexOf(factor) + 1;
    }

    function answerText(value) {
      return value ? value + " (" + data.scale[value - 1] + ")" : t.sa_no_answer;
    }

    function preview(record) {
      const box = $("import-preview");
      box.textContent = "";
      const change = Core.changes(factorIds, state, record);
      const count = change.answers.length + (change.role ? 1 : 0);
      if (!count) {
        box.hidden = true;
        show("tools-status", t.sa_import_same);
        return;
      }
      box.appendChild(element("p", { id: "hb-sa-import-what" }, fill(t.sa_import_preview, { count })));
      const list = box.appendChild(element("ul", { class: "hb-sa-changes" }));
      for (const item of change.answers) {
        list.appendChild(element("li", { "data-factor": item.factor }, fill(t.sa_import_change, {
          number: statementNumber(item.factor), from: answerText(item.from), to: answerText(item.to)
        })));
      }
      if (change.role) {
        const name = (role) => ({ top: t.sa_role_top, middle: t.sa_role_middle })[role] || t.sa_role_none;
        list.appendChild(element("li", {}, fill(t.sa_import_role, { from: name(state.role), to: name(record.role) })));
      }
      const buttons = box.appendChild(element("p"));
      const yes = buttons.appendChild(element("button", {
        type: "button", class: "md-button md-button--primary", "data-hb": "import-yes",
        "aria-describedby": "hb-sa-import-what"
      }, t.sa_import_apply));
      buttons.appendChild(document.createTextNode(" "));
      const no = buttons.appendChild(element("button", { type: "button", class: "md-button", "data-hb": "import-no" },
        t.sa_import_cancel));
      yes.addEventListener("click", () => {
        undo = { answers: Object.assign({}, state.answers), role: state.role };
        state.answers = Object.assign({}, record.answers);
        state.role = record.role;
        save(null, true);
        showAnswers();
        refresh();
        box.hidden = true;
        box.textContent = "";
        show("tools-alert", record.edition === data.edition ? "" : t.sa_import_other_version);
        show("tools-status", fill(t.sa_imported, { count: Object.keys(record.answers).length }));
        $("import-undo").hidden = false;
        $("import-undo").focus();
      });
      no.addEventListener("click", () => {
        box.hidden = true;
        box.textContent = "";
        show("tools-status", t.sa_import_cancelled);
        $("import").focus();
      });
      box.hidden = false;
      yes.focus();
    }

    $("import").addEventListener("change", (event) => {
      const input = event.target;
      const file = input.files && input.files[0];
      if (!file) return;
      const failed = () => {
        input.value = "";
        show("tools-status", "");
        show("tools-alert", t.sa_import_error);
      };
      if (file.size > 1000000) {
        failed();
        return;
      }
      file.text().then((text) => {
        const record = Core.readRecord(text, factorIds);
        input.value = "";
        if (!record || record.skipped) {
          failed();
          return;
        }
        show("tools-alert", "");
        preview(record);
      }, failed);
    });

    $("import-undo").addEventListener("click", () => {
      if (!undo) return;
      state.answers = undo.answers;
      state.role = undo.role;
      undo = null;
      save(null, true);
      showAnswers();
      refresh();
      $("import-undo").hidden = true;
      show("tools-alert", "");
      show("tools-status", t.sa_import_undone);
      $("import").focus();
    });

    $("print").addEventListener("click", () => { window.print(); });

    // --- reset -----------------------------------------------------------------------------
    $("reset").addEventListener("click", () => {
      $("confirm").hidden = false;
      $("reset-no").focus();
    });
    $("reset-no").addEventListener("click", () => {
      $("confirm").hidden = true;
      $("reset").focus();
    });
    $("reset-yes").addEventListener("click", () => {
      state.answers = {};
      state.role = "";
      let removed = true;
      try {
        // every copy: the answers, the unreadable backup, a round's mask, the rounds joined,
        // also one left under the handbook's first name (beside a newer one, see page-kit.js)
        const former = data.carryOver.from + data.storageKey.slice(data.carryOver.to.length);
        const keys = [];
        for (let i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
        for (const key of keys) {
          if ([data.storageKey, former].some((mine) => key === mine || key.startsWith(mine + "."))) {
            window.localStorage.removeItem(key);
          }
        }
      } catch {
        removed = false;
      }
      frozen = false;
      undo = null;
      $("import-undo").hidden = true;
      showAnswers();
      refresh();
      $("confirm").hidden = true;
      show("storage-alert", "");
      show("tools-alert", "");
      show("tools-status", removed ? t.sa_reset_done : t.sa_reset_failed);
      $("reset").focus();
    });

    load();
    Page.reveal(document);
    showAnswers();
    refresh();
  });
})();
