"""The one Jinja environment for every template in templates/, and `render_template`, which
gives each template the handbook, the language, its interface strings (`t`), page addresses
(`pages`) and `link()` relative to the page being rendered."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

import jinja2

from macros.content.model import Handbook
from macros.site.paths import PAGES

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
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


def render_template(template: str, handbook: Handbook, lang: str, here: str, **values) -> str:
    return environment().get_template(template).render(
        hb=handbook,
        lang=lang,
        t=handbook.labels.for_language(lang),
        link=lambda target: link(here, target),
        pages=PAGES,
        **values,
    )


def render_html(template: str, handbook: Handbook, **values) -> str:
    """One of the HTML pages at the site's root (root.html.j2, root_404.html.j2), escaped; with
    the published languages and the browser language tags that lead to each."""
    from macros.languages import PUBLISHED

    tags = {tag: language.code for language in PUBLISHED for tag in language.browser}
    return environment().get_template(template).render(hb=handbook, languages=PUBLISHED,
                                                        tags=tags, **values)
