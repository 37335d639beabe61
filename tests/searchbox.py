"""Searching as a reader does: type into the real search box and read the results."""

from __future__ import annotations

from urllib.parse import urlsplit


def search(page, server: str, lang: str, query: str) -> list[str]:
    """Type `query` into the search box of the `lang` site; the paths of the result pages,
    best first, each page once (a page's matching sections are listed under it)."""
    page.goto(f"{server}/{lang}/")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(query, delay=15)
    page.locator(".md-search-result__meta").wait_for()
    page.wait_for_function(  # past "initialising" and "type to search", in either language
        "() => !/Starter|Initialiserer|Skriv|Indtast/i.test("
        "document.querySelector('.md-search-result__meta').textContent)"
    )
    page.wait_for_timeout(250)
    links = page.locator(".md-search-result__item > .md-search-result__link")
    # without the ?h= highlight query and the #fragment
    paths = [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]
    return list(dict.fromkeys(paths))
