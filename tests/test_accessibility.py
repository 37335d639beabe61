"""WCAG 2.1 A and AA, as axe-core finds it in Chromium: every built page of both languages (the
404 page and the root's language chooser included), at desktop and phone width, and the states
a reader opens (search with results, the phone menu, the language menu), with zero violations.
axe-core comes from the PyPI package axe-playwright-python (its bundled axe.min.js): no CDN."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGS

from macros.content.load import load_handbook
from macros.site.html import read_page
from macros.site.paths import page_url

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": 1280, "phone": 390}


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE = axe_script()


def every_page(site: Path, lang: str) -> list[Path]:
    """Every HTML file of one language, the 404 page included: new pages are covered as they
    are added, without a list to keep up to date."""
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) >= 3, f"only {pages} in {site / lang}"
    return pages


def url_of(server: str, site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return f"{server}/{relative.removesuffix('index.html')}"


def violations(page) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now, one readable line each."""
    page.evaluate(AXE)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}: "
        + node["failureSummary"].replace("\n", " ")
        for rule in result["violations"] for node in rule["nodes"]
    ]


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def sized_page(request, browser):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_no_wcag_violations(sized_page, server, site, lang):
    found = []
    for path in every_page(site, lang):
        sized_page.goto(url_of(server, site, path))
        found += [f"{path.relative_to(site)}: {line}" for line in violations(sized_page)]
    assert not found, "\n".join(found)


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
def test_every_page_declares_its_language_to_the_browser(page, server, site, lang):
    for path in every_page(site, lang):
        assert read_page(path).lang == lang, path
        page.goto(url_of(server, site, path))
        assert page.evaluate("document.documentElement.lang") == lang, path


@pytest.mark.parametrize("lang", LANGS)
def test_search_with_results_has_no_wcag_violations(sized_page, server, lang):
    sized_page.goto(f"{server}/{lang}/")
    if sized_page.viewport_size["width"] < 960:
        sized_page.locator("label.md-header__button[for=__search]").click()
    box = sized_page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("ledergruppe", delay=20)
    sized_page.locator(".md-search-result__item").first.wait_for()
    sized_page.wait_for_timeout(400)  # let the overlay's fade-in end: axe reads the colours
    assert not violations(sized_page)


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_menu_has_no_wcag_violations(browser, server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{page_url(load_handbook().recommendations[-1].page)}")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(400)
        assert not violations(page)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_open_language_menu_has_no_wcag_violations(page, server, lang):
    page.goto(f"{server}/{lang}/")
    page.locator("header .md-select button").click()
    page.wait_for_timeout(400)
    assert not violations(page)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_on_a_phone(browser, server, site, lang):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    wide = []
    try:
        for path in every_page(site, lang):
            page.goto(url_of(server, site, path))
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{path.relative_to(site)}: {width} px wide")
    finally:
        context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("lang", LANGS)
def test_every_dialog_has_a_name(page, server, site, lang):
    """axe leaves this to its best-practice rules; Lighthouse and screen readers do not."""
    unnamed = []
    for path in every_page(site, lang):
        page.goto(url_of(server, site, path))
        for dialog in page.locator("[role=dialog]").all():
            if not (dialog.get_attribute("aria-label") or dialog.get_attribute("aria-labelledby")):
                unnamed.append(str(path.relative_to(site)))
    assert not unnamed, unnamed
