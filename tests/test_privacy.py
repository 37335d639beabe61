"""Privacy, as Chromium sees it: reading every page of every language and searching once asks no
other host for anything, and nothing sets a cookie. The home page says so."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from conftest import LANGS
from tour import WIDTHS, every_page

from macros.content.load import load_handbook

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_reading_and_searching_asks_no_other_host_and_sets_no_cookie(tour, site, lang, width):
    """The root, every page of the language (each until the network is idle) and a search,
    in one browser context with the service worker on (tour.py)."""
    read = tour(lang, WIDTHS[width])
    assert len(read.visits) == len(every_page(site, lang))
    own = urlsplit(read.server).netloc  # the server of the process that took it
    assert any(url.endswith("search_index.json") for url in read.requested), "search never loaded"
    assert read.search_results > 0
    elsewhere = sorted({url for url in read.requested
                        if urlsplit(url).scheme not in ("data", "blob")
                        and urlsplit(url).netloc != own})
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert read.cookies == [] and read.document_cookie == "", (read.cookies, read.document_cookie)


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
