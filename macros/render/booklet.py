"""The printed handbook (`utskrift/`): a booklet with a cover, a table of contents, the
introduction and every part of the handbook, made from the same pages the site shows.

Each part (recommendations, programme, exercises, reflection, checklists) is a list of items;
an item is one page of the site (an exercise, a checklist, ...) rendered by that page's own
render function and then embedded: its headings one level down (a part is the top level), its
ids prefixed with the item's anchor (so that the eighteen "Materials" sections stay apart), and
its links pointing into the booklet where the target is in it, plain text where it is not.

The page numbers in the contents are filled in when the booklet is printed (see
macros/site/pdf.py): every line of the contents has an empty slot `data-hb-page="anchor"`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from macros.addresses import INTRODUCTION, PRINT, PROGRAMME, booklet_pdf, part_page, resolve
from macros.content.checklists import checklists
from macros.content.fields import fill
from macros.content.kinds import BY_NAME
from macros.content.model import Exercise, Handbook
from macros.languages import SOURCE
from macros.render.assessment import KIT, _scripts, render_reflection
from macros.render.checklists import render_checklist
from macros.render.exercises import render_exercise
from macros.render.markup import render_text
from macros.render.programme import render_programme
from macros.render.template import href, render_template

CONTENTS = "innhold"
COVER = "forside"
CHOICE_SCRIPT = "booklet-choice.js"  # the whole booklet's page: choose several parts to print


@dataclass(frozen=True)
class Item:
    """One sheet or chapter of a part: a page of the site, printed in the booklet."""

    anchor: str  # its id in the booklet, also the prefix of every id inside it
    title: str  # its heading, as the contents lists it
    page: str  # the site page it comes from (links to it lead here in the booklet)
    render: Callable[[str], str]  # here -> the item's Markdown, as its own page renders it


@dataclass(frozen=True)
class Part:
    id: str  # anchor in the booklet, name of its own print page and PDF
    title: str
    items: tuple[Item, ...]

    @property
    def page(self) -> str:
        """The page that prints this part alone, below docs_dir."""
        return part_page(self.id)


def exercises_in_order(handbook: Handbook) -> list[Exercise]:
    """The exercises in the order the programme uses them, then the others by title."""
    order = []
    if handbook.programme:
        for module in handbook.programme.modules:
            order += [e for e in module.exercise_ids if e not in order]
    rest = sorted((e for e in handbook.exercises if e.id not in order),
                  key=lambda e: e.title[SOURCE.code])
    return [handbook.exercise(e) for e in order] + rest


def _part(kind: str) -> str:
    """The id of a kind's part (macros/content/kinds.py, which also says which parts there are:
    part_ids)."""
    return BY_NAME[kind].pages.part


def parts(handbook: Handbook, lang: str, url: str = "") -> tuple[Part, ...]:
    """Every part of the booklet after the introduction, in order, with its items; `url` is
    the print page's public address, when known (the programme's printed links use it)."""
    t = handbook.labels.for_language(lang)

    def recommendation(rec):
        return lambda here: render_template("booklet_recommendation.md.j2", handbook, lang, here,
                                    rec=rec)

    result = [Part(_part("recommendations"), t["nav_recommendations"], tuple(
        Item(f"anbefalinger-{rec.id}", f"{rec.number}. {rec.title[lang]}", rec.page,
             recommendation(rec))
        for rec in handbook.recommendations))]
    if handbook.programme:
        result.append(Part(_part("programme"), t["nav_programme"], (
            Item("program-forlop", handbook.programme.title[lang], PROGRAMME,
                 lambda here: render_programme(handbook, lang, here, url=url)),)))
    result.append(Part(_part("exercises"), t["nav_exercises"], tuple(
        Item(f"ovelser-{ex.id}", ex.title[lang], ex.page,
             lambda here, ex=ex: render_exercise(handbook, ex, lang, here))
        for ex in exercises_in_order(handbook))))
    if handbook.reflections:
        result.append(Part(_part("reflection"), t["reflection_index_title"], tuple(
            Item(f"refleksjon-{r.recommendation_id}",
                 fill(t["reflection_title"],
                     title=handbook.recommendation(r.recommendation_id).title[lang]),
                 r.page, lambda here, r=r: render_reflection(handbook, r, lang, here))
            for r in handbook.reflections)))
    result.append(Part(_part("checklists"), t["nav_checklists"], tuple(
        Item(f"sjekklister-{c.id}", c.title[lang], c.page,
             lambda here, c=c: render_checklist(handbook, c, lang, here))
        for c in checklists(handbook))))
    return tuple(result)




# --- embedding a page's Markdown in the booklet -------------------------------------------------

HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
ATTR_ID = re.compile(r"(\{[^}\n]*?#)([\w-]+)")
HTML_ID = re.compile(r'\b(id|for)="([^"]+)"')
# A link, or an escaped character (a bracket escaped in a text, `\[`, is not a link's start).
LINK = re.compile(r"\\.|(?<!!)\[((?:\\.|[^\\\[\]\n])+)\]\(([^)\s]+)\)")
ANY_ID = re.compile(r'\{[^}\n]*?#([\w-]+)|\bid="([^"]+)"')


def _embed_ids(markdown: str, prefix: str) -> str:
    """One heading level down, every id prefixed, in-page links following the ids."""
    markdown = HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + 1) + " ", markdown)
    markdown = ATTR_ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", markdown)
    return HTML_ID.sub(lambda m: f'{m.group(1)}="{prefix}-{m.group(2)}"', markdown)


def _relink(markdown: str, here: str, prefix: str, anchors: dict[str, str],
            ids: set[str]) -> str:
    """Links to a page in the booklet go to its place in the booklet (its section, when the
    booklet has it); links to anything else become their text: paper has no links."""

    def replace(match: re.Match) -> str:
        text, target = match.groups()
        if target is None:
            return match.group(0)
        path, _, fragment = target.partition("#")
        if not path:
            anchor = f"{prefix}-{fragment}"
        elif "://" in path:
            return match.group(0)
        else:
            page = resolve(here, path)
            if page not in anchors:
                return text
            anchor = anchors[page]
            if fragment and f"{anchor}-{fragment}" in ids:
                anchor = f"{anchor}-{fragment}"
        return f"[{text}](#{anchor})" if anchor in ids else text

    return LINK.sub(replace, markdown)


def _embedded(items: list[Item], here: str) -> dict[str, str]:
    """Each item's Markdown, ready to stand in the booklet page `here`, by anchor."""
    raw = {item.anchor: _embed_ids(item.render(here), item.anchor) for item in items}
    ids = {item.anchor for item in items}
    for markdown in raw.values():
        ids |= {a or b for a, b in ANY_ID.findall(markdown)}
    anchors = {item.page: item.anchor for item in items}
    # Markdown the render functions made (content texts already escaped there): trusted
    return {anchor: Markup(_relink(markdown, here, anchor, anchors, ids))
            for anchor, markdown in raw.items()}


