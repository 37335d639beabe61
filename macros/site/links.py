"""Links in the built site: every internal link and anchor in every language (no network, run by
the tests), and links to other hosts (`links --external`, needs the internet)."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from macros.site.html import read_page, resolve


def pages(site: Path, below: str = "") -> list[Path]:
    """Every page, but the 404 pages: their links are absolute paths below the site's public
    path (they are served at any depth), which a folder on disk does not have;
    tests/test_published.py follows them from a server instead."""
    return sorted(p for p in (site / below).rglob("*.html") if p.name != "404.html")


def internal_problems(site: Path, below: str = "") -> list[str]:
    """One line per broken internal link or anchor: `page: link (what is wrong)`; only pages
    below `below` (a language folder), but links may lead anywhere in the site."""
    site = site.resolve()
    read = cache(read_page)  # each page is read once, however many pages link to it
    problems = []
    for page in pages(site, below):
        shown = page.relative_to(site).as_posix()
        for _tag, url, _attrs in read(page).links:
            target = resolve(site, page, url)
            if target is None:
                continue
            file, fragment = target
            if site not in file.parents and file != site:
                problems.append(f"{shown}: {url} (points outside the site)")
            elif not file.exists():
                problems.append(f"{shown}: {url} (no such page or file)")
            elif file.suffix == ".md":
                problems.append(f"{shown}: {url} (a link to a Markdown file, not to its page)")
            # A fragment with "=" is a page's state (a plan: samling/#len=…&i=…), not an anchor.
            elif fragment and "=" not in fragment and file.suffix == ".html" \
                    and fragment not in read(file).ids:
                problems.append(f"{shown}: {url} (the page has no anchor #{fragment})")
    return problems


def external_links(site: Path) -> dict[str, list[str]]:
    """Every link to another host -> the pages that link to it."""
    found: dict[str, list[str]] = {}
    for page in pages(site):
        for _tag, url, _attrs in read_page(page).links:
            if urlsplit(url).scheme in ("http", "https"):
                found.setdefault(url, []).append(page.relative_to(site).as_posix())
    return found


def _fetch(url: str, timeout: float) -> str | None:
    """None when the link works, else what went wrong."""
    headers = {"User-Agent": "velfungerende-ledergruppe link check"}
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"the server answers {error.code} {error.reason}"
        except (urllib.error.URLError, OSError) as error:
            return f"cannot reach it: {getattr(error, 'reason', error)}"
    return None


def check_external(site: Path, timeout: float = 15) -> list[str]:
    links = external_links(site.resolve())
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(lambda url: _fetch(url, timeout), links), strict=True))
    return [f"{links[url][0]}: {url} ({problem}; fix or remove the link)"
            for url, problem in sorted(results.items()) if problem]
