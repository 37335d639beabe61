"""Search quality, as a reader meets it: realistic queries (tests/search_queries.yml), typed into
the real search box in Chromium; at least 90 % of each language's queries, and of its compound
queries (split by the search worker), find their page among the first three results."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import LANGS
from searchbox import search

from macros import plain_yaml
from macros.content.load import load_handbook

pytestmark = pytest.mark.browser

QUERIES = {lang: entry["queries"] for lang, entry in plain_yaml.load(
    (Path(__file__).with_name("search_queries.yml")).read_text("utf-8")).items()}
REQUIRED_SHARE = 0.9
TOP = 3


def results_for(page, server: str, lang: str, query: str) -> list[str]:
    """The result pages' paths below /<lang>/, best first; one query after the other in the
    same search box, as a reader asks them (the page and its index are loaded once)."""
    return [path.removeprefix(f"/{lang}/")
            for path in search(page, server, lang, query, again=True)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_query_set_is_realistic_and_points_at_real_pages(site, lang):
    queries = QUERIES[lang]
    assert len(queries) >= 10, f"only {len(queries)} {lang} queries"
    assert len({q["query"] for q in queries}) == len(queries), "a query is listed twice"
    for q in queries:
        assert (site / lang / q["page"] / "index.html").exists(), q
    assert sum(bool(q.get("compound")) for q in queries) >= 5, f"too few {lang} compound queries"


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_the_right_page_in_the_top_three(page, server, lang):
    misses = {}
    for q in QUERIES[lang]:
        found = results_for(page, server, lang, q["query"])[:TOP]
        if q["page"] not in found:
            wanted = q["page"] or "the home page"
            misses[q["query"]] = f"{q['query']!r}: wanted {wanted}, got {found}"
    compounds = [q for q in QUERIES[lang] if q.get("compound")]
    for name, queries in (("queries", QUERIES[lang]), ("compound queries", compounds)):
        missed = [misses[q["query"]] for q in queries if q["query"] in misses]
        share = (len(queries) - len(missed)) / len(queries)
        assert share >= REQUIRED_SHARE, (
            f"{lang}: {len(queries) - len(missed)} of {len(queries)} {name} ({share:.0%}) find"
            f" their page in the top {TOP}; misses:\n" + "\n".join(missed))


@pytest.mark.parametrize("lang", LANGS)
def test_the_worker_knows_every_word_of_the_search_index(site, lang):
    """The compound splitter can only split into words it knows: the vocabulary the build
    writes beside the worker holds every word (of three letters or more) of the index."""
    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    text = re.sub(r"<[^>]+>", " ", " ".join(d["title"] + " " + d["text"] for d in index["docs"]))
    words = {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 3}
    script = (site / lang / "assets" / "javascripts" / "workers" / "search-vocabulary.js")
    vocabulary = json.loads(re.search(r"= (\[.*\]);", script.read_text("utf-8")).group(1))
    assert vocabulary == sorted(vocabulary)
    assert words == set(vocabulary)


@pytest.mark.parametrize("lang", LANGS)
def test_every_synonym_leads_to_words_the_site_uses(site, lang):
    """A synonym whose words are on no page finds nothing: content/search-synonyms.yml must
    point at words (or starts of words) in that language's search index."""
    index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
    words = set(re.findall(r"\w+", " ".join(d["title"] + " " + d["text"]
                                              for d in index["docs"]).lower()))
    synonyms = load_handbook().search_synonyms[lang]
    assert synonyms, f"no {lang} synonyms"
    unused = [f"{reader}: {word}" for reader, targets in synonyms.items() for word in targets
              if not any(w.startswith(word) for w in words)]
    assert not unused, f"words on no {lang} page: {unused}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_found_through_a_synonym_does_not_say_the_readers_word_is_missing(
        page, server, lang):
    """"konflikt" finds the pages on uenighet; none of them says "Missing: konflikt" (Material
    lists the query's words a result lacks; the words the worker adds are not the reader's)."""
    synonyms = load_handbook().search_synonyms[lang]
    for reader in list(synonyms)[:3]:
        assert results_for(page, server, lang, reader), reader
        missing = page.locator(".md-search-result__terms").all_inner_texts()
        assert not [text for text in missing if reader in text.lower()], (reader, missing)
