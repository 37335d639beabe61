"""Exercises and the programme path: complete in content, present and linked in every language,
bad references caught, and each exercise prints as a one-page facilitator's sheet."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from conftest import CONTENT, LANGS, printed_on_a4

from macros.addresses import EXERCISE_INDEX, PROGRAMME, page_html
from macros.content.load import load_handbook
from macros.content.model import Text
from macros.content.problems import ContentError
from macros.site.html import read_page, resolve

HANDBOOK = load_handbook()
EXERCISES = HANDBOOK.exercises


def texts(value):
    """Every Text inside a model, however deeply nested."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from texts(getattr(value, name))


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_exercise_is_in_every_language_translated_not_copied(exercise):
    """Loading already holds every exercise to its schema (minutes, variations) and to its
    steps' minutes adding up; a text left out of a published language, or copied from the
    first language, is held here."""
    for text in texts(exercise):
        assert all(text[lang].strip() for lang in LANGS)
    for lang in LANGS[1:]:  # translated, not copied
        assert (exercise.title[lang] != exercise.title[LANGS[0]]
                or exercise.purpose[lang] != exercise.purpose[LANGS[0]])


def links_from(site, lang, page_path):
    path = site / lang / page_path
    found = set()
    for tag, url, _attrs in read_page(path).links:
        target = resolve(site, path, url)
        if tag == "a" and target and target[0].is_relative_to((site / lang).resolve()):
            found.add(target[0].relative_to((site / lang).resolve()).as_posix())
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_exercise_pages_exist_and_are_linked_both_ways(site, lang):
    index_links = links_from(site, lang, page_html(EXERCISE_INDEX))
    for exercise in EXERCISES:
        page = page_html(exercise.page)
        assert (site / lang / page).exists()
        assert read_page(site / lang / page).h1 == exercise.title[lang]
        assert page in index_links
        back = links_from(site, lang, page)
        for rec_id in exercise.recommendation_ids:
            rec_page = page_html(HANDBOOK.recommendation(rec_id).page)
            assert rec_page in back
            assert page in links_from(site, lang, rec_page)


@pytest.mark.parametrize("lang", LANGS)
def test_a_borrowed_method_is_credited_in_the_facts_box(site, lang):
    """An exercise with a credit shows where its method comes from, beside its run time;
    an exercise of the handbook's own shows no credit line."""
    label = HANDBOOK.labels("exercise_credit", lang)
    for exercise in EXERCISES:
        page = (site / lang / page_html(exercise.page)).read_text(encoding="utf-8")
        facts = page[page.index('class="hb-facts"'):]
        facts = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", facts[:facts.index("</div>")]))
                         .split())
        if exercise.credit is None:
            assert label not in facts, exercise.id
        else:
            credit = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", exercise.credit[lang])
            assert f"{label} {' '.join(credit.split())}" in facts, exercise.id


@pytest.mark.parametrize("lang", LANGS)
def test_exercise_index_can_be_narrowed_without_javascript(site, lang):
    page = read_page(site / lang / "ovelser" / "index.html")
    for rec in HANDBOOK.recommendations:
        assert rec.id in page.ids
    assert {"kort", "middels", "lang"} <= page.ids
    hrefs = {url for tag, url, attrs in page.links if tag == "a"}
    assert {f"#{rec.id}" for rec in HANDBOOK.recommendations} <= hrefs


@pytest.mark.parametrize("lang", LANGS)
def test_programme_page_links_every_session_exercise(site, lang):
    assert (site / lang / page_html(PROGRAMME)).exists()
    linked = links_from(site, lang, page_html(PROGRAMME))
    page = read_page(site / lang / page_html(PROGRAMME))
    for module in HANDBOOK.programme.modules:
        assert module.id in page.ids
        for exercise_id in module.exercise_ids:
            assert page_html(HANDBOOK.exercise(exercise_id).page) in linked


