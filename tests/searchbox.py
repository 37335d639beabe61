"""Searching as a reader does: type into the real search box and read the results."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def search(page, server: str, lang: str, query: str, again: bool = False) -> list[str]:
    """Type `query` into the search box of the `lang` site; the paths of the result pages,
    best first, each page once (a page's matching sections are listed under it). `again`:
    on the home page already open, as a reader asks the next question (clear the box, type
    the new query), without loading the page and the search index anew."""
    if not (again and page.url == f"{server}/{lang}/"):
        page.goto(f"{server}/{lang}/")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    if again:
        box.fill("")  # the last query's results go
        page.locator(".md-search-result__item").first.wait_for(state="detached")
    # The query as a reader leaves it: the box holds all but its last letter, which is typed
    # (Material searches on each key; one search per query keeps the worker's work to what a
    # reader's last key asks of it).
    box.fill(query[:-1])
    box.press(query[-1])
    page.locator(".md-search-result__meta").wait_for()
    page.wait_for_function(  # past "initialising" and "type to search", in either language
        "() => !/Starter|Initialiserer|Skriv|Indtast/i.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    page.wait_for_timeout(250)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    if not links.count():  # on a busy machine the answer can come after "no results" for the
        try:  # query without its last letter: give it the time a reader would
            links.first.wait_for(timeout=3000)
        except PlaywrightTimeout:
            pass
    # without the ?h= highlight query and the #fragment
    paths = [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]
    return list(dict.fromkeys(paths))
