"""Unit tests of the self-assessment's arithmetic and answer-code format: the very JavaScript
module the pages load (docs/pages/assets/javascripts/assessment-core.js), run in Node."""

from __future__ import annotations

import json
import math

import pytest
from assessment_helpers import (
    EDITION,
    FACTORS,
    HANDBOOK,
    RECOMMENDATIONS,
    STATEMENTS,
    answer_code,
    core,
    digits_with,
    node,
    numbered_code,
    other_edition,
)


def test_scores_are_means_per_recommendation_weakest_first():
    rec1, rec2, rec3 = (r.factors for r in HANDBOOK.recommendations[:3])
    answers = {rec1[0].id: 2, rec1[1].id: 3, rec1[2].id: 5,  # 10/3
               rec2[0].id: 4, rec2[2].id: 4,                 # 4, one unanswered
               rec3[0].id: 1, rec3[1].id: 2, rec3[2].id: 2}  # 5/3
    scores = core("scoreRecommendations", RECOMMENDATIONS, STATEMENTS, answers)
    assert [s["number"] for s in scores] == [3, 1, 2, 4, 5, 6]
    assert math.isclose(scores[0]["mean"], 5 / 3)
    assert math.isclose(scores[1]["mean"], 10 / 3)
    assert scores[2]["mean"] == 4 and scores[2]["answered"] == 2 and scores[2]["total"] == 3
    assert [s["mean"] for s in scores[3:]] == [None, None, None]


def test_an_answer_outside_one_to_five_does_not_count():
    factors = HANDBOOK.recommendations[0].factors
    answers = {factors[0].id: 4, factors[1].id: 7, factors[2].id: "5"}
    scores = core("scoreRecommendations", RECOMMENDATIONS, STATEMENTS, answers)
    first = next(s for s in scores if s["number"] == 1)
    assert first["mean"] == 4 and first["answered"] == 1


@pytest.mark.parametrize(("lang", "value", "shown"), [("nb", 10 / 3, "3,3"), ("da", 5 / 3, "1,7"),
                                                     ("nb", 4, "4,0")])
def test_numbers_are_written_as_the_language_writes_them(lang, value, shown):
    assert core("format", value, lang) == shown


def test_answer_code_matches_the_documented_format_and_reads_back():
    answers = {factor: (i % 5) + 1 for i, factor in enumerate(FACTORS)}
    answers.pop(FACTORS[5])
    code = core("encodeCode", EDITION, STATEMENTS, answers, "middle")
    digits = "".join(str(answers.get(f, 0)) for f in FACTORS)
    assert code == answer_code(digits, "M")
    decoded = core("decodeCode", "  " + code.lower() + "\n", EDITION, len(FACTORS))
    assert decoded["role"] == "middle"
    assert decoded["values"] == [answers.get(f) for f in FACTORS]


def test_no_code_before_anything_is_answered():
    assert core("encodeCode", EDITION, STATEMENTS, {}, "") is None


def test_every_changed_digit_and_every_swap_is_caught():
    code = answer_code(digits_with({0: 1, 3: 5, 9: 2, 17: 4}), "T")
    tampered = []
    for i, char in enumerate(code):
        if char.isdigit():
            tampered += [code[:i] + d + code[i + 1:] for d in "012345" if d != char]
        if i + 1 < len(code) and char != code[i + 1] and char.isdigit() and code[i + 1].isdigit():
            tampered.append(code[:i] + code[i + 1] + char + code[i + 2:])
    tampered.append(code.replace("-T-", "-M-"))
    results = node("return data.all.map((a) => core.decodeCode(...a));",
                   all=[[text, EDITION, len(FACTORS)] for text in tampered])
    accepted = [text for text, result in zip(tampered, results, strict=True)
                if "error" not in result and text != code]
    assert not accepted, accepted


@pytest.mark.parametrize("text", ["", "hello", "LG1-T-333-00", "LG1-Q-" + "3" * 18 + "-00",
                                  answer_code("3" * 17), answer_code("6" * 18),
                                  answer_code("0" * 18), "<b>LG1</b>"])
def test_malformed_codes_are_refused(text):
    assert core("decodeCode", text, EDITION, len(FACTORS)) == {"error": "malformed"}


def test_a_code_from_another_edition_is_refused_as_such_and_named():
    other = other_edition()
    assert core("decodeCode", answer_code(digits_with({}), edition=other), EDITION,
                len(FACTORS)) == {"error": "edition", "edition": other}


def test_a_code_of_a_numbered_edition_from_before_the_fingerprint_is_named_as_such():
    code = numbered_code(digits_with({}), 1, "T")
    assert core("decodeCode", code, EDITION, len(FACTORS)) == {"error": "edition", "edition": "1"}
    broken = code[:-2] + f"{(int(code[-2:]) + 1) % 100:02d}"
    assert core("decodeCode", broken, EDITION, len(FACTORS)) == {"error": "malformed"}


def test_a_changed_edition_is_a_broken_code_not_another_edition():
    code = answer_code(digits_with({}))
    changed = code.replace(f"-{EDITION}-", f"-{other_edition()}-")
    assert core("decodeCode", changed, EDITION, len(FACTORS)) == {"error": "malformed"}


