"""Shared fixtures: the real content, one strict build of the whole site per test session, a
local web server for it, the site with its PDFs (at a public address under a sub-path, and
without one), and headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.languages import PUBLISHED_CODES
from macros.site.chromium import CHROMIUM, launch
from macros.site.server import serving

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HANDBOOK = [sys.executable, str(ROOT / "scripts" / "handbook.py")]
LANGS = PUBLISHED_CODES  # every language the build publishes (macros/languages.yml)
# A public address under a sub-path, as a GitHub Pages project site has.
SITE_URL = "https://example.org/handbok/"

# Messages in English unless a test asks for another language (HANDBOOK_LANG=nb / da).
os.environ.setdefault("HANDBOOK_LANG", "en")


def run_handbook(*args: str, content_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command-line tool as a person would, optionally on other content."""
    env = {**os.environ, "HANDBOOK_NO_VENV": "1"}
    if content_dir is not None:
        env["HANDBOOK_CONTENT_DIR"] = str(content_dir)
    return subprocess.run([*HANDBOOK, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once, strictly, by the same command people and CI use."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = run_handbook("build", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def build_with_pdfs(tmp_path_factory, *site_url: str) -> Path:
    site_dir = tmp_path_factory.mktemp("pdf") / "site"
    result = run_handbook("pdf", "--site-dir", str(site_dir), *site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory) -> Path:
    """The site with its PDFs and its public address (SITE_URL), made by the same command
    people and CI use: `pdf --site-url`."""
    return build_with_pdfs(tmp_path_factory, "--site-url", SITE_URL)


@pytest.fixture(scope="session")
def pdf_site_without_address(tmp_path_factory) -> Path:
    """The site with its PDFs, built without a public address."""
    return build_with_pdfs(tmp_path_factory)


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site on http://127.0.0.1:<free port>."""
    with serving(site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `python scripts/handbook.py test`"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # No service worker: it would answer requests before page.route() sees them. The offline
    # tests (test_offline.py) make contexts of their own, with the service worker.
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def html_pages(site: Path, lang: str) -> list[Path]:
    return sorted(p for p in (site / lang).rglob("*.html") if p.name != "404.html")
