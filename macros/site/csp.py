"""The Content-Security-Policy of every page, as a <meta> tag the build adds.

The policy allows scripts, styles, fonts, images, workers and requests from the site itself
only, and inline <script> and <style> elements only by the SHA-256 hash of their exact text,
computed here from the page as built. So no inline event handler (`onclick=…`), no `style=`
attribute in the HTML, no `eval`, and nothing from another host can run, even if text from
outside ever reached a page as HTML.

Every HTML file the build writes goes through `with_policy` last (the MkDocs hooks for pages
and the 404 template, `build` for the root's language chooser). A new feature follows the
policy by loading its scripts as files from assets/ (or, if it must, an inline <script>, which
gets its hash here) and by styling through classes; a service worker registered from a file
on the site is allowed by `worker-src 'self'`.
"""

from __future__ import annotations

import base64
import hashlib
import re

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),          # + the hashes of this page's inline scripts
    "style-src": ("'self'",),           # + the hashes of this page's inline styles
    "img-src": ("'self'", "data:"),     # Material's icons are data: SVGs in its stylesheet
    "font-src": ("'self'",),
    "connect-src": ("'self'",),         # the search index, fetched by Material
    "worker-src": ("'self'",),          # the search worker (and a service worker, if any)
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
# Only these script types run; JSON data blocks (type="application/json") need no hash.
RUNNABLE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text/javascript|module)["'\s>])""", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(html: str) -> dict[str, list[str]]:
    """The hashes of the page's inline scripts (that a browser would run) and styles."""
    hashes: dict[str, list[str]] = {"script-src": [], "style-src": []}
    for tag, attributes, text in INLINE.findall(html):
        if tag.lower() == "script":
            if re.search(r"\bsrc\s*=", attributes, re.I) or RUNNABLE.search(attributes):
                continue
            key = "script-src"
        else:
            key = "style-src"
        if _hash(text) not in hashes[key]:
            hashes[key].append(_hash(text))
    return hashes


def policy(html: str) -> str:
    """The policy for this page, as the value of the meta tag."""
    extra = inline_hashes(html)
    return "; ".join(" ".join((name, *sources, *extra.get(name, ())))
                     for name, sources in POLICY.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head> (a policy only covers what
    comes after it). A page that already has one gets it recomputed."""
    html = META.sub("", html)
    head = HEAD.search(html)
    if not head:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: head.end()] + "\n  " + tag + html[head.end():]
