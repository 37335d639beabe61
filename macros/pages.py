"""The site's page tree, from content: which pages are generated, and the navigation.
Generated pages are thin: one macro call each, so a new content file is a new page without
anyone writing Markdown."""

from __future__ import annotations

from .assessment import GROUP_ASSESSMENT, REFLECTION_INDEX, SELF_ASSESSMENT
from .exercises import EXERCISE_INDEX, PROGRAMME
from .model import Handbook
from .render import HOME, OVERVIEW


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Page path below docs_dir -> the page's Markdown source."""
    pages = {}
    for rec in handbook.recommendations:
        pages[rec.page] = f'{{{{ recommendation_page("{rec.id}") }}}}\n'
    for exercise in handbook.exercises:
        pages[exercise.page] = f'{{{{ exercise_page("{exercise.id}") }}}}\n'
    for reflection in handbook.reflections:
        pages[reflection.page] = (
            f'{{{{ reflection_page("{reflection.recommendation_id}") }}}}\n')
    return pages


def navigation(handbook: Handbook, lang: str) -> list:
    """The nav for one language, in MkDocs' `nav` format."""
    label = handbook.labels.for_language(lang)
    recommendations = [{label["nav_overview"]: OVERVIEW}] + [
        {f"{rec.number}. {rec.title[lang]}": rec.page} for rec in handbook.recommendations
    ]
    exercises = [{label["nav_exercise_index"]: EXERCISE_INDEX}] + [
        {exercise.title[lang]: exercise.page}
        for exercise in sorted(handbook.exercises, key=lambda e: e.title[lang])
    ]
    nav = [
        {label["nav_home"]: HOME},
        {label["nav_recommendations"]: recommendations},
        {label["nav_exercises"]: exercises},
        {label["nav_programme"]: PROGRAMME},
    ]
    if handbook.reflections:
        reflection = [{label["nav_reflection_index"]: REFLECTION_INDEX}] + [
            {f"{handbook.recommendation(r.recommendation_id).number}."
             f" {handbook.recommendation(r.recommendation_id).title[lang]}": r.page}
            for r in handbook.reflections
        ]
        nav.append({label["nav_reflection"]: reflection})
    if handbook.self_assessment:
        nav.append({label["nav_self_assessment"]: [
            {label["nav_self_assessment"]: SELF_ASSESSMENT},
            {label["nav_group_assessment"]: GROUP_ASSESSMENT},
        ]})
    return nav
