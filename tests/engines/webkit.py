"""WebKit: Debian's WebKitGTK through its WebDriver (WebKitWebDriver, from webkit2gtk-driver),
which drives WebKitGTK's MiniBrowser, driven in turn by Selenium. WebKitGTK draws on an X
display even when nobody looks: the engine starts its own Xvfb on a free display number
(Xvfb picks it: -displayfd). Each automation session is a browser of its own with ephemeral
storage, so a profile is a session; its downloads land in its $HOME."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service
from tour import SCREENS

from engines import Engine, Page, as_json_call, new_file

DRIVER = "/usr/bin/WebKitWebDriver"
SELENIUM_KEYS = {"Space": Keys.SPACE, "ArrowRight": Keys.ARROW_RIGHT, "ArrowLeft": Keys.ARROW_LEFT,
                 "Escape": Keys.ESCAPE, "Enter": Keys.ENTER, "n": "n"}


class WebKitPage(Page):
    engine = "webkit"

    def __init__(self, display: str, downloads: Path):
        self.downloads = downloads
        env = {**os.environ, "DISPLAY": display, "HOME": str(downloads)}
        # The service started here and the session opened on it as on any WebDriver:
        # webdriver.WebKitGTK() would do the same through a call Selenium itself deprecates.
        self.service = Service(executable_path=DRIVER, env=env)
        self.service.start()
        try:
            self.driver = webdriver.Remote(
                RemoteConnection(client_config=ClientConfig(self.service.service_url)),
                options=Options())
        except Exception:
            self.service.stop()
            raise
        self.driver.file_detector = UselessFileDetector()  # a path here is a path there
        self.driver.set_window_size(SCREENS["desktop"]["width"], SCREENS["desktop"]["height"])

    def _element(self, css):
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:  # not yet: a script is still to make it
            self.wait_for_element(css)
            return self.driver.find_element(By.CSS_SELECTOR, css)

    def goto(self, url):
        self.driver.get(url)

    def reload(self):
        self.driver.refresh()

    def click(self, css):
        self._element(css).click()

    def type(self, css, text):
        self._element(css).send_keys(text)

    def press(self, key):
        ActionChains(self.driver).send_keys(SELENIUM_KEYS[key]).perform()

    def set_files(self, css, paths):
        self._element(css).send_keys("\n".join(str(p) for p in paths))

    def download(self, css):
        before = set(self.downloads.iterdir())
        self.click(css)
        return new_file(self.downloads, before, (".download", ".wkdownload", ".part"))

    def call(self, function, arg=None):
        return json.loads(self.driver.execute_script(
            f"return ({as_json_call(function)})(arguments[0]);", json.dumps(arg)))

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.service.stop()


class WebKit(Engine):
    name, title = "webkit", "WebKitGTK"

    def __init__(self):
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as number:
            self.display = ":" + number.readline().strip()
        assert self.display != ":", "Xvfb did not start"
        try:
            probe = WebKitPage(self.display, Path(tempfile.mkdtemp(prefix="webkit-")))
        except BaseException:  # no session: no engine, and no X server left behind
            self.close()
            raise
        self.version = probe.driver.capabilities["browserVersion"]
        probe.close()

    def profile(self, downloads):
        return WebKitPage(self.display, downloads)

    def close(self):
        self.xvfb.terminate()
        self.xvfb.wait()
