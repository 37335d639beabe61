"""The site's page tree, from content: which pages are generated, and the navigation.
Generated pages are thin: one macro call each, so a new content file is a new page without
anyone writing Markdown."""

from __future__ import annotations

from .checklists import INDEX as CHECKLISTS, PRINT, checklists
from .model import Handbook
from .render import HOME, OVERVIEW


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Page path below docs_dir -> the page's Markdown source."""
    pages = {}
    for rec in handbook.recommendations:
        pages[rec.page] = f'{{{{ recommendation_page("{rec.id}") }}}}\n'
    for item in checklists(handbook):
        pages[item.page] = f'{{{{ checklist_page("{item.id}") }}}}\n'
    pages[CHECKLISTS] = "{{ checklists_page() }}\n"
    # The whole handbook on one page duplicates every other page: keep it out of search.
    pages[PRINT] = "---\nsearch:\n  exclude: true\n---\n{{ print_page() }}\n"
    return pages


def navigation(handbook: Handbook, lang: str) -> list:
    """The nav for one language, in MkDocs' `nav` format."""
    label = handbook.labels.for_language(lang)
    recommendations = [{label["nav_overview"]: OVERVIEW}] + [
        {f"{rec.number}. {rec.title[lang]}": rec.page} for rec in handbook.recommendations
    ]
    # Full titles: the nav title is also the page's <title>, which must tell the pages apart.
    checklist_pages = [{label["checklists_title"]: CHECKLISTS}] + [
        {item.title[lang]: item.page} for item in checklists(handbook)
    ]
    return [
        {label["nav_home"]: HOME},
        {label["nav_recommendations"]: recommendations},
        {label["nav_checklists"]: checklist_pages},
        {label["nav_print"]: PRINT},
    ]
