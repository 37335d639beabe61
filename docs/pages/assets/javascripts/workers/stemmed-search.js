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
 */
"use strict";

let stemmer = null;

importScripts("search-synonyms.js");
const synonyms = Object.entries(self.handbookSynonyms || {});

function synonymsOf(word) {
  return synonyms.filter(([reader]) => word.startsWith(reader)).flatMap(([, words]) => words);
}

function stem(word) {
  if (!stemmer) return word;
  return String(stemmer(new self.lunr.Token(word)));
}

function withStems(query) {
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      if (!/^[\p{L}\p{N}]+$/u.test(lower)) return word; // leave +, -, quotes and fields alone
      const root = stem(lower);
      const forms = root && root !== lower && root.length >= 3 ? [word, root] : [word];
      return [...forms, ...synonymsOf(lower)].join(" ");
    })
    .join(" ");
}

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

const material = new URL(self.location.href).searchParams.get("worker") || "";
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error(`stemmed-search.js: unexpected worker name ${JSON.stringify(material)}`);
}
importScripts(material);
