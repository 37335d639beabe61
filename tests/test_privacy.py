"""Privacy, as Chromium sees it: reading every page of both languages and searching once asks no
other host for anything, and nothing sets a cookie. The home page says so."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import LANGS

from macros.content.load import load_handbook

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()


def every_url(server: str, site, lang: str) -> list[str]:
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) >= 3, pages
    return [f"{server}/{p.relative_to(site).as_posix().removesuffix('index.html')}" for p in pages]


@pytest.mark.parametrize("lang", LANGS)
def test_reading_and_searching_asks_no_other_host_and_sets_no_cookie(browser, server, site, lang):
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        for url in [f"{server}/", *every_url(server, site, lang)]:
            page.goto(url, wait_until="networkidle")
        page.goto(f"{server}/{lang}/", wait_until="networkidle")
        box = page.locator("input[data-md-component=search-query]")
        box.click()
        box.press_sequentially("ledergruppe", delay=20)
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_load_state("networkidle")
        cookies = context.cookies()
        document_cookie = page.evaluate("document.cookie")
    finally:
        context.close()

    own = urlsplit(server).netloc
    assert any(url.endswith("search_index.json") for url in requested), "search never loaded"
    elsewhere = sorted({url for url in requested
                        if urlsplit(url).scheme not in ("data", "blob")
                        and urlsplit(url).netloc != own})
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert cookies == [] and document_cookie == "", (cookies, document_cookie)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_refers_to_another_host(site, lang):
    """The same promise read from the files: no src, href to a stylesheet or script, or CSS
    url() that points at another host (links a reader follows are not loads)."""
    loads = re.compile(r"""(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\ssrc|"""
                       r"""<link\b[^>]*\shref)=["']?(?:https?:)?//""", re.I)
    css_url = re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.I)
    found = []
    for path in sorted((site / lang).rglob("*")):
        if path.suffix == ".html" and loads.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(site)))
        elif path.suffix == ".css" and css_url.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(site)))
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_states_the_privacy_promise(site, lang):
    html = (site / lang / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert HANDBOOK.labels("home_privacy", lang) in text
    promise = " ".join(HANDBOOK.site.privacy[lang].split())
    assert promise.split(".")[0] in text
    words = {"nb": ("andre servere", "informasjonskapsler"), "da": ("andre servere", "cookies")}
    for word in words.get(lang, ()):  # a language without words here: the promise is checked above
        assert word in promise, f"the {lang} privacy text no longer mentions {word!r}"