# --- the page ------------------------------------------------------------------------------------

def render_booklet(handbook: Handbook, lang: str, here: str = PRINT, *, part: str | None = None,
                   edition: date, url: str = "", pdfs: bool = False) -> str:
    """The whole booklet (part=None) or one part of it, to print or to save as a PDF."""
    every_part = parts(handbook, lang, url)
    chosen = [p for p in every_part if part in (None, p.id)]
    items = [item for p in chosen for item in p.items]
    t = handbook.labels.for_language(lang)
    choices = [(INTRODUCTION, t["booklet_introduction"], part_page(INTRODUCTION))] + [
        (p.id, p.title, p.page) for p in every_part]
    return render_template(
        "print.md.j2", handbook, lang, here, site=handbook.site, url=url,
        whole=part is None, introduction=part in (None, INTRODUCTION), parts=chosen,
        body=_embedded(items, here),
        edition=fill(t["booklet_edition"], date=f"{edition.day}.{edition.month}.{edition.year}"),
        source=render_text(handbook.site.source[lang].split("\n\n")[0], "block", here),
        independence=render_text(handbook.site.independence[lang], "block", here),
        choices=[(pid, title, page, href(here, booklet_pdf(lang, pid)) if pdfs else None)
                 for pid, title, page in choices],
        current=part, print_page=PRINT, cover=COVER, contents_id=CONTENTS,
        introduction_id=INTRODUCTION,
        parts_entries=[(p.id, p.title, p.items) for p in chosen],
        pdf=href(here, booklet_pdf(lang, part)) if pdfs else None,
        scripts=_scripts(here, KIT, CHOICE_SCRIPT),
    )


def footer_css(handbook: Handbook, lang: str) -> str:
    """The words of the booklet's running footer ("side 3 av 40"), for the print stylesheet:
    @page margin boxes read them as custom properties of the root element."""
    before, _, rest = handbook.labels("booklet_page_of", lang).partition("{page}")
    between, _, after = rest.partition("{pages}")

    def string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    return (f"/* Generated from content/labels.yml (booklet_page_of) and content/site.yml. */\n"
            f":root {{\n  --hb-footer-title: {string(handbook.site.title[lang])};\n"
            f"  --hb-footer-before: {string(before)};\n  --hb-footer-between: {string(between)};\n"
            f"  --hb-footer-after: {string(after)};\n}}\n")


FOOTER_CSS = "assets/stylesheets/booklet-footer.css"
