"""The commands of `python3 scripts/handbook.py`: one function per command, and the parser."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from macros.languages import BY_CODE, CODES
from macros.messages import languages
from macros.project import ROOT

DESCRIPTION = """\
    python3 scripts/handbook.py serve      preview every language with live reload
    python3 scripts/handbook.py build      build the complete site into site/, strictly
    python3 scripts/handbook.py pdf        build, then print checklists and handbook to PDFs
    python3 scripts/handbook.py offline    the handbook as a zip that opens from a USB stick
    python3 scripts/handbook.py check      validate the content in content/ only
    python3 scripts/handbook.py new KIND   a new content file to fill in (exercise, reflection, …)
    python3 scripts/handbook.py status     translations: how complete, which are stale
    python3 scripts/handbook.py schemas    write the registry's languages into content/schema/
    python3 scripts/handbook.py spell      spelling and agreed terms, every language
    python3 scripts/handbook.py links      links in the built site (--external: other hosts too)
    python3 scripts/handbook.py lint       ruff (Python) and ESLint (browser scripts)
    python3 scripts/handbook.py test       run every test (installs what the tests need)
    python3 scripts/handbook.py bench      build times, bytes per page, Lighthouse -> a report

Messages are in English or a language of the handbook: `--lang CODE` (before the command), else
$HANDBOOK_LANG, else the locale ($LC_ALL, $LC_MESSAGES, $LANG), else English.
"""



def cmd_check(args) -> int:
    from macros.content.translations import stale_message, translation_status
    from macros.messages import message
    from macros.site.build import check_content

    status = check_content()
    if status == 0:
        stale = translation_status().stale
        for item in stale:
            print(stale_message(item), file=sys.stderr)
        if stale:
            print(message("check.stale_summary", count=len(stale)), file=sys.stderr)
    return status


def cmd_status(args) -> int:
    from macros.content.translations import record_reviewed, report, translation_status
    from macros.messages import message

    if args.reviewed:
        recorded, problems = record_reviewed([Path(p) for p in args.reviewed],
                                             tuple(args.only or CODES))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
        print(message("status.recorded", count=recorded))
        return 0
    status = translation_status()
    print("\n".join(report(status, verbose=args.verbose)))
    return 1 if status.problems else 0


def cmd_schemas(args) -> int:
    from macros.content import schemas
    from macros.project import CONTENT_DIR

    for path in schemas.write(CONTENT_DIR / "schema"):
        print(f"wrote {path}")
    return 0


def cmd_spell(args) -> int:
    from macros.cli.system_packages import ensure
    from macros.content.spelling import spelling_problems
    from macros.messages import message

    ensure("spell")
    problems = spelling_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        count = len(problems)
        print(message("spell.summary_one", count=count) if count == 1
              else message("spell.summary_many", count=count), file=sys.stderr)
        return 1
    print(message("spell.fine"))
    return 0


def cmd_links(args) -> int:
    from macros.site.links import check_external, internal_problems

    site_dir = Path(args.site_dir).resolve()
    if not (site_dir / "index.html").exists():
        print(f"links: {site_dir} holds no built site (run: python scripts/handbook.py build)",
              file=sys.stderr)
        return 2
    problems = internal_problems(site_dir)
    if args.external:
        problems += check_external(site_dir, timeout=args.timeout)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} broken link{'s' if len(problems) != 1 else ''}.", file=sys.stderr)
        return 1
    print("Every link works" + (", external ones included." if args.external
                                else " (internal links and anchors; add --external for the rest)."))
    return 0


def cmd_new(args) -> int:
    from macros.content.load import CONTENT_DIR
    from macros.content.new_file import NewError, new_file
    from macros.content.problems import display_path
    from macros.messages import message

    try:
        path, count = new_file(args.kind, CONTENT_DIR, recommendation=args.recommendation,
                               identifier=args.id)
    except NewError as error:
        print(f"new {args.kind}: {error}", file=sys.stderr)
        return 1
    print(message("new.wrote", path=display_path(path, CONTENT_DIR.parent), count=count))
    return 0


def _site_url(args) -> str | None:
    """The site's public address from --site-url or $HANDBOOK_SITE_URL, normalized; None (and
    one line saying why) when it is not a web address."""
    from macros.site.site_url import SiteUrlError, normalized

    try:
        return normalized(args.site_url)
    except SiteUrlError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return None


def cmd_build(args) -> int:
    from macros.site.build import build_site

    site_url = _site_url(args)
    return 2 if site_url is None else build_site(Path(args.site_dir).resolve(), site_url)


def cmd_serve(args) -> int:
    from macros.site.build import serve_site

    site_url = _site_url(args)
    return 2 if site_url is None else serve_site(args.host, args.port, site_url)


def cmd_pdf(args) -> int:
    from macros.cli.system_packages import ensure
    from macros.site.pdf import build_with_pdfs

    site_url = _site_url(args)
    if site_url is None:
        return 2
    ensure("pdf")
    return build_with_pdfs(Path(args.site_dir).resolve(), site_url)


def cmd_offline(args) -> int:
    from macros.site.offline_copy import build_offline_zip

    return build_offline_zip(Path(args.out).resolve())


def cmd_test(args) -> int:
    from macros.cli.system_packages import ensure

    ensure("test")
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=ROOT)


def cmd_lint(args) -> int:
    from macros.cli.lint import run_lint
    from macros.cli.system_packages import ensure

    ensure("lint")

    return run_lint()


def cmd_bench(args) -> int:
    from macros.cli.bench import run_bench
    from macros.cli.system_packages import ensure

    ensure("bench")
    return run_bench(args.runs, not args.no_lighthouse)


def add_site_url(command, more: str = "") -> None:
    command.add_argument(
        "--site-url", default=os.environ.get("HANDBOOK_SITE_URL", ""), metavar="URL",
        help="the site's public address, e.g. https://owner.github.io/repo/ (canonical links,"
        " sitemaps, 404 pages, the address on printed sheets)" + more
        + "; default: $HANDBOOK_SITE_URL, else none (the site works from any folder)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 scripts/handbook.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=languages(),
                        help="the language of messages: " + ", ".join(
                            f"{code} ({BY_CODE[code].english_name})" if code in BY_CODE
                            else code for code in languages())
                        + "; default: $HANDBOOK_LANG, else the locale ($LANG), else en")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the content in content/")
    check.set_defaults(run=cmd_check)

    new = commands.add_parser(
        "new", help="write a new content file with placeholders to fill in",
        description="Write a new content file with every field in every language. Replace each"
        " placeholder (TODO: …); `check` lists those left.")
    new.add_argument("kind", help="exercise, recommendation, reflection, checklist, or the name"
                     " of another kind of content")
    new.add_argument("--recommendation", metavar="ID", help="the recommendation it belongs to")
    new.add_argument("--id", help="the new item's id (lowercase words joined by hyphens)")
    new.set_defaults(run=cmd_new)

    status = commands.add_parser(
        "status", help="translation completeness and stale texts, per language",
        description="How complete each language is, and which texts may be stale (the text in"
        " another language changed since they were last reviewed together).")
    status.add_argument("--reviewed", nargs="+", metavar="FILE",
                        help="record these files' (or folders') texts as reviewed together")
    status.add_argument("--only", nargs="+", choices=CODES, metavar="LANG",
                        help="with --reviewed: record only these languages' texts ("
                        + ", ".join(CODES) + ")")
    status.add_argument("--verbose", action="store_true", help="list every unreviewed text")
    status.set_defaults(run=cmd_status)

    schemas = commands.add_parser(
        "schemas", help="write the languages of macros/languages.yml into content/schema/",
        description="Write the language keys of the JSON Schemas (the text definition, search"
        " synonyms) from macros/languages.yml; `check` fails until they agree.")
    schemas.set_defaults(run=cmd_schemas)

    spell = commands.add_parser("spell", help="spelling and terms of content/ in every language")
    spell.set_defaults(run=cmd_spell)

    links = commands.add_parser("links", help="check the links of the built site")
    links.add_argument("--site-dir", default=str(ROOT / "site"), help="the built site (site/)")
    links.add_argument("--external", action="store_true",
                       help="also fetch every link to another host (needs the internet)")
    links.add_argument("--timeout", type=float, default=15, help="seconds per external link")
    links.set_defaults(run=cmd_links)

    build = commands.add_parser("build", help="build every language strictly into site/")
    build.add_argument("--site-dir", default=str(ROOT / "site"), help="where to build (site/)")
    add_site_url(build)
    build.set_defaults(run=cmd_build)

    pdf = commands.add_parser(
        "pdf", help="build like `build`, then print every checklist and the whole handbook to"
        " PDFs in site/<lang>/pdf/ (pages then link to them)")
    pdf.add_argument("--site-dir", default=str(ROOT / "site"), help="where to build (site/)")
    add_site_url(pdf)
    pdf.set_defaults(run=cmd_pdf)

    offline = commands.add_parser(
        "offline", help="the whole handbook as a zip that opens from a folder or USB stick"
        " (file://), search included")
    offline.add_argument("--out", default=str(ROOT / "dist" / "velfungerende-ledergruppe.zip"),
                         help="the zip to write (dist/velfungerende-ledergruppe.zip)")
    offline.set_defaults(run=cmd_offline)

    serve = commands.add_parser("serve", help="preview with live reload")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    add_site_url(serve, "; served locally under its path, as it will be published")
    serve.set_defaults(run=cmd_serve)

    lint = commands.add_parser("lint", help="ruff for the Python code, ESLint for the scripts")
    lint.set_defaults(run=cmd_lint)

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

    args, unknown = parser.parse_known_args(argv)
    if args.command == "test":  # pytest's own options pass through, with or without `--`
        args.pytest_args = [*unknown, *(a for a in args.pytest_args if a != "--")]
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.lang:  # for this process and the MkDocs builds it runs
        os.environ["HANDBOOK_LANG"] = args.lang
    return args.run(args)
