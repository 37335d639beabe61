/* The group view (egenvurdering/gruppe/): reads the members' pasted answer codes and shows, per
 * statement, the group's mean and spread and where it disagrees most; nothing until at least
 * three valid codes are in, and no individual answer ever. It stores nothing and sends nothing.
 * Pasted text is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  // Shared with the other assessment page: assessment-core.js, loaded first.
  var fill = window.HandbookAssessmentCore.fill;
  var element = window.HandbookAssessmentCore.element;

  function start() {
    var root = document.querySelector('[data-hb-assessment="group"]');
    if (!root || root.getAttribute("data-hb-ready")) return;
    root.setAttribute("data-hb-ready", "true");
    var Core = window.HandbookAssessmentCore;
    var block = root.querySelector("script.hb-data") || root.querySelector("script:not([src])");
    var data = JSON.parse(block.textContent)[0];
    var t = data.strings;
    var lang = data.lang;
    var $ = function (name) { return root.querySelector('[data-hb="' + name + '"]'); };
    var number = function (value) { return value === null ? t.ga_too_few_answers : Core.format(value, lang); };

    function recommendation(id) {
      return data.recommendations.filter(function (r) { return r.id === id; })[0];
    }

    function statement(factor) {
      return data.statements.filter(function (s) { return s.factor === factor; })[0];
    }

    function combine() {
      var alert = $("alert");
      var results = $("results");
      alert.textContent = "";
      results.textContent = "";
      results.hidden = true;
      var members = [];
      var seen = {};
      var duplicates = 0;
      var problems = [];
      Core.splitCodes($("codes").value).forEach(function (piece) {
        var member = Core.decodeCode(piece.text, data.version, data.statements.length);
        if (member.error === "version") {
          problems.push(fill(t.ga_other_version, { line: piece.line }));
        } else if (member.error) {
          var shown = piece.text.length > 40 ? piece.text.slice(0, 40) + "…" : piece.text;
          problems.push(fill(t.ga_bad_code, { line: piece.line, code: shown }));
        } else {
          if (seen[member.code]) duplicates += 1;
          seen[member.code] = true;
          members.push(member);
        }
      });
      if (duplicates) problems.push(fill(t.ga_duplicates, { count: duplicates + 1 }));
      if (problems.length) {
        var list = alert.appendChild(element("ul"));
        problems.forEach(function (text) { list.appendChild(element("li", {}, text)); });
      }
      var status = fill(t.ga_count, { count: members.length });
      var stats = Core.groupStats(data.statements, members);
      if (!stats) {
        $("status").textContent = status + " " + fill(t.ga_too_few, { minimum: Core.MIN_GROUP });
        return;
      }
      $("status").textContent = status;
      renderResults(results, stats);
      results.hidden = false;
    }

    function renderResults(results, stats) {
      results.appendChild(element("h2", { id: "uenighet" }, t.ga_disagree_title));
      if (stats.flagged.length) {
        results.appendChild(element("p", {}, t.ga_disagree_intro));
        var list = results.appendChild(element("ol", { class: "hb-ga-flagged" }));
        stats.flagged.forEach(function (factor) {
          var row = stats.rows.filter(function (r) { return r.factor === factor; })[0];
          var item = list.appendChild(element("li", { "data-factor": factor }));
          item.appendChild(element("a", { href: recommendation(row.recommendation).url + "#" + factor },
            statement(factor).text));
          item.appendChild(document.createTextNode(" (" + t.ga_col_spread.toLowerCase() + " " +
            Core.format(row.spread, lang) + ")"));
        });
      } else {
        results.appendChild(element("p", {}, t.ga_no_disagreement));
      }
      results.appendChild(element("p", { class: "hb-note" }, t.ga_spread_help));
      data.recommendations.forEach(function (rec) {
        var rows = stats.rows.filter(function (r) { return r.recommendation === rec.id; });
        var table = results.appendChild(element("table", { class: "hb-ga-table" }));
        table.appendChild(element("caption", {}, rec.number + ". " + rec.title));
        var head = table.appendChild(element("thead")).appendChild(element("tr"));
        [t.ga_col_statement, t.ga_col_answers, t.ga_col_mean, t.ga_col_spread].forEach(
          function (text) { head.appendChild(element("th", { scope: "col" }, text)); });
        var body = table.appendChild(element("tbody"));
        rows.forEach(function (row) {
          var tr = body.appendChild(element("tr", { "data-factor": row.factor }));
          if (row.flagged) tr.className = "hb-flagged";
          var th = tr.appendChild(element("th", { scope: "row" }, statement(row.factor).text));
          if (row.flagged) {
            th.appendChild(document.createTextNode(" "));
            th.appendChild(element("strong", { class: "hb-flag" }, t.ga_flag));
          }
          tr.appendChild(element("td", { class: "hb-n" }, String(row.n)));
          tr.appendChild(element("td", { class: "hb-mean" }, number(row.mean)));
          tr.appendChild(element("td", { class: "hb-spread" }, number(row.spread)));
        });
      });
      results.appendChild(element("h2", { id: "roller" }, t.ga_roles_title));
      if (!stats.roles) {
        results.appendChild(element("p", { "data-hb": "roles-too-few" },
          fill(t.ga_roles_too_few, { minimum: Core.MIN_ROLE })));
        return;
      }
      results.appendChild(element("p", {}, t.ga_roles_intro));
      var table = results.appendChild(element("table", { class: "hb-ga-roles" }));
      table.appendChild(element("caption", {}, t.ga_roles_title));
      var head = table.appendChild(element("thead")).appendChild(element("tr"));
      [t.ga_col_statement, t.ga_col_top, t.ga_col_middle, t.ga_col_difference].forEach(
        function (text) { head.appendChild(element("th", { scope: "col" }, text)); });
      var body = table.appendChild(element("tbody"));
      stats.roles.rows.forEach(function (row) {
        var tr = body.appendChild(element("tr", { "data-factor": row.factor }));
        if (row.flagged) tr.className = "hb-flagged";
        var th = tr.appendChild(element("th", { scope: "row" }, statement(row.factor).text));
        if (row.flagged) {
          th.appendChild(document.createTextNode(" "));
          th.appendChild(element("strong", { class: "hb-flag" }, t.ga_flag_difference));
        }
        tr.appendChild(element("td", { class: "hb-top" }, number(row.top)));
        tr.appendChild(element("td", { class: "hb-middle" }, number(row.middle)));
        tr.appendChild(element("td", { class: "hb-difference" },
          row.difference === null ? t.ga_too_few_answers
            : (row.difference > 0 ? "+" : "") + Core.format(row.difference, lang)));
      });
    }

    $("combine").addEventListener("click", combine);
    $("form").hidden = false;
  }

  if (window.HandbookAssessmentCore) {
    start();
  } else {
    window.addEventListener("hb-assessment-core", start, { once: true });
  }
})();
