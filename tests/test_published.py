"""The site as it is published: with its public address under a sub-path (SITE_URL, as a GitHub
Pages project site has), served locally under that path, and without an address, served at the
root. In both, every page, asset and PDF link answers, search, the language switch and the
self-assessment work, and a missing address at any depth gets a 404 page whose links work.
With the address: canonical links, absolute hreflang alternates, complete sitemaps, a sitemap
index and robots.txt."""

from __future__ import annotations

import re
import socket
import struct
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from browsing import new_context
from conftest import LANGS, SITE_URL, html_pages, run_handbook
from searchbox import search

from macros.addresses import page_url
from macros.content.edition import edition_date
from macros.content.load import load_handbook
from macros.languages import LANGUAGES
from macros.project import CONTENT_DIR
from macros.site.html import read_page
from macros.site.pdf import old_pdf_names
from macros.site.server import serving

HANDBOOK = load_handbook()
REC = HANDBOOK.recommendations[-1]
REC_URL = page_url(REC.page)  # anbefalinger/<id>/
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MISSING = ["finnes-ikke", "{lang}/finnes-ikke/", "{lang}/anbefalinger/ikke/her/",
           "{lang}/a/b/c/d/e.html"]


@dataclass
class Published:
    site: Path  # the built site
    base: str  # where it is served: http://127.0.0.1:PORT/handbok or http://127.0.0.1:PORT
    site_url: str  # its public address, or ""

    def local(self, url: str) -> str:
        """A public address (or a path in the site) as the local server serves it."""
        return self.base + "/" + url.removeprefix(self.site_url).lstrip("/")


@pytest.fixture(scope="module", params=["sub-path", "root"])
def published(request, pdf_site, site):
    """With the address: the site with its PDFs. Without: the site as `build` makes it, which
    links to no PDF (only `pdf`, which the sub-path case serves, writes them)."""
    if request.param == "sub-path":
        site, site_url = pdf_site, SITE_URL
    else:
        site_url = ""
    path = urlsplit(site_url).path or "/"
    with serving(site, path) as base:
        yield Published(site, base, site_url)


def page_address(site: Path, page: Path) -> str:
    """A built page's address below the site's root: nb/anbefalinger/x/ for …/index.html."""
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def not_found_titles() -> dict[str, str]:
    return {code: HANDBOOK.labels("not_found_title", code) for code in LANGS}


# Served: every page and everything it links to ---------------------------------------------


def test_every_page_and_everything_it_links_to_answers(published):
    """Every page of every language, every asset, page and PDF it links to, and (with the
    address) its canonical and alternate addresses, answer 200 from the local server."""
    pages = [page for lang in LANGS for page in html_pages(published.site, lang)]
    wanted = {published.base + "/"}
    for page in pages:
        url = published.local(page_address(published.site, page))
        wanted.add(url)
        for _, link, _ in read_page(page).links:
            if published.site_url and link.startswith(published.site_url):
                wanted.add(published.local(link).split("#")[0])
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
                continue
            wanted.add(urljoin(url, link).split("#")[0])
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(zip(wanted, pool.map(lambda url: fetch(url)[0], sorted(wanted)),
                           strict=True))
    broken = sorted(url for url, status in answers.items() if status != 200)
    assert not broken, broken
    pdfs = [url for url in wanted if url.endswith(".pdf")]
    # Every PDF but those kept under an old name (nothing links to an old name).
    old = {published.site / code / name for code in LANGS for name in old_pdf_names(code, HANDBOOK)}
    assert len(pdfs) == sum(1 for code in LANGS
                            for path in (published.site / code / "pdf").glob("*.pdf")
                            if path not in old)


@pytest.mark.parametrize("published", ["sub-path"], indirect=True)
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_links_of_a_recommendation_open_its_pdf(published, lang, browser):
    page = browser.new_page()
    try:
        page.goto(f"{published.base}/{lang}/{REC_URL}")
        link = page.locator("a[href$='.pdf']").first
        url = urljoin(page.url, link.get_attribute("href"))
        status, kind, body = fetch(url)
        assert (status, kind, body[:5]) == (200, "application/pdf", b"%PDF-")
        assert urlsplit(url).path.startswith(urlsplit(published.base).path + f"/{lang}/pdf/")
    finally:
        page.close()


# Served: in the browser ---------------------------------------------------------------------


