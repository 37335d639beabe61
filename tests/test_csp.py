"""The Content-Security-Policy (macros/site/csp.py): every page of the built site carries it,
strict (no 'unsafe-inline', nothing from other hosts), and in Chromium every page and every
interactive state runs with zero violations, while a script or handler injected into a page
is blocked. Also: the 404 page's search finds its index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from assessment_helpers import FACTORS, HANDBOOK, STORAGE_KEY
from conftest import LANGS
from tour import RECORD_POLICY_VIOLATIONS, SCREENS, WIDTHS, every_page

pytestmark = pytest.mark.browser

META = re.compile(r'<head[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def every_html(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    return pages


def test_every_page_carries_a_strict_policy_first_in_its_head(site):
    for path in every_html(site):
        html = path.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, f"{path.relative_to(site)}: no policy at the start of <head>"
        directives = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert "unsafe-inline" not in match.group(1) and "unsafe-eval" not in match.group(1)
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        for name, sources in directives.items():
            for source in sources.split():
                assert source in ("'self'", "'none'", "data:") or source.startswith("'sha256-"), (
                    f"{path.relative_to(site)}: {name} allows {source}")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), (
            f"{path.relative_to(site)}: an inline event handler")


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport=SCREENS["desktop"])
    context.add_init_script(RECORD_POLICY_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text
            else None)
    page.errors = errors
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.errors


@pytest.mark.parametrize("width", ["desktop"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_runs_with_zero_violations(tour, site, lang, width):
    """Every page, loaded and left until the network is idle, and the root's language chooser
    that sends the reader on (tour.py: one visit per page for several tests)."""
    read = tour(lang, WIDTHS[width])
    assert [visit.path for visit in read.visits] == \
        [path.relative_to(site).as_posix() for path in every_page(site, lang)]
    found = [f"{visit.path}: {v}" for visit in read.visits for v in visit.policy]
    assert found + read.root_policy == []


def test_the_root_chooser_runs_with_zero_violations(watched, server):
    watched.goto(f"{server}/index.html")
    watched.wait_for_url(re.compile(r"/(nb|da)/$"))
    assert violations(watched) == []


@pytest.mark.parametrize("lang", LANGS)
def test_search_works_under_the_policy_also_on_the_404_page(watched, server, lang):
    for path in (f"/{lang}/", f"/{lang}/404.html"):
        watched.goto(f"{server}{path}")
        box = watched.locator("input[data-md-component=search-query]")
        box.click()
        # a word of the language: the longest in the last recommendation's title
        word = max(re.findall(r"\w+", HANDBOOK.recommendations[-1].title[lang]), key=len)
        box.press_sequentially(word, delay=20)
        watched.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert violations(watched) == [], path


def test_every_interactive_state_runs_with_zero_violations(watched, server, tmp_path):
    page = watched
    page.goto(f"{server}/nb/egenvurdering/")
    for index, factor in enumerate(FACTORS):
        page.locator(f'input[name="sa-{factor}"][value="{index % 5 + 1}"]').check()
    page.locator('input[name="sa-role"][value="top"]').check()
    with page.expect_download() as download:
        page.locator("[data-hb=export]").click()
    saved = tmp_path / "svar.json"
    download.value.save_as(saved)
    page.locator(f'input[name="sa-{FACTORS[0]}"][value="5"]').check()
    page.locator("[data-hb=import]").set_input_files(str(saved))
    page.locator("[data-hb=import-yes]").click()
    page.locator("[data-hb=import-undo]").click()
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    page.goto(f"{server}/nb/egenvurdering/gruppe/")
    page.locator("[data-hb=round-key]").click()
    page.locator("[data-hb=round-key-out]").wait_for()
    code = page.locator("[data-hb=round-key-out]").input_value()
    page.locator("#hb-ga-round-keys").fill(code)
    page.locator("[data-hb=round-check]").click()
    page.locator("#hb-ga-round-shares").fill(code)
    page.locator("[data-hb=round-sum]").click()
    page.locator("#hb-ga-codes").fill("LG1-X-1\n" + code)
    page.locator("[data-hb=combine]").click()
    page.goto(f"{server}/da/egenvurdering/")
    page.locator("[data-hb=reset]").click()
    page.locator("[data-hb=reset-yes]").click()
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    page.goto(f"{server}/nb/utskrift/")
    page.locator("[data-hb-parts] input[type=checkbox]").first.uncheck()
    page.goto(f"{server}/da/utskrift/#deler=")
    page.locator("[data-hb-parts] input[type=checkbox]").last.check()
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    phone = page.context.new_page()
    phone.set_viewport_size(SCREENS["phone"])
    phone.goto(f"{server}/nb/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    phone.locator("header .md-select button").first.click(force=True)
    assert phone.evaluate("window.__violations") == []
    phone.close()
    assert violations(page) == []


def test_an_injected_inline_script_or_handler_is_blocked(watched, server):
    watched.goto(f"{server}/nb/egenvurdering/gruppe/")
    watched.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true;";
        document.body.appendChild(script);
        document.body.insertAdjacentHTML("beforeend",
            '<img src="data:," onerror="window.__handler = true">');
    }""")
    watched.wait_for_function("window.__violations.length >= 2")
    assert watched.evaluate("window.__injected") is None
    assert watched.evaluate("window.__handler") is None
    assert all(v.startswith("script-src") for v in watched.evaluate("window.__violations"))


# --- only the inline scripts we know of are allowed ----------------------------------------------

def _page(script: str) -> str:
    return f"<html><head><title>x</title></head><body><script>{script}</script></body></html>"


def test_an_unknown_inline_script_fails_with_one_line_naming_the_page(site):
    """The policy hashes only the inline scripts the project and the theme are known to have
    (every page of the built site has only those: the build passed); any other one, or a known
    one with something slipped into its open part, is refused with one line."""
    from macros.site.csp import UnknownInlineScript, with_policy
    built = (site / "nb" / "index.html").read_text(encoding="utf-8")
    scope = re.search(r"<script>(__md_scope=.*?)</script>", built).group(1)
    assert "sha256-" in with_policy(_page(scope), "nb/index.md")
    for script in ("alert(1)", scope.replace('new URL("', 'new URL("");alert(1);("', 1),
                   "livereload(1, 2);"):
        with pytest.raises(UnknownInlineScript) as refused:
            with_policy(_page(script), "nb/index.md")
        assert str(refused.value).startswith("nb/index.md: ")
        assert "\n" not in str(refused.value)
    assert "sha256-" in with_policy(_page("livereload(1, 2);"), live_reload=True), (
        "serve's live reload is allowed when serving")
