"""The commands of `python3 scripts/handbook.py`: one function per command, and the parser."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from macros.cli import language
from macros.languages import CODES
from macros.messages import languages, set_language
from macros.project import ROOT

if TYPE_CHECKING:
    from macros.build_context import BuildContext

COMMANDS = ("serve", "build", "pdf", "offline", "check", "new", "rename", "status", "schemas",
            "spell", "links", "lint", "test", "bench")
USAGE_NAMES = {"new": "new KIND", "rename": "rename KIND OLD NEW"}

# argparse's own English (it asks gettext for it) -> our message with the same %-placeholders.
ARGPARSE_MESSAGES = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_some",
}


def command_list() -> str:
    """Every command with one line on what it does, in the chosen language."""
    from macros.messages import message

    width = max(len(USAGE_NAMES.get(name, name)) for name in COMMANDS)
    lines = [message("cli.commands_title")]
    lines += [f"    python3 scripts/handbook.py {USAGE_NAMES.get(name, name):<{width}}  "
              + message(f"cli.command.{name}") for name in COMMANDS]
    return ("\n".join(lines) + "\n\n"
            + message("cli.languages_note", codes="|".join(languages())) + "\n")


def _speak_argparse() -> None:
    """argparse's own words (usage, errors) in the chosen language: argparse asks gettext for
    each, through the module's `_`, so that is where ours go in."""
    from macros.messages import message

    def translate(text: str) -> str:
        return message(ARGPARSE_MESSAGES[text]) if text in ARGPARSE_MESSAGES else text

    argparse._ = translate


def _language_from(argv: list[str]) -> tuple[str | None, list[str]]:
    """The value of --lang (which comes before the command) and the other arguments."""
    if argv[:1] == ["--lang"] and len(argv) > 1:
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--lang="):
        return argv[0].split("=", 1)[1], argv[1:]
    return None, argv


def content_dir() -> Path:
    """The content/ the commands work on: $HANDBOOK_CONTENT_DIR (tests, an editor trying a
    copy), else the project's."""
    from macros.project import CONTENT_DIR

    return Path(os.environ.get("HANDBOOK_CONTENT_DIR") or CONTENT_DIR).resolve()


def build_context(args, **settings) -> BuildContext | None:
    """What a build is for, from the command line: the content, the site's public address
    (--site-url or $HANDBOOK_SITE_URL, normalized), … None (and one line saying why) when the
    address is not a web address."""
    from macros.build_context import BuildContext
    from macros.site.site_url import SiteUrlError, normalized, shared_origin_warning

    try:
        site_url = normalized(getattr(args, "site_url", ""))
    except SiteUrlError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return None
    warning = shared_origin_warning(site_url) if args.command in ("build", "pdf") else None
    if warning:  # answers are only as private as the site's origin
        print(f"{args.command}: {warning}", file=sys.stderr)
    return BuildContext(content_dir(), site_url, **settings)


def cmd_check(args) -> int:
    from macros.build_context import BuildContext
    from macros.content.translations import LockError, read_lock, stale_message, translation_status
    from macros.messages import message
    from macros.site.build import check_content

    try:
        read_lock(content_dir())
        unreadable = []
    except LockError as error:  # the record of reviewed translations, e.g. after a merge
        unreadable = [str(error)]
    status = check_content(unreadable, BuildContext(content_dir()))
    if status == 0:
        stale = translation_status(content_dir()).stale
        for item in stale:
            print(stale_message(item), file=sys.stderr)
        if stale:
            print(message("check.stale_summary", count=len(stale)), file=sys.stderr)
    return status


def cmd_status(args) -> int:
    from macros.content.translations import LockError

    try:
        return _status(args)
    except LockError as error:
        print(error, file=sys.stderr)
        return 1


def _status(args) -> int:
    from macros.content.translations import record_reviewed, report, translation_status
    from macros.messages import message

    if args.reviewed:
        recorded, problems = record_reviewed([Path(p) for p in args.reviewed],
                                             tuple(args.only or CODES), content_dir())
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
        print(message("status.recorded", count=recorded))
        return 0
    status = translation_status(content_dir())
    print("\n".join(report(status, verbose=args.verbose)))
    return 1 if status.problems else 0


def cmd_schemas(args) -> int:
    from macros.content import schemas

    for path in schemas.write(content_dir() / "schema"):
        print(f"wrote {path}")
    return 0


