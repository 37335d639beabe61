"""Search that understands Norwegian and Danish word forms.

Material builds its search index in a web worker with lunr and, by default, without a stemmer:
"ledergrupper" then misses a page that says "ledergruppa". Turning lunr's stemmer on does not
help, because Material appends `*` to every query word and lunr does not stem wildcard terms,
while the index would hold only stems. So the index stays unstemmed, and our worker
(docs/pages/assets/javascripts/workers/stemmed-search.js) adds each query word's stem, from
lunr's own Norwegian or Danish stemmer, before Material's worker sees the query:
"ledergrupper" -> "ledergrupper ledergrupp", which Material turns into the prefix query
"ledergrupper* ledergrupp*". Whole words, inflected forms and prefixes all find their pages.

Readers also search with words the handbook does not use ("konflikt" for "uenighet").
content/search-synonyms.yml lists them per language; each site gets them as a small script
(SYNONYMS_SCRIPT) that our worker loads, and a query word that starts with a reader's word is
followed by the handbook's words: "konflikter" -> "konflikter konflikt uenighet uenige".

This module points each page at that worker, which then loads Material's own worker.
"""

from __future__ import annotations

import json
import re

MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)")


def use_stemming_worker(html: str) -> str:
    """Replace Material's search worker in the page's config with ours (it loads Material's)."""
    return MATERIAL_WORKER.sub(
        r"assets/javascripts/workers/stemmed-search.js?worker=\1", html, count=1
    )


SYNONYMS_SCRIPT = "assets/javascripts/workers/search-synonyms.js"


def synonyms_script(synonyms: dict[str, tuple[str, ...]]) -> str:
    """The worker's synonyms for one language, as a script it loads with importScripts."""
    table = json.dumps({word: list(others) for word, others in synonyms.items()},
                       ensure_ascii=False, indent=1, sort_keys=True)
    return ("// Generated from content/search-synonyms.yml by macros/site/search.py; do not edit.\n"
            f"self.handbookSynonyms = {table};\n")


SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')
SEARCH_LABEL = re.compile(r'class="md-search__input" name="query" aria-label="([^"]+)"')


def name_search_dialog(html: str) -> str:
    """Material's search overlay is a dialog without a name (WCAG 4.1.2, Lighthouse's
    aria-dialog-name); give it the search box's own label ("Søk", "Søg")."""
    label = SEARCH_LABEL.search(html)
    if not label:
        return html
    return SEARCH_DIALOG.sub(rf'\1 aria-label="{label.group(1)}">', html, count=1)
