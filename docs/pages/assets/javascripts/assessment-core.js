/* The self-assessment's arithmetic and formats, with no DOM and no network: scores per
 * recommendation, the plain answer code, the anonymous round (a secure sum passed round the
 * group), group statistics with the rules that keep individual answers from being worked out,
 * saved group results and their comparison over time, and reading saved answers.
 * The same file runs in the browser (window.HandbookAssessmentCore) and in Node (the unit tests,
 * tests/test_assessment_core.py and tests/test_assessment_round.py). The statements, scale and
 * strings come from the page. Why the round is designed as it is: README, "The group view". */
/* global module -- in Node, for the unit tests */
((root, factory) => {
  "use strict";
  const core = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = core;
  } else {
    root.HandbookAssessmentCore = core;
  }
})(typeof self !== "undefined" ? self : this, () => {
  "use strict";

  const PREFIX = "LG";            // "ledergruppe"
  const FORMAT = "velfungerende-ledergruppe/egenvurdering";
  const RESULT_FORMAT = "velfungerende-ledergruppe/grupperesultat";
  const MIN_GROUP = 3;            // no number from fewer answers
  const MIN_SPREAD = 5;           // no spread from fewer answers (with the mean it gives them away)
  const MIN_ROLE = 3;             // a role's mean only with this many in it, and the rest 0 or this many
  const FLAG_SPREAD = 1;          // a standard deviation from which answers clearly differ
  const MAX_FLAGS = 3;
  const MAX_INPUT = 200000;       // characters of pasted codes read; the rest is reported, not read
  const MAX_PROBLEMS = 20;        // problems listed one by one; the rest are counted
  const ROLE_LETTER = { "": "X", top: "T", middle: "M" };
  const LETTER_ROLE = { X: "", T: "top", M: "middle" };
  const ROLE_DIGIT = { X: "0", T: "1", M: "2" };
  const ROLES = ["top", "middle", ""];

  const isScore = (value) => Number.isInteger(value) && value >= 1 && value <= 5;
  const sumOf = (values) => values.reduce((total, v) => total + v, 0);
  const mean = (values) => sumOf(values) / values.length;

  /** Population standard deviation: 0 when everyone answered the same. */
  function spread(values) {
    const m = mean(values);
    return Math.sqrt(sumOf(values.map((v) => (v - m) * (v - m))) / values.length);
  }

  /* Numbers as the page's language writes them: `locales` is the page data's list of language
   * tags, best first (macros/languages.yml); the browser takes the first it has data for. */

  /** A number with one decimal ("3,7"). */
  function format(value, locales) {
    return new Intl.NumberFormat(locales, {
      minimumFractionDigits: 1, maximumFractionDigits: 1
    }).format(value);
  }

  /** A whole number, grouped ("200 000" in nb, "200.000" in da). */
  function formatCount(value, locales) {
    return new Intl.NumberFormat(locales, { maximumFractionDigits: 0 }).format(value);
  }

  /** A signed change with one decimal ("+0,4", "−0,2", "0,0"). */
  function formatChange(value, locales) {
    const rounded = Math.round(value * 10) / 10;
    if (rounded === 0) return format(0, locales);
    return (rounded > 0 ? "+" : "\u2212") + format(Math.abs(rounded), locales);
  }

  /** Each recommendation's mean over its answered statements, weakest first; recommendations
   * with no answer last, in their own order. */
  function scoreRecommendations(recommendations, statements, answers) {
    const scores = recommendations.map((rec) => {
      const own = statements.filter((s) => s.recommendation === rec.id);
      const values = own.map((s) => answers[s.factor]).filter(isScore);
      return {
        id: rec.id, number: rec.number, total: own.length, answered: values.length,
        mean: values.length ? mean(values) : null
      };
    });
    return scores.slice().sort((a, b) => {
      if (a.mean === null || b.mean === null) {
        return (a.mean === null) - (b.mean === null) || a.number - b.number;
      }
      return a.mean - b.mean || a.number - b.number;
    });
  }

  // --- check digits --------------------------------------------------------------------------

  /** ISO 7064 MOD 97-10 check digits over a string of digits: catch every changed digit and
   * every swap of two neighbours. */
  function mod97(digits) {
    let rest = 0;
    for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
    return rest;
  }

  function checkDigits(digits) {
    const check = 98 - mod97(digits + "00");
    return (check < 10 ? "0" : "") + check;
  }

  /** The check digits of a code with letters: MOD 97-10 over each character's code as two
   * digits (all are 45-90), so every changed character and every swap of two neighbours is
   * caught. */
  function textCheck(body) {
    return checkDigits(body.split("").map((c) => String(c.charCodeAt(0) % 100).padStart(2, "0")).join(""));
  }

  // --- the plain answer code -------------------------------------------------------------------
  // Every code carries the edition of the statements it answers: a fingerprint of the statements
  // made by the build (the same in every language), so a code from another edition is named as
  // such, not taken for a broken one. Codes from before the fingerprint (LG1-…, LGR1-…) carried
  // a number instead; they are read as from edition "1".

  /** The plain answer code: LG-<edition>-<role T/M/X>-<one digit per statement, 0 = no answer>-
   * <check>, e.g. LG-K7QX-T-345123451234512345-07. It contains the answers: whoever has it can
   * read them. Null when nothing is answered. */
  function encodeCode(edition, statements, answers, role) {
    const letter = ROLE_LETTER[role || ""] || "X";
    const digits = statements.map((s) => (isScore(answers[s.factor]) ? String(answers[s.factor]) : "0")).join("");
    if (!/[1-5]/.test(digits)) return null;
    const body = PREFIX + "-" + edition + "-" + letter + "-" + digits;
    return body + "-" + textCheck(body);
  }

  /** A code of the numbered editions before the fingerprint (LG1-T-…-07): its number, or null. */
  function numberedEdition(compact) {
    const match = /^LG(\d{1,3})-([TMX])-([0-5]{1,60})-(\d{2})$/.exec(compact);
    if (!match) return null;
    const valid = [String(Number(match[1])), match[1]].some((number) =>
      checkDigits(number + ROLE_DIGIT[match[2]] + match[3]) === match[4]);
    return valid ? String(Number(match[1])) : null;
  }

  /** Read a plain code in any case, with spaces or line breaks. Returns {code (canonical), role,
   * values (1-5 or null per statement)}, {error: "edition", edition} for a sound code of
   * another edition, or {error: "malformed"}. */
  function decodeCode(text, edition, count) {
    const compact = String(text).slice(0, 200).replace(/\s+/g, "").toUpperCase();
    const numbered = numberedEdition(compact);
    if (numbered !== null) return { error: "edition", edition: numbered };
    const match = /^(LG-([0-9A-Z]{4})-([TMX])-([0-5]{1,60}))-(\d{2})$/.exec(compact);
    if (!match || textCheck(match[1]) !== match[5]) return { error: "malformed" };
    if (match[2] !== edition) return { error: "edition", edition: match[2] };
    if (match[4].length !== count || !/[1-5]/.test(match[4])) return { error: "malformed" };
    return {
      code: compact,
      role: LETTER_ROLE[match[3]],
      values: match[4].split("").map((d) => (d === "0" ? null : Number(d)))
    };
  }

  /** Split pasted text into pieces, one per line (commas and semicolons also separate), reading
   * at most MAX_INPUT characters. Returns {pieces: [{line, text}], cut: characters not read}. */
  function splitCodes(text) {
    const all = String(text);
    const read = all.slice(0, MAX_INPUT);
    const pieces = [];
    read.split(/\r?\n/).forEach((line, index) => {
      for (const piece of line.split(/[,;]/)) {
        if (piece.trim()) pieces.push({ line: index + 1, text: piece.trim() });
      }
    });
    return { pieces, cut: all.length - read.length };
  }

  /** Read pasted plain codes. Duplicates (in canonical form) are left out. Returns
   * {members, problems: [{kind: "malformed"|"edition"|"duplicate", line, text, edition}]}. */
  function readCodes(text, edition, count) {
    const { pieces, cut } = splitCodes(text);
    const members = [];
    const problems = [];
    const seen = new Map();
    for (const piece of pieces) {
      const member = decodeCode(piece.text, edition, count);
      if (member.error) {
        problems.push({ kind: member.error, line: piece.line, text: piece.text, edition: member.edition });
      } else if (seen.has(member.code)) {
        problems.push({ kind: "duplicate", line: piece.line, first: seen.get(member.code) });
      } else {
        seen.set(member.code, piece.line);
        members.push(member);
      }
    }
    return { members, problems, cut };
  }

  /** The problems worth listing one by one, and how many more there are. */
  function firstProblems(problems) {
    return { shown: problems.slice(0, MAX_PROBLEMS), more: Math.max(0, problems.length - MAX_PROBLEMS) };
  }

  // --- group statistics ------------------------------------------------------------------------

  /** Totals per statement, {n, sum, squares}, from decoded members (or some of them). */
  function totalsOf(statements, members) {
    return statements.map((s, index) => {
      const values = members.map((m) => m.values[index]).filter(isScore);
      return { n: values.length, sum: sumOf(values), squares: sumOf(values.map((v) => v * v)) };
    });
  }

  /** Mean and spread from totals, each only where it gives no individual answer away: no mean
   * under MIN_GROUP answers, no spread under MIN_SPREAD. */
  function describe(total) {
    const row = { n: total.n, mean: null, spread: null };
    if (total.n < MIN_GROUP) return row;
    row.mean = total.sum / total.n;
    if (total.n >= MIN_SPREAD) {
      row.spread = Math.sqrt(Math.max(0, total.squares / total.n - row.mean * row.mean));
    }
    return row;
  }

  /** Pick the largest by `key`, at most `max` (ties at the edge included), from `minimum`. */
  function largest(items, key, minimum, max) {
    const ranked = items.filter((item) => item[key] !== null && item[key] >= minimum - 1e-9)
      .sort((a, b) => b[key] - a[key]);
    if (ranked.length <= max) return ranked;
    const edge = ranked[max - 1][key];
    return ranked.filter((item, index) => index < max || Math.abs(item[key] - edge) < 1e-9);
  }

  /** Whether role means may be shown for answers with these counts per role: the two roles
   * compared have MIN_ROLE each, and those without a role are none or MIN_ROLE. Otherwise the
   * overall mean minus the role means would give the others' answers away. */
  function rolesMayShow(counts) {
    return counts.top >= MIN_ROLE && counts.middle >= MIN_ROLE &&
      (counts[""] === 0 || counts[""] >= MIN_ROLE);
  }

  /** The group's result from totals per statement (and, for plain codes, the members' roles).
   * Per statement {factor, recommendation, n, mean, spread, flagged}; the flagged factors
   * (largest spread first); members; and the role comparison where the rules allow it. No
   * individual answer is returned, and no number an individual answer can be worked out from.
   * Null for fewer than MIN_GROUP members. */
  function statsFromTotals(statements, totals, members, roleMembers) {
    if (members < MIN_GROUP) return null;
    const rows = statements.map((s, index) => Object.assign(describe(totals[index]), {
      factor: s.factor, recommendation: s.recommendation
    }));
    const flagged = largest(rows, "spread", FLAG_SPREAD, MAX_FLAGS);
    rows.forEach((row) => { row.flagged = flagged.includes(row); });
    return {
      members,
      rows,
      flagged: flagged.map((row) => row.factor),
      roles: roleMembers ? roleComparison(statements, roleMembers) : undefined
    };
  }

  function roleComparison(statements, members) {
    const byRole = {};
    ROLES.forEach((role) => { byRole[role] = members.filter((m) => m.role === role); });
    const counts = {};
    ROLES.forEach((role) => { counts[role] = byRole[role].length; });
    if (!rolesMayShow(counts)) return null;
    const rows = statements.map((s, index) => {
      const answered = {};
      const values = {};
      ROLES.forEach((role) => {
        values[role] = byRole[role].map((m) => m.values[index]).filter(isScore);
        answered[role] = values[role].length;
      });
      const shown = rolesMayShow(answered);
      const top = shown ? mean(values.top) : null;
      const middle = shown ? mean(values.middle) : null;
      const difference = shown ? top - middle : null;
      return {
        factor: s.factor, top, middle, difference,
        size: difference === null ? null : Math.abs(difference)
      };
    });
    const widest = largest(rows, "size", 0.01, 1);
    rows.forEach((row) => { row.flagged = widest.includes(row); });
    return { top: counts.top, middle: counts.middle, rows };
  }

  /** The group's result from decoded plain codes (see statsFromTotals). */
  function groupStats(statements, members) {
    return statsFromTotals(statements, totalsOf(statements, members), members.length, members);
  }

  // --- the anonymous round: a secure sum passed round the group --------------------------------
  // Every number travels modulo MODULUS. The first member adds a uniformly random mask to their
  // totals; each member adds theirs; the last hands the code back; the first takes the mask off.
  // Each code in transit is the mask plus some totals, so it is uniformly random whatever the
  // answers are. Counts, sums and sums of squares for MAX_ROUND members stay below MODULUS.

  const ROUND_PREFIX = "LGR";
  const MODULUS = 1024;           // 32 × 32: two base-32 characters per number
  const MAX_ROUND = 40;           // 40 × 25 = 1000 < 1024
  const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford: no I, L, O, U

  /** Uniformly random integers 0 … MODULUS-1 (crypto.getRandomValues; 65536 is a multiple). */
  function randomNumbers(count) {
    const values = new Uint16Array(count);
    globalThis.crypto.getRandomValues(values);
    return Array.from(values, (v) => v % MODULUS);
  }

  function randomId() {
    return randomNumbers(4).map((v) => BASE32[v % 32]).join("");
  }

  /** A member's own totals as a vector: per statement [answered 0/1, answer, answer²]. */
  function ownVector(statements, answers) {
    const vector = [];
    for (const s of statements) {
      const value = answers[s.factor];
      if (isScore(value)) vector.push(1, value, value * value);
      else vector.push(0, 0, 0);
    }
    return vector;
  }

  const addVectors = (a, b) => a.map((v, i) => (v + b[i]) % MODULUS);
  const subtractVectors = (a, b) => a.map((v, i) => (((v - b[i]) % MODULUS) + MODULUS) % MODULUS);

  /** A round code: LGR-<edition>-<round id>-<members so far, 2 digits>-<2 base-32 characters
   * per number>-<check>. */
  function encodeRound(edition, round, members, vector) {
    const payload = vector.map((v) => BASE32[Math.floor(v / 32)] + BASE32[v % 32]).join("");
    const body = ROUND_PREFIX + "-" + edition + "-" + round + "-" + String(members).padStart(2, "0") + "-" + payload;
    return body + "-" + textCheck(body);
  }

  /** Read a round code in any case, with spaces or line breaks; O is read as 0 and I or L as 1.
   * Returns {edition, round, members, vector}, {error: "edition", edition} for a sound code of
   * another edition, or {error: "malformed"}. */
  function decodeRound(text, edition, count) {
    const compact = String(text).slice(0, 2000).replace(/\s+/g, "").toUpperCase()
      .replace(/O/g, "0").replace(/[IL]/g, "1").replace(/^1GR/, "LGR");
    const numbered = /^(LGR(\d{1,3})-[0-9A-Z]{4}-\d{2}-[0-9A-Z]+)-(\d{2})$/.exec(compact);
    if (numbered && textCheck(numbered[1]) === numbered[3]) {
      return { error: "edition", edition: String(Number(numbered[2])) };
    }
    const match = /^(LGR-([0-9A-Z]{4})-([0-9A-Z]{4})-(\d{2})-([0-9A-Z]+))-(\d{2})$/.exec(compact);
    if (!match || textCheck(match[1]) !== match[6]) return { error: "malformed" };
    if (match[2] !== edition) return { error: "edition", edition: match[2] };
    const payload = match[5];
    if (payload.length !== count * 6 || payload.split("").some((c) => BASE32.indexOf(c) < 0)) {
      return { error: "malformed" };
    }
    const vector = [];
    for (let i = 0; i < payload.length; i += 2) {
      vector.push(BASE32.indexOf(payload[i]) * 32 + BASE32.indexOf(payload[i + 1]));
    }
    return { edition: match[2], round: match[3], members: Number(match[4]), vector };
  }

  /** The first member starts a round: a fresh mask, kept in their browser until the end, and
   * the first code (mask + own totals). */
  function startRound(edition, statements, answers) {
    const mask = randomNumbers(statements.length * 3);
    const round = randomId();
    return {
      kept: { round, mask, edition },
      code: encodeRound(edition, round, 1, addVectors(mask, ownVector(statements, answers)))
    };
  }

  /** A member adds their totals to the code they received. Returns {code} or {error}:
   * "malformed", "edition" (with the code's edition) or "full" (MAX_ROUND members). */
  function addToRound(text, edition, statements, answers) {
    const received = decodeRound(text, edition, statements.length);
    if (received.error) return received;
    if (received.members >= MAX_ROUND) return { error: "full" };
    return {
      round: received.round,
      code: encodeRound(edition, received.round, received.members + 1,
        addVectors(received.vector, ownVector(statements, answers)))
    };
  }

  /** The first member takes the mask off the code that came back. Returns {stats, members} or
   * {error}: "malformed", "edition", "other-round", "too-few" (fewer than MIN_GROUP members: the
   * first member could then work the others' answers out), or "inconsistent" (the totals
   * cannot be right: a code was mistyped past its check, or a member left out). */
  function finishRound(text, kept, statements) {
    const received = decodeRound(text, kept.edition, statements.length);
    if (received.error) return received;
    if (received.round !== kept.round) return { error: "other-round" };
    if (received.members < MIN_GROUP) return { error: "too-few", members: received.members };
    const vector = subtractVectors(received.vector, kept.mask);
    const totals = statements.map((s, i) => ({
      n: vector[3 * i], sum: vector[3 * i + 1], squares: vector[3 * i + 2]
    }));
    const possible = totals.every((t) => t.n <= received.members && t.sum >= t.n &&
      t.sum <= 5 * t.n && t.squares >= t.n && t.squares <= 25 * t.n && t.squares * t.n >= t.sum * t.sum);
    if (!possible) return { error: "inconsistent" };
    return { stats: statsFromTotals(statements, totals, received.members, null), totals };
  }

  // --- saved group results and their comparison ------------------------------------------------

  const oneDecimal = (value) => (value === null ? null : Math.round(value * 10) / 10);

  /** A group result to save as a file: only what the screen shows (per statement n, mean and
   * spread to one decimal, null where held back), never a code or an answer. */
  function makeResult(edition, stats, date) {
    return {
      format: RESULT_FORMAT, edition, date, members: stats.members,
      statements: stats.rows.map((row) => ({
        factor: row.factor, n: row.n, mean: oneDecimal(row.mean), spread: oneDecimal(row.spread)
      }))
    };
  }

  const isNumberOrNull = (v, max) => v === null || (typeof v === "number" && v >= 0 && v <= max);

  /** A saved group result -> {edition, date, members, statements: {factor: {n, mean, spread}}},
   * or null when the text is not such a file (files from before the fingerprint have a version
   * number instead: their edition is that number). */
  function readResult(text, factorIds) {
    let data;
    try {
      data = JSON.parse(String(text).slice(0, 100000));
    } catch {
      return null;
    }
    if (!data || typeof data !== "object" || data.format !== RESULT_FORMAT ||
        !Array.isArray(data.statements) || !Number.isInteger(data.members)) {
      return null;
    }
    const statements = {};
    for (const row of data.statements) {
      if (!row || !factorIds.includes(row.factor) || !Number.isInteger(row.n) ||
          !isNumberOrNull(row.mean, 5) || !isNumberOrNull(row.spread, 5)) {
        return null;
      }
      statements[row.factor] = { n: row.n, mean: row.mean, spread: row.spread };
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(data.date) ? data.date : "";
    return { edition: editionOf(data), date, members: data.members, statements };
  }

  /** Two saved results, per recommendation: the mean of the statements' means and of their
   * spreads in each round, over the statements both rounds show (so like is compared with
   * like), and the change (later minus earlier; null where no statement has both). */
  function compareResults(recommendations, statements, earlier, later) {
    const value = (result, factor, key) => ((result.statements[factor] || {})[key] ?? null);
    return recommendations.map((rec) => {
      const own = statements.filter((s) => s.recommendation === rec.id).map((s) => s.factor);
      const row = { id: rec.id, number: rec.number };
      for (const key of ["mean", "spread"]) {
        const both = own.filter((f) => value(earlier, f, key) !== null && value(later, f, key) !== null);
        const before = both.length ? mean(both.map((f) => value(earlier, f, key))) : null;
        const after = both.length ? mean(both.map((f) => value(later, f, key))) : null;
        row[key] = { earlier: before, later: after, change: both.length ? after - before : null };
      }
      return row;
    });
  }

  // --- saved answers ---------------------------------------------------------------------------

  /** A saved file's edition (older files have a version number instead). */
  function editionOf(data) {
    return String(data.edition ?? data.version ?? "");
  }

  /** Saved answers (localStorage or an exported file) -> {answers, role, edition, skipped} with
   * only known factors and scores 1-5, or null when the text is not such a record. */
  function readRecord(text, factorIds) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT ||
        !data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return null;
    }
    const answers = {};
    let skipped = 0;
    for (const factor of Object.keys(data.answers)) {
      if (factorIds.includes(factor) && isScore(data.answers[factor])) {
        answers[factor] = data.answers[factor];
      } else {
        skipped += 1;
      }
    }
    const role = data.role === "top" || data.role === "middle" ? data.role : "";
    return { answers, role, edition: editionOf(data), skipped };
  }

  function makeRecord(edition, answers, role) {
    return { format: FORMAT, edition, role: role || "", answers };
  }

  /** What replacing `before` with `after` would change: per factor (in statement order)
   * {factor, from, to} where the answer differs, and whether the role changes. */
  function changes(factorIds, before, after) {
    const list = factorIds.filter((f) => (before.answers[f] || null) !== (after.answers[f] || null))
      .map((f) => ({ factor: f, from: before.answers[f] || null, to: after.answers[f] || null }));
    return { answers: list, role: (before.role || "") !== (after.role || "") };
  }

  return {
    MIN_GROUP, MIN_SPREAD, MIN_ROLE, FLAG_SPREAD, MAX_INPUT, MAX_PROBLEMS, MODULUS, MAX_ROUND,
    isScore, mean, spread, format, formatCount, formatChange,
    scoreRecommendations,
    encodeCode, decodeCode, splitCodes, readCodes, firstProblems,
    totalsOf, statsFromTotals, groupStats, rolesMayShow,
    randomNumbers, ownVector, encodeRound, decodeRound, startRound, addToRound, finishRound,
    makeResult, readResult, compareResults,
    readRecord, makeRecord, changes
  };
});
