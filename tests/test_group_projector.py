"""The group result on a projector, and one saved result file shared by the group page and the
planner (issue 34): the file the group page saves is the file the planner reads for its focus
and the projector view shows, one statement at a time, biggest spread first, in letters of at
least 28 px at 1920×1080, moved by a clicker's keys; with an earlier file open too it shows the
change the page's comparison shows. Where the result holds how many chose each value, the view
shows that distribution, and only then: from five members, not from three or four, where it
says why. Expectations come from content/ and the saved file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from assessment_helpers import FACTORS, HANDBOOK, STATEMENTS, answer_code
from browsing import new_context
from node_module import NodeModule
from tour import SCREENS

from macros.languages import PUBLISHED_CODES as LANGS

ROOT = Path(__file__).resolve().parent.parent
PROJECTOR = NodeModule(ROOT / "docs/pages/assets/javascripts/group-projector.js")
GROUP_PAGE = "egenvurdering/gruppe/"
MIN_PX = 28  # readable from six metres on a projector at 1920×1080


def projector(fn: str, *args):
    return PROJECTOR.run("return core[data.fn](...data.args);", fn=fn, args=list(args))


# Six members whose answers differ more on some statements than on others.
MEMBERS = ["".join(str(1 + (i * (m % 4 + 1) + m + i // 4 + m * i // 5) % 5)
                   for i in range(len(FACTORS))) for m in range(6)]
CODES = [answer_code(digits) for digits in MEMBERS]


def combined() -> dict:
    """The result of MEMBERS as a saved file has it (spreads to one decimal), made in Python."""
    rows = []
    for i, factor in enumerate(FACTORS):
        values = [int(digits[i]) for digits in MEMBERS]
        mean = sum(values) / len(values)
        spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
        rows.append({"factor": factor, "n": len(values), "mean": mean,
                     "spread": math.floor(spread * 10 + 0.5) / 10})
    return {"statements": rows}


def expected_order(result: dict) -> list[str]:
    """Biggest spread first; held-back spreads after, in the page's order."""
    rows = {row["factor"]: row for row in result["statements"]}
    order = list(enumerate(FACTORS))
    shown = sorted((p for p in order if rows[p[1]]["spread"] is not None),
                   key=lambda p: (-rows[p[1]]["spread"], p[0]))
    return [f for _, f in shown] + [f for _, f in order if rows[f]["spread"] is None]


def weakest(result: dict, count: int = 2) -> list[str]:
    """The planner's rule: the lowest means of the statements' means, ties at the edge too."""
    means: dict[str, list[float]] = {}
    for row in result["statements"]:
        if row["mean"] is not None:
            means.setdefault(HANDBOOK.factors[row["factor"]].recommendation_id, []).append(row["mean"])
    scores = sorted((sum(v) / len(v), rec.number, rec.id) for rec in HANDBOOK.recommendations
                     if (v := means.get(rec.id)))
    edge = scores[count - 1][0]
    return [rec_id for index, (mean, _, rec_id) in enumerate(scores)
            if index < count or abs(mean - edge) < 1e-9]


def decimal(value: float | None, held_back: str) -> str:
    return held_back if value is None else f"{value:.1f}".replace(".", ",")


# --- the order of the slides, in Node (no DOM) ----------------------------------------------

def test_slides_put_the_biggest_spread_first_and_show_counts_only_where_the_result_holds_them():
    spreads = [0.4, None, 1.8, 1.1] + [0.2] * (len(STATEMENTS) - 4)
    result = {"statements": {s["factor"]: {"n": 6, "mean": 3.0, "spread": spread}
                             for s, spread in zip(STATEMENTS, spreads, strict=True)}}
    result["statements"][STATEMENTS[2]["factor"]]["counts"] = [1, 2, 0, 0, 3]
    result["statements"][STATEMENTS[3]["factor"]]["counts"] = [1, 2, 3]  # not a distribution
    slides = projector("slides", result, STATEMENTS, None)
    assert [s["factor"] for s in slides][:3] == [STATEMENTS[i]["factor"] for i in (2, 3, 0)]
    assert slides[-1]["factor"] == STATEMENTS[1]["factor"]  # held back: last
    assert slides[0]["counts"] == [1, 2, 0, 0, 3]
    assert all(s["counts"] is None for s in slides[1:])
    assert all(s["compare"] is None for s in slides)


