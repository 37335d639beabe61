"""The anonymous round as a leadership group runs it, in headless Chromium: five members, each
in a browser of their own, pass the code round; the first gets the group's exact result, no
code handed on shows an answer, nothing leaves a browser but what a member copies; the result
is saved as a file of aggregates only, and two saved rounds are compared per recommendation,
on screen and on paper."""

from __future__ import annotations

import json
import math
import random

import pytest
from assessment_helpers import FACTORS, HANDBOOK, STORAGE_KEY, phone_problems
from browsing import new_context
from tour import SCREENS

pytestmark = pytest.mark.browser

SIZE = 5


def record(answers: dict) -> str:
    return json.dumps({"format": "samarbeid-i-ledergruppa/egenvurdering", "version": 1,
                       "role": "", "answers": answers})


def one_decimal(value: float, lang: str = "nb") -> str:
    text = f"{round(value + 1e-9, 1):.1f}"
    return text.replace(".", ",") if lang in ("nb", "da") else text


@pytest.fixture
def members(browser, server):
    """Five members, each with their own browser profile and their answers saved in it."""
    rng = random.Random(11)
    group = [{f: rng.randint(1, 5) for f in FACTORS if rng.random() > 0.1} for _ in range(SIZE)]
    contexts, pages = [], []
    for answers in group:
        context = new_context(browser, viewport=SCREENS["desktop"],
                              accept_downloads=True)
        page = context.new_page()
        page.requests = []
        page.on("request", lambda r, page=page: page.requests.append(r.url))
        page.goto(f"{server}/nb/egenvurdering/")
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, record(answers)])
        page.goto(f"{server}/nb/egenvurdering/gruppe/")
        contexts.append(context)
        pages.append(page)
    yield group, pages
    for context in contexts:
        context.close()


def run_round(pages) -> list[str]:
    first = pages[0]
    first.locator("[data-hb=round-start]").click()
    codes = [first.locator("[data-hb=round-out]").input_value()]
    for page in pages[1:]:
        page.locator("#hb-ga-round-in").fill(codes[-1])
        page.locator("[data-hb=round-add]").click()
        codes.append(page.locator("[data-hb=round-out]").input_value())
    first.locator("#hb-ga-round-back").fill(codes[-1])
    first.locator("[data-hb=round-finish]").click()
    first.locator("[data-hb=results] table").first.wait_for()
    return codes


def test_a_round_of_five_gives_the_exact_result_and_no_code_shows_an_answer(members, server):
    group, pages = members
    codes = run_round(pages)
    first = pages[0]
    for factor in FACTORS:
        values = [answers[factor] for answers in group if factor in answers]
        row = first.locator(f'.hb-ga-table tr[data-factor="{factor}"]')
        cells = [row.locator(f".hb-{name}").inner_text() for name in ("n", "mean", "spread")]
        held_back = HANDBOOK.labels("ga_held_back", "nb")
        mean = one_decimal(sum(values) / len(values)) if len(values) >= 3 else held_back
        spread = (one_decimal(math.sqrt(sum((v - sum(values) / len(values)) ** 2 for v in values)
                                        / len(values))) if len(values) >= 5 else held_back)
        assert cells == [str(len(values)), mean, spread], factor
    aligned = first.locator(".hb-ga-table td.hb-mean").evaluate_all(
        "cells => cells.map(td => getComputedStyle(td).textAlign)")
    assert set(aligned) == {"right"}, "numbers are right-aligned"
    assert first.locator("[data-hb=results] .hb-ga-source").inner_text() == " ".join([
        HANDBOOK.labels("ga_source_round", "nb").format(count=SIZE),
        HANDBOOK.labels("ga_round_finished", "nb")])
    assert first.evaluate(f"localStorage.getItem('{STORAGE_KEY}.runde')") is None, (
        "the mask is deleted once the round is finished")
    assert len(set(codes)) == SIZE
    for page, code in zip(pages, codes, strict=True):
        digits = "".join(str(v) for v in group[pages.index(page)].values())
        assert digits[:6] not in code, "a code spells out answers"
        assert [u for u in page.requests if not u.startswith(server)] == []


def test_a_member_cannot_add_twice_and_the_first_cannot_finish_too_early(members):
    group, pages = members
    first, second, third = pages[:3]
    first.locator("[data-hb=round-start]").click()
    code = first.locator("[data-hb=round-out]").input_value()
    second.locator("#hb-ga-round-in").fill(code)
    second.locator("[data-hb=round-add]").click()
    passed = second.locator("[data-hb=round-out]").input_value()
    second.locator("#hb-ga-round-in").fill(passed)
    second.locator("[data-hb=round-add]").click()
    assert second.locator("[data-hb=round-alert]").inner_text() == HANDBOOK.labels(
        "ga_round_already_added", "nb")
    first.locator("#hb-ga-round-back").fill(passed)
    first.locator("[data-hb=round-finish]").click()
    assert first.locator("[data-hb=round-alert]").inner_text() == HANDBOOK.labels(
        "ga_round_error_too_few", "nb").format(count=2, minimum=3)
    assert first.locator("[data-hb=results]").is_hidden()
    typo = passed[:30] + ("A" if passed[30] != "A" else "B") + passed[31:]
    third.locator("#hb-ga-round-in").fill(typo)
    third.locator("[data-hb=round-add]").click()
    assert third.locator("[data-hb=round-alert]").inner_text() == HANDBOOK.labels(
        "ga_round_error_malformed", "nb")


def test_a_saved_result_holds_aggregates_only_and_two_rounds_compare(members, tmp_path):
    group, pages = members
    assert pages[0].locator("[data-hb=save-result]").is_hidden(), "nothing to save yet"
    codes = run_round(pages)
    first = pages[0]
    with first.expect_download() as download:
        first.locator("[data-hb=save-result]").click()
    later = tmp_path / "later.json"
    download.value.save_as(later)
    saved = json.loads(later.read_text())
    assert set(saved) == {"format", "edition", "date", "members", "statements"}
    assert all(set(row) == {"factor", "n", "mean", "spread"} for row in saved["statements"])
    assert not any(code[:12] in later.read_text() for code in codes)
    shown = {row["factor"]: row for row in saved["statements"]}
    # an earlier round: every mean 0.5 lower, every spread 0.2 higher, three months before
    earlier_data = dict(saved, date="2000-01-01", members=4, statements=[
        dict(row, mean=None if row["mean"] is None else round(row["mean"] - 0.5, 1),
             spread=None if row["spread"] is None else round(row["spread"] + 0.2, 1))
        for row in saved["statements"]])
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(earlier_data))
    first.locator("[data-hb=open-results]").set_input_files([str(later), str(earlier)])
    table = first.locator("[data-hb=comparison] table")
    table.wait_for()
    for rec in HANDBOOK.recommendations:
        row = table.locator(f'tr[data-recommendation="{rec.id}"]')
        means = [shown[f.id]["mean"] for f in rec.factors if shown[f.id]["mean"] is not None]
        spreads = [shown[f.id]["spread"] for f in rec.factors if shown[f.id]["spread"] is not None]
        if means:
            later_mean = one_decimal(sum(means) / len(means))
            assert row.locator(".hb-mean-later").inner_text() == later_mean
            assert row.locator(".hb-mean-change").inner_text() == "+0,5"
        if spreads:
            assert row.locator(".hb-spread-change").inner_text() == "\u22120,2"
    first.set_viewport_size(SCREENS["phone"])  # on a phone, too
    assert phone_problems(table) == []
    first.emulate_media(media="print")
    assert table.is_visible()
    assert first.locator(".hb-ga-round").is_hidden(), "the forms stay off paper"
