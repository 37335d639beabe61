"""The four ways the group view once gave individual answers away (issue 11), tried against the
very arithmetic the page runs (assessment-core.js in Node), and each fails: what the screen
shows is the same for two groups in which the victim's answers differ, so nothing on the
screen can tell what the victim answered.

"The screen" is every number the group view shows, as it shows them (one decimal)."""

from __future__ import annotations

import itertools
import random

from assessment_helpers import EDITION, FACTORS, STATEMENTS, answer_code, node

SCREEN = """
    const number = (v) => (v === null ? null : core.format(v, "nb"));
    const screen = (codes) => {
      const members = codes.map((c) => core.decodeCode(c, data.edition, data.count));
      const stats = core.groupStats(data.statements, members);
      if (!stats) return null;
      return {
        rows: stats.rows.map((r) => [r.n, number(r.mean), number(r.spread)]),
        roles: stats.roles ? stats.roles.rows.map((r) => [number(r.top), number(r.middle)]) : null
      };
    };
"""


def screens(*groups):
    """What the group view shows for each group of codes."""
    return node(SCREEN + "return data.groups.map(screen);", groups=[list(g) for g in groups],
                edition=EDITION, count=len(FACTORS), statements=STATEMENTS)


def code(values, role="X"):
    return answer_code("".join(str(v) for v in values), role)


def random_answers(rng):
    return [rng.randint(1, 5) for _ in FACTORS]


def with_swapped(group, victim, other, index=None):
    """The group with the victim's and another member's answers swapped (on one statement, or
    on all), roles kept: the same totals, different answers for the victim."""
    swapped = [list(values) for values, _ in group]
    indices = range(len(FACTORS)) if index is None else [index]
    for i in indices:
        swapped[victim][i], swapped[other][i] = swapped[other][i], swapped[victim][i]
    return [(values, role) for values, (_, role) in zip(swapped, group, strict=True)]


def codes_of(group):
    return [code(values, role) for values, role in group]


def test_attack_1_two_top_two_middle_and_one_without_a_role():
    """Once: the lone member's answer = 5·mean − 2·top − 2·middle, all recovered."""
    rng = random.Random(1)
    group = [(random_answers(rng), r) for r in ("T", "T", "M", "M", "X")]
    while group[4][0] == group[0][0]:
        group[4] = (random_answers(rng), "X")
    other = with_swapped(group, victim=4, other=0)
    assert other[4][0] != group[4][0]
    first, second = screens(codes_of(group), codes_of(other))
    assert first["roles"] is None
    assert first == second, "the screen tells the lone member's answers apart"


def test_attack_2_a_middle_manager_skips_a_statement():
    """Once: with 2 top + 2 middle and one middle skipping statement 1, the lone middle answer
    = 3·mean − 2·top. Also with 3 + 3, where the two middles left on that statement would
    learn each other's answer: that statement's role numbers are held back."""
    rng = random.Random(2)
    group = [(random_answers(rng), r) for r in ("T", "T", "M", "M")]
    group[3][0][0] = 0
    group[2][0][0], group[0][0][0] = 2, 5
    (shown,) = screens(codes_of(group))
    assert shown["roles"] is None
    assert screens(codes_of(group))[0] == screens(codes_of(with_swapped(group, 2, 0, 0)))[0]

    bigger = [(random_answers(rng), r) for r in ("T", "T", "T", "M", "M", "M")]
    bigger[5][0][0] = 0
    bigger[3][0][0], bigger[0][0][0] = 1, 4
    first, second = screens(codes_of(bigger), codes_of(with_swapped(bigger, 3, 0, 0)))
    assert first["roles"] is not None, "the other statements still compare the roles"
    assert first["roles"][0] == [None, None]
    assert first["rows"][0] == second["rows"][0] and first["roles"][0] == second["roles"][0]


