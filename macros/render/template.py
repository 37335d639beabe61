"""The one Jinja environment for every template in templates/, and `render_template`, which
gives each template the handbook, the language, its interface strings (`t`), page addresses
(`pages`) and `link()` relative to the page being rendered.

Every value a Markdown template prints goes through `render_text` (macros/render/markup.py):
as one line of Markdown by default, `| md` for paragraphs and lists, `| html` inside raw
HTML, `| plain` in attributes. Only `Markup` (what code builds: links, data blocks, other
rendered sections) passes unchanged, so no content text reaches a page unescaped."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from macros.addresses import ANCHORS, PAGES, markdown_link, url
from macros.content.fields import fill
from macros.content.model import Handbook
from macros.render.markup import render_text

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown templates (*.md.j2) escape through `finalize`; the HTML templates
        # (root*.html.j2) are HTML-escaped by Jinja.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=False, default=False),
        finalize=_finalize,
    )
    for mode in ("html", "plain"):
        env.filters[mode] = jinja2.pass_context(
            lambda context, value, mode=mode: render_text(str(value), mode, context.get("here")))
    env.filters["md"] = jinja2.pass_context(
        lambda context, value: render_text(str(value), "block", context.get("here")))
    return env


@jinja2.pass_context
def _finalize(context, value):
    if isinstance(value, Markup) or context.eval_ctx.autoescape:
        return value
    if isinstance(value, str):
        return render_text(value, "inline", context.get("here"))
    return value


def link(here: str, target: str) -> Markup:
    """A relative Markdown link from page `here` to page `target` (both below docs_dir)."""
    return Markup(markdown_link(here, target))


def href(here: str, target: str) -> Markup:
    """A relative URL from page `here` to a page or file (addresses.url), for raw HTML and the
    scripts' data, marked as built by code."""
    return Markup(url(here, target))


def render_template(template: str, handbook: Handbook, lang: str, here: str, **values) -> Markup:
    return Markup(environment().get_template(template).render(
        hb=handbook,
        lang=lang,
        here=here,
        t=handbook.labels.for_language(lang),
        link=lambda target: link(here, target),
        pages=PAGES,
        anchors=ANCHORS,
        fill=fill,
        **values,
    ))


def render_html(template: str, handbook: Handbook, **values) -> str:
    """One of the HTML pages at the site's root (root.html.j2, root_404.html.j2), escaped; with
    the published languages and the browser language tags that lead to each."""
    from macros.languages import PUBLISHED

    tags = {tag: language.code for language in PUBLISHED for tag in language.browser}
    return environment().get_template(template).render(hb=handbook, languages=PUBLISHED,
                                                        tags=tags, **values)
