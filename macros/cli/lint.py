"""`handbook.py lint`: ruff over the Python code, ESLint over the browser scripts.

ESLint runs on Node.js (Debian's `nodejs`, which the tests install anyway). Its packages, pinned
below, are installed with npm into .venv/js/ on first use, beside the Python packages, so nothing
is added to the repository's top level; the configuration is eslint.config.mjs beside this file.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

from macros.project import DOCS_DIR, ROOT

PYTHON = ("macros", "scripts", "tests")
JAVASCRIPT = DOCS_DIR  # the pages' scripts (pages/assets/javascripts/), the service worker (root/)
ESLINT_PACKAGES = ("eslint@9.39.5", "@eslint/js@9.39.5", "globals@16.3.0")  # Node >= 18.18
JS_TOOLS = ROOT / ".venv" / "js"
CONFIG = Path(__file__).with_name("eslint.config.mjs")


def ruff(paths: list[str]) -> int:
    return subprocess.call([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT)


def eslint(folder: Path) -> int:
    """ESLint over every script below folder (run from there: ESLint ignores files outside the
    folder it runs in)."""
    problem = install_eslint()
    if problem:
        print(f"lint: {problem}", file=sys.stderr)
        return 2
    return subprocess.call([str(JS_TOOLS / "node_modules" / ".bin" / "eslint"),
                            "--config", str(JS_TOOLS / CONFIG.name), "."], cwd=folder)


def install_eslint() -> str:
    """ESLint's packages and configuration in .venv/js/, installed once; what went wrong, or "".
    Two processes may lint at once (the test suite runs in several): the first installs, under
    a lock, and the others wait for it. The packages count as installed once npm has finished
    (the list of them is written last), so a half-finished install is tried again."""
    JS_TOOLS.mkdir(parents=True, exist_ok=True)
    installed = JS_TOOLS / "installed.txt"
    wanted = "\n".join(ESLINT_PACKAGES) + "\n"
    with (JS_TOOLS / "install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not installed.exists() or installed.read_text(encoding="utf-8") != wanted:
            npm = shutil.which("npm")
            if npm is None:
                return "npm is missing (as root: apt-get install -y nodejs npm)"
            result = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund",
                                     "--prefix", str(JS_TOOLS), *ESLINT_PACKAGES],
                                    capture_output=True, text=True)
            if result.returncode:
                said = (result.stderr.strip() or result.stdout.strip()).splitlines()
                return (f"npm could not install {' '.join(ESLINT_PACKAGES)} (exit "
                        f"{result.returncode}: {said[-1] if said else 'no message'})")
            installed.write_text(wanted, encoding="utf-8")
        # The configuration must sit beside node_modules to find its packages; replaced whole,
        # as another process's ESLint may be reading it.
        part = JS_TOOLS / (CONFIG.name + ".part")
        shutil.copyfile(CONFIG, part)
        part.replace(JS_TOOLS / CONFIG.name)
    return ""


def run_lint() -> int:
    return max(ruff(list(PYTHON)), eslint(JAVASCRIPT))
