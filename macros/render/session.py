"""The session page (samling/): plan a session from the exercises, run it on a shared screen,
and keep its agreements. One page per language, so that on file:// (where browsers keep storage
per file) the plan, run mode and the notes share one place. The page's scripts get the exercises,
their timed steps and the interface strings from a JSON block rendered here; the plan itself
lives only in the page's address (#...), made of ids that are the same in every language."""

from __future__ import annotations

from macros.addresses import SESSION, exercise_page, recommendation_page, same_page_in
from macros.content.model import Handbook
from macros.languages import BY_CODE, LANGUAGES
from macros.render.assessment import CARRY_OVER, KIT, STORAGE_PREFIX, _scripts, data_block
from macros.render.assessment import STORAGE_KEY as ASSESSMENT_KEY
from macros.render.programme import agenda_steps
from macros.render.template import href, render_template

NOTES_KEY = STORAGE_PREFIX + "samling"
# The planner last: it announces the plan ("hb-plan") to the others once they listen.
SCRIPTS = (KIT, "assessment-core.js", "session-core.js", "session-run.js", "session-notes.js",
           "session-planner.js", "offline-ready.js")


def renamed_ids(handbook: Handbook) -> dict[str, str]:
    """Old id -> current id of every exercise and recommendation that `rename` gave a new id
    (content/redirects.yml names their pages), so that a saved plan link still finds them."""
    current = {e.page: e.id for e in handbook.exercises}
    current.update({r.page: r.id for r in handbook.recommendations})
    old_pages = {}
    for old_id in {page.rsplit("/", 1)[-1].removesuffix(".md") for page in handbook.redirects}:
        for page_of in (exercise_page, recommendation_page):
            if page_of(old_id) in handbook.redirects:
                old_pages[old_id] = page_of(old_id)
    renamed = {}
    for old_id, page in old_pages.items():
        for _ in range(len(handbook.redirects)):  # renamed twice: follow to the last page
            page = handbook.redirects.get(page, page)
        if page in current:
            renamed[old_id] = current[page]
    return renamed


def session_data(handbook: Handbook, lang: str, here: str) -> dict:
    exercises = [{
        "id": e.id, "title": e.title[lang], "url": href(here, e.page),
        "minutes": e.duration_minutes, "min": e.group_min, "max": e.group_max,
        "recommendations": list(e.recommendation_ids),
        "steps": [{"minutes": s.minutes, "text": s.text[lang], "silent": s.silent}
                  for s in e.steps],
    } for e in handbook.exercises] + agenda_steps(handbook, lang, here)
    recommendations = [{"id": r.id, "number": r.number, "title": r.title[lang]}
                       for r in handbook.recommendations]
    assessment = handbook.self_assessment
    statements = [{"factor": s.factor_id,
                   "recommendation": handbook.factors[s.factor_id].recommendation_id}
                  for s in assessment.statements] if assessment else []
    languages = [{"code": language.code, "name": language.name,
                  "url": same_page_in(here, language.code)}
                 for language in LANGUAGES if language.code != lang]
    return {"lang": lang, "locales": list(BY_CODE[lang].formats),
            "strings": handbook.session.for_language(lang),
            "recommendations": recommendations, "exercises": exercises,
            "statements": statements, "renamed": renamed_ids(handbook),
            "assessmentKey": ASSESSMENT_KEY,
            "notesKey": NOTES_KEY, "carryOver": CARRY_OVER, "languages": languages}


def render_session(handbook: Handbook, lang: str, here: str = SESSION) -> str:
    return render_template("session.md.j2", handbook, lang, here,
                           s=handbook.session.for_language(lang),
                           data=data_block(session_data(handbook, lang, here)),
                           scripts=_scripts(here, *SCRIPTS))
