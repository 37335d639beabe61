"""`handbook.py lint`: ruff over the Python code, ESLint over the browser scripts.

ESLint runs on Node.js (Debian's `nodejs`, which the tests install anyway). Its packages, pinned
below, are installed with npm into .venv/js/ on first use, beside the Python packages, so nothing
is added to the repository's top level; the configuration is eslint.config.mjs beside this file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from macros.project import DOCS_DIR, ROOT

PYTHON = ("macros", "scripts", "tests")
JAVASCRIPT = DOCS_DIR / "pages" / "assets" / "javascripts"
ESLINT_PACKAGES = ("eslint@9.39.5", "@eslint/js@9.39.5", "globals@16.3.0")  # Node >= 18.18
JS_TOOLS = ROOT / ".venv" / "js"
CONFIG = Path(__file__).with_name("eslint.config.mjs")


def ruff(paths: list[str]) -> int:
    return subprocess.call([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT)


def eslint(folder: Path) -> int:
    """ESLint over every script below folder (run from there: ESLint ignores files outside the
    folder it runs in)."""
    binary = JS_TOOLS / "node_modules" / ".bin" / "eslint"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            print("lint: npm is missing (as root: apt-get install -y nodejs npm)", file=sys.stderr)
            return 2
        subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--silent",
                        "--prefix", str(JS_TOOLS), *ESLINT_PACKAGES], check=True)
    # The configuration must sit beside node_modules to find its packages.
    shutil.copyfile(CONFIG, JS_TOOLS / CONFIG.name)
    return subprocess.call([str(binary), "--config", str(JS_TOOLS / CONFIG.name), "."],
                           cwd=folder)


def run_lint() -> int:
    return max(ruff(list(PYTHON)), eslint(JAVASCRIPT))
