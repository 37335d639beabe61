"""The anonymous round (a secure sum passed round the group), run in Node on the very
assessment-core.js the group page loads: the result is exactly the group's totals, every code
in transit is uniformly random whatever the answers are, the mask comes from
crypto.getRandomValues, and a mistyped code is caught."""

from __future__ import annotations

import math
import random

import pytest
from assessment_helpers import EDITION, FACTORS, STATEMENTS, node, other_edition

ROUND = """
    const answersOf = (values) => Object.fromEntries(
      data.statements.map((s, i) => [s.factor, values[i]]).filter(([, v]) => v));
    const round = (group) => {
      const started = core.startRound(data.edition, data.statements, answersOf(group[0]));
      const codes = [started.code];
      for (const values of group.slice(1)) {
        codes.push(core.addToRound(codes[codes.length - 1], data.edition, data.statements,
                                   answersOf(values)).code);
      }
      const last = codes[codes.length - 1];
      return { codes, finished: core.finishRound(last, started.kept, data.statements) };
    };
"""


def run(body, **data):
    return node(ROUND + body, edition=EDITION, statements=STATEMENTS, **data)


def totals(group):
    rows = []
    for i in range(len(FACTORS)):
        values = [member[i] for member in group if member[i]]
        rows.append({"n": len(values), "sum": sum(values), "squares": sum(v * v for v in values)})
    return rows


@pytest.mark.parametrize("size", [3, 5, 8, 40])
def test_the_result_is_exactly_the_groups_totals(size):
    rng = random.Random(size)
    group = [[rng.choice([0, 1, 2, 3, 4, 5]) for _ in FACTORS] for _ in range(size)]
    for member in group:
        member[rng.randrange(len(FACTORS))] = rng.randint(1, 5)  # everyone answers something
    result = run("return round(data.group).finished;", group=group)
    assert result["totals"] == totals(group)
    stats = result["stats"]
    assert stats["members"] == size
    for row, total in zip(stats["rows"], totals(group), strict=True):
        assert row["n"] == total["n"]
        if total["n"] >= 3:
            assert math.isclose(row["mean"], total["sum"] / total["n"])
        if total["n"] >= 5:
            variance = total["squares"] / total["n"] - (total["sum"] / total["n"]) ** 2
            assert math.isclose(row["spread"], math.sqrt(max(variance, 0)), abs_tol=1e-9)


def test_codes_in_transit_are_uniformly_random_whatever_the_answers():
    """Thousands of rounds of three for a group that answers all 1 and one that answers all 5:
    at every step, the numbers in the code handed on are spread evenly over the whole range
    (chi-square over all of them, and each position's mean), and the two groups' codes cannot
    be told apart."""
    rounds = 1500
    stats = run("""
        const ones = Array(data.statements.length).fill(1);
        const fives = Array(data.statements.length).fill(5);
        const sample = (group) => group.map((_, step) => ({
          counts: Array(core.MODULUS).fill(0), sums: Array(data.statements.length * 3).fill(0)
        }));
        const collect = (group) => {
          const steps = sample(group);
          for (let r = 0; r < data.rounds; r++) {
            round(group).codes.forEach((code, step) => {
              const vector = core.decodeRound(code, data.edition, data.statements.length).vector;
              vector.forEach((v, i) => { steps[step].counts[v] += 1; steps[step].sums[i] += v; });
            });
          }
          return steps.map((s) => ({
            counts: s.counts, means: s.sums.map((x) => x / data.rounds) }));
        };
        return { low: collect([ones, ones, ones]), high: collect([fives, fives, fives]) };
    """, rounds=rounds)
    modulus = node("return core.MODULUS;")
    df = modulus - 1
    limit = df + 6 * math.sqrt(2 * df)  # a uniform sample exceeds it with p < 1e-8
    sd = math.sqrt((modulus ** 2 - 1) / 12 / rounds)
    for side in ("low", "high"):
        for step, sample in enumerate(stats[side]):
            counts = sample["counts"]
            expected = sum(counts) / modulus
            chi2 = sum((c - expected) ** 2 / expected for c in counts)
            assert chi2 < limit, (side, step, chi2)
            for mean in sample["means"]:
                assert abs(mean - (modulus - 1) / 2) < 6 * sd, (side, step, mean)
    for low, high in zip(stats["low"], stats["high"], strict=True):
        pairs = zip(low["counts"], high["counts"], strict=True)
        chi2 = sum((a - b) ** 2 / (a + b) for a, b in pairs if a + b)
        assert chi2 < limit, chi2


