"""Printable checklists: one per recommendation (its promoting factors), one of all factors, and
the meeting checklists from content/checklists/. All are the same shape (`Checklist`), built
from the content, and rendered by the same template into a page that prints as an A4 sheet."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from macros.content.fields import fill
from macros.content.model import (
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Handbook,
    Recommendation,
    Text,
)
from macros.render.template import render_template
from macros.site.paths import CHECKLISTS as INDEX
from macros.site.paths import PRINT, booklet_pdf

ALL_ID = "alle-anbefalinger"
# Set by `handbook.py pdf`, which writes the PDFs: only then do pages link to them.
PDF_ENV = "HANDBOOK_WITH_PDFS"


def _numbered(rec: Recommendation) -> Text:
    return Text({lang: f"{rec.number}. {title}" for lang, title in rec.title.items()})


def _factor_items(rec: Recommendation) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(id=factor.id, text=factor.text) for factor in rec.factors)


def recommendation_checklist(handbook: Handbook, rec: Recommendation) -> Checklist:
    title = Text({lang: fill(handbook.labels("checklist_for", lang), title=title)
                  for lang, title in rec.title.items()})
    return Checklist(id=rec.id, title=title,
                     intro=handbook.labels.texts["checklist_recommendation_intro"],
                     sections=(ChecklistSection(rec.id, None, _factor_items(rec)),))


def all_factors_checklist(handbook: Handbook) -> Checklist:
    sections = tuple(
        ChecklistSection(
            id=rec.id,
            title=_numbered(rec),
            items=_factor_items(rec),
        )
        for rec in handbook.recommendations
    )
    return Checklist(id=ALL_ID, title=handbook.labels.texts["checklist_all_title"],
                     intro=handbook.labels.texts["checklist_all_intro"], sections=sections)


def checklists(handbook: Handbook) -> tuple[Checklist, ...]:
    """Every checklist: all factors, the meeting checklists, then one per recommendation."""
    meetings = handbook.meeting_checklists
    per_recommendation = tuple(recommendation_checklist(handbook, rec)
                               for rec in handbook.recommendations)
    return (all_factors_checklist(handbook), *meetings, *per_recommendation)


def checklist(handbook: Handbook, checklist_id: str) -> Checklist:
    for item in checklists(handbook):
        if item.id == checklist_id:
            return item
    raise KeyError(f"Unknown checklist: {checklist_id}")


def file_link(here: str, target: str) -> str:
    """A relative URL from page `here` (with directory URLs) to a file in the built site."""
    page_dir = posixpath.dirname(here) if here.endswith("index.md") else here[: -len(".md")]
    return Markup(posixpath.relpath(target, page_dir or "."))


def render_checklist(handbook: Handbook, item: Checklist, lang: str, here: str | None = None,
                     *, url: str = "", pdfs: bool = False) -> str:
    """A checklist page. `url` is the page's public address when the build knows it (site_url);
    otherwise a small script fills in the address the page was opened from."""
    here = here or item.page
    return render_template("checklist.md.j2", handbook, lang, here, checklist=item, url=url,
                   pdf=file_link(here, item.pdf(lang)) if pdfs else None)


def render_checklists_index(handbook: Handbook, lang: str, here: str = INDEX,
                            *, pdfs: bool = False) -> str:
    everything = checklists(handbook)
    general = [c for c in everything if c.id not in {r.id for r in handbook.recommendations}]
    per_recommendation = [c for c in everything if c not in general]
    pdf = {c.id: file_link(here, c.pdf(lang)) for c in everything} if pdfs else {}
    return render_template("checklists.md.j2", handbook, lang, here, general=general,
                   per_recommendation=per_recommendation, pdf=pdf,
                   handbook_pdf=file_link(here, booklet_pdf(lang)) if pdfs else None,
                   print_page=PRINT)


def render_recommendation_checklist_section(handbook: Handbook, rec: Recommendation, lang: str,
                                            here: str, *, pdfs: bool = False) -> str:
    item = recommendation_checklist(handbook, rec)
    return render_template("recommendation-checklist.md.j2", handbook, lang, here, checklist=item,
                   pdf=file_link(here, item.pdf(lang)) if pdfs else None)
