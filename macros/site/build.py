"""Check, build and serve the site in every language. Used by handbook.py; not run on its own.
What a build is for comes in a BuildContext (macros/build_context.py), made on the command line."""

from __future__ import annotations

import errno
import importlib
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from macros import build_context
from macros.build_context import DEFAULT, BuildContext
from macros.content import annotations
from macros.content.load import load_handbook
from macros.content.problems import ContentError
from macros.languages import LANGUAGES, PUBLISHED
from macros.messages import message
from macros.project import DOCS_DIR as DOCS
from macros.project import PACKAGE_DIR, ROOT
from macros.site.csp import UnknownInlineScript, with_policy
from macros.site.link_check import load_checked
from macros.site.root_files import root_files
from macros.site.server import not_found_page
from macros.site.service_worker import write_service_worker
from macros.site.site_url import site_path

# The generator that builds and serves the site: "mkdocs" (MkDocs 1.x), or "properdocs", its
# maintained fork, which builds this site byte for byte the same but for the generator tag
# (ARCHITECTURE.md, "Leaving the stack"). The one line to change, with the dependency in
# pyproject.toml.
GENERATOR = "mkdocs"


def use_generator() -> None:
    """With ProperDocs, every `mkdocs.*` import (ours, Material's, mkdocs-macros') is answered
    by ProperDocs from here on; with MkDocs nothing changes."""
    if GENERATOR != "mkdocs":
        importlib.import_module(f"{GENERATOR}.replacement")


def config_file(lang: str) -> Path:
    return DOCS / f"{lang}.yml"


# MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; it would bury real warnings.
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def check_content(other_problems: Sequence[str] = (),
                  context: BuildContext = DEFAULT) -> int:
    """Load content/ and say in one line that it is valid, or print each problem (the
    content's, then `other_problems`, one line each)."""
    try:
        handbook = load_checked(context.content_dir)
    except ContentError as error:
        annotations.report(error.report())
        handbook = None
    for problem in other_problems:
        annotations.report(problem)
    if handbook is None or other_problems:
        return 1
    print(message("check.valid", recommendations=len(handbook.recommendations),
                  factors=len(handbook.factors), languages=len(LANGUAGES)))
    return 0


def build_languages(site_dir: Path, context: BuildContext = DEFAULT, strict: bool = True,
                    in_process: bool = True) -> int:
    """Build every published language into site_dir/<lang>/ (a language still in progress in
    macros/languages.yml is left out, with a note), plus the files at the root (the language
    chooser, the 404 page; with the site's public address, `context.site_url`, also the sitemap
    index and robots.txt). In one process by default (content is loaded and templates compiled once
    for every language); `serve` builds in a fresh process each time so that code changes
    show."""
    for language in LANGUAGES:
        if language.in_progress:
            print(message("build.in_progress", code=language.code), file=sys.stderr)
    for language in PUBLISHED:
        build = build_config if in_process else _build_in_subprocess
        status = build(config_file(language.code), site_dir / language.code, strict, context)
        if status:
            print(message("build.language_failed", code=language.code), file=sys.stderr)
            return status
    for name, text in root_files(load_handbook(context.content_dir), context.site_url).items():
        if name.endswith(".html"):
            try:
                text = with_policy(text, name)
            except UnknownInlineScript as error:
                print(error, file=sys.stderr)
                return 1
        (site_dir / name).write_text(text, encoding="utf-8")
    return 0


