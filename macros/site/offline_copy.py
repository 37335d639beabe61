"""The handbook as a folder that opens from a USB stick (file://), zipped: `handbook.py offline`.

Material's offline plugin (enabled by the build for BuildContext.offline) writes the
search index as a script, which a page can load from a file, and runs the search worker in an
iframe (the iframe-worker shim, since browsers start no Worker from a file). It would load that shim
from unpkg.com; the copy uses the one bundled in assets/javascripts/vendor/.

The plugin also turns off directory URLs. We keep them: our pages and scripts link to pages as
folders (`../ovelser/runden/`), the same in the hosted site and the copy. A browser shows a
folder's file list on file://, so `folder_links` then points every link to a folder at the
folder's index.html, in the pages and in the search index."""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from macros.build_context import DEFAULT, BuildContext
from macros.messages import message
from macros.site.build import build_site
from macros.site.service_worker import DATA, LEFT_OUT, SERVICE_WORKER

FOLDER = "samarbeid-i-ledergruppa"  # the one folder in the zip

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"

# href="…" and src="…" in HTML, and the link fields of the pages' JSON data and search index.
_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_JSON_LINK = re.compile(r'("(?:url|exercises|checklist|location)":\s*")([^"]*)(")')


def offline_config(config):
    """MkDocs' config for the copy (after the offline plugin's on_config): directory URLs, and
    the bundled shim in place of the one from unpkg. The hosted site's config is left alone."""
    plugin = config.plugins.get("material/offline")
    if plugin is None or not plugin.config.enabled:
        return config
    config.use_directory_urls = True
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(script) else script
                                 for script in config.extra.get("polyfills", [])]
    return config


def folder_link(link: str, empty_is_folder: bool = False) -> str:
    """A relative link to a folder -> to its index.html; any other link as it is. In the search
    index an empty location (or only an anchor) is the language's home page."""
    if re.match(r"[a-z][a-z0-9+.-]*:|//", link, re.I):
        return link  # another scheme or host
    path, rest = re.match(r"([^?#]*)(.*)", link, re.S).groups()
    if path == "":
        return "index.html" + rest if empty_is_folder else link
    if path.endswith("/"):
        return path + "index.html" + rest
    if path.rsplit("/", 1)[-1] in (".", ".."):
        return path + "/index.html" + rest
    return link


def folder_links(text: str) -> str:
    text = _ATTRIBUTE.sub(lambda m: m.group(1) + folder_link(m.group(2)) + m.group(3), text)
    return _JSON_LINK.sub(lambda m: m.group(1) + folder_link(m.group(2), m.group(1).startswith(
        '"location"')) + m.group(3), text)


def make_offline_copy(site_dir: Path, pdfs: bool = False) -> None:
    """Rewrite a built site (built offline) in place so that it works from file://; its PDFs
    stay when `pdfs` (`offline --pdfs`), as the pages link to them."""
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".json") or path.name == "search_index.js":
            text = path.read_text(encoding="utf-8")
            changed = folder_links(text)
            if changed != text:
                path.write_text(changed, encoding="utf-8")
    for name in (SERVICE_WORKER, DATA):  # no service worker runs on file://
        (site_dir / name).unlink(missing_ok=True)
    # Nor source maps and sitemaps; nor 404 pages, which only a web server shows (at any depth,
    # so their links start at the host's root).
    for path in list(site_dir.rglob("*")):
        if path.name.endswith(LEFT_OUT) and not (pdfs and path.suffix == ".pdf") \
                or path.name == "404.html":
            path.unlink()


def write_zip(site_dir: Path, out: Path, folder: str = FOLDER) -> int:
    """Zip the site below one top folder; returns the number of files."""
    out.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
    return len(files)


def build_offline_zip(out: Path, context: BuildContext = DEFAULT) -> int:
    """Build every language for file:// into a fresh folder, rewrite it, and zip it; with
    context.pdfs, the PDFs too, printed as `pdf` prints them, and the pages link to them."""
    from macros.site.pdf import print_pdfs

    work = Path(tempfile.mkdtemp(prefix="handbook-offline-"))
    try:
        site_dir = work / FOLDER
        context = replace(context, offline=True)
        status = build_site(site_dir, context, finish=(
            lambda staging: print_pdfs(staging, context)) if context.pdfs else None)
        if status:
            return status
        make_offline_copy(site_dir, context.pdfs)
        count = write_zip(site_dir, out, FOLDER)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(message("offline.done", zip=out, files=count, size=round(out.stat().st_size / 1e6, 1),
                  start=f"{FOLDER}/index.html"))
    return 0
