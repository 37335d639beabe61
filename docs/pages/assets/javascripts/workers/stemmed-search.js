/*
 * Search worker that adds stems to the query, then runs Material for MkDocs' own search worker.
 * Why: see macros/site/search.py. The page's config points here with ?worker=<Material's worker file>.
 *
 * Material's worker receives {type: 0, data: {config, docs}} to set up (config.lang names the
 * lunr language, from macros/languages.yml), then {type: 2, data: "query text"} for every search. This
 * listener is registered first, so it sees each message before Material's listener and rewrites
 * the query text in place: every plain word is followed by its stem when the stem differs, and
 * by the handbook's words for it from content/search-synonyms.yml (search-synonyms.js, generated
 * per language: self.handbookSynonyms maps a reader's word to a list of words; a query word that
 * starts with the reader's word counts, so "konflikter" finds what "konflikt" finds).
 *
 * Compounds: a query word that finds no word of the index, not even by its stem, is followed by
 * the words of the index it is made of ("møtekultur" -> "møte kultur^3"), or by the compounds of
 * the index that end in it ("prosess" -> "beslutningsprosessene"). The index's words come from
 * search-vocabulary.js (self.handbookVocabulary, sorted), written by each build.
 */
"use strict";

let stemmer = null;

// In a worker, self.location is this script's address. In the offline copy on file:// the
// iframe-worker shim runs this file as a <script> in an iframe (where self.location is the
// page's), and its importScripts adds script elements, so names are made absolute here.
const here = new URL(self.document ? self.document.currentScript.src : self.location.href);
const load = (name) => importScripts(new URL(name, here).href);

load("search-synonyms.js");
load("search-vocabulary.js");

const PART = 4; // the shortest part of a compound (shorter ones split words into nonsense)
// inflected endings (Norwegian and Danish) cut off a word of the index to make a part:
// kulturen -> kultur, møtene -> møt(e)
const ENDINGS = ["e", "a", "s", "t", "en", "et", "er", "ne", "es", "ene", "ens", "ets", "ers",
  "ane", "erne", "ende"];
const LINKS = ["s", "e"]; // linking letters between parts: beslutning-s-prosess, møte-, hjelp-e-
const MAX_COMPOUNDS = 5; // compounds added for one word the index only holds inside compounds
const vocabulary = self.handbookVocabulary || [];
const parts = new Set(); // words of the index, and each without an inflected ending
for (const word of vocabulary) {
  if (word.length >= PART) parts.add(word);
  for (const ending of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= PART) {
      parts.add(word.slice(0, -ending.length));
    }
  }
}