def cmd_spell(args) -> int:
    from macros.cli.system_packages import ensure
    from macros.content.spelling import spelling_problems
    from macros.messages import message

    ensure("spell")
    from macros.content.annotations import report

    problems = spelling_problems(content_dir())
    for problem in problems:
        report(str(problem))
    if problems:
        count = len(problems)
        print(message("spell.summary_one", count=count) if count == 1
              else message("spell.summary_many", count=count), file=sys.stderr)
        return 1
    print(message("spell.fine"))
    return 0


def cmd_links(args) -> int:
    from macros.messages import message
    from macros.site.links import check_external, internal_problems

    site_dir = Path(args.site_dir).resolve()
    if not (site_dir / "index.html").exists():
        print(message("links.no_site", site_dir=site_dir), file=sys.stderr)
        return 2
    problems = internal_problems(site_dir)
    if args.external:
        problems += check_external(site_dir, timeout=args.timeout)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(message("links.broken", count=len(problems)), file=sys.stderr)
        return 1
    print(message("links.fine_external") if args.external else message("links.fine"))
    return 0


def cmd_new(args) -> int:
    from macros.content.new_file import NewError, new_file
    from macros.content.problems import display_path
    from macros.messages import message

    try:
        path, count = new_file(args.kind, content_dir(), recommendation=args.recommendation,
                               identifier=args.id)
    except NewError as error:
        print(f"new {args.kind}: {error}", file=sys.stderr)
        return 1
    print(message("new.wrote", path=display_path(path, content_dir().parent), count=count))
    return 0


def cmd_rename(args) -> int:
    from macros.content.rename import RenameError, rename
    from macros.messages import message
    from macros.site.link_check import load_checked

    try:
        done = rename(args.kind, args.old, args.new, content_dir(), load_with=load_checked)
    except RenameError as error:
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    print(message("rename.done", old=args.old, new=args.new, references=done.references,
                  links=done.links, files=", ".join(done.files)))
    return 0


def cmd_build(args) -> int:
    from macros.site.build import build_site

    context = build_context(args)
    return 2 if context is None else build_site(Path(args.site_dir).resolve(), context)


def cmd_serve(args) -> int:
    from macros.site.build import serve_site

    context = build_context(args)
    return 2 if context is None else serve_site(args.host, args.port, context)


def cmd_pdf(args) -> int:
    from macros.cli.system_packages import ensure
    from macros.site.pdf import build_with_pdfs

    context = build_context(args, pdfs=True)
    if context is None:
        return 2
    ensure("pdf")
    return build_with_pdfs(Path(args.site_dir).resolve(), context)


def cmd_offline(args) -> int:
    from macros.site.offline_copy import build_offline_zip

    context = build_context(args, offline=True, pdfs=args.pdfs)
    if context is None:
        return 2
    if args.pdfs:
        from macros.cli.system_packages import ensure

        ensure("pdf")
    return build_offline_zip(Path(args.out).resolve(), context)


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
    return run_bench(args.runs, not args.no_lighthouse, write=args.write)


def add_site_dir(command, help_text: str) -> None:
    from macros.messages import message

    command.add_argument("--site-dir", default=str(ROOT / "site"),
                         metavar=message("cli.metavar.dir"), help=help_text)


def add_site_url(command, help_text: str) -> None:
    from macros.messages import message

    command.add_argument("--site-url", default=os.environ.get("HANDBOOK_SITE_URL", ""),
                         metavar=message("cli.metavar.url"), help=help_text)


