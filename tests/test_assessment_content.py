"""Reflection questions and self-assessment statements: the content rules an editor meets
(one line per mistake, naming file, line and fix) and the built pages, read as files."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape

import pytest
from assessment_helpers import ASSESSMENT, FACTORS, HANDBOOK, IN_PAGE_ORDER
from conftest import CONTENT, LANGS

from macros.addresses import ANCHORS, SELF_ASSESSMENT, page_html, page_url
from macros.content.load import load_handbook
from macros.content.problems import ContentError

SA = "content/self-assessment.yml"
REFL6 = "content/reflection/06-uenighet.yml"

# (name, file below content/, old text, new text, start of the expected line, advice)
MISTAKES = [
    ("unknown-factor", "self-assessment.yml", "factor: apen-om-tvil", "factor: apen-om-tvill",
     f"{SA}:", "did you mean 'apen-om-tvil'?"),
    ("factor-twice", "self-assessment.yml", "factor: apen-om-tvil", "factor: tone-og-dialog",
     f"{SA}:", "keep one"),
    ("factor-twice-means-one-missing", "self-assessment.yml", "factor: apen-om-tvil",
     "factor: tone-og-dialog", f"{SA}:", "no statement for these factors: apen-om-tvil"),
    ("question-id-twice", "reflection/06-uenighet.yml", "id: uenighet-gruppe-2",
     "id: uenighet-gruppe-1", f"{REFL6}:", "the id 'uenighet-gruppe-1' is already used"),
    ("unknown-recommendation", "reflection/06-uenighet.yml", "recommendation: uenighet",
     "recommendation: uenighed", f"{REFL6}:4:", "did you mean 'uenighet'?"),
    ("four-scale-labels", "self-assessment.yml",
     "  - {nb: Delvis uenig, nn: Delvis ueinig, da: Delvis uenig}\n", "",
     f"{SA}:", "needs at least 5"),
]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_mistake_gives_one_line_with_file_line_and_fix(tmp_path, mistake):
    name, file, old, new, expected, advice = mistake
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(expected) and advice in m for m in messages), "\n".join(messages)
    assert all(re.match(r"^content/\S+?(:\d+)?: ", m) for m in messages), messages


def article(site, lang, page):
    html = (site / lang / page_html(page)).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("lang", LANGS)
def test_reflection_pages_show_the_questions_grouped_with_writing_lines(site, lang):
    for reflection in HANDBOOK.reflections:
        html = article(site, lang, reflection.page)
        headings = [HANDBOOK.labels(key, lang) for key in
                    ("reflection_for_leader", "reflection_for_top_manager", "reflection_for_group")]
        positions = [html.index(heading) for heading in headings]
        assert positions == sorted(positions)
        for audience, start in zip(("leader", "top_manager", "group"), positions, strict=True):
            for question in getattr(reflection, audience):
                at = html.index(f'id="{question.id}"')
                assert at > start
                item = html[at:html.index("</li>", at)]
                assert question.text[lang] in unescape(item)
                assert 'class="hb-write"' in item


@pytest.mark.parametrize("lang", LANGS)
def test_recommendation_pages_link_to_their_reflection(site, lang):
    for rec in HANDBOOK.recommendations:
        html = article(site, lang, rec.page)
        section = html[html.index(f'id="{ANCHORS["reflection"]}"'):]
        reflection = next(r for r in HANDBOOK.reflections if r.recommendation_id == rec.id)
        assert f'href="../../{page_url(reflection.page)}"' in section


@pytest.mark.parametrize("lang", LANGS)
def test_the_self_assessment_is_a_printable_form_without_javascript(site, lang):
    html = article(site, lang, SELF_ASSESSMENT)
    fieldsets = re.findall(r'<fieldset class="hb-sa-statement".*?</fieldset>', html, re.S)
    assert len(fieldsets) == len(FACTORS)
    for statement, fieldset in zip(IN_PAGE_ORDER, fieldsets, strict=True):
        legend = re.search(r"<legend>(.*?)</legend>", fieldset, re.S).group(1)
        assert statement.text[lang] in text_of(legend)
        labels = re.findall(r"<label>(.*?)</label>", fieldset, re.S)
        assert len(labels) == 5
        for value, (label, scale) in enumerate(zip(labels, ASSESSMENT.scale, strict=True), start=1):
            assert f'name="sa-{statement.factor_id}" value="{value}"' in label
            assert text_of(label) == f"{value} {scale[lang]}"
    assert HANDBOOK.labels("sa_privacy", lang).split(":")[0] in text_of(html)


@pytest.mark.parametrize("lang", LANGS)
def test_the_scripts_get_the_content_as_data(site, lang):
    html = article(site, lang, SELF_ASSESSMENT)
    block = re.search(r'<script type="application/json" class="hb-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))[0]
    assert data["edition"] == ASSESSMENT.edition
    assert data["scale"] == [label[lang] for label in ASSESSMENT.scale]
    assert [s["factor"] for s in data["statements"]] == FACTORS
    assert [s["text"] for s in data["statements"]] == [s.text[lang] for s in ASSESSMENT.statements]
    assert data["strings"]["sa_reset"] == HANDBOOK.labels("sa_reset", lang)


def test_the_scripts_load_only_where_they_are_needed(site):
    for lang in LANGS:
        for path in (site / lang).rglob("*.html"):
            html = path.read_text(encoding="utf-8")
            # the session planner reads the self-assessment to find the weakest recommendations
            needs = path.parent.name in ("egenvurdering", "gruppe", "samling")
            assert ("assessment-core.js" in html) == needs, path