def members(*codes):
    return [core("decodeCode", code, EDITION, len(FACTORS)) for code in codes]


GROUP = [answer_code(digits_with({0: a, 4: b, 7: c}))
         for a, b, c in ((2, 1, 5), (4, 5, 5), (3, 3, 4), (3, 1, 5), (3, 5, 4))]


def test_group_statistics_means_spreads_and_the_disagreement_flag():
    stats = core("groupStats", STATEMENTS, members(*GROUP))
    rows = {row["factor"]: row for row in stats["rows"]}
    assert stats["members"] == 5
    assert math.isclose(rows[FACTORS[0]]["mean"], 3)
    assert math.isclose(rows[FACTORS[0]]["spread"], math.sqrt(2 / 5))
    assert math.isclose(rows[FACTORS[4]]["spread"], math.sqrt(16 / 5))
    assert math.isclose(rows[FACTORS[7]]["mean"], 23 / 5)
    assert rows[FACTORS[1]]["spread"] == 0
    assert stats["flagged"] == [FACTORS[4]]
    assert [r["factor"] for r in stats["rows"] if r["flagged"]] == [FACTORS[4]]
    assert "roles" not in stats or stats["roles"] is None
    assert all(set(row) == {"factor", "recommendation", "n", "mean", "spread", "counts", "held",
                            "flagged"} for row in stats["rows"]), "no individual answers in the result"
    assert rows[FACTORS[0]]["counts"] == [0, 1, 3, 1, 0] and rows[FACTORS[0]]["held"] is None


def test_fewer_than_three_members_give_nothing():
    codes = [answer_code(digits_with({})), answer_code(digits_with({0: 5}))]
    assert core("groupStats", STATEMENTS, members(*codes)) is None


def test_a_statement_answered_by_fewer_than_three_shows_no_numbers():
    codes = [answer_code(digits_with({2: 0})), answer_code(digits_with({2: 0})),
             answer_code(digits_with({2: 5}))]
    row = core("groupStats", STATEMENTS, members(*codes))["rows"][2]
    assert row["n"] == 1 and row["mean"] is None and row["spread"] is None


def test_roles_are_compared_only_with_three_of_each_and_the_rest_none_or_three():
    top = [answer_code(digits_with({5: v}), "T") for v in (5, 4, 3)]
    middle = [answer_code(digits_with({5: v}), "M") for v in (2, 1, 3)]
    none = [answer_code(digits_with({5: v})) for v in (1, 2, 3)]
    stats = core("groupStats", STATEMENTS, members(*top, *middle))
    row = stats["roles"]["rows"][5]
    assert (row["top"], row["middle"], row["difference"]) == (4, 2, 2)
    assert [r["factor"] for r in stats["roles"]["rows"] if r["flagged"]] == [FACTORS[5]]
    everyone = core("groupStats", STATEMENTS, members(*top, *middle, *none))
    assert everyone["roles"]["rows"][5]["top"] == 4
    assert core("groupStats", STATEMENTS, members(*top, *middle[:2]))["roles"] is None
    for extra in (1, 2):
        some = members(*top, *middle, *none[:extra])
        assert core("groupStats", STATEMENTS, some)["roles"] is None


def test_spread_is_held_back_below_five_answers():
    codes = [answer_code(digits_with({0: v})) for v in (1, 5, 3, 4, 2)]
    assert core("groupStats", STATEMENTS, members(*codes[:4]))["rows"][0]["spread"] is None
    assert math.isclose(core("groupStats", STATEMENTS, members(*codes))["rows"][0]["spread"],
                        math.sqrt(2))


def test_codes_are_compared_in_one_canonical_form_and_duplicates_left_out():
    a = answer_code(digits_with({0: 1}), "T")
    b = answer_code(digits_with({0: 5}), "M")
    padded = " ".join([a[:9].lower(), a[9:]])
    read = core("readCodes", "\n".join([a, padded, b, " " + b.lower()]), EDITION, len(FACTORS))
    assert [m["code"] for m in read["members"]] == [a, b]
    assert [(p["kind"], p["line"], p["first"]) for p in read["problems"]] == [
        ("duplicate", 2, 1), ("duplicate", 4, 3)]
    assert core("groupStats", STATEMENTS, read["members"]) is None


def test_pasted_input_is_bounded_and_a_megabyte_is_read_quickly():
    result = node("""
        const text = ("LG1-X-12,nonsense;" + "x".repeat(30) + "\\n").repeat(22000);
        const started = Date.now();
        const read = core.readCodes(text, data.edition, data.count);
        const first = core.firstProblems(read.problems);
        return {ms: Date.now() - started, size: text.length, cut: read.cut,
                shown: first.shown.length, more: first.more, total: read.problems.length};
    """, edition=EDITION, count=len(FACTORS))
    assert result["size"] > 1_000_000
    assert result["ms"] < 1000, result
    assert result["shown"] == 20 and result["more"] == result["total"] - 20 > 0
    assert result["cut"] == result["size"] - node("return core.MAX_INPUT;")


