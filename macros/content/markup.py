"""The Markdown an editor may write in a text, and `check`'s problems with anything else.

The documented subset (CONTRIBUTING.*.md, "Formatering"):
- *emphasis* and **strong emphasis**;
- lists (`- item`, `1. item`) and paragraphs, in the fields that are paragraphs of text
  (bodies, introductions): everywhere else a text is one line;
- links `[text](target)` where the target is a handbook page named by its path from the
  site's root (`anbefalinger/uenighet.md`, optionally `#anchor`), an anchor on the same page
  (`#anchor`), an `https:` address or a `mailto:` address.

Everything else is shown as written: HTML, entities, braces, Jinja, attribute lists. `check`
refuses raw HTML, entities, images and links anywhere else, so an editor learns why a text
would not look as they meant. The renderer (macros/render/markup.py) does not rely on that: it
escapes whatever is outside the subset, so nothing an editor writes reaches a page live."""

from __future__ import annotations

import re

# [text](target): text without brackets, target without spaces or parentheses.
LINK = re.compile(r"(?<![\\!])\[([^\[\]\n]+)\]\(([^()\s]*)\)")
IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
PAGE_TARGET = re.compile(r"^(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md(?:#[a-z0-9_-]+)?$|^#[a-z0-9_-]+$")
ADDRESS_TARGET = re.compile(r"^(?:https://[^\s<>\"'`{}\\]+|mailto:[^\s<>\"'`{}\\/:]+@[^\s<>\"'`{}\\/]+)$",
                            re.IGNORECASE)
HTML = re.compile(r"</?[A-Za-z][^>]*>?|<!--|<![A-Za-z]|<\?")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# What looks like a link to an editor, also where the renderer would not make it one (a
# target with parentheses or spaces): what `check` looks at.
LINK_LIKE = re.compile(r"(?<!\\)\[([^\[\]\n]*)\]\(\s*([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
AUTOLINK = re.compile(r"<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE)


def link_target_kind(target: str) -> str | None:
    """'page' (a handbook page or an anchor), 'address' (https:, mailto:) or None (refused)."""
    if PAGE_TARGET.match(target):
        return "page"
    if ADDRESS_TARGET.match(target):
        return "address"
    return None


def markup_findings(text: str) -> list[tuple[str, str]]:
    """(kind, what) for every piece of a text outside the subset that `check` refuses:
    kind is html, entity, image or link."""
    findings = []
    for match in IMAGE.finditer(text):
        findings.append(("image", match.group(0)))
    for match in AUTOLINK.finditer(text):
        findings.append(("link", match.group(0)[1:-1]))
    without_autolinks = AUTOLINK.sub(" ", text)
    opened = {m.group(1).lower() for m in re.finditer(r"<([A-Za-z][A-Za-z0-9]*)", text)}
    for match in HTML.finditer(without_autolinks):
        closing = re.match(r"</([A-Za-z][A-Za-z0-9]*)", match.group(0))
        if closing and closing.group(1).lower() in opened:
            continue  # named with its opening tag
        findings.append(("html", _short(match.group(0))))
    for match in ENTITY.finditer(text):
        findings.append(("entity", match.group(0)))
    for match in LINK_LIKE.finditer(IMAGE.sub(" ", text)):
        if link_target_kind(match.group(2)) is None:
            findings.append(("link", _short(match.group(2)) or "()"))
    return findings


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