def test_each_slide_carries_its_recommendations_comparison_row():
    rows = [{"id": rec.id, "mean": {"earlier": 3, "later": 3.5, "change": 0.5}}
            for rec in HANDBOOK.recommendations]
    result = {"statements": {s["factor"]: {"n": 6, "mean": 3.0, "spread": 1.0} for s in STATEMENTS}}
    for slide in projector("slides", result, STATEMENTS, rows):
        assert slide["compare"]["id"] == slide["recommendation"]


# --- in Chromium: one saved file, the planner, the projector --------------------------------

@pytest.fixture(scope="module")
def saved(browser, server, tmp_path_factory) -> Path:
    """The result file the group page saves from the members' codes."""
    context = new_context(browser, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/{LANGS[0]}/{GROUP_PAGE}")
        page.locator("#hb-ga-codes").fill("\n".join(CODES))
        page.locator("[data-hb=combine]").click()
        with page.expect_download() as download:
            page.locator("[data-hb=save-result]").click()
        path = tmp_path_factory.mktemp("result") / "gruppe.json"
        download.value.save_as(path)
    finally:
        context.close()
    return path


def test_the_planner_takes_its_focus_from_the_file_the_group_page_saves(page, server, saved):
    result = json.loads(saved.read_text(encoding="utf-8"))
    lang = LANGS[-1]
    page.goto(f"{server}/{lang}/samling/")
    with page.expect_file_chooser() as chooser:
        page.check("#hb-focus-group")
    chooser.value.set_files(str(saved))
    page.wait_for_url(f"**r={','.join(weakest(result))}*")
    status = page.text_content("[data-hb=focus-status]")
    for rec_id in weakest(result):
        assert HANDBOOK.recommendation(rec_id).title[lang] in status


def open_projector(page, source: str) -> None:
    page.locator(f"[data-hb-projector={source}] button").click()
    page.locator("[data-hb=projector]").wait_for()


def shown_factor(page) -> str:
    return page.get_attribute("[data-hb=projector-statement]", "data-factor")


TOO_SMALL = """([dialog, least]) => {
  const small = [];
  const walker = document.createTreeWalker(dialog, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.data.trim() || !parent.checkVisibility()) continue;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    if (size < least) small.push(`${size}px: ${node.data.trim().slice(0, 40)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_projector_shows_a_saved_file_one_statement_at_a_time_biggest_spread_first(
        browser, server, saved, lang):
    result = json.loads(saved.read_text(encoding="utf-8"))
    rows = {row["factor"]: row for row in result["statements"]}
    order = expected_order(result)
    held_back = HANDBOOK.labels("ga_held_back", lang)
    context = new_context(browser, viewport=SCREENS["projector"])
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{GROUP_PAGE}")
        page.set_input_files("[data-hb=open-results]", str(saved))
        open_projector(page, "comparison")
        dialog = page.locator("[data-hb=projector]")
        assert dialog.evaluate("d => d.getBoundingClientRect().width") == SCREENS["projector"]["width"]
        for index, factor in enumerate(order[:3]):
            assert shown_factor(page) == factor
            statement = next(s for s in HANDBOOK.self_assessment.statements if s.factor_id == factor)
            assert page.text_content("[data-hb=projector-statement]") == statement.text[lang]
            figures = page.locator(".hb-projector-figures dd").all_text_contents()
            assert figures == [decimal(rows[factor]["mean"], held_back),
                               decimal(rows[factor]["spread"], held_back), str(rows[factor]["n"])]
            # The file holds no counts (or null): no distribution is shown, and the page says why.
            assert (page.locator(".hb-projector-bars").count() == 0) == (
                rows[factor].get("counts") is None)
            assert not page.evaluate(TOO_SMALL, [dialog.element_handle(), MIN_PX])
            page.keyboard.press(["PageDown", "ArrowRight", "Space"][index])
        assert shown_factor(page) == order[3]
        page.keyboard.press("PageUp")
        page.keyboard.press("ArrowLeft")
        assert shown_factor(page) == order[1]
        page.keyboard.press("b")
        assert page.locator("[data-hb=projector-blank]").is_visible()
        page.keyboard.press("Escape")  # the innermost thing first: the blank screen
        assert not page.locator("[data-hb=projector-blank]").is_visible() and dialog.is_visible()
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert page.evaluate("document.activeElement.closest('[data-hb-projector]') !== null")
    finally:
        context.close()


def test_the_projector_shows_the_change_since_an_earlier_result(browser, server, saved, tmp_path):
    lang = LANGS[0]
    result = json.loads(saved.read_text(encoding="utf-8"))
    earlier = {**result, "date": "2020-01-15", "statements": [
        # counts go with the mean they give: a file whose counts contradict its mean is refused
        {**row, "mean": None if row["mean"] is None else max(1.0, row["mean"] - 0.7),
         "counts": None}
        for row in result["statements"]]}
    old = tmp_path / "earlier.json"
    old.write_text(json.dumps(earlier), encoding="utf-8")
    context = new_context(browser, viewport=SCREENS["projector"])
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{GROUP_PAGE}")
        page.set_input_files("[data-hb=open-results]", [str(old), str(saved)])
        open_projector(page, "comparison")
        for _ in range(len(FACTORS)):
            rec_id = HANDBOOK.factors[shown_factor(page)].recommendation_id
            table = page.locator(f'.hb-ga-compare tr[data-recommendation="{rec_id}"]')
            earlier_mean = table.locator(".hb-mean-earlier").text_content()
            later_mean = table.locator(".hb-mean-later").text_content()
            line = page.text_content("[data-hb-compare=mean]")
            assert f"{earlier_mean} \u2192 {later_mean}" in line, (line, earlier_mean, later_mean)
            assert "2020-01-15" in page.text_content(".hb-projector-compare h3")
            page.keyboard.press("PageDown")
        assert not page.evaluate(TOO_SMALL, [page.locator("[data-hb=projector]").element_handle(),
                                             MIN_PX])
    finally:
        context.close()


def test_a_result_just_combined_goes_on_the_projector_too(browser, server):
    lang = LANGS[0]
    context = new_context(browser, viewport=SCREENS["projector"])
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{GROUP_PAGE}")
        assert page.locator("[data-hb-projector=results]").is_hidden()
        page.locator("#hb-ga-codes").fill("\n".join(CODES))
        page.locator("[data-hb=combine]").click()
        open_projector(page, "results")
        assert page.text_content("[data-hb=projector-where]").startswith(
            HANDBOOK.labels("ga_projector_of", lang).format(number=1, total=len(FACTORS)))
        assert shown_factor(page) == expected_order(combined())[0]
    finally:
        context.close()


def answer_counts(members: list[str], factor: str) -> list[int]:
    """How many of `members` chose 1 … 5 for `factor`, from the answers the test gave."""
    values = [int(digits[FACTORS.index(factor)]) for digits in members]
    return [values.count(value) for value in range(1, 6)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_projector_shows_how_many_chose_each_value_from_five_members_and_says_why_not_below(
        browser, server, lang):
    """Codes combined on the group page: six or five members give each statement's distribution,
    read from six metres; four and three members give none, and the view says why."""
    count_label = HANDBOOK.labels("ga_projector_count", lang)
    context = new_context(browser, viewport=SCREENS["projector"])
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{GROUP_PAGE}")
        for members in (MEMBERS, MEMBERS[:5], MEMBERS[:4], MEMBERS[:3]):
            page.locator("#hb-ga-codes").fill("\n".join(answer_code(d) for d in members))
            page.locator("[data-hb=combine]").click()
            open_projector(page, "results")
            dialog = page.locator("[data-hb=projector]")
            bars = page.locator(".hb-projector-bars")
            note = page.locator("[data-hb=projector] .hb-projector-note")
            if len(members) >= 5:
                for _statement in range(2):  # the first statement and the next
                    counts = answer_counts(members, shown_factor(page))
                    assert sum(counts) == len(members)
                    assert page.locator(".hb-projector-count").all_text_contents() == [
                        count_label.format(count=count) for count in counts]
                    assert bars.is_visible() and note.count() == 0
                    assert not page.evaluate(TOO_SMALL, [dialog.element_handle(), MIN_PX])
                    page.keyboard.press("PageDown")
            else:
                assert bars.count() == 0
                assert note.is_visible()
                assert note.text_content() == HANDBOOK.labels("ga_projector_no_counts", lang)
                assert page.text_content(".hb-projector-figures").count(
                    HANDBOOK.labels("ga_held_back", lang)) >= 1  # no spread either
                assert not page.evaluate(TOO_SMALL, [dialog.element_handle(), MIN_PX])
            page.keyboard.press("Escape")
            assert not dialog.is_visible()
    finally:
        context.close()