def test_saved_answers_are_read_and_bad_entries_left_out():
    record = {"format": "samarbeid-i-ledergruppa/egenvurdering", "edition": EDITION,
              "role": "top", "answers": {FACTORS[0]: 4, FACTORS[1]: 9, "no-such-factor": 3}}
    read = core("readRecord", json.dumps(record), FACTORS)
    assert read["answers"] == {FACTORS[0]: 4}
    assert read["skipped"] == 2 and read["role"] == "top"


def test_answers_and_results_saved_under_the_handbooks_first_name_are_still_read():
    record = {"format": "velfungerende-ledergruppe/egenvurdering", "edition": EDITION,
              "role": "", "answers": {FACTORS[0]: 4}}
    assert core("readRecord", json.dumps(record), FACTORS)["answers"] == {FACTORS[0]: 4}
    assert core("makeRecord", EDITION, {}, "")["format"] == "samarbeid-i-ledergruppa/egenvurdering"
    saved = core("makeResult", EDITION, core("groupStats", STATEMENTS, members(*GROUP)), "2026-11-27")
    assert saved["format"] == "samarbeid-i-ledergruppa/grupperesultat"
    former = dict(saved, format="velfungerende-ledergruppe/grupperesultat")
    assert core("readResult", json.dumps(former), FACTORS) == core("readResult", json.dumps(saved), FACTORS)


@pytest.mark.parametrize("text", ["{not json", "[]", "null", '{"answers": {}}', '"text"'])
def test_corrupt_saved_answers_are_recognised(text):
    assert core("readRecord", text, FACTORS) is None


def test_a_saved_result_is_read_back_and_anything_else_refused():
    stats = core("groupStats", STATEMENTS, members(*GROUP))
    saved = core("makeResult", EDITION, stats, "2026-11-27")
    assert set(saved) == {"format", "edition", "date", "members", "statements"}
    assert saved["edition"] == EDITION
    read = core("readResult", json.dumps(saved), FACTORS)
    assert read["members"] == 5 and read["date"] == "2026-11-27"
    assert read["statements"][FACTORS[0]] == {"n": 5, "mean": 3.0, "spread": 0.6,
                                              "counts": [0, 1, 3, 1, 0], "held": None}
    first = saved["statements"][0]
    broken = dict(saved, statements=[dict(first, mean=9)])
    miscounted = dict(saved, statements=[dict(first, counts=[0, 1, 3, 1, 1])])
    contradicting = dict(saved, statements=[dict(first, mean=4.0)])
    for text in ("{", "[]", json.dumps(dict(saved, format="x")), json.dumps(broken),
                 json.dumps(miscounted), json.dumps(contradicting),
                 json.dumps(dict(saved, statements=[{"factor": "no-such", "n": 1}]))):
        assert core("readResult", text, FACTORS) is None, text


def test_a_saved_file_shows_no_more_than_a_result_would():
    """The rules of what may be shown apply when a file is opened, too: a file edited to hold
    a spread and counts for 4 answers, or a mean for 2, shows them as held back, with why."""
    row = {"factor": FACTORS[0], "mean": 3.0, "spread": 0.7, "counts": [0, 1, 2, 1, 0]}
    file = {"format": "velfungerende-ledergruppe/grupperesultat", "edition": EDITION,
            "date": "2026-01-01", "members": 4, "statements": [dict(row, n=4)]}
    read = core("readResult", json.dumps(file), FACTORS)["statements"][FACTORS[0]]
    assert read == {"n": 4, "mean": 3.0, "spread": None, "counts": None, "held": "spread"}
    two = dict(file, statements=[dict(row, n=2, counts=[0, 1, 0, 1, 0])])
    read = core("readResult", json.dumps(two), FACTORS)["statements"][FACTORS[0]]
    assert read == {"n": 2, "mean": None, "spread": None, "counts": None, "held": "group"}


def test_two_results_compare_per_recommendation_over_the_statements_both_show():
    rec = HANDBOOK.recommendations[0]
    own = [f.id for f in rec.factors]

    def result(means, spreads):
        rows = {f: {"n": 5, "mean": None, "spread": None} for f in FACTORS}
        for factor, mean, spread in zip(own, means, spreads, strict=True):
            rows[factor] = {"n": 5, "mean": mean, "spread": spread}
        return {"statements": rows}

    earlier = result([2.0, 3.0, 4.0], [1.0, None, 1.0])
    later = result([3.0, 3.0, 4.5], [0.5, 0.4, None])
    rows = core("compareResults", RECOMMENDATIONS, STATEMENTS, earlier, later)
    first = next(r for r in rows if r["id"] == rec.id)
    assert math.isclose(first["mean"]["change"], (10.5 - 9) / 3)
    # spreads only where both rounds show one: the first statement
    assert (first["spread"]["earlier"], first["spread"]["later"]) == (1.0, 0.5)
    others = [r for r in rows if r["id"] != rec.id]
    assert all(r["mean"]["change"] is None for r in others)
