"""The handbook without a network, on the hosted site: a service worker at the site's root that
caches every language on the first visit. The worker is a plain script (docs/root/sw.js, which
`lint` checks), copied as it is; what it caches and the build's version are data written beside
it (sw-data.js), which it imports. The version is a hash of the files it caches, so each build
that changes anything is a new worker, and the new worker drops the old caches."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from macros.languages import BY_CODE
from macros.project import DOCS_DIR

SERVICE_WORKER = "sw.js"
SOURCE = DOCS_DIR / "root" / SERVICE_WORKER
DATA = "sw-data.js"  # written by the build: VERSION, FILES and PDFS, which sw.js imports
# Not worth a reader's storage: source maps, the sitemap; the PDFs only when asked for (pdf_files).
LEFT_OUT = (".map", ".gz", ".xml", ".pdf")
# Material copies lunr's support for some thirty languages into every site; its search worker
# loads only the stemmer support and the site's own language (languages.yml: search).
LUNR = "assets/javascripts/lunr/"


def lunr_files(search: str) -> set[str]:
    """The lunr files (below LUNR) that Material's search worker loads for one language."""
    return {"min/lunr.stemmer.support.min.js", f"min/lunr.{search}.min.js"}


def unused_lunr(relative: str) -> bool:
    """A lunr file that its language's search never loads ("nb/assets/javascripts/lunr/...")."""
    code, _, rest = relative.partition("/")
    language = BY_CODE.get(code)
    return (language is not None and rest.startswith(LUNR)
            and rest.removeprefix(LUNR) not in lunr_files(language.search))


def cached_files(site_dir: Path) -> list[str]:
    """Every file a reader may need offline, as URLs relative to the site root; a folder's
    index.html as the folder ("nb/samling/"), the address readers use."""
    files = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if (relative in (SERVICE_WORKER, DATA) or relative.endswith(LEFT_OUT)
                or relative.startswith(".") or unused_lunr(relative)):
            continue
        files.append(relative.removesuffix("index.html") or "./")
    return files


def build_version(site_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        path = site_dir / (name + "index.html" if name.endswith("/") else name)
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def pdf_files(site_dir: Path) -> list[str]:
    """The PDFs (written by `pdf`), as URLs relative to the site root: cached only on request."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.pdf"))


def write_service_worker(site_dir: Path) -> str:
    """Write sw.js and its data at the root of a built site (after its PDFs, if any); returns
    the version."""
    files = cached_files(site_dir)
    pdfs = pdf_files(site_dir)
    version = build_version(site_dir, files + pdfs)
    (site_dir / DATA).write_text(
        "// What the service worker (sw.js) caches: written by the build"
        " (macros/site/service_worker.py).\n"
        f"const VERSION = {json.dumps(version)};\n"
        f"const FILES = {json.dumps(files, ensure_ascii=False)};\n"
        f"const PDFS = {json.dumps(pdfs, ensure_ascii=False)};\n", encoding="utf-8")
    shutil.copyfile(SOURCE, site_dir / SERVICE_WORKER)
    return version
