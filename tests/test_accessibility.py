"""WCAG 2.1 A and AA, as axe-core finds it in Chromium: every built page of every language (the
404 page and the root's language chooser included), at desktop and phone width, and the states
a reader opens (search with results, the phone menu, the language menu), with zero violations.
axe-core comes from the PyPI package axe-playwright-python (its bundled axe.min.js): no CDN.
Every page is loaded once, and checked at each width, for all the page-by-page checks (tour.py):
every axe rule on every page, but color-contrast once per kind of page, language and width
(on the kind's largest page); the other checks here run every rule."""

from __future__ import annotations

import pytest
from browsing import new_context, page_at
from conftest import LANGS
from tour import SCREENS, WIDTHS, every_page, page_kind
from tour import wcag_violations as violations

from macros.addresses import page_url
from macros.content.load import load_handbook
from macros.site.html import read_page

pytestmark = pytest.mark.browser


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def sized_page(request, browser):
    context = new_context(browser, viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    yield page
    context.close()


def visited(tour, site, lang: str, width: str):
    """The visits of every page of `lang` at `width`, none left out."""
    visits = tour(lang, WIDTHS[width]).visits
    assert [visit.path for visit in visits] == \
        [path.relative_to(site).as_posix() for path in every_page(site, lang)]
    return visits


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_no_wcag_violations(tour, site, lang, width):
    visits = visited(tour, site, lang, width)
    found = [f"{visit.path}: {line}" for visit in visits for line in visit.wcag]
    assert not found, "\n".join(found)
    # Contrast was checked on one page of every kind, at this width and in this language.
    kinds = {page_kind(site, site / visit.path) for visit in visits}
    assert {page_kind(site, site / visit.path) for visit in visits if visit.contrast} == kinds


def test_the_language_chooser_at_the_root_has_no_wcag_violations(sized_page, site):
    # Served, its script moves on to /nb/ or /da/ at once. Its styles are inline, so load the
    # same HTML into a blank page, where the relative redirect cannot resolve and it stays.
    root = site / "index.html"
    assert read_page(root).lang in LANGS
    sized_page.set_content(root.read_text(encoding="utf-8"))
    assert sized_page.locator("main a[hreflang]").count() == len(LANGS)
    assert not violations(sized_page)


def test_the_404_page_at_the_root_has_no_wcag_violations(sized_page, server):
    # GitHub Pages serves it for every missing address; so does the local server.
    response = sized_page.goto(f"{server}/ikke/her/")
    assert response.status == 404
    assert sized_page.locator("main section[lang]").count() == len(LANGS)
    assert not violations(sized_page)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language_to_the_browser(tour, site, lang):
    for path in every_page(site, lang):
        assert read_page(path).lang == lang, path
    for visit in visited(tour, site, lang, "desktop"):
        assert visit.lang == lang, visit.path


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_search_with_results_has_no_wcag_violations(tour, lang, width):
    searched = tour(lang, WIDTHS[width])
    assert searched.search_results > 0
    assert not searched.search_wcag, "\n".join(searched.search_wcag)


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_menu_has_no_wcag_violations(browser, server, lang):
    last = page_url(load_handbook().recommendations[-1].page)
    with page_at(browser, SCREENS["phone"], f"{server}/{lang}/{last}") as page:
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)
        assert not violations(page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_open_language_menu_has_no_wcag_violations(page, server, lang):
    page.goto(f"{server}/{lang}/")
    page.locator("header .md-select button").click()
    page.wait_for_timeout(400)
    assert not violations(page)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_on_a_phone(tour, site, lang):
    wide = [f"{visit.path}: {visit.scroll_width} px wide"
            for visit in visited(tour, site, lang, "phone") if visit.scroll_width > WIDTHS["phone"]]
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_every_dialog_has_a_name(tour, site, lang, width):
    """axe leaves this to its best-practice rules; Lighthouse and screen readers do not."""
    unnamed = [visit.path for visit in visited(tour, site, lang, width) if visit.unnamed_dialogs]
    assert not unnamed, unnamed
