"""Links in the built site: every internal link and anchor in every language (no network, run by
the tests), and links to other hosts (`links --external`, needs the internet)."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])


@cache
def _read(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path, below: str = "") -> list[Path]:
    """Every page, but each language's 404.html: MkDocs writes its links as absolute paths
    from a site_url we do not set, and the host serves its own 404 page."""
    return sorted(p for p in (site / below).rglob("*.html") if p.name != "404.html")


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def internal_problems(site: Path, below: str = "") -> list[str]:
    """One line per broken internal link or anchor: `page: link (what is wrong)`; only pages
    below `below` (e.g. "da"), but links may lead anywhere in the site."""
    site = site.resolve()
    problems = []
    for page in pages(site, below):
        shown = page.relative_to(site).as_posix()
        for url in _read(page).links:
            target = _target(site, page, url)
            if target is None:
                continue
            file, fragment = target
            if site not in file.parents and file != site:
                problems.append(f"{shown}: {url} (points outside the site)")
            elif not file.exists():
                problems.append(f"{shown}: {url} (no such page or file)")
            elif file.suffix == ".md":
                problems.append(f"{shown}: {url} (a link to a Markdown file, not to its page)")
            elif fragment and file.suffix == ".html" and fragment not in _read(file).ids:
                problems.append(f"{shown}: {url} (the page has no anchor #{fragment})")
    return problems


def external_links(site: Path) -> dict[str, list[str]]:
    """Every link to another host -> the pages that link to it."""
    found: dict[str, list[str]] = {}
    for page in pages(site):
        for url in _read(page).links:
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
        results = dict(zip(links, pool.map(lambda url: _fetch(url, timeout), links)))
    return [f"{links[url][0]}: {url} ({problem}; fix or remove the link)"
            for url, problem in sorted(results.items()) if problem]
