"""Reading built HTML as a browser would: links, ids, the <html lang>, the title; and where a
link leads. Used by `links` and by the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class PageInfo:
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, dict]] = field(default_factory=list)  # (tag, url, attrs)
    title: str = ""
    h1: str = ""


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.info.lang = attributes.get("lang")
        if "id" in attributes:
            self.info.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.info.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.info.links.append((tag, attributes[name], attributes))
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.info.title += data
        elif self._in == "h1":
            self.info.h1 += data


def read_page(path: Path) -> PageInfo:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.info.h1 = " ".join(parser.info.h1.replace("¶", "").split())
    return parser.info


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a relative link points to, and its fragment; None for other hosts and schemes."""
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
