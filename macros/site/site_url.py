"""The site's public address: the one setting that tells the build where the site is published.

`--site-url` on build, pdf and serve (default: $HANDBOOK_SITE_URL) is the address of
the site's root, the language chooser, e.g. https://owner.github.io/repo/. Each language lives
below it (…/repo/nb/). With it, the build writes canonical links, absolute hreflang alternates,
complete sitemaps, a sitemap index and robots.txt, 404 pages whose links work at any depth, and
PDFs that name their page's real address. Without it the site works from any folder as before."""

from __future__ import annotations

from urllib.parse import urlsplit

from macros.messages import message


class SiteUrlError(ValueError):
    """A site address that is not an http(s) address of a folder."""


def normalized(value: str) -> str:
    """`value` as the build uses it: "" when unset, else http(s)://host/path/ (ending in /)."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SiteUrlError(message("site_url.invalid", value=value))
    return value if value.endswith("/") else value + "/"


def shared_origin_warning(url: str | None) -> str | None:
    """One line warning that `url` is a GitHub project site (https://owner.github.io/repo/):
    its origin, owner.github.io, is shared by every Pages site of that owner, and the browser's
    storage (the answers, a round's key) goes by origin. None for an address of its own."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith(".github.io") and parts.path.strip("/"):
        return message("site_url.shared_origin", host=host)
    return None


def site_path(url: str) -> str:
    """The path the site is served under: "/" at a host's root, "/repo/" for a project site."""
    return (urlsplit(url).path or "/") if url else "/"


def language_url(url: str, lang: str) -> str:
    """The public address of one language's site, or "" when the site's address is unknown."""
    return f"{url}{lang}/" if url else ""
