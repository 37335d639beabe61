"""Reflection pages and the self-assessment (alone and as a group): pure functions from the
models to Markdown, through templates in macros/render/templates/. The self-assessment's
statements, scale, edition (a fingerprint of the statements) and interface strings reach the
page's JavaScript as a JSON block rendered here, so the scripts in docs/pages/assets/javascripts/
hold no content of their own."""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from macros.addresses import ANCHORS, GROUP_ASSESSMENT, PRIVACY, REFLECTION_INDEX, SELF_ASSESSMENT
from macros.content.model import Handbook, Recommendation, Reflection
from macros.languages import BY_CODE
from macros.render.checklists import render_recommendation_checklist_section
from macros.render.recommendations import render_recommendation
from macros.render.template import href, render_template

SCRIPTS = "assets/javascripts"
KIT = "page-kit.js"  # what every page script shares (window.HandbookPage): loaded before them
# Every key this browser keeps the handbook's data under starts with STORAGE_PREFIX. What was
# kept under the handbook's first name is carried over to it on the first visit (page-kit.js).
STORAGE_PREFIX = "samarbeid-i-ledergruppa."
FORMER_PREFIX = "velfungerende-ledergruppe."
CARRY_OVER = {"from": FORMER_PREFIX, "to": STORAGE_PREFIX}
STORAGE_KEY = STORAGE_PREFIX + "egenvurdering"


def has_anchor(handbook: Handbook, rec: Recommendation, lang: str, anchor: str) -> bool:
    """Whether the recommendation's page, as built (with its checklist section), has the
    section `#anchor`."""
    section = render_recommendation_checklist_section(handbook, rec, lang, rec.page)
    markdown = render_recommendation(handbook, rec, lang, checklist_section=section)
    return re.search(rf'\{{[^}}]*#{anchor}[\s}}]|id="{anchor}"', markdown) is not None


def render_reflection(handbook: Handbook, reflection: Reflection, lang: str,
                      here: str | None = None) -> str:
    rec = handbook.recommendation(reflection.recommendation_id)
    groups = [("leader", "reflection_for_leader", reflection.leader, 4),
              ("top-manager", "reflection_for_top_manager", reflection.top_manager, 4),
              ("group", "reflection_for_group", reflection.group, 5)]
    return render_template("reflection.md.j2", handbook, lang, here or reflection.page, rec=rec,
                   reflection=reflection, groups=groups)


def render_reflection_index(handbook: Handbook, lang: str, here: str = REFLECTION_INDEX) -> str:
    return render_template("reflection_index.md.j2", handbook, lang, here,
                   self_assessment=SELF_ASSESSMENT)


def assessment_data(handbook: Handbook, lang: str, here: str) -> dict:
    """Everything the scripts need, in the page's language."""
    assessment = handbook.self_assessment
    recommendations = []
    for rec in handbook.recommendations:
        page = href(here, rec.page)
        links = {name: page + "#" + (ANCHORS[name] if has_anchor(handbook, rec, lang,
                                                                 ANCHORS[name])
                                     else ANCHORS["factors"])
                 for name in ("exercises", "checklist")}
        recommendations.append({"id": rec.id, "number": rec.number, "title": rec.title[lang],
                                "url": page, **links})
    statements = [{"factor": s.factor_id, "text": s.text[lang],
                   "recommendation": handbook.factors[s.factor_id].recommendation_id}
                  for s in assessment.statements]
    strings = {key: text for key, text in handbook.labels.for_language(lang).items()
               if key.startswith(("sa_", "ga_"))}
    return {"lang": lang, "locales": list(BY_CODE[lang].formats),
            "edition": assessment.edition, "storageKey": STORAGE_KEY,
            "carryOver": CARRY_OVER,
            "scale": [label[lang] for label in assessment.scale], "statements": statements,
            "recommendations": recommendations, "strings": strings}


def data_block(data: dict) -> str:
    """The data as a <script type="application/json"> block. The JSON is an array, so that it is
    also a harmless JavaScript expression should a script loader run it; `<` is escaped so no
    text can close the block."""
    text = json.dumps([data], ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/json" class="hb-data">{text}</script>')


def _scripts(here: str, *names: str) -> list[str]:
    return [href(here, f"{SCRIPTS}/{name}") for name in names]


def render_self_assessment(handbook: Handbook, lang: str, here: str = SELF_ASSESSMENT) -> str:
    assessment = handbook.self_assessment
    sections = []
    for rec in handbook.recommendations:
        statements = [(index + 1, s) for index, s in enumerate(assessment.statements)
                      if handbook.factors[s.factor_id].recommendation_id == rec.id]
        sections.append((rec, statements))
    return render_template("self_assessment.md.j2", handbook, lang, here, assessment=assessment,
                   sections=sections, data=data_block(assessment_data(handbook, lang, here)),
                   scripts=_scripts(here, KIT, "assessment-core.js", "self-assessment.js"),
                   group_url=href(here, GROUP_ASSESSMENT), privacy_url=href(here, PRIVACY))


def render_group_assessment(handbook: Handbook, lang: str, here: str = GROUP_ASSESSMENT) -> str:
    return render_template("group_assessment.md.j2", handbook, lang, here,
                   data=data_block(assessment_data(handbook, lang, here)),
                   scripts=_scripts(here, KIT, "assessment-core.js", "group-assessment.js",
                                    "group-projector.js"),
                   self_page=SELF_ASSESSMENT, privacy_page=PRIVACY, privacy_url=href(here, PRIVACY))


# The rows of the privacy page's table, in order: each is a pair of labels, pp_<row>_who and
# pp_<row>_learns (content/labels.yml).
PRIVACY_ROWS = ("member", "collector", "observer", "everyone", "results", "codes", "browser")


def render_privacy(handbook: Handbook, lang: str, here: str = PRIVACY) -> str:
    """The privacy page: who can learn what about a member's answers, in plain words."""
    return render_template("privacy.md.j2", handbook, lang, here, rows=PRIVACY_ROWS,
                   self_page=SELF_ASSESSMENT)
