#!/usr/bin/env python3
"""The handbook's one command-line tool, for people and CI alike: `python3 scripts/handbook.py
--help` lists the commands (they live in macros/cli/).

Run it with any Python 3.11+. Each run first makes sure that .venv/ holds the project and its
packages, installed from pyproject.toml by uv (`uv pip install --compile-bytecode -e '.[test]'`,
which returns at once when nothing changed; with the bytecode, no later Python process compiles
the libraries again, also where PYTHONDONTWRITEBYTECODE is set). The first run creates .venv/
and installs uv into it with pip. Then the command runs inside .venv/. HANDBOOK_NO_VENV=1 skips
this (the environment is ready).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
UV = VENV / "bin" / "uv"


def first_run_line() -> str:
    """The set-up line in the chosen language (--lang, $HANDBOOK_LANG, else the locale), read
    from macros/messages.yml before .venv/ and a YAML reader exist: each text there is one line,
    `  code: "text"`, below the message's id."""
    arguments = sys.argv[1:]
    chosen = arguments[1] if arguments[:1] == ["--lang"] and len(arguments) > 1 else ""
    chosen = chosen or os.environ.get("HANDBOOK_LANG", "")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        chosen = chosen or os.environ.get(variable, "")[:2]
    texts, inside = {}, False
    for line in (ROOT / "macros" / "messages.yml").read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            inside = line == "setup.first_run:"
        elif inside and (found := re.fullmatch(r'  (\w+): (".*")', line)):
            texts[found[1]] = json.loads(found[2])
    return texts.get(chosen.strip().lower(), texts.get("en", "Setting up .venv/ …"))


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_environment() -> None:
    """Re-run this script inside .venv/, after uv has brought it up to date with pyproject.toml."""
    if not VENV_PYTHON.exists():
        print(first_run_line(), file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not UV.exists():
        subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "uv"], check=True)
    subprocess.run([str(UV), "pip", "install", "--quiet", "--python", str(VENV_PYTHON),
                    "--compile-bytecode", "--editable", f"{ROOT}[test]"], check=True, cwd=ROOT)
    if not _in_project_venv():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def run() -> int:
    if os.environ.get("HANDBOOK_NO_VENV") != "1" and not _in_project_venv():
        ensure_environment()
    from macros.cli.main import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
