"""The site's page tree, from content: which pages are generated, and the navigation.
Generated pages are thin: one macro call each, so a new content file is a new page without
anyone writing Markdown."""

from __future__ import annotations

from macros.content.model import Handbook
from macros.render.booklet import part_ids, part_page
from macros.render.checklists import checklists
from macros.render.markup import render_text
from macros.site.paths import (
    CHECKLISTS,
    EXERCISE_INDEX,
    GUIDE,
    GROUP_ASSESSMENT,
    HOME,
    OVERVIEW,
    PAGES,
    PRINT,
    PRIVACY,
    PROGRAMME,
    REFLECTION_INDEX,
    SELF_ASSESSMENT,
    SESSION,
)

RECOMMENDATION_SEARCH_BOOST = 3


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Page path below docs_dir -> the page's Markdown source."""
    pages = {}
    for rec in handbook.recommendations:
        # The recommendations are the heart of the handbook: rank them first in search.
        pages[rec.page] = (f"---\nsearch:\n  boost: {RECOMMENDATION_SEARCH_BOOST}\n---\n"
                           f'{{{{ recommendation_page("{rec.id}") }}}}\n')
    for exercise in handbook.exercises:
        pages[exercise.page] = f'{{{{ exercise_page("{exercise.id}") }}}}\n'
    for reflection in handbook.reflections:
        pages[reflection.page] = (
            f'{{{{ reflection_page("{reflection.recommendation_id}") }}}}\n')
    for item in checklists(handbook):
        pages[item.page] = f'{{{{ checklist_page("{item.id}") }}}}\n'
    if handbook.programme:
        for session in handbook.programme.sessions:
            pages[session.page] = f'{{{{ programme_session_page("{session.id}") }}}}\n'
    if handbook.guide:
        pages[GUIDE] = "{{ guide_page() }}\n"
    pages[CHECKLISTS] = "{{ checklists_page() }}\n"
    pages[SESSION] = "{{ session_page() }}\n"
    # The whole handbook on one page duplicates every other page: keep it out of search.
    pages[PRINT] = "---\nsearch:\n  exclude: true\n---\n{{ print_page() }}\n"
    # One page per part, to print only some parts; reached from the print page, not the nav.
    for part in part_ids(handbook):
        pages[part_page(part)] = ("---\nsearch:\n  exclude: true\n---\n"
                                  f'{{{{ print_page("{part}") }}}}\n')
    return pages


def all_pages(handbook: Handbook) -> set[str]:
    """Every page path of the site: the generated ones and the fixed ones (macros/site/paths.py)."""
    return set(generated_pages(handbook)) | set(PAGES.values())


def navigation(handbook: Handbook, lang: str) -> list:
    """The nav for one language, in MkDocs' `nav` format. Titles are HTML in the theme (and
    Jinja to mkdocs-macros), so they go through render_text as plain, escaped text."""
    label = {key: str(render_text(text, "plain")) for key, text
             in handbook.labels.for_language(lang).items()}

    def title(text: str) -> str:
        return str(render_text(text, "plain"))

    recommendations = [{label["nav_overview"]: OVERVIEW}] + [
        {title(f"{rec.number}. {rec.title[lang]}"): rec.page} for rec in handbook.recommendations
    ]
    exercises = [{label["nav_exercise_index"]: EXERCISE_INDEX}] + [
        {title(exercise.title[lang]): exercise.page}
        for exercise in sorted(handbook.exercises, key=lambda e: e.title[lang])
    ]
    # Full titles: the nav title is also the page's <title>, which must tell the pages apart.
    checklist_pages = [{label["checklists_title"]: CHECKLISTS}] + [
        {title(item.title[lang]): item.page} for item in checklists(handbook)
    ]
    nav = [
        {label["nav_home"]: HOME},
        {label["nav_recommendations"]: recommendations},
        {label["nav_exercises"]: exercises},
        {label["nav_programme"]: programme_navigation(handbook, lang, label)},
        {title(handbook.session("nav", lang)): SESSION},
        {label["nav_checklists"]: checklist_pages},
    ]
    if handbook.reflections:
        reflection = [{label["nav_reflection_index"]: REFLECTION_INDEX}] + [
            {title(f"{handbook.recommendation(r.recommendation_id).number}."
                   f" {handbook.recommendation(r.recommendation_id).title[lang]}"): r.page}
            for r in handbook.reflections
        ]
        nav.append({label["nav_reflection"]: reflection})
    if handbook.self_assessment:
        nav.append({label["nav_self_assessment"]: [
            {label["nav_self_assessment"]: SELF_ASSESSMENT},
            {label["nav_group_assessment"]: GROUP_ASSESSMENT},
            {label["nav_privacy"]: PRIVACY},
        ]})
    nav.append({label["nav_print"]: PRINT})
    return nav


def programme_navigation(handbook: Handbook, lang: str, label: dict) -> str | list:
    """The programme page and the guide, then each session of each path: "Samling 2: …",
    "Kort vei 1: …" (the nav title is the page's <title>: not its recommendation's)."""

    def title(text: str) -> str:
        return str(render_text(text, "plain"))

    programme = handbook.programme
    if not programme:
        return PROGRAMME
    paths = [(label["programme_session"], programme.modules)]
    if programme.short:
        paths.append((label["short_path_session"], programme.short.modules))
    guide = [{title(handbook.guide.title[lang]): GUIDE}] if handbook.guide else []
    return [{label["nav_programme_overview"]: PROGRAMME}, *guide] + [
        {title(f"{name} {number}: {module.title[lang]}"): module.page}
        for name, modules in paths for number, module in enumerate(modules, 1)]


def not_in_navigation(handbook: Handbook) -> set[str]:
    """Generated pages that the navigation leaves out on purpose."""
    return {part_page(part) for part in part_ids(handbook)}
