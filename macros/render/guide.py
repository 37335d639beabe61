"""Rendering of the facilitator's guide (veileder/): roles, confidentiality, when not to run
the programme and where to get help, how results are used (pure functions)."""

from __future__ import annotations

from macros.addresses import GUIDE
from macros.content.model import Handbook
from macros.render.template import render_template


def render_guide(handbook: Handbook, lang: str, here: str = GUIDE) -> str:
    return render_template("guide.md.j2", handbook, lang, here, guide=handbook.guide)
