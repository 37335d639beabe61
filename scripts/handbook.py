#!/usr/bin/env python3
"""The handbook's one command-line tool, for people and CI alike.

    python scripts/handbook.py serve      preview both languages with live reload
    python scripts/handbook.py build      build the complete site into site/, strictly
    python scripts/handbook.py check      validate the content in content/ only
    python scripts/handbook.py test       run every test (installs what the tests need)
    python scripts/handbook.py bench      build times, bytes per page, Lighthouse -> a report

The first run creates .venv/ and installs the Python packages from pyproject.toml; later runs
reuse it (and reinstall when pyproject.toml changes). Run it with any Python 3.11+.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"


# Set-up ---------------------------------------------------------------------------------------


def _in_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def _requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [*project["dependencies"], *(req for group in extras.values() for req in group)]


def ensure_environment() -> None:
    """Re-run this script inside .venv, creating it and installing the packages if needed."""
    stamp = VENV / ".installed-from"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not VENV_PYTHON.exists():
        print("Setting up .venv/ (first run) …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not stamp.exists() or stamp.read_text() != wanted:
        print("Installing Python packages from pyproject.toml …", file=sys.stderr)
        subprocess.run(
            [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *_requirements()],
            check=True,
        )
        stamp.write_text(wanted)
    if not _in_project_venv():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


# Commands -------------------------------------------------------------------------------------


def cmd_check(args) -> int:
    from site_build import check_content

    return check_content()


def cmd_build(args) -> int:
    from site_build import build_site

    return build_site(Path(args.site_dir).resolve())


def cmd_serve(args) -> int:
    from site_build import serve_site

    return serve_site(args.host, args.port)


def cmd_test(args) -> int:
    from system_packages import ensure_test_packages

    ensure_test_packages()
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=ROOT)


def cmd_bench(args) -> int:
    from bench import run_bench
    from system_packages import ensure_test_packages

    ensure_test_packages()  # Chromium
    return run_bench(args.runs, not args.no_lighthouse)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/handbook.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the content in content/")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser("build", help="build every language strictly into site/")
    build.add_argument("--site-dir", default=str(ROOT / "site"), help="where to build (site/)")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)

    test = commands.add_parser("test", help="run every test, browser tests included")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed on to pytest")
    test.set_defaults(run=cmd_test)

    bench = commands.add_parser(
        "bench", help="measure build times, bytes per page and Lighthouse scores",
        description="Writes scripts/bench_report.md. Lighthouse runs when installed outside the"
        " repository: npm install --prefix ~/.cache/handbook-bench -E lighthouse@12.2.3")
    bench.add_argument("--runs", type=int, default=5, help="builds to time, median taken (5)")
    bench.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    bench.set_defaults(run=cmd_bench)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    if os.environ.get("HANDBOOK_NO_VENV") != "1":
        ensure_environment()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
