"""Check, build and serve the bilingual site. Used by handbook.py; not run on its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from macros.languages import LANGUAGES
from macros.messages import message
from macros.load import CONTENT_DIR, load_handbook
from macros.problems import ContentError
from macros.render import render_root

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


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


def build_languages(site_dir: Path, strict: bool = True, env: dict[str, str] | None = None) -> int:
    """Build every language into site_dir/<lang>/, plus the language chooser at the root."""
    for language in LANGUAGES:
        command = [sys.executable, "-m", "mkdocs", "build", "--clean",
                   "--config-file", str(config_file(language.code)),
                   "--site-dir", str(site_dir / language.code)]
        if strict:
            command.append("--strict")  # never with -q: then warnings no longer fail the build
        result = subprocess.run(command, cwd=ROOT, env={**mkdocs_env(), **(env or {})})
        if result.returncode != 0:
            print(message("build.language_failed", code=language.code), file=sys.stderr)
            return result.returncode
    (site_dir / "index.html").write_text(render_root(load_handbook()), encoding="utf-8")
    return 0


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
    print(message("build.done", codes=", ".join(lang.code for lang in LANGUAGES),
                  site_dir=site_dir))
    return 0


def serve_site(host: str, port: int) -> int:
    """Build both languages into a temporary folder and serve it with live reload; rebuild when
    content/, docs/, macros/ or mkdocs.yml change."""
    from mkdocs.livereload import LiveReloadServer

    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))

    def rebuild() -> None:
        if build_languages(site_dir, strict=False):
            print("Build failed; still serving the last good version.", file=sys.stderr)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in (CONTENT_DIR, DOCS, ROOT / "macros", ROOT / "mkdocs.yml"):
        server.watch(str(path))
    print(f"Serving the handbook at http://{host}:{port}/ (nb: /nb/, da: /da/). Ctrl+C stops.")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
