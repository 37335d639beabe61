"""In headless Chromium, as a reader: the language switch lands on the same page (with and
without JavaScript), and search finds pages in its own language, inflected forms included."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import LANGS
from searchbox import search

from macros import plain_yaml
from macros.addresses import page_url
from macros.content.load import load_handbook
from macros.languages import BY_CODE

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()
REC = HANDBOOK.recommendations[2]
REC_URL = page_url(REC.page)  # anbefalinger/<id>/
QUERIES = plain_yaml.load((Path(__file__).with_name("search_queries.yml")).read_text("utf-8"))


def switch_language(page, to: str) -> None:
    page.locator("header .md-select button").click()
    page.locator(f"header a.md-select__link[hreflang={to}]").click()


@pytest.mark.parametrize(("start", "target"), list(itertools.permutations(LANGS, 2)))
def test_language_switch_lands_on_the_same_recommendation(page, server, start, target):
    page.goto(f"{server}/{start}/{REC_URL}")
    switch_language(page, target)
    page.wait_for_url(f"{server}/{target}/{REC_URL}")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("h1").inner_text().replace("¶", "").strip() == REC.title[target]


@pytest.mark.parametrize("target", LANGS[1:])
def test_language_switch_works_without_javascript(browser, server, target):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/{LANGS[0]}/{REC_URL}")
        switch_language(page, target)
        page.wait_for_url(f"{server}/{target}/{REC_URL}")
        assert page.locator("h1").inner_text().replace("¶", "").strip() == REC.title[target]
    finally:
        context.close()


def index_words(site, lang: str) -> set[str]:
    index = json.loads((site / lang / "search" / "search_index.json").read_text())
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).lower()
    return set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", text)))


# (language, a word form that appears nowhere on that site, pages of which one should come top 3)
INFLECTED = [(lang, case["query"], tuple(case["pages"]))
             for lang in LANGS for case in QUERIES[lang]["inflected"]]
OWN_LANGUAGE = [(lang, query) for lang in LANGS for query in QUERIES[lang]["own_language"]]
PREFIX = [(lang, case["query"], case["page"]) for lang in LANGS for case in QUERIES[lang]["prefix"]]


@pytest.mark.parametrize(("lang", "query", "expected"), INFLECTED,
                         ids=[f"{lang}-{query}" for lang, query, _ in INFLECTED])
def test_search_finds_an_inflected_form(page, server, site, lang, query, expected):
    assert query not in index_words(site, lang), (
        f"{query!r} occurs on the {lang} site as it is; pick a form that only stemming finds")
    results = search(page, server, lang, query)
    assert any(path.endswith(expected) for path in results[:3]), results


@pytest.mark.parametrize(("lang", "query"), OWN_LANGUAGE)
def test_search_returns_only_pages_in_its_own_language(page, server, lang, query):
    results = search(page, server, lang, query)
    assert results, f"no results for {query!r} on the {lang} site"
    for path in results:
        assert path.startswith(f"/{lang}/"), path


@pytest.mark.parametrize(("lang", "prefix", "expected"), PREFIX)
def test_search_still_finds_by_prefix(page, server, lang, prefix, expected):
    results = search(page, server, lang, prefix)
    assert any(path.endswith(expected) for path in results), results


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_and_dates_are_written_in_a_language_the_browser_knows(page, lang):
    """Chromium has no data for some languages (Nynorsk) and writes their numbers and dates in
    English ("3.5", "February"): one of each language's tags for numbers and dates
    (macros/languages.yml, locales) must be one it knows."""
    tags = list(BY_CODE[lang].formats)
    used = page.evaluate("tags => [new Intl.NumberFormat(tags).resolvedOptions().locale,"
                         " new Intl.DateTimeFormat(tags).resolvedOptions().locale]", tags)
    assert set(used) <= set(tags), (
        f"macros/languages.yml: Chromium writes {lang}'s numbers and dates as {used[0]}"
        f" (give {lang} a locales list with a tag it knows, e.g. a close language)")
