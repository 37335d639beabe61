"""Check, build and serve the bilingual site. Used by handbook.py; not run on its own."""

from __future__ import annotations

import errno
import importlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from macros.content.load import CONTENT_DIR, load_handbook
from macros.content.problems import ContentError
from macros.languages import LANGUAGES, PUBLISHED
from macros.messages import message
from macros.project import DOCS_DIR as DOCS
from macros.project import PACKAGE_DIR, ROOT
from macros.site.csp import UnknownInlineScript, with_policy
from macros.site.root_files import root_files
from macros.site.service_worker import write_service_worker
from macros.site.site_url import SITE_URL_ENV, site_path

# The generator that builds and serves the site: "mkdocs" (MkDocs 1.x), or "properdocs", its
# maintained fork, which builds this site byte for byte the same but for the generator tag
# (README, "Leaving the stack"). The one line to change, with the dependency in pyproject.toml.
GENERATOR = "mkdocs"


def use_generator() -> None:
    """With ProperDocs, every `mkdocs.*` import (ours, Material's, mkdocs-macros') is answered
    by ProperDocs from here on; with MkDocs nothing changes."""
    if GENERATOR != "mkdocs":
        importlib.import_module(f"{GENERATOR}.replacement")


def config_file(lang: str) -> Path:
    return DOCS / f"{lang}.yml"


def mkdocs_env() -> dict[str, str]:
    # MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; it would bury real warnings.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def check_content(other_problems: Sequence[str] = ()) -> int:
    """Load content/ and say in one line that it is valid, or print each problem (the
    content's, then `other_problems`, one line each)."""
    try:
        handbook = load_handbook()
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        handbook = None
    for problem in other_problems:
        print(problem, file=sys.stderr)
    if handbook is None or other_problems:
        return 1
    print(message("check.valid", recommendations=len(handbook.recommendations),
                  factors=len(handbook.factors), languages=len(LANGUAGES)))
    return 0


def build_languages(site_dir: Path, site_url: str = "", strict: bool = True,
                    env: dict[str, str] | None = None, in_process: bool = True) -> int:
    """Build every published language into site_dir/<lang>/ (a language still in progress in
    macros/languages.yml is left out, with a note), plus the files at the root (the language
    chooser, the 404 page; with the site's public address `site_url`, also the sitemap index
    and robots.txt). In one process by default (content is loaded and templates compiled once
    for every language); `serve` builds in a fresh process each time so that code changes
    show."""
    env = {**(env or {}), SITE_URL_ENV: site_url}
    for language in LANGUAGES:
        if language.in_progress:
            print(message("build.in_progress", code=language.code), file=sys.stderr)
    for language in PUBLISHED:
        build = build_config if in_process else _build_in_subprocess
        status = build(config_file(language.code), site_dir / language.code, strict, env)
        if status:
            print(message("build.language_failed", code=language.code), file=sys.stderr)
            return status
    for name, text in root_files(load_handbook(), site_url).items():
        if name.endswith(".html"):
            try:
                text = with_policy(text, name)
            except UnknownInlineScript as error:
                print(error, file=sys.stderr)
                return 1
        (site_dir / name).write_text(text, encoding="utf-8")
    return 0


def _build_in_subprocess(config: Path, site_dir: Path, strict: bool, env: dict) -> int:
    command = [sys.executable, "-m", GENERATOR, "build", "--clean", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")  # never with -q: then warnings no longer fail the build
    done = subprocess.run(command, cwd=ROOT, env={**mkdocs_env(), **env}, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    for line in done.stdout.splitlines():  # its warnings and errors, as `build` shows them
        if not line.startswith("INFO"):
            print(line, file=sys.stderr)
    return done.returncode


def build_config(config: Path, site_dir: Path, strict: bool, env: dict) -> int:
    """`mkdocs build` without a new Python process: MkDocs' own build, strict mode included
    (it counts every warning of the `mkdocs` loggers and aborts when there is one)."""
    use_generator()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _show_mkdocs_warnings()
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update({**mkdocs_env(), **env})
    try:
        cfg = load_config(config_file=str(config), site_dir=str(site_dir), strict=strict)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        print(str(error) or "Aborted.", file=sys.stderr)
        return 1
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return 0


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings and errors as `mkdocs build` does (its INFO lines are left out)."""
    logger = logging.getLogger(GENERATOR)
    if not any(getattr(handler, "_handbook", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._handbook = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def build_site(site_dir: Path, site_url: str = "", env: dict[str, str] | None = None,
               finish: Callable[[Path], int] | None = None) -> int:
    """Build strictly into a fresh folder beside site_dir, then swap it in: a failed build
    leaves the previous site as it was, never a half-built one. `site_url` is the site's public
    address (normalized, see macros/site/site_url.py), or "". `finish` (the PDFs) runs on the fresh
    build before the swap; if it fails, nothing is swapped in either."""
    if check_content():
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        status = build_languages(staging, site_url, env=env)
        if not status:
            write_service_worker(staging)  # before the PDFs, which it leaves out
            status = finish(staging) if finish else 0
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


def serve_site(host: str, port: int, site_url: str = "") -> int:
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
        return _serve(site_dir, host, port, site_url)
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(site_dir: Path, host: str, port: int, site_url: str) -> int:
    use_generator()
    from mkdocs.livereload import LiveReloadServer

    def rebuild() -> None:
        if build_languages(site_dir, site_url, strict=False, in_process=False):
            print(message("serve.build_failed"), file=sys.stderr)

    def not_found(code: int) -> bytes | None:
        page = site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.exists() else None

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
                                 mount_path=site_path(site_url))
    server.error_handler = not_found
    for path in (CONTENT_DIR, DOCS, PACKAGE_DIR):  # docs/ holds every MkDocs config
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
