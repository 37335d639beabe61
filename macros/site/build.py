"""Check, build and serve the site in every language. Used by handbook.py; not run on its own."""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from macros.content.load import CONTENT_DIR, load_handbook
from macros.content.problems import ContentError
from macros.languages import LANGUAGES, PUBLISHED
from macros.messages import message
from macros.project import DOCS_DIR as DOCS
from macros.project import PACKAGE_DIR, ROOT
from macros.render.recommendations import render_root

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


def check_content() -> int:
    try:
        handbook = load_handbook()
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(message("check.valid", recommendations=len(handbook.recommendations),
                  factors=len(handbook.factors), languages=len(LANGUAGES)))
    return 0


def build_languages(site_dir: Path, strict: bool = True, env: dict[str, str] | None = None,
                    in_process: bool = True) -> int:
    """Build every published language into site_dir/<lang>/, plus the language chooser at the
    root; a language still in progress (macros/languages.yml) is left out, with a note.
    In one process by default (content is loaded and templates compiled once for every
    language); `serve` builds in a fresh process each time so that code changes show."""
    for language in LANGUAGES:
        if language.in_progress:
            print(message("build.in_progress", code=language.code), file=sys.stderr)
    for language in PUBLISHED:
        build = build_config if in_process else _build_in_subprocess
        status = build(config_file(language.code), site_dir / language.code, strict, env or {})
        if status:
            print(message("build.language_failed", code=language.code), file=sys.stderr)
            return status
    (site_dir / "index.html").write_text(render_root(load_handbook()), encoding="utf-8")
    return 0


def _build_in_subprocess(config: Path, site_dir: Path, strict: bool, env: dict) -> int:
    command = [sys.executable, "-m", GENERATOR, "build", "--clean", "--config-file", str(config),
               "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")  # never with -q: then warnings no longer fail the build
    return subprocess.run(command, cwd=ROOT, env={**mkdocs_env(), **env}).returncode


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


def build_site(site_dir: Path, env: dict[str, str] | None = None,
               finish: Callable[[Path], int] | None = None) -> int:
    """Build strictly into a fresh folder beside site_dir, then swap it in: a failed build
    leaves the previous site as it was, never a half-built one. `finish` (the PDFs) runs on the
    fresh build before the swap; if it fails, nothing is swapped in either."""
    if check_content():
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        status = build_languages(staging, env=env) or (finish(staging) if finish else 0)
        if status:
            return status
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(message("build.done", codes=", ".join(lang.code for lang in PUBLISHED),
                  site_dir=site_dir))
    return 0


def serve_site(host: str, port: int) -> int:
    """Build every language into a temporary folder and serve it with live reload; rebuild when
    content/, docs/, macros/ or mkdocs.yml change."""
    use_generator()
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))

    def rebuild() -> None:
        if build_languages(site_dir, strict=False, in_process=False):
            print("Build failed; still serving the last good version.", file=sys.stderr)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in (CONTENT_DIR, DOCS, PACKAGE_DIR, ROOT / "mkdocs.yml"):
        server.watch(str(path))
    folders = ", ".join(f"/{language.code}/" for language in PUBLISHED)
    print(f"Serving the handbook at http://{host}:{port}/ ({folders}). Ctrl+C stops.")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
