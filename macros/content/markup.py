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
# Neither pattern below scans past a character that would start another match ("(", "<"): each
# stays linear in a text's length (tests/test_linear_time.py).
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
PAGE_TARGET = re.compile(r"^(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md(?:#[a-z0-9_-]+)?$|^#[a-z0-9_-]+$")
ADDRESS_TARGET = re.compile(r"^(?:https://[^\s<>\"'`{}\\]+|mailto:[^\s<>\"'`{}\\/:]+@[^\s<>\"'`{}\\/]+)$",
                            re.IGNORECASE)
HTML = re.compile(r"</?[A-Za-z][^>]*>?|<!--|<![A-Za-z]|<\?")
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# What looks like a link to an editor, also where the renderer would not make it one (a
# target with parentheses or spaces): what `check` looks at.
LINK_LIKE = re.compile(r"(?<!\\)\[([^\[\]\n]*)\]\(\s*([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
AUTOLINK = re.compile(r"<[a-z][a-z0-9+.-]*:[^<>\s]*>", re.IGNORECASE)


# Characters a reader does not see that change what they see: bidirectional controls can show
# a text in another order than it is written (spoofing), zero-width characters hide inside
# words (search and spelling miss them). Pasted text brings them in; `check` refuses them.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_characters(text: str) -> list[tuple[int, int, str]]:
    """(line within the text from 0, column, "U+202E") of every invisible control character."""
    found, line, line_start, counted = [], 0, 0, 0
    for match in INVISIBLE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        line_start = text.rfind("\n", line_start, match.start()) + 1 or line_start
        found.append((line, match.start() - line_start + 1, f"U+{ord(match.group()):04X}"))
    return found


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
