"""The handbook without a network, on the hosted site: a service worker at the site's root that
caches every language on the first visit. Its version is a hash of the files it caches, so each
build that changes anything is a new worker, and the new worker drops the old caches."""

from __future__ import annotations

import hashlib
from pathlib import Path

from macros.languages import BY_CODE
from macros.render.template import environment

SERVICE_WORKER = "sw.js"
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
        if (relative == SERVICE_WORKER or relative.endswith(LEFT_OUT)
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
    """Write sw.js at the root of a built site (after its PDFs, if any); returns its version."""
    files = cached_files(site_dir)
    pdfs = pdf_files(site_dir)
    version = build_version(site_dir, files + pdfs)
    script = environment().get_template("service-worker.js.j2").render(version=version, files=files,
                                                                        pdfs=pdfs)
    (site_dir / SERVICE_WORKER).write_text(script, encoding="utf-8")
    return version
