"""Headless Chromium, Debian's, driven by Playwright: one launcher for the PDFs, the tests and
`bench`. The flags keep it from reaching for other hosts (this machine has no network but the
package registries) and let it run as root in a container."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """A headless Chromium browser from a running `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