def _build_in_subprocess(config: Path, site_dir: Path, strict: bool, context: BuildContext) -> int:
    """build_config in a new Python process (macros/cli/build_language.py), given the context
    on its command line."""
    command = [sys.executable, "-m", "macros.cli.build_language", str(config), str(site_dir),
               "--content-dir", str(context.content_dir), "--site-url", context.site_url]
    command += ["--strict"] * strict + ["--pdfs"] * context.pdfs + ["--offline"] * context.offline
    done = subprocess.run(command, cwd=ROOT, env={**os.environ, **QUIET},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in done.stdout.splitlines():  # its warnings and errors, as `build` shows them
        if not line.startswith("INFO"):
            print(line, file=sys.stderr)
    return done.returncode


def build_config(config: Path, site_dir: Path, strict: bool, context: BuildContext) -> int:
    """`mkdocs build` without a new Python process: MkDocs' own build, strict mode included
    (it counts every warning of the `mkdocs` loggers and aborts when there is one). The hooks
    and the page macros find the context in the configuration (build_context.of)."""
    use_generator()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _show_mkdocs_warnings()
    for key, value in QUIET.items():
        os.environ.setdefault(key, value)
    try:
        cfg = load_config(config_file=str(config), site_dir=str(site_dir), strict=strict)
        cfg.extra[build_context.KEY] = context
        _building["content_dir"] = context.content_dir
        # Material's offline plugin: only for the copy that opens from a folder.
        cfg.plugins["material/offline"].config.enabled = context.offline
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        print(str(error) or "Aborted.", file=sys.stderr)
        return 1
    return 0


# MkDocs' warning about a link in a page: "Doc file 'anbefalinger/uenighet.md' contains a link
# '../ovelser/rundenn.md', but …".
_LINK_WARNING = re.compile(r"Doc file '(?P<page>[^']+)' contains a(?:n unrecognized)? "
                           r"(?:relative )?link '(?P<link>[^']+)'")


def content_lines_for_warning(text: str, content_dir: Path | None = None) -> list[str]:
    """`file:line: …` for each content text whose link MkDocs warns about, in the editor's
    language (`check` resolves links first, so this is for what it could not foresee)."""
    import posixpath

    from macros.content.markup import LINK
    from macros.content.texts import all_texts

    found = _LINK_WARNING.search(text)
    if not found:
        return []
    page, link = found["page"], found["link"]
    path, _, anchor = link.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else ""
    lines = []
    for item in all_texts(content_dir or _building["content_dir"])[0]:
        for lang, written in item.texts.items():
            for match in LINK.finditer(written or ""):
                to, _, to_anchor = match.group(2).partition("#")
                if (to or "") == target and to_anchor == anchor:
                    lines.append(f"{item.where(lang)}: " + message(
                        "build.link_warning", lang=lang, page=page, link=match.group(2)))
    return lines


_building = {"content_dir": DEFAULT.content_dir}  # the content/ of the build under way


class _EditorsFormatter(logging.Formatter):
    """MkDocs' line, then the content file and line it comes from, when a text made it."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        mine = content_lines_for_warning(record.getMessage())
        if mine:
            annotations.annotate(mine)
        return "\n".join([line, *mine])


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings and errors as `mkdocs build` does (its INFO lines are left out)."""
    logger = logging.getLogger(GENERATOR)
    if not any(getattr(handler, "_handbook", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_EditorsFormatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._handbook = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def build_site(site_dir: Path, context: BuildContext = DEFAULT,
               finish: Callable[[Path], int] | None = None) -> int:
    """Build strictly into a fresh folder beside site_dir, then swap it in: a failed build
    leaves the previous site as it was, never a half-built one. `context.site_url` is the site's
    public address (normalized, see macros/site/site_url.py), or "". `finish` (the PDFs) runs on
    the fresh build before the swap; if it fails, nothing is swapped in either."""
    if check_content(context=context):
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        status = build_languages(staging, context)
        if not status:
            status = finish(staging) if finish else 0
        if not status:
            write_service_worker(staging)  # after the PDFs: it caches them on request
        if status:
            return status
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.chmod(0o777 & ~_umask())  # mkdtemp made it private; a build is for everyone
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(message("build.done", codes=", ".join(lang.code for lang in PUBLISHED),
                  site_dir=site_dir))
    return 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def port_taken(host: str, port: int) -> bool:
    """Whether another program listens on host:port (tried as the server will bind it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _stop_on_sigterm() -> None:
    """SIGTERM (what `kill`, CI and the tests send) stops `serve` as Ctrl+C does, so that its
    temporary folder is removed."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)


def serve_site(host: str, port: int, context: BuildContext = DEFAULT) -> int:
    """Build every language into a temporary folder and serve it with live reload; rebuild when
    content/, docs/ (the MkDocs configs too) or macros/ change. With the site's public address,
    the site is served under its path (/repo/ for a project site), as it will be published; a
    missing address gets the root's 404 page, as on GitHub Pages."""
    if port_taken(host, port):
        print(message("serve.port_taken", host=host, port=port, other=port + 1), file=sys.stderr)
        return 1
    _stop_on_sigterm()
    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    try:
        return _serve(site_dir, host, port, context)
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(site_dir: Path, host: str, port: int, context: BuildContext) -> int:
    use_generator()
    from mkdocs.livereload import LiveReloadServer

    def rebuild() -> None:
        if build_languages(site_dir, context, strict=False, in_process=False):
            print(message("serve.build_failed"), file=sys.stderr)

    def not_found(code: int) -> bytes | None:
        return not_found_page(site_dir) if code == 404 else None

    class PolicyKeepingServer(LiveReloadServer):
        """MkDocs injects its live-reload script inline into every page it serves; the page's
        Content-Security-Policy is recomputed so that this one script may run too."""

        def _inject_js_into_html(self, content, epoch):
            html = super()._inject_js_into_html(content, epoch).decode("utf-8")
            return with_policy(html, live_reload=True).encode("utf-8")

        def server_activate(self):
            """Say where the handbook is once the port listens (MkDocs binds it in serve()):
            whoever reads the address and opens it at once is answered."""
            super().server_activate()
            languages = ", ".join(f"{lang.code}: {lang.code}/" for lang in PUBLISHED)
            print(message("serve.serving", url=self.url, languages=languages), flush=True)

    rebuild()
    server = PolicyKeepingServer(builder=rebuild, host=host, port=port, root=str(site_dir),
                                 mount_path=site_path(context.site_url))
    server.error_handler = not_found
    for path in (context.content_dir, DOCS, PACKAGE_DIR):  # docs/ holds every MkDocs config
        server.watch(str(path))
    try:
        server.serve()
    except OSError as error:  # the port was taken while the site was being built
        if error.errno != errno.EADDRINUSE:
            raise
        print(message("serve.port_taken", host=host, port=port, other=port + 1), file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    return 0
