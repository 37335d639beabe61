"""The pages and headings a build makes, so that `check` resolves every link in a text without
building: which pages exist (macros/site/pages.py), and the ids on each page in each language,
from the page's own Markdown (its macro's render function) turned into HTML with the site's
Markdown extensions (docs/shared/mkdocs.yml), as MkDocs does before it checks anchors."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import markdown
import yaml

from macros.content.model import Handbook
from macros.project import SHARED_CONFIG
from macros.render.assessment import (
    render_group_assessment,
    render_reflection,
    render_reflection_index,
    render_self_assessment,
)
from macros.render.booklet import INTRODUCTION, part_ids, part_page, render_booklet
from macros.render.checklists import (
    checklists,
    render_checklist,
    render_checklists_index,
    render_recommendation_checklist_section,
)
from macros.render.exercises import render_exercise, render_exercise_index, render_programme
from macros.render.recommendations import render_home, render_overview, render_recommendation
from macros.render.session import render_session
from macros.site import paths

ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""")


class _Config(yaml.SafeLoader):
    """Reads the shared MkDocs configuration's tags (!ENV, the toc's slugify) as plain data."""


_Config.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def _extensions() -> tuple[list, dict]:
    """The site's Markdown extensions and their settings, from docs/shared/mkdocs.yml."""
    from pymdownx.slugs import slugify

    config = yaml.load(SHARED_CONFIG.read_text(encoding="utf-8"), Loader=_Config)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, {}))
        names.append(name)
        settings[name] = dict(options or {})
    if "toc" in settings:
        settings["toc"]["slugify"] = slugify(case="lower")
    return names, settings


def _renderers(handbook: Handbook, lang: str) -> dict[str, Callable[[str], str]]:
    """Page path -> its Markdown, as its macro renders it (macros/site/page_macros.py)."""
    book = handbook

    def recommendation(rec):
        def render(here: str) -> str:
            section = render_recommendation_checklist_section(book, rec, lang, here, pdfs=False)
            return render_recommendation(book, rec, lang, here, checklist_section=section)
        return render

    pages = {
        paths.HOME: lambda here: render_home(book, lang, here),
        paths.OVERVIEW: lambda here: render_overview(book, lang, here),
        paths.EXERCISE_INDEX: lambda here: render_exercise_index(book, lang, here),
        paths.PROGRAMME: lambda here: render_programme(book, lang, here),
        paths.CHECKLISTS: lambda here: render_checklists_index(book, lang, here, pdfs=False),
        paths.REFLECTION_INDEX: lambda here: render_reflection_index(book, lang, here),
        paths.SELF_ASSESSMENT: lambda here: render_self_assessment(book, lang, here),
        paths.GROUP_ASSESSMENT: lambda here: render_group_assessment(book, lang, here),
        paths.SESSION: lambda here: render_session(book, lang, here),
        paths.PRINT: lambda here: render_booklet(book, lang, here, edition=date.today()),
    }
    for part in part_ids(book):
        pages[part_page(part)] = (lambda here, part=part: render_booklet(
            book, lang, here, part=part, edition=date.today()))
    for rec in book.recommendations:
        pages[rec.page] = recommendation(rec)
    for exercise in book.exercises:
        pages[exercise.page] = lambda here, e=exercise: render_exercise(book, e, lang, here)
    for reflection in book.reflections:
        pages[reflection.page] = lambda here, r=reflection: render_reflection(book, r, lang, here)
    for item in checklists(book):
        pages[item.page] = lambda here, c=item: render_checklist(book, c, lang, here)
    return pages


BOOKLET = {paths.PRINT} | {part_page(INTRODUCTION)}


class Targets:
    """What a link may point at, for one handbook: its pages, and the ids on each page in each
    language (worked out only for the pages asked about)."""

    def __init__(self, handbook: Handbook):
        self.handbook = handbook
        self._renderers: dict[str, dict[str, Callable[[str], str]]] = {}
        self._markdown: dict[tuple[str, str], str] = {}
        self._ids: dict[tuple[str, str], frozenset[str]] = {}

    def pages(self, lang: str) -> dict[str, Callable[[str], str]]:
        if lang not in self._renderers:
            self._renderers[lang] = _renderers(self.handbook, lang)
        return self._renderers[lang]

    def markdown(self, lang: str, page: str) -> str:
        if (lang, page) not in self._markdown:
            self._markdown[(lang, page)] = str(self.pages(lang)[page](page))
        return self._markdown[(lang, page)]

    def ids(self, lang: str, page: str) -> frozenset[str]:
        """Every id on the page in the language: its headings' and its elements'."""
        if (lang, page) not in self._ids:
            names, settings = _extensions()
            html = markdown.Markdown(extensions=names, extension_configs=settings).convert(
                self.markdown(lang, page))
            self._ids[(lang, page)] = frozenset(ID.findall(html))
        return self._ids[(lang, page)]

    def is_booklet(self, page: str) -> bool:
        return page in BOOKLET or page.startswith(paths.PRINT.removesuffix(".md") + "/")


def home_page(handbook: Handbook, source: Path) -> str | None:
    """The page a content file's texts are on (for a link to `#anchor` on the same page)."""
    for rec in handbook.recommendations:
        if rec.source == source:
            return rec.page
    for exercise in handbook.exercises:
        if exercise.source == source:
            return exercise.page
    for reflection in handbook.reflections:
        if reflection.source == source:
            return reflection.page
    for item in handbook.meeting_checklists:
        if item.source == source:
            return item.page
    if handbook.programme and handbook.programme.source == source:
        return paths.PROGRAMME
    if handbook.self_assessment and handbook.self_assessment.source == source:
        return paths.SELF_ASSESSMENT
    if source.name == "site.yml":
        return paths.HOME
    return None
