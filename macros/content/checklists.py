"""Every checklist a reader can print: one of all promoting factors, the meeting checklists of
content/checklists/, and one per recommendation (its factors). All are the same shape
(`Checklist`), made from the content; macros/render/checklists.py renders them."""

from __future__ import annotations

from macros.content.fields import fill
from macros.content.model import (
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Handbook,
    Recommendation,
    Text,
)

ALL_ID = "alle-anbefalinger"


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


def sheets(item: Checklist) -> int:
    """A4 sheets it prints on: one each, the checklist of every factor on two."""
    return 2 if item.id == ALL_ID else 1


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
