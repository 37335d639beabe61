/* The self-assessment's arithmetic and formats, with no DOM and no network: scores per
 * recommendation, the answer code members share, group statistics, and reading saved answers.
 * The same file runs in the browser (window.HandbookAssessmentCore) and in Node (the unit tests,
 * tests/test_assessment_core.py). The statements, scale and strings come from the page. */
(function (root, factory) {
  "use strict";
  var core = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    root.HandbookAssessmentCore = core;
    root.dispatchEvent(new Event("hb-assessment-core"));
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var PREFIX = "LG";            // "ledergruppe"
  var FORMAT = "velfungerende-ledergruppe/egenvurdering";
  var MIN_GROUP = 3;            // nothing is shown for fewer members
  var MIN_ROLE = 2;             // nor for a role with fewer members
  var FLAG_SPREAD = 1;          // a standard deviation from which answers clearly differ
  var MAX_FLAGS = 3;
  var ROLE_LETTER = { "": "X", top: "T", middle: "M" };
  var LETTER_ROLE = { X: "", T: "top", M: "middle" };
  var ROLE_DIGIT = { X: "0", T: "1", M: "2" };

  function isScore(value) {
    return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
  }

  function mean(values) {
    var sum = 0;
    values.forEach(function (v) { sum += v; });
    return sum / values.length;
  }

  /** Population standard deviation: 0 when everyone answered the same. */
  function spread(values) {
    var m = mean(values);
    var squares = 0;
    values.forEach(function (v) { squares += (v - m) * (v - m); });
    return Math.sqrt(squares / values.length);
  }

  /** A number with one decimal, as the language writes it ("3,7"). */
  function format(value, lang) {
    return new Intl.NumberFormat(lang, {
      minimumFractionDigits: 1, maximumFractionDigits: 1
    }).format(value);
  }

  /** Each recommendation's mean over its answered statements, weakest first; recommendations
   * with no answer last, in their own order. */
  function scoreRecommendations(recommendations, statements, answers) {
    var scores = recommendations.map(function (rec) {
      var own = statements.filter(function (s) { return s.recommendation === rec.id; });
      var values = own.map(function (s) { return answers[s.factor]; }).filter(isScore);
      return {
        id: rec.id, number: rec.number, total: own.length, answered: values.length,
        mean: values.length ? mean(values) : null
      };
    });
    return scores.slice().sort(function (a, b) {
      if (a.mean === null || b.mean === null) {
        return (a.mean === null) - (b.mean === null) || a.number - b.number;
      }
      return a.mean - b.mean || a.number - b.number;
    });
  }

  /** ISO 7064 MOD 97-10 check digits over a string of digits: catch every changed digit and
   * every swap of two neighbours. */
  function mod97(digits) {
    var rest = 0;
    for (var i = 0; i < digits.length; i++) {
      rest = (rest * 10 + Number(digits[i])) % 97;
    }
    return rest;
  }

  function checkDigits(digits) {
    var check = 98 - mod97(digits + "00");
    return (check < 10 ? "0" : "") + check;
  }

  /** The answer code: LG<version>-<role T/M/X>-<one digit per statement, 0 = no answer>-<check>,
   * e.g. LG1-T-345123451234512345-07. Null when nothing is answered. */
  function encodeCode(version, statements, answers, role) {
    var letter = ROLE_LETTER[role || ""] || "X";
    var digits = statements.map(function (s) {
      return isScore(answers[s.factor]) ? String(answers[s.factor]) : "0";
    }).join("");
    if (!/[1-5]/.test(digits)) return null;
    var check = checkDigits(String(version) + ROLE_DIGIT[letter] + digits);
    return PREFIX + version + "-" + letter + "-" + digits + "-" + check;
  }

  /** Read a code. Returns {role, values} (values: a number 1-5 or null per statement) or
   * {error: "malformed" | "version"}. */
  function decodeCode(text, version, count) {
    var code = String(text).replace(/\s+/g, "").toUpperCase();
    var match = /^LG(\d{1,2})-([TMX])-([0-5]{1,60})-(\d{2})$/.exec(code);
    if (!match) return { error: "malformed" };
    var body = match[1] + ROLE_DIGIT[match[2]] + match[3];
    if (checkDigits(body) !== match[4]) return { error: "malformed" };
    if (Number(match[1]) !== version) return { error: "version" };
    if (match[3].length !== count || !/[1-5]/.test(match[3])) return { error: "malformed" };
    return {
      code: code,
      role: LETTER_ROLE[match[2]],
      values: match[3].split("").map(function (d) { return d === "0" ? null : Number(d); })
    };
  }

  /** Split pasted text into codes, one per line (commas and semicolons also separate). Returns
   * [{line, text}] for every non-empty piece. */
  function splitCodes(text) {
    var pieces = [];
    String(text).split(/\r?\n/).forEach(function (line, index) {
      line.split(/[,;]/).forEach(function (piece) {
        if (piece.trim()) pieces.push({ line: index + 1, text: piece.trim() });
      });
    });
    return pieces;
  }

  function describe(values) {
    if (values.length < MIN_GROUP) return { n: values.length, mean: null, spread: null };
    return { n: values.length, mean: mean(values), spread: spread(values) };
  }

  /** Pick the largest by `key`, at most `max` (ties at the edge included), from `minimum`. */
  function largest(items, key, minimum, max) {
    var ranked = items.filter(function (item) {
      return item[key] !== null && item[key] >= minimum - 1e-9;
    }).sort(function (a, b) { return b[key] - a[key]; });
    if (ranked.length <= max) return ranked;
    var edge = ranked[max - 1][key];
    return ranked.filter(function (item, index) {
      return index < max || Math.abs(item[key] - edge) < 1e-9;
    });
  }

  /** Combine decoded members. Returns null for fewer than MIN_GROUP members; otherwise per
   * statement {factor, n, mean, spread, flagged} (mean and spread null below MIN_GROUP answers),
   * the flagged factors (largest spread first) and, when both roles have MIN_ROLE members, the
   * role means and their difference. No individual answer is returned. */
  function groupStats(statements, members) {
    if (members.length < MIN_GROUP) return null;
    var rows = statements.map(function (s, index) {
      var values = members.map(function (m) { return m.values[index]; }).filter(isScore);
      var row = describe(values);
      row.factor = s.factor;
      row.recommendation = s.recommendation;
      return row;
    });
    var flagged = largest(rows, "spread", FLAG_SPREAD, MAX_FLAGS);
    rows.forEach(function (row) { row.flagged = flagged.indexOf(row) !== -1; });
    var top = members.filter(function (m) { return m.role === "top"; });
    var middle = members.filter(function (m) { return m.role === "middle"; });
    var roles = null;
    if (top.length >= MIN_ROLE && middle.length >= MIN_ROLE) {
      var roleRows = statements.map(function (s, index) {
        function roleMean(group) {
          var values = group.map(function (m) { return m.values[index]; }).filter(isScore);
          return values.length >= MIN_ROLE ? mean(values) : null;
        }
        var t = roleMean(top);
        var m = roleMean(middle);
        var difference = t === null || m === null ? null : t - m;
        return {
          factor: s.factor, top: t, middle: m, difference: difference,
          size: difference === null ? null : Math.abs(difference)
        };
      });
      var widest = largest(roleRows, "size", 0.01, 1);
      roleRows.forEach(function (row) { row.flagged = widest.indexOf(row) !== -1; });
      roles = { top: top.length, middle: middle.length, rows: roleRows };
    }
    return {
      members: members.length,
      rows: rows,
      flagged: flagged.map(function (row) { return row.factor; }),
      roles: roles
    };
  }

  /** Saved answers (localStorage or an exported file) -> {answers, role, version} with only
   * known factors and scores 1-5, or null when the text is not such a record. */
  function readRecord(text, factorIds) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT ||
        !data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return null;
    }
    var answers = {};
    var skipped = 0;
    Object.keys(data.answers).forEach(function (factor) {
      if (factorIds.indexOf(factor) !== -1 && isScore(data.answers[factor])) {
        answers[factor] = data.answers[factor];
      } else {
        skipped += 1;
      }
    });
    var role = data.role === "top" || data.role === "middle" ? data.role : "";
    return { answers: answers, role: role, version: data.version, skipped: skipped };
  }

  /* A UI string with {named} values filled in. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  /* Only in the browser: a new element with attributes and text (never HTML). */
  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function makeRecord(version, answers, role) {
    return { format: FORMAT, version: version, role: role || "", answers: answers };
  }

  return {
    MIN_GROUP: MIN_GROUP, MIN_ROLE: MIN_ROLE, FLAG_SPREAD: FLAG_SPREAD,
    isScore: isScore, mean: mean, spread: spread, format: format,
    scoreRecommendations: scoreRecommendations,
    encodeCode: encodeCode, decodeCode: decodeCode, splitCodes: splitCodes,
    groupStats: groupStats, readRecord: readRecord, makeRecord: makeRecord,
    fill: fill, element: element
  };
});
