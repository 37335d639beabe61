"""Chromium (Debian's headless shell) through Playwright: the suite's own browser, shared with
the other browser tests; a profile is a browser context."""

from __future__ import annotations

import json
from pathlib import Path

from tour import SCREENS

from engines import Engine, Page, as_json_call


class ChromiumPage(Page):
    engine = "chromium"

    def __init__(self, context, downloads: Path):
        self.context, self.downloads = context, downloads
        self.page = context.new_page()

    def goto(self, url):
        self.page.goto(url)

    def reload(self):
        self.page.reload()

    def click(self, css):
        self.page.click(css)

    def type(self, css, text):
        self.page.locator(css).press_sequentially(text)

    def press(self, key):
        self.page.keyboard.press(key)  # KEYS are Playwright's own names

    def set_files(self, css, paths):
        self.page.set_input_files(css, [str(p) for p in paths])

    def download(self, css):
        with self.page.expect_download() as download:
            self.page.click(css)
        saved = self.downloads / download.value.suggested_filename
        download.value.save_as(saved)
        return saved

    def call(self, function, arg=None):
        return json.loads(self.page.evaluate(as_json_call(function), json.dumps(arg)))

    def close(self):
        self.context.close()


class Chromium(Engine):
    name, title = "chromium", "Chromium"

    def __init__(self, browser):
        self.browser = browser  # the session's (conftest.py), closed there
        self.version = browser.version

    def profile(self, downloads):
        # Service workers on, as a reader has them (the offline flow needs them).
        return ChromiumPage(self.browser.new_context(viewport=SCREENS["desktop"],
                                                     accept_downloads=True), downloads)

    def close(self):
        pass
