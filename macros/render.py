"""Pure functions from models to Markdown, through the Jinja templates in macros/templates/.
Nothing here knows about MkDocs or its plugins: `here` is the page's path below docs_dir."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

import jinja2

from .model import Handbook, Recommendation
from .paths import HOME, OVERVIEW, PAGES

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown templates (*.md.j2) are not escaped: content is trusted, reviewed text;
        # the HTML templates (root*.html.j2) are.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=False, default=False),
    )
    return env


def link(here: str, target: str) -> str:
    """A relative Markdown link from page `here` to page `target` (both below docs_dir)."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def _render(template: str, handbook: Handbook, lang: str, here: str, **values) -> str:
    return _environment().get_template(template).render(
        hb=handbook,
        lang=lang,
        t=handbook.labels.for_language(lang),
        link=lambda target: link(here, target),
        pages=PAGES,
        **values,
    )


def render_home(handbook: Handbook, lang: str, here: str = HOME) -> str:
    return _render("home.md.j2", handbook, lang, here, site=handbook.site)


def render_overview(handbook: Handbook, lang: str, here: str = OVERVIEW) -> str:
    return _render("overview.md.j2", handbook, lang, here)


def render_recommendation(
    handbook: Handbook, rec: Recommendation, lang: str, here: str | None = None,
    checklist_section: str = "",
) -> str:
    return _render("recommendation.md.j2", handbook, lang, here or rec.page, rec=rec,
                   exercises=handbook.exercises_for(rec.id),
                   checklist_section=checklist_section)


def render_html(template: str, handbook: Handbook, **values) -> str:
    """One of the HTML pages at the site's root (root.html.j2, root_404.html.j2), escaped."""
    from .languages import LANGUAGES

    return _environment().get_template(template).render(hb=handbook, languages=LANGUAGES,
                                                        **values)
