"""Answer codes carry the edition of the statements: a fingerprint the build takes from the
statements themselves, the same in every language. A code made on one language's page is read
on every other's; a sound code from another edition is named as such (with both editions), in
the reader's language, and told apart from a broken code; nobody raises a number by hand."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from assessment_helpers import (
    ASSESSMENT,
    EDITION,
    FACTORS,
    HANDBOOK,
    answer,
    answer_code,
    digits_with,
    numbered_code,
    other_edition,
    text_check,
)
from conftest import CONTENT, LANGS

from macros import plain_yaml
from macros.addresses import GROUP_ASSESSMENT
from macros.content.load import load_handbook
from macros.render.assessment import assessment_data


def page_data(site, lang: str, page: str) -> dict:
    html = (site / lang / page / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" class="hb-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))[0]


def test_every_language_page_carries_the_same_edition(site):
    editions = {lang: page_data(site, lang, page)["edition"]
                for lang in LANGS for page in ("egenvurdering", "egenvurdering/gruppe")}
    assert set(editions.values()) == {EDITION}, editions
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}", EDITION)


def rewrite(path, change) -> None:
    """Let `change` edit the data of a copied content file, which keeps its schema line."""
    text = path.read_text(encoding="utf-8")
    data = plain_yaml.load(text)
    change(data)
    path.write_text(text.splitlines()[0] + "\n"  # the schema line check asks for
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def edition_after(tmp_path, change, recommendation_change=None) -> str:
    """The edition the group page gets after `change` edits a copy of self-assessment.yml (and
    `recommendation_change`, if given, the first statement's recommendation file)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if recommendation_change:
        factor = HANDBOOK.self_assessment.statements[0].factor_id
        first = next(r for r in HANDBOOK.recommendations
                     if factor in (f.id for f in r.factors))
        rewrite(content / first.source.relative_to(CONTENT), recommendation_change)
    rewrite(content / "self-assessment.yml", change)
    handbook = load_handbook(content)
    editions = {assessment_data(handbook, lang, GROUP_ASSESSMENT)["edition"] for lang in LANGS}
    assert len(editions) == 1, editions
    return editions.pop()


def test_the_edition_is_the_statements_and_nothing_else(tmp_path):
    assert edition_after(tmp_path / "same", lambda data: None) == EDITION


@pytest.mark.parametrize("lang", LANGS)
def test_an_edit_to_a_statement_in_any_language_is_a_new_edition(tmp_path, lang):
    def edit(data):
        data["statements"][-1]["text"][lang] += " (endret)"
    assert edition_after(tmp_path, edit) != EDITION


def test_statements_in_another_order_are_a_new_edition(tmp_path):
    """The statements follow their factors (check holds that), so an editor reorders them by
    reordering a recommendation's first two factors and their statements alike."""
    def swap(data):
        data["statements"][0], data["statements"][1] = data["statements"][1], data["statements"][0]

    def swap_factors(data):
        data["factors"][0], data["factors"][1] = data["factors"][1], data["factors"][0]
    assert edition_after(tmp_path, swap, swap_factors) != EDITION


def test_the_self_assessment_has_no_version_for_an_editor_to_raise():
    data = plain_yaml.load(ASSESSMENT.source.read_text(encoding="utf-8"))
    assert "version" not in data


# --- in the browser, in every language ---------------------------------------------------------

OTHER = other_edition()
THREE = {FACTORS[0]: 2, FACTORS[1]: 4, FACTORS[-1]: 5}


def made_on(page, server, lang: str) -> str:
    """The code a member gets on the self-assessment page in `lang` (each language's member
    gives the first statement another answer, so that no two codes are the same)."""
    page.goto(f"{server}/{lang}/egenvurdering/")
    answer(page, {**THREE, FACTORS[0]: 1 + LANGS.index(lang) % 5})
    return page.locator("[data-hb=code]").input_value()


def round_key(edition: str) -> str:
    """A key code of the round with a sound check (its point is not read before its edition)."""
    body = f"LGN-{edition}-" + "0" * 52
    return f"{body}-{text_check(body)}"


def problems(page) -> list[str]:
    items = page.locator("[data-hb=alert] li")
    return [items.nth(i).inner_text() for i in range(items.count())]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_group_view_reads_other_languages_codes_and_names_other_editions(page, server, lang):
    others = [made_on(page, server, other) for other in LANGS if other != lang] or [
        made_on(page, server, lang)]
    group = [answer_code(digits_with({0: v})) for v in (3, 4)]
    broken = group[0][:-2] + f"{(int(group[0][-2:]) + 1) % 100:02d}"
    lines = [*others, *group, answer_code(digits_with({}), edition=OTHER),
             numbered_code(digits_with({}), 1, "T"), broken]
    page.goto(f"{server}/{lang}/egenvurdering/gruppe/")
    page.locator("#hb-ga-codes").fill("\n".join(lines))
    page.locator("[data-hb=combine]").click()
    first = len(others) + len(group) + 1
    label = lambda key: HANDBOOK.labels(key, lang)  # noqa: E731
    assert problems(page) == [
        label("ga_other_edition").format(line=first, edition=OTHER, current=EDITION),
        label("ga_other_edition").format(line=first + 1, edition="1", current=EDITION),
        label("ga_bad_code").format(line=first + 2, code=broken),
    ]
    assert page.locator("[data-hb=status]").inner_text().startswith(
        label("ga_count").format(count=len(others) + len(group)))
    assert page.locator("[data-hb=results]").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_round_code_from_another_edition_is_named_and_a_broken_one_is_not(page, server, lang):
    made_on(page, server, lang)
    page.goto(f"{server}/{lang}/egenvurdering/gruppe/")
    page.locator("[data-hb=round-key]").click()
    own = page.locator("[data-hb=round-key-out]")
    own.wait_for()
    broken = own.input_value()[:-1] + ("0" if own.input_value()[-1] != "0" else "1")
    page.locator("#hb-ga-round-keys").fill("\n".join([round_key(OTHER), broken]))
    page.locator("[data-hb=round-check]").click()
    items = page.locator("[data-hb=set-problems] li")
    assert items.all_inner_texts() == [
        HANDBOOK.labels("ga_round_other_edition", lang).format(line=1, edition=OTHER,
                                                               current=EDITION),
        HANDBOOK.labels("ga_round_key_bad", lang).format(line=2, code=broken[:40] + "…")]
    page.locator("#hb-ga-round-keys").fill(own.input_value())
    page.locator("[data-hb=round-check]").click()
    assert items.count() == 0
    assert page.locator("[data-hb=set-alert]").inner_text() == HANDBOOK.labels(
        "ga_round_error_too_few", lang).format(count=1, minimum=3)
