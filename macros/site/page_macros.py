"""The mkdocs-macros module (`modules: [macros.site.page_macros]` in docs/shared/mkdocs.yml):
thin macros that pages call. Each loads the content (once per build) and hands it to a pure
render function."""

from __future__ import annotations

from macros import build_context
from macros.content.checklists import checklist
from macros.content.edition import edition_date
from macros.content.kinds import BY_NAME, items
from macros.content.load import load_handbook
from macros.content.model import Handbook
from macros.render.assessment import (
    render_group_assessment,
    render_privacy,
    render_reflection,
    render_reflection_index,
    render_self_assessment,
)
from macros.render.booklet import render_booklet
from macros.render.checklists import (
    render_checklist,
    render_checklists_index,
    render_recommendation_checklist_section,
)
from macros.render.exercises import render_exercise, render_exercise_index
from macros.render.guide import render_guide
from macros.render.programme import render_programme, render_programme_session
from macros.render.recommendations import render_home, render_overview, render_recommendation
from macros.render.session import render_session
from macros.render.template import render_template

# Macro name -> render function, for the pages that take no argument but the language and the
# page's own path (the others are defined in define_env).
WHOLE_PAGES = {
    "home_page": render_home,
    "overview_page": render_overview,
    "exercise_index_page": render_exercise_index,
    "guide_page": render_guide,
    "reflection_index_page": render_reflection_index,
    "self_assessment_page": render_self_assessment,
    "group_assessment_page": render_group_assessment,
    "privacy_page": render_privacy,
    "session_page": render_session,
}


def define_env(env) -> None:
    lang = env.conf["extra"]["language"]  # the content's language (theme.language is Material's)
    context = build_context.of(env.conf)
    cache: dict = {}  # the handbook, and its edition date

    def handbook() -> Handbook:
        if "handbook" not in cache:
            cache["handbook"] = load_handbook(context.content_dir)
        return cache["handbook"]

    def here() -> str:
        return env.page.file.src_uri

    def pdfs() -> bool:
        """Whether this build gets PDFs (`handbook.py pdf`), so pages may link to them."""
        return context.pdfs

    def public_url() -> str:
        """The page's public address, when the build knows it (site_url is set)."""
        return env.page.canonical_url if env.conf.get("site_url") else ""

    @env.macro
    def recommendation_page(rec_id: str) -> str:
        book = handbook()
        rec = book.recommendation(rec_id)
        section = render_recommendation_checklist_section(book, rec, lang, here(), pdfs=pdfs())
        return render_recommendation(book, rec, lang, here(), checklist_section=section)

    # The pages whose render function needs only the content, the language and the page.
    for name, render in WHOLE_PAGES.items():
        env.macro(lambda render=render: render(handbook(), lang, here()), name)

    @env.macro
    def checklist_page(checklist_id: str) -> str:
        book = handbook()
        return render_checklist(book, checklist(book, checklist_id), lang, here(),
                                url=public_url(), pdfs=pdfs())

    @env.macro
    def checklists_page() -> str:
        return render_checklists_index(handbook(), lang, here(), pdfs=pdfs())

    @env.macro
    def print_page(part: str | None = None) -> str:
        """The printed handbook (`utskrift/`), or one part of it (`utskrift/<part>/`)."""
        if "edition" not in cache:
            cache["edition"] = edition_date(context.content_dir)
        return render_booklet(handbook(), lang, here(), part=part, edition=cache["edition"],
                              url=public_url(), pdfs=pdfs())

    @env.macro
    def exercise_page(exercise_id: str) -> str:
        book = handbook()
        return render_exercise(book, book.exercise(exercise_id), lang, here())

    @env.macro
    def programme_page() -> str:
        return render_programme(handbook(), lang, here(), url=public_url())

    @env.macro
    def programme_session_page(session_id: str) -> str:
        book = handbook()
        session = next(s for s in book.programme.sessions if s.id == session_id)
        return render_programme_session(book, session, lang, here(), url=public_url())

    @env.macro
    def reflection_page(rec_id: str) -> str:
        book = handbook()
        return render_reflection(book, book.reflection(rec_id), lang, here())

    @env.macro
    def kind_page(kind_name: str, item_id: str) -> str:
        """An item's page of a kind whose declaration names no macro of its own: its template
        macros/render/templates/<kind>.md.j2, given the item as `item`."""
        book = handbook()
        kind = BY_NAME[kind_name]
        item = next(item for item in items(book, kind) if kind.pages.item_id(item) == item_id)
        return render_template(f"{kind_name}.md.j2", book, lang, here(), item=item)