def main(argv: list[str] | None = None) -> int:
    from macros.messages import message

    argv = sys.argv[1:] if argv is None else list(argv)
    chosen, rest = _language_from(argv)
    if chosen in languages():  # for the builds it runs in processes of their own
        os.environ["HANDBOOK_LANG"] = chosen
    set_language(language.chosen(chosen))
    _speak_argparse()
    if not rest:  # no command: the list of commands
        print(command_list(), end="")
        return 0
    parser = argparse.ArgumentParser(prog="python3 scripts/handbook.py", description=command_list(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=languages(),
                        help=message("cli.lang_help", codes=", ".join(languages())))
    commands = parser.add_subparsers(dest="command", required=True,
                                       metavar=message("cli.metavar.command"))

    check = commands.add_parser("check", help=message("cli.command.check"))
    check.set_defaults(run=cmd_check)

    new = commands.add_parser("new", help=message("cli.command.new"),
                              description=message("cli.description.new"))
    new.add_argument("kind", metavar=message("cli.metavar.kind"),
                     help=message("cli.option.new_kind"))
    new.add_argument("--recommendation", metavar=message("cli.metavar.id"),
                     help=message("cli.option.recommendation"))
    new.add_argument("--id", metavar=message("cli.metavar.id"), help=message("cli.option.id"))
    new.set_defaults(run=cmd_new)

    rename = commands.add_parser("rename", help=message("cli.command.rename"),
                                 description=message("cli.description.rename"))
    rename.add_argument("kind", metavar=message("cli.metavar.kind"),
                        help=message("cli.option.rename_kind"))
    rename.add_argument("old", metavar=message("cli.metavar.old"),
                        help=message("cli.option.rename_old"))
    rename.add_argument("new", metavar=message("cli.metavar.new"),
                        help=message("cli.option.rename_new"))
    rename.set_defaults(run=cmd_rename)

    status = commands.add_parser("status", help=message("cli.command.status"),
                                 description=message("cli.description.status"))
    status.add_argument("--reviewed", nargs="+", metavar=message("cli.metavar.file"),
                        help=message("cli.option.reviewed"))
    status.add_argument("--only", nargs="+", choices=CODES, metavar=message("cli.metavar.lang"),
                        help=message("cli.option.only", codes=", ".join(CODES)))
    status.add_argument("--verbose", action="store_true", help=message("cli.option.verbose"))
    status.set_defaults(run=cmd_status)

    schemas = commands.add_parser("schemas", help=message("cli.command.schemas"),
                                  description=message("cli.description.schemas"))
    schemas.set_defaults(run=cmd_schemas)

    spell = commands.add_parser("spell", help=message("cli.command.spell"))
    spell.set_defaults(run=cmd_spell)

    links = commands.add_parser("links", help=message("cli.command.links"))
    add_site_dir(links, message("cli.option.site_dir_built"))
    links.add_argument("--external", action="store_true", help=message("cli.option.external"))
    links.add_argument("--timeout", type=float, default=15, metavar=message("cli.metavar.seconds"),
                       help=message("cli.option.timeout"))
    links.set_defaults(run=cmd_links)

    build = commands.add_parser("build", help=message("cli.command.build"))
    add_site_dir(build, message("cli.option.site_dir"))
    add_site_url(build, message("cli.option.site_url"))
    build.set_defaults(run=cmd_build)

    pdf = commands.add_parser("pdf", help=message("cli.command.pdf"))
    add_site_dir(pdf, message("cli.option.site_dir"))
    add_site_url(pdf, message("cli.option.site_url"))
    pdf.set_defaults(run=cmd_pdf)

    offline = commands.add_parser("offline", help=message("cli.command.offline"))
    offline.add_argument("--out", default=str(ROOT / "dist" / "samarbeid-i-ledergruppa.zip"),
                         metavar=message("cli.metavar.file"), help=message("cli.option.out"))
    offline.add_argument("--pdfs", action="store_true", help=message("cli.option.pdfs"))
    offline.set_defaults(run=cmd_offline)

    serve = commands.add_parser("serve", help=message("cli.command.serve"))
    serve.add_argument("--host", default="127.0.0.1", metavar=message("cli.metavar.host"),
                       help=message("cli.option.host"))
    serve.add_argument("--port", type=int, default=8000, metavar=message("cli.metavar.port"),
                       help=message("cli.option.port"))
    add_site_url(serve, message("cli.option.site_url_serve"))
    serve.set_defaults(run=cmd_serve)

    lint = commands.add_parser("lint", help=message("cli.command.lint"))
    lint.set_defaults(run=cmd_lint)

    test = commands.add_parser("test", help=message("cli.command.test"))
    test.add_argument("pytest_args", nargs=argparse.REMAINDER,
                      help=message("cli.option.pytest_args"))
    test.set_defaults(run=cmd_test)

    bench = commands.add_parser("bench", help=message("cli.command.bench"),
                                description=message("cli.description.bench"))
    bench.add_argument("--runs", type=int, default=5, metavar=message("cli.metavar.count"),
                       help=message("cli.option.runs"))
    bench.add_argument("--no-lighthouse", action="store_true",
                       help=message("cli.option.no_lighthouse"))
    bench.add_argument("--write", action="store_true", help=message("cli.option.write"))
    bench.set_defaults(run=cmd_bench)

    args, unknown = parser.parse_known_args(argv)
    if args.command == "test":  # pytest's own options pass through, with or without `--`
        args.pytest_args = [*unknown, *(a for a in args.pytest_args if a != "--")]
    elif unknown:
        parser.error(argparse._("unrecognized arguments: %s") % " ".join(unknown))
    return args.run(args)
