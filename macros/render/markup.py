"""The one function every content text goes through on its way to a page: `render_text`.

It keeps the documented Markdown subset (macros/content/markup.py: emphasis, lists and
paragraphs where the field is paragraphs of text, links to handbook pages, `https:` and
`mailto:`) and escapes everything else, so that what an editor writes is shown as written and
nothing in it is live: HTML and entities become text, braces become `&#123;`/`&#125;` (so
neither attribute lists nor Jinja nor mkdocs-macros ever see them), links anywhere else and
images become text.

Modes, by where the text lands:
- "inline": one line of Markdown (titles, list items, table cells); line breaks become spaces;
- "block": paragraphs and lists of Markdown (bodies, introductions);
- "html": inside raw HTML, where Markdown is not processed: escaped text, emphasis as <em>;
- "plain": navigation titles and attribute values: escaped text, no markup at all.

Jinja templates (macros/render/template.py) apply "inline" to every `{{ value }}` by default;
`| md` gives "block", `| html` and `| plain` the others. Code that builds HTML or Markdown of
its own marks it as `Markup`, which passes unchanged."""

from __future__ import annotations

import heapq
import html
import re

from markupsafe import Markup

from macros.addresses import markdown_link
from macros.content.markup import LINK, link_target_kind

MODES = ("inline", "block", "html", "plain")

# Characters that would start Markdown, HTML, attribute lists or Jinja, as Markdown writes
# them literally. `*` and `_` stay: they are the subset's emphasis.
_MARKDOWN_ESCAPES = {
    "\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;",
    "[": "\\[", "]": "\\]", "!": "\\!", "`": "\\`", "#": "\\#", "|": "&#124;", '"': "&quot;",
}
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(.*)$")
_RULE = re.compile(r"^\s*([-*_=+])(?:\s*\1){2,}\s*$")
# Emphasis, as (opener, closer, delimiter width): each opener pairs with the first closer of
# its kind after it. Found by scanning the closers once, not by a lazy regex that would rescan
# the rest of the line from every unpaired opener (quadratic: '_a ' × 12000 took seconds).
_STRONG = ((re.compile(r"(?=\*\*\S)"), re.compile(r"(?<=\S)(?=\*\*)"), 2),)
_EMPHASIS = ((re.compile(r"(?<![*\w])\*(?=\S)"), re.compile(r"(?<=\S)(?=\*(?![*\w]))"), 1),
             (re.compile(r"(?<!\w)_(?=\S)"), re.compile(r"(?<=\S)(?=_(?!\w))"), 1))


def _pair(text: str, kinds, tag: str) -> str:
    """`text` with each emphasis of `kinds` wrapped in <tag>, in linear time."""
    openers = heapq.merge(*([(m.start(), kind) for m in opener.finditer(text)]
                            for kind, (opener, _, _) in enumerate(kinds)))
    closers = [[m.start() for m in closer.finditer(text)] for _, closer, _ in kinds]
    next_closer = [0] * len(kinds)  # openers come in order, so each list is walked once
    out, position = [], 0
    for start, kind in openers:
        width, ends = kinds[kind][2], closers[kind]
        if start < position:
            continue
        index = next_closer[kind]
        while index < len(ends) and ends[index] < start + width + 1:
            index += 1
        next_closer[kind] = index
        if index == len(ends):
            continue
        end = ends[index]
        out.append(f"{text[position:start]}<{tag}>{text[start + width:end]}</{tag}>")
        position = end + width
    out.append(text[position:])
    return "".join(out)


def render_text(text: str, mode: str = "inline", here: str | None = None) -> Markup:
    """`text` as it may appear on the page `here` (a path below docs_dir), in `mode`."""
    if mode == "block":
        return Markup("\n".join(_block_line(line, here) for line in text.strip().split("\n")))
    if mode == "inline":
        return Markup(_line_start(_markdown(" ".join(text.split()), here)))
    if mode == "html":
        escaped = _html(" ".join(_link_labels(text).split()))
        return Markup(_pair(_pair(escaped, _STRONG, "strong"), _EMPHASIS, "em"))
    if mode == "plain":
        return Markup(_html(" ".join(_link_labels(text).split())))
    raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")


def _html(text: str) -> str:
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _link_labels(text: str) -> str:
    """Allowed links reduced to their text (where a link cannot be, or is not wanted)."""
    return LINK.sub(lambda m: m.group(1) if link_target_kind(m.group(2)) else m.group(0), text)


def _escape(text: str) -> str:
    return "".join(_MARKDOWN_ESCAPES.get(char, char) for char in text)


def _markdown(text: str, here: str | None) -> str:
    """Allowed links as links, everything else escaped."""
    out, position = [], 0
    for match in LINK.finditer(text):
        label, target = match.groups()
        kind = link_target_kind(target)
        if kind is None:
            continue
        out.append(_escape(text[position:match.start()]))
        out.append(f"[{_escape(label)}]({_url(target, kind, here)})")
        position = match.end()
    out.append(_escape(text[position:]))
    return "".join(out)


def _url(target: str, kind: str, here: str | None) -> str:
    if kind == "address" or target.startswith("#"):
        return target
    path, _, anchor = target.partition("#")
    relative = markdown_link(here or "", path)
    return relative + (f"#{anchor}" if anchor else "")


def _line_start(line: str) -> str:
    """A line that would start a list, a rule or a heading underline, made literal."""
    if _RULE.match(line) or _LIST_ITEM.match(line):
        stripped = line.lstrip()
        item = _LIST_ITEM.match(line)
        if item and item.group(2)[-1] in ".)":  # 1. -> 1\.
            marker = item.group(2)
            rest = line[len(item.group(1)) + len(marker):]
            return item.group(1) + marker[:-1] + "\\" + marker[-1] + rest
        first = "&#61;" if stripped[0] == "=" else "\\" + stripped[0]
        return line[: len(line) - len(stripped)] + first + stripped[1:]
    return line


def _block_line(line: str, here: str | None) -> str:
    if not line.strip():
        return ""
    item = _LIST_ITEM.match(line)
    if item and not _RULE.match(line):
        indent, marker, space, rest = item.groups()
        nested = "    " if indent else ""  # one level of nesting, however it is indented
        return nested + marker + " " + _markdown(rest, here)
    return _line_start(_markdown(line.strip(), here))
