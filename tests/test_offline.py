"""The handbook without a network. On the hosted site: after the first visit to any page, the
service worker has every language cached, so with the network cut pages, search and run mode
still work; a new build is a new cache and the old one is dropped. (Service workers need
http://127.0.0.1, not file://.) As a zip (`handbook.py offline`): opened from file:// the pages
show, search finds them, and nothing is asked of any host."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from tour import SCREENS

import macros.site.pdf as pdf
from macros.cli.main import main
from macros.content.load import load_handbook
from macros.languages import CODES, PUBLISHED, PUBLISHED_CODES
from macros.site.server import serving
from macros.site.service_worker import DATA, cached_files, write_service_worker

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()


def search_word(lang: str) -> str:
    """The longest word in a recommendation's title: search must find its page."""
    return max(re.findall(r"\w+", HANDBOOK.recommendations[-1].title[lang]), key=len)


def version_of(site) -> str:
    return re.search(r'const VERSION = "([0-9a-f]+)"', (site / DATA).read_text()).group(1)


def first_visit(context, url: str):
    page = context.new_page()
    page.goto(url)
    # Polled from Python: the page's CSP forbids the string evaluation wait_for_function uses.
    page.evaluate("navigator.serviceWorker.ready")
    for _ in range(600):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the service worker never took control of the page")
    return page


