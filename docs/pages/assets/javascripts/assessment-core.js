/* The self-assessment's arithmetic and formats, with no DOM and no network: scores per
 * recommendation, the plain answer code, the anonymous round (pairwise masks from key
 * agreement, summed), group statistics with the rules that keep individual answers from being worked out,
 * saved group results and their comparison over time, and reading saved answers.
 * The same file runs in the browser (window.HandbookAssessmentCore) and in Node (the unit tests,
 * tests/test_assessment_core.py and tests/test_assessment_round.py). The statements, scale and
 * strings come from the page. Why the round is designed as it is: ARCHITECTURE.md, "The
 * anonymous round: design and threat model". */
window.HandbookAssessmentCore = (() => {
  "use strict";

  const PREFIX = "LG";            // "ledergruppe"
  const FORMAT = "samarbeid-i-ledergruppa/egenvurdering";
  const RESULT_FORMAT = "samarbeid-i-ledergruppa/grupperesultat";
  // Files saved while the handbook had its first name, «Velfungerende ledergruppe»: still read.
  const FORMER_FORMAT = "velfungerende-ledergruppe/egenvurdering";
  const FORMER_RESULT_FORMAT = "velfungerende-ledergruppe/grupperesultat";
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

  /** Totals per statement from how many chose each value: {n, sum, squares, counts}. */
  function totalsFromCounts(counts) {
    const n = sumOf(counts);
    return {
      n, counts: counts.slice(),
      sum: sumOf(counts.map((c, i) => c * (i + 1))),
      squares: sumOf(counts.map((c, i) => c * (i + 1) * (i + 1)))
    };
  }

  /** Totals per statement, {n, sum, squares, counts}, from decoded members (or some of them). */
  function totalsOf(statements, members) {
    return statements.map((s, index) => {
      const counts = [0, 0, 0, 0, 0];
      for (const m of members) if (isScore(m.values[index])) counts[m.values[index] - 1] += 1;
      return totalsFromCounts(counts);
    });
  }

  /** Why numbers of a statement answered `n` times are held back: "group" (fewer than
   * MIN_GROUP: no number at all), "spread" (fewer than MIN_SPREAD: no spread and no counts;
   * with the mean they would tell which answers were given), or null (all shown). */
  function heldBack(n) {
    if (n < MIN_GROUP) return "group";
    if (n < MIN_SPREAD) return "spread";
    return null;
  }

  /** Mean, spread and counts (how many chose 1 … 5) from totals, each only where it gives no
   * individual answer away; `held` says why the rest is null. */
  function describe(total) {
    const row = { n: total.n, mean: null, spread: null, counts: null, held: heldBack(total.n) };
    if (row.held === "group") return row;
    row.mean = total.sum / total.n;
    if (row.held === null) {
      row.spread = Math.sqrt(Math.max(0, total.squares / total.n - row.mean * row.mean));
      row.counts = total.counts ? total.counts.slice() : null;
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

  // --- the anonymous round: pairwise masks from key agreement --------------------------------
  // Practical secure aggregation (Bonawitz et al. 2017) without its secret sharing; the design,
  // why it and not a ring, and what it does not protect: ARCHITECTURE.md, "The anonymous
  // round: design and threat model". In short:
  // 1. each member's browser makes an ECDH P-256 key pair and shows the public key as a code;
  // 2. each member pastes all key codes, the page shows how many members they are and a
  //    fingerprint of the set (said aloud and compared), and makes the member's contribution:
  //    their answers as counts plus, for every other member, a mask both derive from their key
  //    agreement and the set (HKDF-SHA-256), added by one of the two and subtracted by the other;
  // 3. anyone pastes all contributions: the masks cancel in the sum, which is the result.
  // Every number travels modulo MODULUS; a contribution without every pair's masks is uniformly
  // random, and masks for another set of members are fresh (the set is the HKDF salt).

  const KEY_PREFIX = "LGN";       // "nøkkel"
  const SHARE_PREFIX = "LGB";     // "bidrag"
  const MODULUS = 32;             // one base-32 character per number
  const MAX_ROUND = MODULUS - 1;  // a count must stay below the modulus
  const SCALE = 5;                // per statement: how many answered 1, 2, 3, 4 and 5
  const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford: no I, L, O, U
  const CURVE = { name: "ECDH", namedCurve: "P-256" };
  const subtle = () => globalThis.crypto.subtle;
  const utf8 = (text) => new TextEncoder().encode(text);

  // P-256 (FIPS 186-4): a public key is sent as x and the parity of y; y is worked out here,
  // since not every browser imports compressed points.
  const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
  const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

  function power(base, exponent, modulus) {
    let result = 1n;
    base %= modulus;
    while (exponent > 0n) {
      if (exponent & 1n) result = (result * base) % modulus;
      base = (base * base) % modulus;
      exponent >>= 1n;
    }
    return result;
  }

  const bytesToBig = (bytes) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
  function bigToBytes(n, length) {
    const bytes = new Uint8Array(length);
    for (let i = length - 1; i >= 0; i--) { bytes[i] = Number(n & 255n); n >>= 8n; }
    return bytes;
  }

  /** The uncompressed point (65 bytes) for x and y's parity, or null when x is not on the
   * curve. */
  function decompress(parity, xBytes) {
    const x = bytesToBig(xBytes);
    if (x >= P) return null;
    const right = (((x * x % P) * x - 3n * x + B) % P + P) % P;
    let y = power(right, (P + 1n) / 4n, P);   // P ≡ 3 (mod 4)
    if ((y * y) % P !== right) return null;
    if (Number(y & 1n) !== parity) y = P - y;
    const point = new Uint8Array(65);
    point[0] = 4;
    point.set(xBytes, 1);
    point.set(bigToBytes(y, 32), 33);
    return point;
  }

  /** Bits (0/1) as base-32 characters, padded with zero bits. */
  function bitsToBase32(bits) {
    let text = "";
    for (let i = 0; i < bits.length; i += 5) {
      let value = 0;
      for (let j = 0; j < 5; j++) value = value * 2 + (bits[i + j] || 0);
      text += BASE32[value];
    }
    return text;
  }

  function base32ToBits(text) {
    const bits = [];
    for (const c of text) {
      const value = BASE32.indexOf(c);
      for (let j = 4; j >= 0; j--) bits.push((value >> j) & 1);
    }
    return bits;
  }

  const bytesToBits = (bytes) => Array.from(bytes).flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((j) => (b >> j) & 1));
  function bitsToBytes(bits) {
    const bytes = new Uint8Array(bits.length / 8);
    bits.forEach((bit, i) => { bytes[i >> 3] |= bit << (7 - (i & 7)); });
    return bytes;
  }

  /** A code read leniently: spaces and line breaks left out, any case; after the prefix, O is
   * read as 0 and I or L as 1 (the base-32 alphabet has none of them). */
  function normalise(text, limit) {
    const compact = String(text).slice(0, limit).replace(/\s+/g, "").toUpperCase();
    const match = /^(LG[A-Z])-(.*)$/.exec(compact);
    return match ? match[1] + "-" + match[2].replace(/O/g, "0").replace(/[IL]/g, "1") : compact;
  }

  /** A key code: LGN-<edition>-<52 base-32 characters: y's parity, then x (257 bits)>-<check>. */
  function encodeKey(edition, raw) {
    const bits = [raw[64] & 1, ...bytesToBits(raw.slice(1, 33))];
    const body = KEY_PREFIX + "-" + edition + "-" + bitsToBase32(bits);
    return body + "-" + textCheck(body);
  }

  /** Read a key code. Returns {code (canonical), point (65 bytes)}, {error: "edition",
   * edition} for a sound key code of another edition, or {error: "malformed"}. */
  function decodeKey(text, edition) {
    const compact = normalise(text, 400);
    const match = /^(LGN-([0-9A-Z]{4})-([0-9A-Z]{52}))-(\d{2})$/.exec(compact);
    if (!match || textCheck(match[1]) !== match[4]) return { error: "malformed" };
    if (match[2] !== edition) return { error: "edition", edition: match[2] };
    if (match[3].split("").some((c) => BASE32.indexOf(c) < 0)) return { error: "malformed" };
    const bits = base32ToBits(match[3]);
    if (bits.slice(257).some((bit) => bit)) return { error: "malformed" };
    const point = decompress(bits[0], bitsToBytes(bits.slice(1, 257)));
    if (!point) return { error: "malformed" };
    return { code: compact, point };
  }

  /** A member's key for this round: a fresh ECDH P-256 key pair. Returns {kept: what this
   * browser keeps (the private key as JWK, the edition, the key code), code}. */
  async function makeKey(edition) {
    const pair = await subtle().generateKey(CURVE, true, ["deriveBits"]);
    const raw = new Uint8Array(await subtle().exportKey("raw", pair.publicKey));
    const code = encodeKey(edition, raw);
    const jwk = await subtle().exportKey("jwk", pair.privateKey);
    return { kept: { edition, code, key: jwk, given: {} }, code };
  }

  /** Whether a value read from storage is a kept key of this edition (never throws). */
  function isKeptKey(kept, edition) {
    return Boolean(kept && typeof kept === "object" && kept.edition === edition &&
      typeof kept.code === "string" && kept.key && typeof kept.key === "object" &&
      typeof kept.key.d === "string" && (kept.given === undefined ||
      (kept.given && typeof kept.given === "object" && !Array.isArray(kept.given))));
  }

  /** The key codes in pasted text: each word that starts with LGN- (a chat's names and times
   * around them are left out). Returns {keys: [{code, point, line}], problems} with duplicates
   * and bad codes as problems. */
  function readKeys(text, edition) {
    return readTokens(text, KEY_PREFIX, (token) => decodeKey(token, edition));
  }

  function readTokens(text, prefix, decode) {
    const all = String(text);
    const read = all.slice(0, MAX_INPUT);
    const found = [];
    const problems = [];
    const seen = new Map();
    read.split(/\r?\n/).forEach((line, index) => {
      for (const token of line.split(/[\s,;]+/)) {
        if (!token.toUpperCase().startsWith(prefix + "-")) continue;
        const item = decode(token);
        if (item.error) {
          problems.push({ kind: item.error, line: index + 1, text: token, edition: item.edition });
        } else if (seen.has(item.code)) {
          problems.push({ kind: "duplicate", line: index + 1, first: seen.get(item.code) });
        } else {
          seen.set(item.code, index + 1);
          found.push(Object.assign(item, { line: index + 1 }));
        }
      }
    });
    return { items: found, keys: found, problems, cut: all.length - read.length };
  }

  /** The set of members a round combines: its key codes in one order, its size, its salt (a
   * SHA-256 hash of the edition and every key code), a fingerprint to say aloud (12 digits,
   * 40 bits: no one can make another set with the same fingerprint) and a tag that marks its
   * contributions. */
  async function memberSet(edition, codes) {
    const sorted = codes.slice().sort();
    const hash = new Uint8Array(await subtle().digest("SHA-256",
      utf8("velfungerende-ledergruppe/runde\n" + edition + "\n" + sorted.join("\n"))));
    const digits = String(Number(bytesToBig(hash.slice(0, 5)) % 1000000000000n)).padStart(12, "0");
    return {
      codes: sorted, size: sorted.length, salt: hash,
      fingerprint: digits.replace(/(\d{4})(?=\d)/g, "$1 "),
      tag: bitsToBase32(bytesToBits(hash.slice(5, 8))).slice(0, 4)
    };
  }

  /** A short name for a key in lists: its first four characters after the edition. */
  const keyTag = (code) => code.split("-")[2].slice(0, 4);

  /** A member's own answers as counts: per statement, 1 at the answer's place of five. */
  function ownVector(statements, answers) {
    const vector = [];
    for (const s of statements) {
      const value = answers[s.factor];
      for (let v = 1; v <= SCALE; v++) vector.push(isScore(value) && value === v ? 1 : 0);
    }
    return vector;
  }

  /** The mask a pair of members share for this set: HKDF-SHA-256 over their ECDH secret, with
   * the set as salt, one byte per number (256 is a multiple of MODULUS: uniform). */
  async function pairMask(privateKey, point, set, length) {
    const other = await subtle().importKey("raw", point, CURVE, false, []);
    const secret = await subtle().deriveBits({ name: "ECDH", public: other }, privateKey, 256);
    const key = await subtle().importKey("raw", secret, "HKDF", false, ["deriveBits"]);
    const bytes = new Uint8Array(await subtle().deriveBits({
      name: "HKDF", hash: "SHA-256", salt: set.salt, info: utf8("velfungerende-ledergruppe/maske")
    }, key, length * 8));
    return Array.from(bytes, (b) => b % MODULUS);
  }

  const addVectors = (a, b) => a.map((v, i) => (v + b[i]) % MODULUS);
  const subtractVectors = (a, b) => a.map((v, i) => (((v - b[i]) % MODULUS) + MODULUS) % MODULUS);

  /** A contribution code: LGB-<edition>-<set tag>-<position, 2 digits><size, 2 digits>-<one
   * base-32 character per number>-<check>. */
  function encodeShare(edition, tag, position, size, vector) {
    const body = SHARE_PREFIX + "-" + edition + "-" + tag + "-" + String(position).padStart(2, "0") +
      String(size).padStart(2, "0") + "-" + vector.map((v) => BASE32[v]).join("");
    return body + "-" + textCheck(body);
  }

  /** Read a contribution code. Returns {code, tag, position, size, vector}, {error: "edition",
   * edition}, or {error: "malformed"}. */
  function decodeShare(text, edition, count) {
    const compact = normalise(text, 2000);
    const match = /^(LGB-([0-9A-Z]{4})-([0-9A-Z]{4})-(\d{2})(\d{2})-([0-9A-Z]+))-(\d{2})$/.exec(compact);
    if (!match || textCheck(match[1]) !== match[7]) return { error: "malformed" };
    if (match[2] !== edition) return { error: "edition", edition: match[2] };
    const position = Number(match[4]);
    const size = Number(match[5]);
    const payload = match[6];
    if (payload.length !== count * SCALE || payload.split("").some((c) => BASE32.indexOf(c) < 0) ||
        size < 1 || position < 1 || position > size) {
      return { error: "malformed" };
    }
    return { code: compact, tag: match[3], position, size, vector: payload.split("").map((c) => BASE32.indexOf(c)) };
  }

  /** Step 2: the member's contribution for the set of keys pasted. Returns {code, set,
   * position, kept (with the contribution remembered)} or {error}: "no-keys", "not-in-set" (the
   * member's own key is not among them), "too-few" (fewer than MIN_GROUP: the others' answers
   * could be worked out), "full" (more than MAX_ROUND), "changed" (the member already gave a
   * contribution for this very set with other answers: two would show the change). */
  async function contribute(edition, statements, answers, kept, codes) {
    if (!codes.length) return { error: "no-keys" };
    if (!codes.includes(kept.code)) return { error: "not-in-set" };
    if (codes.length < MIN_GROUP) return { error: "too-few", members: codes.length };
    if (codes.length > MAX_ROUND) return { error: "full" };
    const set = await memberSet(edition, codes);
    const own = set.codes.indexOf(kept.code);
    const privateKey = await subtle().importKey("jwk", kept.key, CURVE, false, ["deriveBits"]);
    let vector = ownVector(statements, answers);
    for (let j = 0; j < set.size; j++) {
      if (j === own) continue;
      const mask = await pairMask(privateKey, decodeKey(set.codes[j], edition).point, set, vector.length);
      vector = own < j ? addVectors(vector, mask) : subtractVectors(vector, mask);
    }
    const code = encodeShare(edition, set.tag, own + 1, set.size, vector);
    const given = Object.assign({}, kept.given || {});
    if (given[set.tag] && given[set.tag] !== code) return { error: "changed", set };
    given[set.tag] = code;
    return { code, set, position: own + 1, kept: Object.assign({}, kept, { given }) };
  }

  /** Step 3: the sum of all contributions pasted. Returns {stats, totals, problems} or
   * {error, problems}: "none", "mixed" (contributions for different sets of members),
   * "missing" (with the positions missing: a member who has left is left out by the others
   * making new contributions without their key), "too-few", "inconsistent" (a code that does
   * not belong, or a member's contribution made with other keys). */
  function sumShares(text, edition, statements) {
    const read = readTokens(text, SHARE_PREFIX, (token) => decodeShare(token, edition, statements.length));
    const shares = read.items;
    const problems = read.problems;
    if (!shares.length) return { error: "none", problems, cut: read.cut };
    const first = shares[0];
    if (shares.some((s) => s.tag !== first.tag || s.size !== first.size)) {
      return { error: "mixed", problems, cut: read.cut };
    }
    const byPosition = new Map();
    for (const share of shares) {
      if (byPosition.has(share.position)) return { error: "inconsistent", problems, cut: read.cut };
      byPosition.set(share.position, share);
    }
    const missing = [];
    for (let p = 1; p <= first.size; p++) if (!byPosition.has(p)) missing.push(p);
    if (missing.length) return { error: "missing", missing, size: first.size, problems, cut: read.cut };
    if (first.size < MIN_GROUP) return { error: "too-few", members: first.size, problems, cut: read.cut };
    const sum = shares.reduce((total, s) => addVectors(total, s.vector), shares[0].vector.map(() => 0));
    const totals = statements.map((s, i) => {
      const counts = sum.slice(SCALE * i, SCALE * i + SCALE);
      return totalsFromCounts(counts);
    });
    if (totals.some((t) => t.n > first.size)) return { error: "inconsistent", problems, cut: read.cut };
    return { stats: statsFromTotals(statements, totals, first.size, null), totals, tag: first.tag, problems, cut: read.cut };
  }

  // --- saved group results and their comparison ------------------------------------------------

  const oneDecimal = (value) => (value === null ? null : Math.round(value * 10) / 10);
  const MAX_CHANGE_HIDDEN = 2;    // answers that came or went between two results: refused

  /** A group result to save as a file: only what the screen shows (per statement n, mean and
   * spread to one decimal, and how many chose each value; null where held back), never a code
   * or an answer. */
  function makeResult(edition, stats, date) {
    return {
      format: RESULT_FORMAT, edition, date, members: stats.members,
      statements: stats.rows.map((row) => ({
        factor: row.factor, n: row.n, mean: oneDecimal(row.mean), spread: oneDecimal(row.spread),
        counts: row.counts ? row.counts.slice() : null
      }))
    };
  }

  const isNumberOrNull = (v, max) => v === null || v === undefined ||
    (typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= max);
  const isCount = (v) => Number.isInteger(v) && v >= 0 && v <= 100000;

  /** A saved group result -> {edition, date, members, statements: {factor: {n, mean, spread,
   * counts, held}}}, or null when the text is not such a file. The rules of what may be shown
   * are applied again (a file edited by hand shows no more than a result would); counts that do
   * not add up to n, or a mean they contradict, make the file unreadable. Never throws. */
  function readResult(text, factorIds) {
    let data;
    try {
      data = JSON.parse(typeof text === "string" ? text.slice(0, 100000) : "");
    } catch {
      return null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) ||
        ![RESULT_FORMAT, FORMER_RESULT_FORMAT].includes(data.format) ||
        !Array.isArray(data.statements) || !isCount(data.members)) {
      return null;
    }
    const statements = {};
    for (const row of data.statements) {
      if (!row || typeof row !== "object" || typeof row.factor !== "string" ||
          !factorIds.includes(row.factor) || !isCount(row.n) || row.n > data.members ||
          !isNumberOrNull(row.mean, 5) || !isNumberOrNull(row.spread, 5)) {
        return null;
      }
      let counts = null;
      if (row.counts !== null && row.counts !== undefined) {
        if (!Array.isArray(row.counts) || row.counts.length !== SCALE || !row.counts.every(isCount) ||
            sumOf(row.counts) !== row.n) {
          return null;
        }
        const mean = row.n ? sumOf(row.counts.map((c, i) => c * (i + 1))) / row.n : null;
        if (typeof row.mean === "number" && Math.abs(mean - row.mean) > 0.05 + 1e-9) return null;
        counts = row.counts.slice();
      }
      const held = heldBack(row.n);
      statements[row.factor] = {
        n: row.n, held,
        mean: held === "group" ? null : (row.mean ?? null),
        spread: held === null ? (row.spread ?? null) : null,
        counts: held === null ? counts : null
      };
    }
    const date = typeof data.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.date) ? data.date : "";
    return { edition: editionOf(data), date, members: data.members, statements };
  }

  /** Whether two results may be compared on a statement: not when the number of answers
   * differs by 1 or 2, since the change would then be one or two members' answers. */
  function mayCompare(earlier, later) {
    const difference = Math.abs(earlier.n - later.n);
    return difference === 0 || difference > MAX_CHANGE_HIDDEN;
  }

  /** Two saved results, per recommendation: the mean of the statements' means and of their
   * spreads in each round, over the statements both rounds show (so like is compared with
   * like), and the change (later minus earlier; null where no statement has both). Statements
   * whose number of answers differs by 1 or 2 are left out, listed in `refused` with the reason
   * "answers-differ" (they would show the answers of the one or two who came or went). */
  function compareResults(recommendations, statements, earlier, later) {
    const row = (result, factor) => (result.statements[factor] || null);
    const value = (result, factor, key) => ((row(result, factor) || {})[key] ?? null);
    return recommendations.map((rec) => {
      const own = statements.filter((s) => s.recommendation === rec.id).map((s) => s.factor);
      const refused = own.filter((f) => row(earlier, f) && row(later, f) &&
        !mayCompare(row(earlier, f), row(later, f)) &&
        (value(earlier, f, "mean") !== null || value(later, f, "mean") !== null));
      const compared = own.filter((f) => !refused.includes(f));
      const result = { id: rec.id, number: rec.number, refused, reason: refused.length ? "answers-differ" : null };
      for (const key of ["mean", "spread"]) {
        const both = compared.filter((f) => value(earlier, f, key) !== null && value(later, f, key) !== null);
        const before = both.length ? mean(both.map((f) => value(earlier, f, key))) : null;
        const after = both.length ? mean(both.map((f) => value(later, f, key))) : null;
        result[key] = { earlier: before, later: after, change: both.length ? after - before : null };
      }
      return result;
    });
  }

  // --- saved answers ---------------------------------------------------------------------------

  /** A saved file's edition (older files have a version number instead). */
  function editionOf(data) {
    for (const value of [data.edition, data.version]) {
      if (typeof value === "string" && value.length <= 20) return value;
      if (Number.isInteger(value)) return String(value);
    }
    return "";
  }

  /** Saved answers (localStorage or an exported file) -> {answers, role, edition, skipped} with
   * only known factors and scores 1-5, or null when the text is not such a record. */
  function readRecord(text, factorIds) {
    let data;
    try {
      data = JSON.parse(typeof text === "string" ? text : "");
    } catch {
      return null;
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || ![FORMAT, FORMER_FORMAT].includes(data.format) ||
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
    SCALE, ownVector, totalsFromCounts, heldBack, makeKey, isKeptKey, encodeKey, decodeKey,
    readKeys, memberSet, keyTag, pairMask, contribute, encodeShare, decodeShare, sumShares,
    makeResult, readResult, compareResults, mayCompare,
    readRecord, makeRecord, changes
  };
})();
