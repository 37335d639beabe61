"""The home page, the overview and each recommendation's page; the root language chooser.
Nothing here knows about MkDocs or its plugins: `here` is the page's path below docs_dir."""

from __future__ import annotations

from macros.addresses import HOME, OVERVIEW
from macros.content.model import Handbook, Recommendation
from macros.render.template import render_template


def render_home(handbook: Handbook, lang: str, here: str = HOME) -> str:
    return render_template("home.md.j2", handbook, lang, here, site=handbook.site)


def render_overview(handbook: Handbook, lang: str, here: str = OVERVIEW) -> str:
    return render_template("overview.md.j2", handbook, lang, here)


def render_recommendation(
    handbook: Handbook, rec: Recommendation, lang: str, here: str | None = None,
    checklist_section: str = "",
) -> str:
    return render_template("recommendation.md.j2", handbook, lang, here or rec.page, rec=rec,
                   exercises=handbook.exercises_for(rec.id),
                   checklist_section=checklist_section)