def test_attack_3_two_in_a_role_learn_each_other():
    """Once: each of two top managers learned the other's answers as 2·role mean − own."""
    rng = random.Random(3)
    group = [(random_answers(rng), r) for r in ("T", "T", "M", "M", "M")]
    while group[1][0] == group[2][0]:
        group[1] = (random_answers(rng), "T")
    other = with_swapped(group, victim=1, other=2)  # the first top manager's answers unchanged
    assert other[0] == group[0] and other[1][0] != group[1][0]
    first, second = screens(codes_of(group), codes_of(other))
    assert first["roles"] is None
    assert first == second


def test_attack_4_three_members_mean_and_spread():
    """Once: with 3 members, mean and spread at one decimal told which three answers were
    given in 33 of 35 combinations. Now only the mean shows below 5 answers, and it gives
    the answers away only where no summary could hide them: everybody at an end of the scale
    (sums 3, 4, 14 and 15: {1,1,1}, {1,1,2}, {4,5,5}, {5,5,5}). The same for 4 members."""
    for size in (3, 4):
        combinations = list(itertools.combinations_with_replacement(range(1, 6), size))
        groups = [[code([values[i]] + [3] * (len(FACTORS) - 1)) for i in range(size)]
                  for values in combinations]
        shown = [tuple(s["rows"][0]) for s in screens(*groups)]
        identified = {values for values, screen in zip(combinations, shown, strict=True)
                      if shown.count(screen) == 1}
        by_sum_alone = {values for values in combinations
                        if [sum(c) for c in combinations].count(sum(values)) == 1}
        assert identified == by_sum_alone, sorted(identified - by_sum_alone)
        assert len(identified) == 4


COMPARE = """
    const resultOf = (codes, date) => {
      const members = codes.map((c) => core.decodeCode(c, data.edition, data.count));
      const saved = core.makeResult(data.edition, core.groupStats(data.statements, members), date);
      return core.readResult(JSON.stringify(saved), data.factors);
    };
    const number = (v) => (v === null ? null : core.format(v, "nb"));
    const compared = (earlier, later) => core.compareResults(data.recommendations, data.statements,
      resultOf(earlier, "2026-01-01"), resultOf(later, "2026-04-01")).map((row) => ({
        refused: row.refused, reason: row.reason,
        mean: [number(row.mean.earlier), number(row.mean.later), number(row.mean.change)],
        spread: [number(row.spread.earlier), number(row.spread.later), number(row.spread.change)] }));
"""


def comparisons(*pairs):
    """What the comparison of two saved results shows, for each (earlier, later) pair."""
    from assessment_helpers import RECOMMENDATIONS
    return node(COMPARE + "return data.pairs.map(([a, b]) => compared(a, b));",
                pairs=[[list(a), list(b)] for a, b in pairs], edition=EDITION,
                count=len(FACTORS), statements=STATEMENTS, factors=FACTORS,
                recommendations=RECOMMENDATIONS)


def test_attack_5_two_saved_results_where_one_member_left_or_joined():
    """Once: the earlier result minus the later gave the leaver's answers, exactly. Now the
    comparison refuses every statement whose number of answers differs by 1 or 2, so it shows
    the same whatever the leaver (or the one who joined, or two) answered; with 3 or more gone
    it compares, and then shows only the total of three or more."""
    rng = random.Random(5)
    stay = [code(random_answers(rng)) for _ in range(6)]
    leavers = [[code(random_answers(rng)) for _ in range(3)] for _ in range(2)]
    shown = comparisons(
        (stay + leavers[0][:1], stay), (stay + leavers[1][:1], stay),     # one left
        (stay, stay + leavers[0][:1]), (stay, stay + leavers[1][:1]),     # one joined
        (stay + leavers[0][:2], stay), (stay + leavers[1][:2], stay),     # two left
        (stay + leavers[0], stay))                                        # three left
    assert shown[0] == shown[1] and shown[2] == shown[3] and shown[4] == shown[5]
    for refused in shown[:6]:
        assert all(row["reason"] == "answers-differ" and row["mean"][2] is None
                   for row in refused)
        assert sum(len(row["refused"]) for row in refused) == len(FACTORS)
    assert all(row["refused"] == [] and row["mean"][2] is not None for row in shown[6])
