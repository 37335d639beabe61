"""One small driver interface for the flows that run in every engine (tests/test_engines.py),
with one adapter per engine: Chromium through Playwright (chromium.py), WebKit through
WebKitGTK's WebDriver and Selenium (webkit.py), Gecko through Firefox ESR's own WebDriver BiDi
(firefox.py). A flow sees only a Page: a tab in a browser profile of its own.

What every adapter does alike lives here, written once in JavaScript run through `evaluate`:
reading text and values, choosing an option, waiting for a condition (polled from Python: the
pages' Content-Security-Policy forbids the string evaluation some drivers wait with)."""

from __future__ import annotations

import time
from pathlib import Path

# The engines, in the order the tests run them (tests/test_engines.py's `engine` fixture starts
# each one's class: Chromium, WebKit, Firefox).
NAMES = ("chromium", "webkit", "firefox")
KEYS = ("Space", "ArrowRight", "ArrowLeft", "Escape", "Enter", "n")


class Page:
    """A tab in a profile of its own (storage, service workers, downloads apart)."""

    engine = ""

    # What each adapter does in its engine's own way.
    def goto(self, url: str) -> None: raise NotImplementedError
    def reload(self) -> None: raise NotImplementedError
    def click(self, css: str) -> None: raise NotImplementedError  # a real pointer click
    def type(self, css: str, text: str) -> None: raise NotImplementedError  # keys, focused
    def press(self, key: str) -> None: raise NotImplementedError  # one of KEYS
    def set_files(self, css: str, paths: list[Path]) -> None: raise NotImplementedError
    def download(self, css: str) -> Path: raise NotImplementedError  # click it, the saved file
    def call(self, function: str, arg=None): raise NotImplementedError  # JSON in, JSON out
    def close(self) -> None: raise NotImplementedError

    # Written once, on top of those.
    def fill(self, css: str, text: str) -> None:
        """Empty a field, then type into it as a person does."""
        self.call("css => { const e = document.querySelector(css); e.focus(); e.value = ''; }", css)
        self.type(css, text)

    def choose(self, css: str, value: str) -> None:
        """Pick an option of a <select> (its list is the platform's own, out of drivers' reach)."""
        self.call("""([css, value]) => { const e = document.querySelector(css); e.value = value;
            e.dispatchEvent(new Event('input', { bubbles: true }));
            e.dispatchEvent(new Event('change', { bubbles: true })); }""", [css, value])

    def text(self, css: str) -> str:
        return self.call("css => document.querySelector(css).textContent", css)

    def value(self, css: str) -> str:
        return self.call("css => document.querySelector(css).value", css)

    def visible(self, css: str) -> bool:
        return self.call("""css => { const e = document.querySelector(css);
            return !!e && !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length); }""", css)

    def wait_for(self, condition: str, arg=None, timeout: float = 20) -> None:
        """Until the JavaScript function `condition(arg)` returns true. While a page is being
        left for the next one, an engine may run the condition in a document with no root yet
        (Firefox) or in a context being torn down (Chromium): such a throw counts as "not yet",
        and the last one is reported if the condition is never true."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.call(condition, arg):
                    return
                failure = None
            except Exception as error:  # each engine's driver throws its own kind
                failure = error
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.engine}: not true within {timeout} s: {condition}"
                                     + (f" (last: {failure})" if failure else "")) from failure
            time.sleep(0.1)

    def wait_for_element(self, css: str, timeout: float = 20) -> None:
        self.wait_for("css => document.querySelector(css) !== null", css, timeout)


class Engine:
    """One browser of one engine for the test session; each profile() is a fresh one."""

    name = ""
    title = ""  # as the README names it
    version = ""  # as the browser reports it

    def release(self) -> str:
        """The version as the README gives it: WebKitGTK's major.minor, others' major."""
        return ".".join(self.version.split(".")[:2 if self.name == "webkit" else 1])

    def profile(self, downloads: Path) -> Page: raise NotImplementedError
    def close(self) -> None: raise NotImplementedError


def as_json_call(function: str) -> str:
    """`function` wrapped to take and give JSON text (what every WebDriver passes unchanged)."""
    return f"async (json) => JSON.stringify((await ({function})(JSON.parse(json))) ?? null)"


def new_file(folder: Path, before: set[Path], partial: tuple[str, ...], timeout: float = 20) -> Path:
    """The file a download added to `folder`, once whole (no longer named as partial)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        added = [p for p in folder.iterdir() if p not in before and p.is_file()
                 and not p.name.endswith(partial) and p.stat().st_size]
        if added:
            time.sleep(0.2)  # written whole
            return added[0]
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder} within {timeout} s")
