"""In headless Chromium, as a reader: the language switch lands on the same page (with and
without JavaScript), and search finds pages in its own language, inflected forms included."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from macros.load import load_handbook

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()
REC = HANDBOOK.recommendations[2]
OTHER = {"nb": "da", "da": "nb"}


def switch_language(page, to: str) -> None:
    page.locator("header .md-select button").click()
    page.locator(f"header a.md-select__link[hreflang={to}]").click()


@pytest.mark.parametrize("start", ["nb", "da"])
def test_language_switch_lands_on_the_same_recommendation(page, server, start):
    target = OTHER[start]
    page.goto(f"{server}/{start}/anbefalinger/{REC.id}/")
    switch_language(page, target)
    page.wait_for_url(f"{server}/{target}/anbefalinger/{REC.id}/")
    assert page.locator("html").get_attribute("lang") == target
    assert page.locator("h1").inner_text().replace("¶", "").strip() == REC.title[target]


def test_language_switch_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/nb/anbefalinger/{REC.id}/")
        switch_language(page, "da")
        page.wait_for_url(f"{server}/da/anbefalinger/{REC.id}/")
        assert page.locator("h1").inner_text().replace("¶", "").strip() == REC.title["da"]
    finally:
        context.close()


def search(page, server: str, lang: str, query: str) -> list[str]:
    """Type into the real search box; return the result links, best first."""
    page.goto(f"{server}/{lang}/")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function(
        "() => !/Starter|Initialiserer|Skriv|Indtast/i.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    # without the ?h= highlight query and the #fragment
    return [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]


def index_words(site, lang: str) -> str:
    index = json.loads((site / lang / "search" / "search_index.json").read_text())
    return " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).lower()


# (language, a word form that appears nowhere on that site, the page it should find)
INFLECTED = [
    ("nb", "strategier", "anbefalinger/felles-oppgave/"),
    ("nb", "tilliten", "anbefalinger/personlige-relasjoner/"),
    ("da", "strategien", "anbefalinger/felles-oppgave/"),
    # "beslutning" itself now occurs in the reflection questions
    ("da", "beslutningers", "anbefalinger/ansvar-og-beslutninger/"),
]


@pytest.mark.parametrize(("lang", "query", "expected"), INFLECTED,
                         ids=[f"{lang}-{query}" for lang, query, _ in INFLECTED])
def test_search_finds_an_inflected_form(page, server, site, lang, query, expected):
    assert f" {query} " not in f" {index_words(site, lang)} ", (
        f"{query!r} occurs on the {lang} site as it is; pick a form that only stemming finds")
    results = search(page, server, lang, query)
    assert any(path.endswith(expected) for path in results[:3]), results


@pytest.mark.parametrize(("lang", "query"), [("nb", "ledergrupper"), ("da", "ledergrupper"),
                                             ("nb", "uenig"), ("da", "uenighed")])
def test_search_returns_only_pages_in_its_own_language(page, server, lang, query):
    results = search(page, server, lang, query)
    assert results, f"no results for {query!r} on the {lang} site"
    for path in results:
        assert path.startswith(f"/{lang}/"), path


@pytest.mark.parametrize(("lang", "prefix", "expected"), [
    ("nb", "toppled", "anbefalinger/klare-forventninger/"),
    ("da", "topled", "anbefalinger/klare-forventninger/"),
])
def test_search_still_finds_by_prefix(page, server, lang, prefix, expected):
    results = search(page, server, lang, prefix)
    assert any(path.endswith(expected) for path in results), results