def search(page, word: str) -> int:
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially(word, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    return page.locator(".md-search-result__item").count()


def test_the_service_worker_caches_every_page_of_every_language(site):
    files = cached_files(site)
    for lang in CODES:
        pages = [p.relative_to(site).as_posix().removesuffix("index.html")
                 for p in (site / lang).rglob("*.html")]
        assert set(pages) <= set(files), set(pages) - set(files)
        assert f"{lang}/search/search_index.json" in files
        assert f"{lang}/samling/" in files
    assert not [f for f in files if f.endswith((".map", ".pdf"))]


def test_of_lunr_the_cache_holds_only_what_each_languages_search_loads(site):
    """Material ships lunr for some thirty languages; its search worker loads the stemmer
    support and the site's own language (languages.yml: search), and nothing else need take a
    reader's storage. (Search offline, from these alone: the test below.)"""
    files = cached_files(site)
    for language in PUBLISHED:
        folder = f"{language.code}/assets/javascripts/lunr/"
        assert sorted(f.removeprefix(folder) for f in files if f.startswith(folder)) == sorted(
            ["min/lunr.stemmer.support.min.js", f"min/lunr.{language.search}.min.js"])


# What the service worker may store on a reader's device, per language: the whole handbook in
# one language is a few megabytes, not tens (a phone on a metered line fetches it all at once).
CACHE_BUDGET_MB = 5


def test_the_cache_of_a_language_stays_within_its_budget(site):
    size = sum((site / (name + "index.html" if name.endswith("/") else name)).stat().st_size
               for name in cached_files(site)) / 1e6 / len(PUBLISHED)
    assert 0 < size <= CACHE_BUDGET_MB, f"the cache takes {size:.2f} MB per language"


def test_the_version_is_a_hash_of_what_is_built(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert write_service_worker(copy) == version_of(site)
    page = copy / CODES[0] / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert write_service_worker(copy) != version_of(site)


@pytest.mark.parametrize("lang", CODES)
def test_with_the_network_cut_after_the_first_visit_everything_still_works(browser, server, lang):
    context = browser.new_context(viewport=SCREENS["desktop"])
    try:
        first_visit(context, f"{server}/{CODES[0]}/")  # the first visit: any page, any language
        context.set_offline(True)
        page = context.new_page()
        for rec in HANDBOOK.recommendations:
            page.goto(f"{server}/{lang}/{rec.page.removesuffix('.md')}/")
            assert rec.title[lang] in page.locator("h1").first.text_content()
        page.goto(f"{server}/{lang}/")
        assert search(page, search_word(lang)) > 0
        exercise = HANDBOOK.exercises[0]
        page.goto(f"{server}/{lang}/samling/#i={exercise.id}")
        page.click("[data-hb=run]")
        assert page.text_content("[data-hb=run-text]") == exercise.steps[0].text[lang]
        assert page.text_content("[data-hb=run-clock]") == f"{exercise.steps[0].minutes}:00"
        page.keyboard.press("ArrowRight")
        assert page.text_content("[data-hb=run-text]") == exercise.steps[1].text[lang]
    finally:
        context.close()


def test_a_new_build_replaces_the_cache_and_drops_the_old_one(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    old = version_of(copy)
    with serving(copy) as base:
        context = browser.new_context()
        try:
            page = first_visit(context, f"{base}/{CODES[-1]}/")
            assert page.evaluate("caches.keys()") == [f"handbook-{old}"]
            home = copy / CODES[-1] / "index.html"  # a deploy: a page changes, sw.js follows
            home.write_text(home.read_text(encoding="utf-8").replace("</body>", "<p>ny</p></body>"),
                            encoding="utf-8")
            new = write_service_worker(copy)
            assert new != old
            page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
            keys = page.evaluate("""async (wanted) => {
                for (let tries = 0; tries < 240; tries++) {
                    const keys = await caches.keys();
                    if (keys.join() === wanted) return keys;
                    await new Promise((done) => setTimeout(done, 250));
                }
                return caches.keys();
            }""", f"handbook-{new}")
            assert keys == [f"handbook-{new}"]
        finally:
            context.close()


# --- the zip for a USB stick: `handbook.py offline`, opened from file:// ---------------------

@pytest.fixture(scope="module")
def unzipped(tmp_path_factory, offline_zip) -> Path:
    work = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(work / "stick")
    folders = list((work / "stick").iterdir())
    assert len(folders) == 1, folders  # one folder to copy to the stick
    return folders[0]


def test_every_link_in_the_copy_points_at_a_file(unzipped):
    """On file:// a link to a folder shows a file list: every link must name a file."""
    broken = []
    for page in unzipped.rglob("*.html"):
        for link in re.findall(r'\s(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z][a-z0-9+.-]*:|//", link):
                continue
            if not (page.parent / link).is_file():
                broken.append(f"{page.relative_to(unzipped)}: {link}")
    assert not broken, "\n".join(broken[:20])
    assert not list(unzipped.rglob("sw.js")) and not list(unzipped.rglob(DATA))


def pdf_links(folder: Path) -> set[str]:
    """Every PDF the pages below `folder` link to, relative to `folder`."""
    return {(page.parent / link).resolve().relative_to(folder.resolve()).as_posix()
            for page in folder.rglob("*.html")
            for link in re.findall(r'\shref="([^"#?]+\.pdf)"', page.read_text(encoding="utf-8"))
            if not re.match(r"[a-z][a-z0-9+.-]*:|//", link)}


def test_without_pdfs_the_copy_has_no_pdf_and_links_to_none(unzipped):
    assert not list(unzipped.rglob("*.pdf"))
    assert not pdf_links(unzipped)


def test_with_pdfs_the_copy_holds_every_pdf_its_pages_link_to(pdf_site, tmp_path, monkeypatch):
    """`offline --pdfs` prints the PDFs as `pdf` does and zips them, so that the pages' PDF
    links open from the folder. The suite's `pdf` build (pdf_site) lends its PDFs here instead
    of printing them all again; test_pdfs.py holds the printing."""
    def print_pdfs(staging: Path, context) -> int:
        for lang in PUBLISHED_CODES:
            for document in pdf.documents(lang, context.content_dir):
                (staging / lang / document.pdf).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pdf_site / lang / document.pdf, staging / lang / document.pdf)
        return 0

    monkeypatch.setattr(pdf, "print_pdfs", print_pdfs)
    out = tmp_path / "with-pdfs.zip"
    assert main(["offline", "--pdfs", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp_path / "stick")
    (folder,) = (tmp_path / "stick").iterdir()
    printed = {f"{lang}/{document.pdf}" for lang in PUBLISHED_CODES
               for document in pdf.documents(lang)}
    in_zip = {path.relative_to(folder).as_posix() for path in folder.rglob("*.pdf")}
    assert pdf_links(folder) == printed == in_zip


@pytest.mark.parametrize("lang", CODES)
def test_the_copy_opens_from_a_file_and_search_finds_pages(browser, unzipped, lang):
    context = browser.new_context(viewport=SCREENS["desktop"])
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        page.goto((unzipped / "index.html").as_uri())
        page.wait_for_url("**/index.html")
        assert page.url.startswith(unzipped.as_uri())
        page.goto((unzipped / lang / "index.html").as_uri())
        assert page.evaluate("document.documentElement.lang") == lang
        assert search(page, search_word(lang)) > 0
        before = page.url
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url(lambda url: url != before)
        assert page.url.split("?")[0].endswith(".html")
        assert page.locator("h1").count() == 1  # a page of the handbook, not a file list
        exercise = HANDBOOK.exercises[-1]
        page.goto((unzipped / lang / "samling" / "index.html").as_uri() + f"#i={exercise.id}")
        assert page.locator("[data-hb=file-note]").is_visible()
        page.click("[data-hb=run]")
        assert page.text_content("[data-hb=run-text]") == exercise.steps[0].text[lang]
    finally:
        context.close()
    other = sorted({url for url in requested if not url.startswith(("file:", "data:", "blob:"))})
    assert not other, other


# --- "Ready without a network": the session page says when the cache holds everything --------

def said(lang: str, key: str) -> str:
    return HANDBOOK.session.for_language(lang)[key]


def wait_for_status(page, text: str, seen: list[str] | None = None, tries: int = 1200) -> None:
    """Poll the status line (the page's CSP forbids wait_for_function's string evaluation)."""
    status = page.locator("[data-hb=offline-status]")
    for _ in range(tries):
        now = status.text_content()
        if seen is not None and (not seen or seen[-1] != now):
            seen.append(now)
        if now == text:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"the page never said {text!r}; it said {status.text_content()!r}")


def page_kinds(site: Path, lang: str) -> list[str]:
    """One page of each kind (the first folder of its address), and the home page."""
    kinds: dict[str, str] = {}
    for path in sorted((site / lang).rglob("index.html")):
        address = path.relative_to(site / lang).as_posix().removesuffix("index.html")
        kinds.setdefault(address.split("/")[0], address)
    return sorted(kinds.values())


def test_after_the_page_says_ready_every_kind_of_page_opens_offline_in_every_language(
        browser, server, site):
    context = browser.new_context(viewport=SCREENS["desktop"])
    try:
        page = context.new_page()
        seen: list[str] = []
        started = time.monotonic()
        page.goto(f"{server}/{CODES[0]}/samling/")  # a first visit
        wait_for_status(page, said(CODES[0], "offline_ready"), seen)
        print(f"\nfirst visit to 'ready without a network': {time.monotonic() - started:.1f} s")
        progress = said(CODES[0], "offline_progress").split("{")[0]
        assert any(text.startswith(progress) for text in seen[:-1]), seen  # it showed progress
        context.set_offline(True)
        for lang in CODES:
            page.goto(f"{server}/{lang}/samling/")
            wait_for_status(page, said(lang, "offline_ready"))  # said in every language
            kinds = page_kinds(site, lang)
            assert len(kinds) > 5, kinds
            for address in kinds:
                response = page.goto(f"{server}/{lang}/{address}")
                assert response and response.ok, address
                assert page.evaluate("document.documentElement.lang") == lang, address
                assert page.locator("h1").count() >= 1, address
    finally:
        context.close()


def test_the_pdfs_are_stored_when_a_facilitator_asks(browser, site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    sheet = f"{CODES[0]}/pdf/sheet.pdf"  # as `pdf` writes them
    (copy / sheet).parent.mkdir(parents=True, exist_ok=True)
    (copy / sheet).write_bytes(b"%PDF-1.7\n%%EOF\n")
    write_service_worker(copy)
    with serving(copy) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{base}/{CODES[-1]}/samling/")
            wait_for_status(page, said(CODES[-1], "offline_ready"))
            assert page.evaluate("url => caches.match(url)", f"/{sheet}") is None  # not unasked
            page.check("[data-hb=offline-pdfs]")
            page.click("[data-hb=offline-fill]")
            wait_for_status(page, said(CODES[-1], "offline_ready_pdfs"))
            context.set_offline(True)
            assert page.evaluate("url => fetch(url).then(r => r.text())", f"/{sheet}").startswith("%PDF")
        finally:
            context.close()