class Failures:
    """Requests of a page that failed or were refused (4xx, 5xx), but the page itself."""

    def __init__(self, page):
        self.urls: list[str] = []
        page.on("requestfailed", lambda request: self.urls.append(request.url))
        page.on("response", lambda response: response.status >= 400
                and response.request.resource_type != "document"
                and self.urls.append(response.url))


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_a_recommendation_under_the_sites_path(published, page, lang):
    results = search(page, published.base, lang, REC.title[lang].split()[-1])
    wanted = urlsplit(published.base).path + f"/{lang}/{REC_URL}"
    assert wanted in results
    page.goto(urljoin(page.url, wanted))
    assert page.locator("h1").inner_text().replace("¶", "").strip() == REC.title[lang]


@pytest.mark.parametrize("start", LANGS)
def test_language_switch_lands_on_the_same_page_under_the_sites_path(published, page, start):
    for target in (code for code in LANGS if code != start):
        page.goto(f"{published.base}/{start}/{REC_URL}")
        page.locator("header .md-select button").click()
        page.locator(f"header a.md-select__link[hreflang={target}]").click()
        page.wait_for_url(f"{published.base}/{target}/{REC_URL}")
        assert page.locator("html").get_attribute("lang") == target


def test_the_root_sends_the_reader_to_a_language(published, browser):
    for language in LANGUAGES:
        context = new_context(browser, locale=language.code)
        page = context.new_page()
        try:
            page.goto(published.base + "/")
            page.wait_for_url(f"{published.base}/{language.code}/")
            assert page.locator("html").get_attribute("lang") == language.code
        finally:
            context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_self_assessment_keeps_answers_under_the_sites_path(published, page, lang):
    failures = Failures(page)
    statement = HANDBOOK.self_assessment.statements[0]
    page.goto(f"{published.base}/{lang}/egenvurdering/")
    page.wait_for_load_state("networkidle")
    page.locator(f'input[name="sa-{statement.factor_id}"][value="4"]').check()
    assert not failures.urls
    page.reload()
    assert page.locator(f'input[name="sa-{statement.factor_id}"][value="4"]').is_checked()
    assert page.locator("[data-hb=table] tbody tr").count() >= 1


@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_address_at_any_depth_gets_the_404_page(published, page, missing):
    """As GitHub Pages does: the root's 404.html, with status 404, at the missing address; it
    speaks every language, and each language's link leads to that language's home page."""
    url = f"{published.base}/{missing.format(lang=LANGS[-1])}"
    failures = Failures(page)
    response = page.goto(url)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert not failures.urls
    for code, title in not_found_titles().items():
        assert page.locator(f"section[lang={code}] :is(h1, h2)").inner_text() == title
    for language in LANGUAGES:
        page.goto(url)
        page.locator(f"a[hreflang={language.code}]").click()
        page.wait_for_url(f"{published.base}/{language.code}/")
        assert page.locator("html").get_attribute("lang") == language.code


@pytest.mark.parametrize("lang", LANGS)
def test_each_languages_404_page_works_at_any_depth(published, page, lang):
    """A host that serves a language's own 404.html for missing addresses below it: its
    stylesheets, scripts and links work at every depth."""
    body = (published.site / lang / "404.html").read_bytes()
    page.route("**/ikke-her/**", lambda route: route.fulfill(
        status=404, body=body, content_type="text/html; charset=utf-8"))
    for depth in ("ikke-her/", "ikke-her/a/b/", "anbefalinger/ikke-her/a/b/c.html"):
        failures = Failures(page)
        page.goto(f"{published.base}/{lang}/{depth}")
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == HANDBOOK.labels("not_found_title", lang)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")\
            == "sticky", "Material's stylesheet did not load"
        assert not failures.urls, failures.urls
    page.locator("article a").first.click()
    page.wait_for_url(f"{published.base}/{lang}/")


# Built: addresses, sitemaps, robots.txt ------------------------------------------------------


def alternates(page: Path) -> dict[str, str]:
    return {attributes["hreflang"]: url for tag, url, attributes in read_page(page).links
            if tag == "link" and "alternate" in attributes.get("rel", "")
            and "hreflang" in attributes}


