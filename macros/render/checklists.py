"""Printable checklists (macros/content/checklists.py says which there are), rendered by the
same template into a page that prints as an A4 sheet."""

from __future__ import annotations

from macros.addresses import CHECKLISTS as INDEX
from macros.addresses import PRINT, booklet_pdf
from macros.content.checklists import checklists, recommendation_checklist, sheets
from macros.content.model import (
    Checklist,
    Handbook,
    Recommendation,
)
from macros.render.template import href, render_template


def render_checklist(handbook: Handbook, item: Checklist, lang: str, here: str | None = None,
                     *, url: str = "", pdfs: bool = False) -> str:
    """A checklist page. `url` is the page's public address when the build knows it (site_url);
    otherwise a small script fills in the address the page was opened from."""
    here = here or item.page
    return render_template("checklist.md.j2", handbook, lang, here, checklist=item, url=url,
                   sheets=sheets(item), pdf=href(here, item.pdf(lang)) if pdfs else None)


def render_checklists_index(handbook: Handbook, lang: str, here: str = INDEX,
                            *, pdfs: bool = False) -> str:
    everything = checklists(handbook)
    general = [c for c in everything if c.id not in {r.id for r in handbook.recommendations}]
    per_recommendation = [c for c in everything if c not in general]
    pdf = {c.id: href(here, c.pdf(lang)) for c in everything} if pdfs else {}
    return render_template("checklists.md.j2", handbook, lang, here, general=general,
                   per_recommendation=per_recommendation, pdf=pdf,
                   handbook_pdf=href(here, booklet_pdf(lang)) if pdfs else None,
                   print_page=PRINT)


def render_recommendation_checklist_section(handbook: Handbook, rec: Recommendation, lang: str,
                                            here: str, *, pdfs: bool = False) -> str:
    item = recommendation_checklist(handbook, rec)
    return render_template("recommendation-checklist.md.j2", handbook, lang, here, checklist=item,
                   pdf=href(here, item.pdf(lang)) if pdfs else None)
