"""One language's site built in a process of its own (`serve` rebuilds so, so that code changes
show): `python -m macros.cli.build_language CONFIG SITE_DIR [options]`, the build context given
on this command line, its messages' language from the environment the command line left it
($HANDBOOK_LANG, else the locale). Used by macros/site/build.py; not a command of handbook.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.build_context import BuildContext
from macros.cli import language
from macros.messages import set_language
from macros.site.build import build_config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_language")
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("--content-dir", required=True)
    parser.add_argument("--site-url", default="")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--pdfs", action="store_true")
    parser.add_argument("--offline", action="store_true")
    args = parser.parse_args(argv)
    set_language(language.chosen())
    context = BuildContext(Path(args.content_dir), args.site_url, args.pdfs, args.offline)
    return build_config(Path(args.config), Path(args.site_dir), args.strict, context)


if __name__ == "__main__":
    sys.exit(main())
