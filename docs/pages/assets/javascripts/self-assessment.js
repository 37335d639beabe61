/* The self-assessment page (egenvurdering/): keeps the answers in this browser's localStorage,
 * keyed by factor id (the same in every language), shows the summary, makes the answer code,
 * saves to and reads from a file, and resets. It sends nothing anywhere. Everything it shows
 * comes from the page's JSON block; text from outside is set with textContent only.
 * Loaded by the page itself, so it also runs again after Material's instant navigation. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  // Shared with the other assessment page: assessment-core.js, loaded first.
  var fill = window.HandbookAssessmentCore.fill;
  var element = window.HandbookAssessmentCore.element;

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function readData(root) {
    var block = root.querySelector("script.hb-data") || root.querySelector("script:not([src])");
    return JSON.parse(block.textContent)[0];
  }

  function start() {
    var root = document.querySelector('[data-hb-assessment="individual"]');
    if (!root || root.getAttribute("data-hb-ready")) return;
    root.setAttribute("data-hb-ready", "true");
    var Core = window.HandbookAssessmentCore;
    var data = readData(root);
    var t = data.strings;
    var lang = data.lang;
    var factorIds = data.statements.map(function (s) { return s.factor; });
    var state = { answers: {}, role: "" };
    var storageWorks = true;
    var $ = function (name) { return document.querySelector('[data-hb="' + name + '"]'); };

    function show(name, message) {
      var node = $(name);
      node.textContent = message || "";
    }

    // --- storage -------------------------------------------------------------------------
    function load() {
      var raw;
      try {
        raw = window.localStorage.getItem(data.storageKey);
      } catch (error) {
        storageWorks = false;
        show("storage-alert", t.sa_storage_unavailable);
        return;
      }
      if (raw === null) return;
      var record = Core.readRecord(raw, factorIds);
      if (!record || record.skipped) {
        keepCopy(raw);
        show("storage-alert", t.sa_storage_corrupt);
      }
      if (record) {
        state.answers = record.answers;
        state.role = record.role;
      }
    }

    function keepCopy(raw) {
      try {
        var backup = data.storageKey + ".uleselig";
        if (window.localStorage.getItem(backup) !== raw) {
          window.localStorage.setItem(backup, raw);
        }
      } catch (error) { /* the original stays where it was */ }
    }

    function save() {
      if (!storageWorks) return;
      try {
        window.localStorage.setItem(data.storageKey, JSON.stringify(
          Core.makeRecord(data.version, state.answers, state.role)));
      } catch (error) {
        storageWorks = false;
        show("storage-alert", t.sa_storage_unavailable);
      }
    }

    // --- the form --------------------------------------------------------------------------
    function showAnswers() {
      factorIds.forEach(function (factor) {
        var inputs = document.querySelectorAll('input[name="sa-' + factor + '"]');
        Array.prototype.forEach.call(inputs, function (input) {
          input.checked = Number(input.value) === state.answers[factor];
        });
      });
      Array.prototype.forEach.call(document.querySelectorAll('input[name="sa-role"]'),
        function (input) { input.checked = input.value === state.role; });
    }

    function answeredCount() {
      return factorIds.filter(function (f) { return Core.isScore(state.answers[f]); }).length;
    }

    function refresh() {
      show("progress", fill(t.sa_progress, { answered: answeredCount(), total: factorIds.length }));
      renderSummary();
      renderCode();
    }

    document.addEventListener("change", onChange);

    function onChange(event) {
      var input = event.target;
      if (!root.isConnected) {
        document.removeEventListener("change", onChange);
        return;
      }
      if (!input || input.type !== "radio") return;
      if (input.name === "sa-role") {
        state.role = input.value;
      } else if (input.name.indexOf("sa-") === 0 && factorIds.indexOf(input.name.slice(3)) !== -1) {
        state.answers[input.name.slice(3)] = Number(input.value);
      } else {
        return;
      }
      save();
      refresh();
    }

    // --- the summary -----------------------------------------------------------------------
    function recommendation(id) {
      return data.recommendations.filter(function (r) { return r.id === id; })[0];
    }

    function renderSummary() {
      var scores = Core.scoreRecommendations(data.recommendations, data.statements, state.answers);
      var any = scores.some(function (s) { return s.mean !== null; });
      $("summary-empty").hidden = any;
      var chart = $("chart");
      var table = $("table");
      chart.textContent = "";
      table.textContent = "";
      if (!any) return;
      chart.appendChild(renderChart(scores));
      table.appendChild(renderTable(scores));
    }

    function renderChart(scores) {
      var row = 34;
      var left = 150;
      var width = 640;
      var barMax = width - left - 70;
      var height = scores.length * row + 30;
      var chart = svg("svg", {
        viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "hb-sa-chart-title",
        class: "hb-chart", width: "100%", preserveAspectRatio: "xMinYMin meet"
      });
      chart.appendChild(svg("title", { id: "hb-sa-chart-title" }, t.sa_chart_label));
      for (var tick = 1; tick <= 5; tick++) {
        var x = left + barMax * tick / 5;
        chart.appendChild(svg("line", { x1: x, x2: x, y1: 0, y2: height - 24, class: "hb-chart-grid" }));
        chart.appendChild(svg("text", { x: x, y: height - 8, "text-anchor": "middle", class: "hb-chart-tick" }, String(tick)));
      }
      scores.forEach(function (score, index) {
        var rec = recommendation(score.id);
        var y = index * row + 6;
        chart.appendChild(svg("text", { x: 0, y: y + 16, class: "hb-chart-label" },
          fill(t.sa_col_recommendation + " {number}", { number: rec.number })));
        if (score.mean === null) {
          chart.appendChild(svg("text", { x: left + 6, y: y + 16, class: "hb-chart-value" }, t.sa_not_answered));
          return;
        }
        var w = barMax * score.mean / 5;
        chart.appendChild(svg("rect", { x: left, y: y, width: w, height: 22, rx: 2, class: "hb-chart-bar" }));
        chart.appendChild(svg("text", { x: left + w + 6, y: y + 16, class: "hb-chart-value" }, Core.format(score.mean, lang)));
      });
      return chart;
    }

    function renderTable(scores) {
      var table = element("table", { class: "hb-sa-scores" });
      table.appendChild(element("caption", {}, t.sa_summary_title));
      var head = element("tr");
      [t.sa_col_recommendation, t.sa_col_score, t.sa_col_answered, t.sa_col_next].forEach(
        function (text) { head.appendChild(element("th", { scope: "col" }, text)); });
      table.appendChild(element("thead")).appendChild(head);
      var body = table.appendChild(element("tbody"));
      scores.forEach(function (score) {
        var rec = recommendation(score.id);
        var tr = body.appendChild(element("tr", { "data-recommendation": rec.id }));
        var th = tr.appendChild(element("th", { scope: "row" }));
        th.appendChild(element("a", { href: rec.url }, rec.number + ". " + rec.title));
        tr.appendChild(element("td", { class: "hb-score" },
          score.mean === null ? t.sa_not_answered : Core.format(score.mean, lang)));
        tr.appendChild(element("td", {}, fill(t.sa_answered_of,
          { answered: score.answered, total: score.total })));
        var next = tr.appendChild(element("td"));
        next.appendChild(element("a", { href: rec.exercises, class: "hb-exercises" }, t.sa_exercises_link));
        next.appendChild(document.createTextNode(" · "));
        next.appendChild(element("a", { href: rec.checklist, class: "hb-checklist" }, t.sa_checklist_link));
      });
      return table;
    }

    // --- the answer code -------------------------------------------------------------------
    function renderCode() {
      var code = Core.encodeCode(data.version, data.statements, state.answers, state.role);
      $("code").value = code || "";
      $("copy").disabled = !code;
      show("code-note", !code ? t.sa_summary_empty
        : answeredCount() < factorIds.length ? t.sa_code_incomplete : "");
    }

    $("copy").addEventListener("click", function () {
      var field = $("code");
      var done = function () { show("tools-status", t.sa_copied); };
      var failed = function () {
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
    $("export").addEventListener("click", function () {
      var record = Core.makeRecord(data.version, state.answers, state.role);
      var blob = new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" });
      var link = element("a", {
        href: URL.createObjectURL(blob),
        download: "egenvurdering-" + new Date().toISOString().slice(0, 10) + ".json"
      });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      show("tools-alert", "");
      show("tools-status", t.sa_exported);
    });

    $("import").addEventListener("change", function (event) {
      var input = event.target;
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var record = Core.readRecord(text, factorIds);
        input.value = "";
        if (!record || record.skipped) {
          show("tools-status", "");
          show("tools-alert", t.sa_import_error);
          return;
        }
        state.answers = record.answers;
        state.role = record.role;
        save();
        showAnswers();
        refresh();
        show("tools-alert", record.version === data.version ? "" : t.sa_import_other_version);
        show("tools-status", fill(t.sa_imported, { count: Object.keys(record.answers).length }));
      }, function () {
        input.value = "";
        show("tools-alert", t.sa_import_error);
      });
    });

    $("print").addEventListener("click", function () { window.print(); });

    // --- reset -----------------------------------------------------------------------------
    $("reset").addEventListener("click", function () {
      $("confirm").hidden = false;
      $("reset-no").focus();
    });
    $("reset-no").addEventListener("click", function () {
      $("confirm").hidden = true;
      $("reset").focus();
    });
    $("reset-yes").addEventListener("click", function () {
      state.answers = {};
      state.role = "";
      try {
        window.localStorage.removeItem(data.storageKey);
      } catch (error) { /* nothing was kept */ }
      showAnswers();
      refresh();
      $("confirm").hidden = true;
      show("storage-alert", "");
      show("tools-alert", "");
      show("tools-status", t.sa_reset_done);
      $("reset").focus();
    });

    load();
    Array.prototype.forEach.call(document.querySelectorAll(".hb-js-only"),
      function (node) { node.hidden = false; });
    showAnswers();
    refresh();
  }

  if (window.HandbookAssessmentCore) {
    start();
  } else {
    window.addEventListener("hb-assessment-core", start, { once: true });
  }
})();
