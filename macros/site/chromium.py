"""Headless Chromium, Debian's, driven by Playwright: one launcher for the PDFs, the tests and
`bench`. It is Debian's `chromium-headless-shell`: the same Blink as `chromium`, built for
headless use only (what Playwright itself runs headless); it takes about half the CPU of the
full browser per page load, which keeps the browser tests fast on two cores. The flags keep it
from reaching for other hosts (this machine has no network but the package registries) and let
it run as root in a container."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
PACKAGE = "chromium-headless-shell"  # the Debian package that installs it
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """A headless Chromium browser from a running `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