function startsAnIndexWord(word) {
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (vocabulary[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low < vocabulary.length && vocabulary[low].startsWith(word);
}

// The fewest parts (words of the index) the word is made of, with optional linking letters
// between them; [] when it is not made of two or more.
function compoundParts(word) {
  const best = new Array(word.length + 1).fill(null);
  best[0] = [];
  for (let start = 0; start < word.length; start++) {
    if (!best[start]) continue;
    for (let end = word.length; end >= start + PART; end--) {
      const part = word.slice(start, end);
      if (!parts.has(part)) continue;
      const next = [end];
      if (end < word.length && LINKS.includes(word[end])) next.push(end + 1);
      for (const position of next) {
        const split = [...best[start], part];
        if (!best[position] || split.length < best[position].length) best[position] = split;
      }
    }
  }
  const split = best[word.length];
  return split && split.length > 1 ? split : [];
}

// Compounds of the index whose last part is the word (or starts with it): "prosess" ->
// "beslutningsprosessene", because "beslutning" + "s" is made of words of the index.
function compoundsEndingIn(word) {
  if (word.length <= PART) return [];
  const found = [];
  for (const candidate of vocabulary) {
    const at = candidate.indexOf(word, PART);
    if (at < 0) continue;
    let head = candidate.slice(0, at);
    if (!parts.has(head) && compoundParts(head).length === 0) {
      if (!LINKS.includes(head[head.length - 1])) continue;
      head = head.slice(0, -1);
      if (!parts.has(head) && compoundParts(head).length === 0) continue;
    }
    found.push(candidate);
    if (found.length === MAX_COMPOUNDS) break;
  }
  return found;
}

// A part that starts many words of the index ("arbeid" in turnusarbeid) matches many pages a
// little; a part that starts few ("turnus") is what the reader is after. When one part starts at
// most a quarter as many words as another, it counts RARE_BOOST times (lunr's ^, after the *
// Material would add).
const RARE_BOOST = 3;
const RARE_RATIO = 4;

function wordsStartingWith(part) {
  return vocabulary.filter((word) => word.startsWith(part)).length;
}

function boostTheRarePart(split) {
  const counts = split.map(wordsStartingWith);
  const rarest = counts.indexOf(Math.min(...counts));
  const rare = counts[rarest] * RARE_RATIO <= Math.max(...counts);
  return split.map((part, index) => (rare && index === rarest ? `${part}*^${RARE_BOOST}` : part));
}

function compoundForms(word, root) {
  if (!vocabulary.length || startsAnIndexWord(word) || startsAnIndexWord(root)) return [];
  // the word itself, else its stem (postregler -> postregl -> post regl)
  const split = compoundParts(word).length ? compoundParts(word) : compoundParts(root);
  if (split.length) return boostTheRarePart(split);
  return compoundsEndingIn(root.length >= PART ? root : word);
}

function synonymsOf(word) {
  const synonyms = Object.entries(self.handbookSynonyms || {});  // loaded by now, or soon
  return synonyms.filter(([reader]) => word.startsWith(reader)).flatMap(([, words]) => words);
}

function stem(word) {
  if (!stemmer) return word;
  return String(stemmer(new self.lunr.Token(word)));
}

// The reader's words of the last query, each with the words added for it: a page found
// through "uenighet" must not say that "konflikt" is missing from it (see the results below).
let groups = [];

function withStems(query) {
  groups = [];
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      if (/^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)+$/u.test(lower)) {
        // e-postregler: the index splits at hyphens too, so each piece may be a compound
        const pieces = lower.split("-").filter((piece) => piece.length >= PART);
        return [word, ...pieces.flatMap((piece) => compoundForms(piece, stem(piece)))].join(" ");
      }
      if (!/^[\p{L}\p{N}]+$/u.test(lower)) return word; // leave +, -, quotes and fields alone
      const root = stem(lower);
      const forms = root && root !== lower && root.length >= 3 ? [word, root] : [word];
      const added = [...synonymsOf(lower), ...compoundForms(lower, root || lower)];
      groups.push({ word: lower, words: [lower, root, ...added.map((w) => w.toLowerCase().replace(/[\^~*].*$/, ""))]
        .filter(Boolean) });
      return [...forms, ...added].join(" ");
    })
    .join(" ");
}

/** A result's terms ({term: found}) as the reader typed them: a word counts as found when the
 * word or any word added for it is; the added words are not listed. Material shows the terms
 * not found under each result ("Missing: konflikt"). */
function readersTerms(terms) {
  const result = { ...terms };
  for (const group of groups) {
    const own = Object.keys(terms).filter((term) => group.words.some((word) =>
      word === term || word.startsWith(term) || term.startsWith(word)));
    if (own.length < 2) continue;
    const found = own.some((term) => terms[term]);
    const kept = own.find((term) => group.word.startsWith(term) || term.startsWith(group.word)) || own[0];
    for (const term of own) delete result[term];
    result[kept] = found;
  }
  return result;
}

// Material's worker answers with postMessage({type: 3, data: {items: [[document, …], …]}}).
const answer = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (message && message.type === 3 && message.data && Array.isArray(message.data.items)) {
    for (const item of message.data.items.flat()) {
      if (item && item.terms) item.terms = readersTerms(item.terms);
    }
  }
  return answer(message, ...rest);
};

addEventListener("message", (event) => {
  const message = event.data;
  if (!message) return;
  if (message.type === 0) {
    const lang = message.data.config.lang[0];
    // lunr and its language support are loaded by Material's worker while it sets up, so the
    // stemmer is looked up lazily on the first query.
    stemmer = null;
    self.__stemmerLanguage = lang;
  } else if (message.type === 2 && typeof message.data === "string") {
    if (!stemmer && self.lunr && self.lunr[self.__stemmerLanguage]) {
      stemmer = self.lunr[self.__stemmerLanguage].stemmer;
    }
    message.data = withStems(message.data);
  }
});

// The shim adds "?<time>" to the address: the worker's name is what comes before it.
const material = (here.searchParams.get("worker") || "").split("?")[0];
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error(`stemmed-search.js: unexpected worker name ${JSON.stringify(material)}`);
}
load(material);
