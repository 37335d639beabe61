"""The Content-Security-Policy of every page, as a <meta> tag the build adds.

The policy allows scripts, styles, fonts, images, workers and requests from the site itself
only, and inline <script> and <style> elements only by the SHA-256 hash of their exact text,
computed here from the page as built. So no inline event handler (`onclick=…`), no `style=`
attribute in the HTML, no `eval`, and nothing from another host can run, even if text from
outside ever reached a page as HTML.

Only the inline scripts the project and the theme are known to have get a hash (KNOWN_SCRIPTS:
each a pattern of the whole script, with only its page-dependent parts left open). Any other
inline script fails the build with one line naming the page: a script that slipped through
rendering is never blessed.

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

from macros.messages import message

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


# The inline scripts that may run, by who writes them; each pattern must match a script's whole
# text. A new one needs a reason here (most features load their scripts as files from assets/).
KNOWN_SCRIPTS: dict[str, re.Pattern] = {
    # Material's base.html: the storage scope, relative to the page ("../"), or the site's
    # path on the 404 page ("/nb/", "/repo/nb/").
    "material-scope": re.compile(re.escape(
        '__md_scope=new URL("') + r'[A-Za-z0-9._~/%-]*' + re.escape(
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
        'JSON.stringify(_))}catch(e){}}')),
    # Material's base.html: opens the content tab an address's #anchor names.
    "material-tabs": re.compile(re.escape(
        'var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
        '(target.checked=target.name.startsWith("__tabbed_"))')),
    # docs/overrides/main.html: marks our hreflang links as handled for Material's script.
    "handbook-hreflang": re.compile(r'\s*' + re.escape(
        'for (const link of document.querySelectorAll("link[rel=alternate][hreflang]")) {')
        + r'\s*' + re.escape('link.setAttribute("rel", "alternate handled");') + r'\s*\}\s*'),
    # macros/render/templates/root.html.j2: the language chooser sends the browser on to its
    # language (the tags from macros/languages.yml).
    "handbook-chooser": re.compile(
        r'\s*\(function \(\) \{\s*var tags = \{(?:"[a-z-]+": "[a-z-]+"(?:, )?)*\};'
        r'var wanted = navigator\.languages \|\| \[navigator\.language \|\| ""\];\s*'
        r'var lang = "[a-z-]+";\s*'
        + re.escape('for (var i = 0; i < wanted.length; i++) {') + r'\s*'
        + re.escape('var tag = String(wanted[i]).toLowerCase();') + r'\s*'
        + re.escape('var found = tags[tag] || tags[tag.split("-")[0]];') + r'\s*'
        + re.escape('if (found) { lang = found; break; }') + r'\s*\}\s*'
        + re.escape('// From a folder or a USB stick (file://) a folder shows its file list: '
                    'open its index.html.') + r'\s*'
        + re.escape('location.replace(lang + (location.protocol === "file:" ? "/index.html" '
                    ': "/"));') + r'\s*\}\)\(\);\s*'),
    # mkdocs-redirects: a page at an old address (content/redirects.yml) goes on to the new one.
    "redirect": re.compile(re.escape('var anchor=window.location.hash.substr(1);location.href="')
                           + r'[A-Za-z0-9._~/%-]*' + re.escape(
                               '"+(anchor?"#"+anchor:"")')),
}
# MkDocs' live reload, only in `serve`: its poll loop, with the build's epoch and a request id.
LIVE_RELOAD = re.compile(r'(?s).*\blivereload\(\d+, \d+\);\s*')


class UnknownInlineScript(ValueError):
    """An inline script that is none of KNOWN_SCRIPTS."""


def known(text: str, live_reload: bool = False) -> bool:
    """Whether an inline script's text is one the project or the theme is known to have."""
    if live_reload and LIVE_RELOAD.fullmatch(text):
        return True
    return any(pattern.fullmatch(text) for pattern in KNOWN_SCRIPTS.values())


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(html: str, where: str = "", live_reload: bool = False) -> dict[str, list[str]]:
    """The hashes of the page's inline scripts (that a browser would run) and styles. An
    inline script that is not a known one raises UnknownInlineScript, naming `where`."""
    hashes: dict[str, list[str]] = {"script-src": [], "style-src": []}
    for tag, attributes, text in INLINE.findall(html):
        if tag.lower() == "script":
            if re.search(r"\bsrc\s*=", attributes, re.I) or RUNNABLE.search(attributes):
                continue
            if not known(text, live_reload):
                start = " ".join(text.split())[:60]
                raise UnknownInlineScript(message("csp.unknown_script", page=where or "?",
                                                  start=start))
            key = "script-src"
        else:
            key = "style-src"
        if _hash(text) not in hashes[key]:
            hashes[key].append(_hash(text))
    return hashes


def policy(html: str, where: str = "", live_reload: bool = False) -> str:
    """The policy for this page, as the value of the meta tag."""
    extra = inline_hashes(html, where, live_reload)
    return "; ".join(" ".join((name, *sources, *extra.get(name, ())))
                     for name, sources in POLICY.items())


def with_policy(html: str, where: str = "", live_reload: bool = False) -> str:
    """The page with its policy as the first element of <head> (a policy only covers what
    comes after it). A page that already has one gets it recomputed. `where` names the page
    in the error an unknown inline script raises; `live_reload`: `serve`'s own script."""
    html = META.sub("", html)
    head = HEAD.search(html)
    if not head:
        return html
    value = policy(html, where, live_reload)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{value}">'
    return html[: head.end()] + "\n  " + tag + html[head.end():]
