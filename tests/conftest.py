"""Shared fixtures: the real content, one strict build of the whole site per test run, a
local web server for it, the site with its PDFs at a public address under a sub-path, the
offline zip, the tours of every page (taken in the background), and headless Chromium
(Debian's, driven by Playwright).

The suite runs in several processes (pytest-xdist, `-n` in pyproject.toml). The builds and the
tours are made once per run all the same: in a folder the processes share (made by the
controller, handed to each worker), by the first process to claim each of them; the others
wait for its result file."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import pytest
from browsing import new_context
from tour import SCREENS

from macros.languages import PUBLISHED_CODES
from macros.messages import set_language
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


def claim(folder: Path, name: str) -> bool:
    """True for the one process of this run that is to make `name` (an atomic mkdir)."""
    try:
        (folder / f"{name}.claimed").mkdir()
    except FileExistsError:
        return False
    return True


def wait_for(path: Path, timeout: float = 1200) -> None:
    """Wait until the process that claimed a result has written it (written whole: renamed)."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name}: not made within {timeout} s"
        time.sleep(0.2)


def write_whole(path: Path, data: bytes) -> None:
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    part.replace(path)


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF file has (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def printed_on_a4(page, url: str, pdf: Path, *pdftotext: str) -> tuple[int, str]:
    """The page at `url` as a reader's Ctrl+P on A4 makes it (its own @page size): how many
    sheets, and its text with every run of white space one space (pdftotext's options)."""
    page.goto(url)
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", *pdftotext, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return pdf_pages(pdf), " ".join(text.split())


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
    ends (pytest_collection_finish below), so that they share the cores with each other and
    with the tests that need no build; a fixture waits for its own. The process that claims a
    build makes it and writes its exit status; every process waits for that file."""

    def __init__(self, name: str, args: tuple[str, ...], env: dict[str, str],
                 output: tuple[str, str] = ("--site-dir", "site")):
        self.name, self.args, self.env, self.output = name, args, env, output
        self.process: subprocess.Popen | None = None
        self.recorder: threading.Thread | None = None
        self.status: Path | None = None

    def start(self, folder: Path) -> None:
        if self.status:
            return
        option, name = self.output
        self.site_dir = folder / self.name / name
        self.log = folder / f"{self.name}.log"
        self.status = folder / f"{self.name}.status"
        if not claim(folder, self.name):
            return
        self.site_dir.parent.mkdir(parents=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*HANDBOOK, *self.args, option, str(self.site_dir)], cwd=ROOT,
                env={**os.environ, "HANDBOOK_NO_VENV": "1", **self.env},
                stdout=log, stderr=subprocess.STDOUT)
        self.recorder = threading.Thread(target=self._record, daemon=True)
        self.recorder.start()

    def _record(self) -> None:
        write_whole(self.status, str(self.process.wait()).encode())

    def finish(self, kill: bool) -> None:
        """At the end of a process's session: a worker lets its builds end (another worker may
        still wait for one); a run without workers stops what no test waited for."""
        if self.process and kill and self.process.poll() is None:
            self.process.kill()
        if self.recorder:
            self.recorder.join()

    def wait(self, folder: Path) -> Path:
        self.start(folder)
        wait_for(self.status)
        status = int(self.status.read_text())
        output = self.log.read_text(encoding="utf-8")
        assert status == 0, output
        assert "WARNING" not in output, output
        return self.site_dir


SLOW_BUILDS = ("pdf_site", "offline_zip")
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
    """Every page of every language, loaded once per session and checked at every width
    (tour.py), for the accessibility, privacy and policy tests. The languages are toured in
    the background, two at a time (each in a browser of its own, in a thread of its own:
    axe-core keeps a core busy), from the moment the site is built, while the tests that need
    no tour run; those that read it run last (pytest_collection_modifyitems) and wait for what
    they need. One process of the run takes them and writes them to a file, which every
    process reads."""

    def __init__(self):
        self.thread: threading.Thread | None = None
        self.result: Path | None = None
        self.taken: dict[tuple[str, int], object] | None = None

    def start(self, folder: Path) -> None:
        if self.result:
            return
        self.result = folder / "tours.pickle"
        if claim(folder, "tours"):
            self.thread = threading.Thread(target=self._take_all, args=(folder,), daemon=True)
            self.thread.start()

    def _take_all(self, folder: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        try:
            base_url = SERVER.start(folder)  # once the site is built
            site = BUILDS["site"].site_dir
            with ThreadPoolExecutor(max_workers=2) as pool:
                taken = pool.map(lambda lang: self._take(base_url, site, lang), LANGS)
                result: object = {(lang, width): tour
                                  for lang, tours in zip(LANGS, taken, strict=True)
                                  for width, tour in tours.items()}
        except BaseException:  # handed to the tests that read the tours
            result = AssertionError("the tours failed:\n" + traceback.format_exc())
        write_whole(self.result, pickle.dumps(result))

    @staticmethod
    def _take(base_url: str, site: Path, lang: str):
        from playwright.sync_api import sync_playwright
        from tour import take_tours

        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return take_tours(browser, base_url, site, lang)
            finally:
                browser.close()

    def join(self) -> None:
        if self.thread:
            self.thread.join()

    def get(self, lang: str, width: int):
        if self.taken is None:
            wait_for(self.result)
            self.taken = pickle.loads(self.result.read_bytes())
        if isinstance(self.taken, BaseException):
            raise self.taken
        return self.taken[lang, width]


SERVER = Server()
TOURS = Tours()
BUILD_FOLDER = pytest.StashKey[Path]()


def pytest_configure(config):
    """The folder of this run's builds and tours: made by the controller (or by pytest
    without workers), handed to each xdist worker."""
    if hasattr(config, "workerinput"):
        folder = Path(config.workerinput["handbook_builds"])
    else:
        folder = Path(tempfile.mkdtemp(prefix="handbook-builds-"))
    config.stash[BUILD_FOLDER] = folder


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    node.workerinput["handbook_builds"] = str(node.config.stash[BUILD_FOLDER])


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    folder = session.config.stash[BUILD_FOLDER]
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for name, build in BUILDS.items():
        if name in needed:
            build.start(folder)
    if "tour" in needed:
        TOURS.start(folder)


def pytest_collection_modifyitems(session, config, items):
    """The tests that read the tours run last: the tours are taken in the background from the
    start (Tours below), while the other tests run, and are ready by then. Before them, the
    tests that need one of the slow builds (the PDFs, the offline zip: a minute or more while
    the cores are shared), so that no worker sits waiting for a build while tests that need
    none are still to run."""
    def when(item) -> tuple[bool, bool]:
        names = getattr(item, "fixturenames", ())
        return "tour" in names, any(build in names for build in SLOW_BUILDS)
    items.sort(key=when)


def pytest_sessionfinish(session):
    worker = hasattr(session.config, "workerinput")
    TOURS.join()
    SERVER.stop()
    for build in BUILDS.values():
        build.finish(kill=not worker)
    folder = session.config.stash.get(BUILD_FOLDER, None)
    if folder and not worker:  # the controller ends after its workers
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _environment_as_the_suite_found_it():
    """The command line run in-process sets variables for the whole process (--lang sets
    HANDBOOK_LANG) and the messages' language: every test starts from the environment the
    suite started with, and English messages."""
    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)
    set_language("en")  # the command line in-process, or the test, chose another


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
    # No service worker (browsing.new_context says why).
    context = new_context(browser, viewport=SCREENS["desktop"])
    page = context.new_page()
    yield page
    context.close()


def html_pages(site: Path, lang: str) -> list[Path]:
    return sorted(p for p in (site / lang).rglob("*.html") if p.name != "404.html")
