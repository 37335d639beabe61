"""The Debian packages that `test`, `pdf`, `bench`, `spell` and `lint` need, found by trying
what the code runs: Playwright's driver starts (its bundled Node needs libatomic1), Debian's
headless Chromium starts and renders a page, fontconfig finds DejaVu Sans (the PDFs' font),
hunspell checks a word with each language's dictionary (from macros/languages.yml), poppler's
tools run (the tests read the PDFs with them), Node runs (the tests run the self-assessment's
JavaScript; Lighthouse and ESLint run on it), npm runs (it installs ESLint for `lint`), and the
two other engines the tests drive start: WebKitGTK's WebDriver, the X server it draws on (Xvfb)
and Firefox ESR (tests/engines/).

What does not work maps to the Debian packages that make it work. As root they are installed
with apt-get (CI and a fresh machine), and everything is tried again; as another user the
command to run as root is printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from macros.languages import LANGUAGES
from macros.messages import message
from macros.site.chromium import ARGS, CHROMIUM, PACKAGE


@dataclass(frozen=True)
class Need:
    """Something a command needs from the system, how to try it, and what makes it work."""

    what: str  # what was tried, in every language, e.g. "hunspell -d nb_NO"
    command: tuple[str, ...]  # exits 0 (and prints `expect`, if given) when it works
    packages: tuple[str, ...]  # the Debian packages that make it work
    stdin: str = ""
    expect: str = ""


def _playwright_driver() -> Need:
    # `python -m playwright --version` starts the driver: the Node that Playwright bundles.
    return Need("python -m playwright --version", (sys.executable, "-m", "playwright", "--version"),
                ("libatomic1",))


def _chromium() -> Need:
    return Need(f"{CHROMIUM} --headless", (CHROMIUM, "--headless", *ARGS, "--dump-dom",
                             "data:text/html,<p>works</p>"), (PACKAGE,), expect="works")


def _fonts() -> Need:
    return Need("fc-list 'DejaVu Sans'", ("fc-list", "DejaVu Sans", "family"),
                ("fontconfig", "fonts-dejavu-core"), expect="DejaVu Sans")


def _dictionaries() -> list[Need]:
    return [Need(f"hunspell -d {language.hunspell}",
                 ("hunspell", "-i", "utf-8", "-d", language.hunspell, "-l"),
                 ("hunspell", language.package), stdin="xqzv\n", expect="xqzv")
            for language in LANGUAGES]


def _poppler() -> list[Need]:
    return [Need(f"{tool} -v", (tool, "-v"), ("poppler-utils",))
            for tool in ("pdfinfo", "pdftotext")]


def _node() -> Need:
    return Need("node", ("node", "-e", "console.log('works')"), ("nodejs",), expect="works")


def _npm() -> Need:
    return Need("npm --version", ("npm", "--version"), ("npm",))


def _other_engines() -> list[Need]:
    """WebKit (WebKitGTK's WebDriver and its MiniBrowser, on Xvfb) and Gecko (Firefox ESR)."""
    return [Need("WebKitWebDriver --help", ("WebKitWebDriver", "--help"), ("webkit2gtk-driver",)),
            Need("Xvfb -help", ("Xvfb", "-help"), ("xvfb",)),
            Need("firefox-esr --version", ("firefox-esr", "--version"), ("firefox-esr",),
                 expect="Firefox")]


def needs(command: str) -> list[Need]:
    """What a command of handbook.py needs from the system."""
    browser = [_playwright_driver(), _chromium()]
    return {
        "pdf": [*browser, _fonts()],
        "bench": [*browser, _node()],
        "spell": _dictionaries(),
        "lint": [_node(), _npm()],
        "test": [*browser, _fonts(), *_dictionaries(), *_poppler(), _node(), _npm(),
                 *_other_engines()],
    }[command]


def failure(need: Need) -> str | None:
    """None when the need is met, else one line on why not."""
    try:
        result = subprocess.run(need.command, input=need.stdin, capture_output=True, text=True,
                                timeout=120)
    except FileNotFoundError:
        return f"{need.command[0]}: not found"
    except subprocess.TimeoutExpired:
        return f"{need.command[0]}: no answer in 120 s"
    if result.returncode == 0 and need.expect in result.stdout:
        return None
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"{need.command[0]}: exit code {result.returncode}"


def unmet(wanted: list[Need]) -> list[tuple[Need, str]]:
    """The needs that are not met, with why; tried side by side (Chromium takes a second)."""
    with ThreadPoolExecutor() as pool:
        failures = list(pool.map(failure, wanted))
    return [(need, why) for need, why in zip(wanted, failures, strict=True) if why is not None]


def packages_for(problems: list[tuple[Need, str]]) -> list[str]:
    return list(dict.fromkeys(package for need, _ in problems for package in need.packages))


def install_command(packages: list[str]) -> str:
    return "apt-get update && apt-get install -y --no-install-recommends " + " ".join(packages)


def ensure(command: str) -> None:
    """Make sure the system has what `command` needs, installing it as root; else exit with
    what is missing and the command that installs it."""
    problems = unmet(needs(command))
    if not problems:
        return
    packages = packages_for(problems)
    for need, why in problems:
        print(message("packages.unmet", what=need.what, why=why), file=sys.stderr)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(message("packages.as_root", command=install_command(packages)))
    print(message("packages.installing", packages=" ".join(packages)), file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for apt_get in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
        result = subprocess.run(apt_get, capture_output=True, text=True, env=env)
        if result.returncode:  # dpkg's progress only when something went wrong
            print(result.stdout + result.stderr, file=sys.stderr)
            sys.exit(message("packages.apt_failed", command=install_command(packages)))
    still = unmet(needs(command))
    for need, why in still:
        print(message("packages.still_unmet", what=need.what, why=why), file=sys.stderr)
    if still:
        sys.exit(1)
