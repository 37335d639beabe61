"""Shared fixtures: the real content, one strict build of the whole site per test session, a
local web server for it, the site with its PDFs at a public address under a sub-path, the
offline zip, the tours of every page (taken in the background), and headless Chromium
(Debian's, driven by Playwright)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
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
    Build("offline_zip", ("offline",), {"HANDBOOK_SITE_URL": ""}, ("--out", "handbook.zip")),
)}


class Server:
    """The `site` build on http://127.0.0.1:<free port>, started once, by the first who asks
    (the tours in their thread, or the `server` fixture), until the session ends."""

    def __init__(self):
        self.lock = threading.Lock()
        self.stack = contextlib.ExitStack()
        self.base_url = ""

    def start(self, folder: Path) -> str:
        with self.lock:
            if not self.base_url:
                self.base_url = self.stack.enter_context(serving(BUILDS["site"].wait(folder)))
            return self.base_url

    def stop(self) -> None:
        with self.lock:
            self.stack.close()
            self.base_url = ""


class Tours:
    """Every page of every language at every width, visited once per session (tour.py) for
    the accessibility, privacy and policy tests. The visits are made in the background, two
    at a time (each in a browser of its own, in a thread of its own: axe-core keeps a core
    busy), from the moment the site is built, while the tests that need no tour run; those
    that read it run last (pytest_collection_modifyitems) and wait for what they need."""

    def __init__(self):
        self.thread: threading.Thread | None = None
        self.taken: dict[tuple[str, int], object] = {}
        self.error: BaseException | None = None

    def start(self, folder: Path) -> None:
        if not self.thread:
            self.thread = threading.Thread(target=self._take_all, args=(folder,), daemon=True)
            self.thread.start()

    def _take_all(self, folder: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from tour import WIDTHS

        try:
            base_url = SERVER.start(folder)  # once the site is built
            site = BUILDS["site"].site_dir
            wanted = [(code, size) for code in LANGS for size in WIDTHS.values()]
            with ThreadPoolExecutor(max_workers=2) as pool:
                taken = pool.map(lambda job: self._take(base_url, site, *job), wanted)
                self.taken = dict(zip(wanted, taken, strict=True))
        except BaseException as error:  # handed to the tests that read the tours
            self.error = error

    @staticmethod
    def _take(base_url: str, site: Path, lang: str, width: int):
        from playwright.sync_api import sync_playwright
        from tour import take_tour

        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return take_tour(browser, base_url, site, lang, width)
            finally:
                browser.close()

    def join(self) -> None:
        if self.thread:
            self.thread.join()

    def get(self, lang: str, width: int):
        self.join()
        if self.error:
            raise self.error
        return self.taken[lang, width]


SERVER = Server()
TOURS = Tours()
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
    if "tour" in needed:
        TOURS.start(folder)


def pytest_collection_modifyitems(session, config, items):
    """The tests that read the tours run last: the tours are taken in the background from the
    start (Tours below), while the other tests run, and are ready by then."""
    items.sort(key=lambda item: "tour" in getattr(item, "fixturenames", ()))


def pytest_sessionfinish(session):
    TOURS.join()
    SERVER.stop()
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
def offline_zip(pytestconfig) -> Path:
    """The whole handbook as a zip for a USB stick, made by `offline`."""
    return BUILDS["offline_zip"].wait(pytestconfig.stash[BUILD_FOLDER])


@pytest.fixture(scope="session")
def server(site, pytestconfig) -> str:
    """The built site on http://127.0.0.1:<free port> (the one the tours read, too)."""
    return SERVER.start(pytestconfig.stash[BUILD_FOLDER])


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
    """tour(lang, width): every page of one language visited once at that width (Tours)."""
    return TOURS.get


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