@pytest.mark.parametrize("lang", LANGS)
def test_programme_sessions_carry_their_recommendations_titles(site, lang):
    html = (site / lang / "program" / "index.html").read_text(encoding="utf-8")
    for module in HANDBOOK.programme.modules:
        if module.recommendation_id:
            heading = re.search(rf'<h2 id="{module.id}">(.*?)<', html).group(1)
            title = HANDBOOK.recommendation(module.recommendation_id).title[lang]
            assert heading.endswith(f". {title}"), (heading, title)


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - id: modul-uenighet\n    kind: recommendation\n",
     "  - id: modul-uenighet\n    kind: recommendation\n"
     "    title: {nb: Egen tittel, nn: Eigen tittel, da: Egen titel}\n",
     "takes its title from the recommendation (remove title:)"),
    ("    kind: follow-up\n    title:\n" + "".join(
        f"      {lang}: {text}\n" for lang, text in next(
            m for m in HANDBOOK.programme.modules if m.kind == "follow-up").title.items()),
     "    kind: follow-up\n", "has no title: (add one with a text in every language"),
], ids=["title-on-recommendation-session", "no-title-on-follow-up"])
def test_programme_session_titles_are_checked(tmp_path, old, new, message):
    lines = problems_after(tmp_path, "programme.yml", old, new)
    assert any(line.startswith("content/programme.yml:") and message in line
               for line in lines), lines


def problems_after(tmp_path, file: str, old: str, new: str) -> list[str]:
    """What loading says about a copy of content/ with `old` changed to `new` in `file`."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    return [str(problem) for problem in caught.value.problems]


BAD_REFERENCES = [
    ("factors: [fasilitering-av-moter, tone-og-dialog, plass-for-alle-synspunkter]",
     "factors: [fasilitering-av-moter, tone-og-dialogen, plass-for-alle-synspunkter]",
     "content/exercises/runden.yml:", "there is no promoting factor with the id 'tone-og-dialogen'"
     " (did you mean 'tone-og-dialog'?)"),
    ("recommendations: [klare-forventninger, uenighet]",
     "recommendations: [klare-forventninger, uenighet-x]",
     "content/exercises/runden.yml:", "there is no recommendation with the id 'uenighet-x'"),
    ("factors: [fasilitering-av-moter, tone-og-dialog, plass-for-alle-synspunkter]",
     "factors: [fasilitering-av-moter, tone-og-dialog, forpliktende-fellesskap]",
     "content/exercises/runden.yml:", "'forpliktende-fellesskap' belongs to recommendation"),
    ("duration_minutes: 30", "duration_minutes: 35", "content/exercises/runden.yml:",
     "duration_minutes is 35, but the steps add up to 30 minutes"),
]


@pytest.mark.parametrize(("old", "new", "where", "message"), BAD_REFERENCES,
                         ids=["unknown-factor", "unknown-recommendation", "foreign-factor",
                              "minutes-disagree"])
def test_bad_exercise_reference_names_the_file(tmp_path, old, new, where, message):
    lines = problems_after(tmp_path, "exercises/runden.yml", old, new)
    assert any(line.startswith(where) and message in line for line in lines), lines


def test_programme_pointing_at_a_missing_exercise_is_caught(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "exercises" / "runden.yml").unlink()
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("content/programme.yml:")
               and "there is no exercise with the id 'runden'" in line for line in lines), lines


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_each_exercise_prints_on_one_a4_page_without_site_chrome(browser, server, lang,
                                                                  tmp_path):
    page = browser.new_page()
    try:
        for exercise in EXERCISES:
            pages, text = printed_on_a4(page, f"{server}/{lang}/ovelser/{exercise.id}/",
                                        tmp_path / f"{lang}-{exercise.id}.pdf")
            assert pages == 1, f"{exercise.id} ({lang}) prints on {pages} pages"
            assert " ".join(exercise.steps[-1].text[lang].split())[:40] in text
            assert HANDBOOK.labels("nav_recommendations", lang) not in text, "navigation printed"
    finally:
        page.close()