def canonical(page: Path) -> list[str]:
    return [url for tag, url, attributes in read_page(page).links
            if tag == "link" and attributes.get("rel") == "canonical"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_its_canonical_address_and_absolute_alternates(pdf_site, lang):
    for page in html_pages(pdf_site, lang):
        address = page_address(pdf_site / lang, page)
        assert canonical(page) == [f"{SITE_URL}{lang}/{address}"], page
        assert alternates(page) == {**{code: f"{SITE_URL}{code}/{address}" for code in LANGS},
                                    "x-default": SITE_URL}, page
    root = pdf_site / "index.html"
    assert canonical(root) == [SITE_URL]
    assert alternates(root) == {**{code: f"{SITE_URL}{code}/" for code in LANGS},
                                "x-default": SITE_URL}


@pytest.mark.parametrize("lang", LANGS)
def test_each_languages_sitemap_lists_every_page(pdf_site, lang):
    tree = ElementTree.parse(pdf_site / lang / "sitemap.xml")
    listed = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    pages = [f"{SITE_URL}{lang}/{page_address(pdf_site / lang, page)}"
             for page in html_pages(pdf_site, lang)]
    assert sorted(listed) == sorted(pages)
    edition = edition_date(CONTENT_DIR).isoformat()  # not the day of the build
    assert {lastmod.text for lastmod in tree.iter(f"{SITEMAP}lastmod")} == {edition}


def test_the_root_has_a_sitemap_index_and_robots_txt(pdf_site):
    tree = ElementTree.parse(pdf_site / "sitemap.xml")
    assert tree.getroot().tag == f"{SITEMAP}sitemapindex"
    listed = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    assert listed == [f"{SITE_URL}{code}/sitemap.xml" for code in LANGS]
    robots = (pdf_site / "robots.txt").read_text(encoding="utf-8")
    assert re.findall(r"^Sitemap: (\S+)$", robots, re.M) == [f"{SITE_URL}sitemap.xml"]


def test_without_an_address_there_is_no_sitemap_index_or_robots_txt(site):
    assert not (site / "sitemap.xml").exists()
    assert not (site / "robots.txt").exists()
    assert (site / "404.html").exists()


def test_the_404_pages_link_below_the_sites_path(pdf_site, site):
    """Absolute links, so that they work at any depth: below /handbok/ with the address,
    below / without."""
    for built, path in ((pdf_site, urlsplit(SITE_URL).path), (site, "/")):
        for page in [built / "404.html", *(built / code / "404.html" for code in LANGS)]:
            links = [url for tag, url, _ in read_page(page).links if not url.startswith("#")]
            assert links, page
            for url in links:
                assert url.startswith(path) and not url.startswith(path + "/"), (page, url)


@pytest.mark.parametrize("value", ["example.org/handbok/", "ftp://example.org/",
                                   "https://example.org/?x=1"])
@pytest.mark.parametrize("command", ["build", "pdf"])
def test_a_bad_site_address_is_one_line_and_builds_nothing(tmp_path, capsys, command, value):
    """The command-line tool's own entry (in-process: the same code path as a person's
    `handbook.py build --site-url …`, without a Python start-up per case)."""
    from macros.cli.main import main

    assert main([command, "--site-dir", str(tmp_path / "site"), "--site-url", value]) == 2
    out, err = capsys.readouterr()
    assert err.strip().count("\n") == 0 and not out, err
    assert value in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_a_bad_site_address_from_the_command_line(tmp_path):
    """The same, as a person meets it: one line, exit status 2 (smoke test of the CLI)."""
    value = "example.org/handbok/"
    result = run_handbook("build", "--site-dir", str(tmp_path / "site"), "--site-url", value)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert value in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_address_as_github_gives_it_without_a_final_slash_works(pdf_site):
    """actions/configure-pages gives https://owner.github.io/repo (no final slash), and the
    workflow passes it in HANDBOOK_SITE_URL: `pdf_site` is built so (conftest.py)."""
    home = pdf_site / LANGS[0] / "index.html"
    assert canonical(home) == [f"{SITE_URL}{LANGS[0]}/"]


def test_a_connection_closed_before_its_answer_leaves_no_traceback(site, capfd):
    """A reader who leaves a page while it loads closes the connection before the answer is
    written. The local server that prints the PDFs and serves the tests says nothing about it
    (a traceback per page left buried real errors in the output)."""
    big = max((p for p in site.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    with serving(site) as base:
        port = int(urlsplit(base).port)
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                path = big.relative_to(site).as_posix()
                client.sendall(f"GET /{path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                client.recv(64)  # the answer has begun; leave without reading the rest
        urllib.request.urlopen(f"{base}/", timeout=10).read()  # the server still answers
    assert "Traceback" not in capfd.readouterr().err