def test_the_mask_is_the_only_cover_and_comes_from_crypto_get_random_values():
    """With getRandomValues made to return zeros, the first code is the plain totals: so the
    numbers in transit are random only through the browser's cryptographic generator."""
    result = run("""
        const real = Object.getOwnPropertyDescriptor(globalThis, "crypto");
        const zeros = { getRandomValues: (a) => a.fill(0) };
        Object.defineProperty(globalThis, "crypto", { value: zeros, configurable: true });
        try {
          const values = data.statements.map((s, i) => (i % 5) + 1);
          const started = core.startRound(data.edition, data.statements, answersOf(values));
          return core.decodeRound(started.code, data.edition, data.statements.length).vector;
        } finally {
          Object.defineProperty(globalThis, "crypto", real);  // for the calls that follow
        }
    """)
    expected = []
    for i in range(len(FACTORS)):
        value = (i % 5) + 1
        expected += [1, value, value * value]
    assert result == expected


def test_every_changed_character_and_every_swap_is_caught():
    result = run("""
        const ones = Array(data.statements.length).fill(2);
        const { codes } = round([ones, ones, ones]);
        const code = codes[1];
        const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ-";
        const accepted = [];
        const same = JSON.stringify(core.decodeRound(code, data.edition, data.statements.length));
        const read = (text) => core.decodeRound(text, data.edition, data.statements.length);
        // accepted: read without error as another code (L and 1 are the same character)
        const wrong = (text) => !read(text).error && JSON.stringify(read(text)) !== same;
        for (let i = 0; i < code.length; i++) {
          for (const c of alphabet) {
            if (c === code[i]) continue;
            const changed = code.slice(0, i) + c + code.slice(i + 1);
            if (wrong(changed)) accepted.push(changed);
          }
          if (i + 1 < code.length && code[i] !== code[i + 1]) {
            const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
            if (wrong(swapped)) accepted.push(swapped);
          }
        }
        const relaxed = code.toLowerCase().replace(/0/g, "o").replace(/1/g, "l");
        const spaced = relaxed.replace(/(.{20})/g, "$1\\n  ");
        return { accepted, relaxed: core.decodeRound(spaced, data.edition, data.statements.length),
                 original: core.decodeRound(code, data.edition, data.statements.length) };
    """)
    assert result["accepted"] == []
    assert result["relaxed"] == result["original"], "lower case, spaces, O for 0, l for 1 are read"


def test_finishing_refuses_too_few_another_round_and_impossible_totals():
    result = run("""
        const twos = Array(data.statements.length).fill(2);
        const first = core.startRound(data.edition, data.statements, answersOf(twos));
        const second = core.addToRound(first.code, data.edition, data.statements, answersOf(twos));
        const other = core.startRound(data.edition, data.statements, answersOf(twos));
        const third = core.addToRound(second.code, data.edition, data.statements, answersOf(twos));
        const forged = core.decodeRound(third.code, data.edition, data.statements.length);
        forged.vector[0] = (forged.vector[0] + 7) % core.MODULUS;
        const tampered = core.encodeRound(data.edition, forged.round, forged.members,
                                          forged.vector);
        return {
          two: core.finishRound(second.code, first.kept, data.statements),
          otherRound: core.finishRound(third.code, other.kept, data.statements),
          tampered: core.finishRound(tampered, first.kept, data.statements),
          three: core.finishRound(third.code, first.kept, data.statements).stats.members,
          nextVersion: core.addToRound(third.code, data.other, data.statements,
                                       answersOf(twos)),
        };
    """, other=other_edition())
    assert result["two"] == {"error": "too-few", "members": 2}
    assert result["otherRound"] == {"error": "other-round"}
    assert result["tampered"] == {"error": "inconsistent"}
    assert result["three"] == 3
    assert result["nextVersion"] == {"error": "edition", "edition": EDITION}
