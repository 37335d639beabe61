"""Gecko: Debian's Firefox ESR, driven over WebDriver BiDi, the W3C protocol Firefox itself
serves (--remote-debugging-port), through the small client below on websocket-client (which
Selenium brings). Selenium cannot: it needs geckodriver, which Debian does not package and which
would be a download; puppeteer-core would speak the same BiDi, but from Node, across a process
boundary. One Firefox per test session; a profile is a BiDi user context (storage, service
workers and cookies apart), a tab in it a browsing context."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import websocket
from tour import SCREENS

from engines import Engine, Page, as_json_call, new_file

FIREFOX = "/usr/bin/firefox-esr"
# WebDriver's key codes (the same in BiDi as in classic WebDriver).
BIDI_KEYS = {"Space": " ", "ArrowRight": "\ue014", "ArrowLeft": "\ue012", "Escape": "\ue00c",
             "Enter": "\ue007", "n": "n"}


class BiDi:
    """Commands over one WebSocket, each answered in turn (no events are subscribed to)."""

    def __init__(self, url: str):
        # Firefox refuses a handshake that names an Origin (a page may not drive the browser).
        self.socket = websocket.create_connection(url + "/session", suppress_origin=True,
                                                  timeout=120)
        self.ids = itertools.count(1)

    def __call__(self, method: str, **params):
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            answer = json.loads(self.socket.recv())
            if answer.get("id") == number:
                break
        if answer["type"] == "error":
            raise AssertionError(f"firefox: {method}: {answer['error']}: {answer['message']}")
        return answer["result"]


class FirefoxPage(Page):
    engine = "firefox"

    def __init__(self, bidi: BiDi, downloads: Path):
        self.bidi, self.downloads = bidi, downloads
        self.user_context = bidi("browser.createUserContext")["userContext"]
        bidi("browser.setDownloadBehavior", userContexts=[self.user_context], downloadBehavior={
            "type": "allowed", "destinationFolder": str(downloads)})
        self.context = bidi("browsingContext.create", type="tab",
                            userContext=self.user_context)["context"]
        bidi("browsingContext.setViewport", context=self.context, viewport=SCREENS["desktop"])

    def _node(self, css):
        """The element as BiDi passes it to input.setFiles (a shared reference)."""
        found = self.bidi("script.callFunction", target={"context": self.context},
                          functionDeclaration="css => document.querySelector(css)",
                          arguments=[{"type": "string", "value": css}], awaitPromise=False)
        assert found["type"] == "success" and found["result"]["type"] == "node", (css, found)
        return {"sharedId": found["result"]["sharedId"]}

    def _keys(self, text):
        actions = [{"type": kind, "value": key} for key in text for kind in ("keyDown", "keyUp")]
        self.bidi("input.performActions", context=self.context,
                  actions=[{"type": "key", "id": "keyboard", "actions": actions}])

    def goto(self, url):
        self.bidi("browsingContext.navigate", context=self.context, url=url, wait="complete")

    def reload(self):
        self.bidi("browsingContext.reload", context=self.context, wait="complete")

    def click(self, css):
        self.wait_for_element(css)
        x, y = self.call("""css => { const e = document.querySelector(css);
            e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect();
            return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)]; }""", css)
        self.bidi("input.performActions", context=self.context, actions=[{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": x, "y": y},
                        {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]}])
        self.bidi("input.releaseActions", context=self.context)

    def type(self, css, text):
        self.call("css => document.querySelector(css).focus()", css)
        self._keys(text)

    def press(self, key):
        self._keys(BIDI_KEYS[key])

    def set_files(self, css, paths):
        self.bidi("input.setFiles", context=self.context, element=self._node(css),
                  files=[str(p) for p in paths])

    def download(self, css):
        before = set(self.downloads.iterdir())
        self.click(css)
        return new_file(self.downloads, before, (".part",))

    def call(self, function, arg=None):
        result = self.bidi("script.callFunction", target={"context": self.context},
                           functionDeclaration=as_json_call(function), awaitPromise=True,
                           arguments=[{"type": "string", "value": json.dumps(arg)}])
        if result["type"] == "exception":
            raise AssertionError(f"firefox: {result['exceptionDetails']['text']}: {function}")
        return json.loads(result["result"]["value"])

    def close(self):
        self.bidi("browser.removeUserContext", userContext=self.user_context)


class Firefox(Engine):
    name, title = "firefox", "Firefox ESR"

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="firefox-"))
        # --remote-debugging-port turns on Firefox's recommended automation preferences
        # (remote.prefs.recommended): no first-run pages, updates or telemetry.
        self.process = subprocess.Popen(
            [FIREFOX, "--headless", "--no-remote", "--profile", str(self.folder),
             "--remote-debugging-port=0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        said = []
        for line in self.process.stderr:
            said.append(line)
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                break
        else:
            raise AssertionError("firefox did not start:\n" + "".join(said))
        # What Firefox says from now on goes nowhere (a full pipe would stop it).
        self.drain = threading.Thread(target=lambda: [None for _ in self.process.stderr],
                                      daemon=True)
        self.drain.start()
        self.bidi = BiDi(found.group(1))
        self.version = self.bidi("session.new", capabilities={})["capabilities"]["browserVersion"]

    def profile(self, downloads):
        return FirefoxPage(self.bidi, downloads)

    def close(self):
        try:
            self.bidi("browser.close")
        except websocket.WebSocketException:  # closed before it answered: closed all the same
            pass
        self.bidi.socket.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.drain.join(timeout=30)
        self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)

