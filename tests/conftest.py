"""Shared fixtures: the real content, one strict build of the whole site per test session, a
local web server for it, the site with its PDFs (at a public address under a sub-path, and
without one), and headless Chromium (Debian's, driven by Playwright)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


class Build:
    """One of the builds the tests read, made by the command people and CI use, in a
    process of its own. All that the collected tests need are started together when collection
    ends (pytest_collection_finish below), so that they share the two cores with each
    other and with the tests that need no build; a fixture waits for its own."""

    def __init__(self, name: str, args: tuple[str, ...], env: dict[str, str],
                 output: tuple[str, str] = ("--site-dir", "site")):
        self.name, self.args, self.env, self.output = name, args, env, output
        self.process: subprocess.Popen | None = None

    def start(self, folder: Path) -> None:
        if self.process:
            return
        option, name = self.output
        self.site_dir = folder / self.name / name
        self.site_dir.parent.mkdir(parents=True)
        self.log = folder / f"{self.name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*HANDBOOK, *self.args, option, str(self.site_dir)], cwd=ROOT,
                env={**os.environ, "HANDBOOK_NO_VENV": "1", **self.env},
                stdout=log, stderr=subprocess.STDOUT)

    def wait(self, folder: Path) -> Path:
        self.start(folder)
        status = self.process.wait(timeout=1200)
        output = self.log.read_text(encoding="utf-8")
        assert status == 0, output
        assert "WARNING" not in output, output
        return self.site_dir


BUILDS = {build.name: build for build in (
    Build("site", ("build",), {"HANDBOOK_SITE_URL": ""}),
    # As GitHub gives the address (actions/configure-pages: no final slash), in the variable
    # the workflow sets; `--site-url` is the same setting (test_serve.py, test_published.py).
    Build("pdf_site", ("pdf",), {"HANDBOOK_SITE_URL": SITE_URL.rstrip("/")}),
    Build("pdf_site_without_address", ("pdf",), {"HANDBOOK_SITE_URL": ""}),
    Build("offline_zip", ("offline",), {"HANDBOOK_SITE_URL": ""}, ("--out", "handbook.zip")),
)}


BUILD_FOLDER = pytest.StashKey[Path]()


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    folder = Path(tempfile.mkdtemp(prefix="handbook-builds-"))
    session.config.stash[BUILD_FOLDER] = folder
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for name, build in BUILDS.items():
        if name in needed:
            build.start(folder)


def pytest_sessionfinish(session):
    for build in BUILDS.values():
        if build.process and build.process.poll() is None:
            build.process.kill()
            build.process.wait()
    folder = session.config.stash.get(BUILD_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _environment_as_the_suite_found_it():
    """The command line run in-process sets variables for the whole process (--lang sets
    HANDBOOK_LANG): every test starts from the environment the suite started with."""
    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="session")
def site(pytestconfig) -> Path:
    """The whole site, built once, strictly, by the same command people and CI use."""
    return BUILDS["site"].wait(pytestconfig.stash[BUILD_FOLDER])


@pytest.fixture(scope="session")
def pdf_site(pytestconfig) -> Path:
    """The site with its PDFs and its public address (SITE_URL), made by the same command
    people and CI use: `pdf`, with the address as GitHub gives it (no final slash) in
    $HANDBOOK_SITE_URL."""
    return BUILDS["pdf_site"].wait(pytestconfig.stash[BUILD_FOLDER])


@pytest.fixture(scope="session")
def pdf_site_without_address(pytestconfig) -> Path:
    """The site with its PDFs, built without a public address."""
    return BUILDS["pdf_site_without_address"].wait(pytestconfig.stash[BUILD_FOLDER])


@pytest.fixture(scope="session")
def offline_zip(pytestconfig) -> Path:
    """The whole handbook as a zip for a USB stick, made by `offline`."""
    return BUILDS["offline_zip"].wait(pytestconfig.stash[BUILD_FOLDER])


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site on http://127.0.0.1:<free port>."""
    with serving(site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `python3 scripts/handbook.py test`"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def tour(server, site):
    """tour(lang, width): every page of one language visited once at that width (tour.py).
    All of them are taken together the first time one is asked for, two at a time (each in a
    browser of its own, in a thread of its own: axe-core keeps a core busy), once per session,
    and shared by the tests that read them."""
    from concurrent.futures import ThreadPoolExecutor

    from tour import WIDTHS, take_tour

    def take(lang: str, width: int):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return take_tour(browser, server, site, lang, width)
            finally:
                browser.close()

    taken = {}

    def get(lang: str, width: int):
        if not taken:
            wanted = [(code, size) for code in LANGS for size in WIDTHS.values()]
            with ThreadPoolExecutor(max_workers=2) as pool:
                done = dict(zip(wanted, pool.map(lambda job: take(*job), wanted), strict=True))
            taken.update(done)
        return taken[lang, width]

    return get


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
