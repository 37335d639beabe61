"""The anonymous round (pairwise masks from key agreement, ARCHITECTURE.md "The anonymous round:
design and threat model"), run in Node on the very assessment-core.js the group page loads.

For each party, what it sees is shown to be independent of any one member's answers: two
groups with the same totals, in which one member's answers differ, give the party the same
distribution of everything it sees. The parties: an observer of every code (the chat, and so
the collector, who sees no more), a single member (who also knows their own keys), the one who
hands out the list of keys (the set's size and fingerprint change with any key added or
swapped), and a member's two contributions for two sets (a redo after someone left). The sum
is exact, and a mistyped code is caught."""

from __future__ import annotations

import math
import random

import pytest
from assessment_helpers import EDITION, FACTORS, STATEMENTS, node, other_edition

ROUND = """
    const answersOf = (values) => Object.fromEntries(
      data.statements.map((s, i) => [s.factor, values[i]]).filter(([, v]) => v));
    const keys = async (size) => { const k = []; for (let i = 0; i < size; i++) k.push(await core.makeKey(data.edition)); return k; };
    /** A round: every member's key, the set, each member's contribution (in member order). */
    const round = async (group, made) => {
      made = made || await keys(group.length);
      const codes = made.map((m) => m.code);
      const shares = [];
      for (let i = 0; i < group.length; i++) {
        const given = await core.contribute(data.edition, data.statements, answersOf(group[i]), made[i].kept, codes);
        if (given.error) throw new Error(given.error);
        shares.push(given.code);
      }
      return { made, codes, shares };
    };
    const vectorOf = (code) => core.decodeShare(code, data.edition, data.statements.length).vector;
"""

SIZE = len(FACTORS) * 5  # numbers in a contribution


def run(body, **data):
    return node(ROUND + body, edition=EDITION, statements=STATEMENTS, **data)


def counts(group):
    rows = []
    for i in range(len(FACTORS)):
        rows.append([sum(1 for member in group if member[i] == v) for v in range(1, 6)])
    return rows


def random_group(rng, size):
    group = [[rng.choice([0, 1, 2, 3, 4, 5]) for _ in FACTORS] for _ in range(size)]
    for member in group:
        member[rng.randrange(len(FACTORS))] = rng.randint(1, 5)  # everyone answers something
    return group


def chi_square_limit(df: int) -> float:
    return df + 6 * math.sqrt(2 * df)  # a uniform sample exceeds it with p < 1e-8


def assert_uniform(histogram, label):
    expected = sum(histogram) / len(histogram)
    chi2 = sum((c - expected) ** 2 / expected for c in histogram)
    assert chi2 < chi_square_limit(len(histogram) - 1), (label, chi2)


def assert_same_distribution(first, second, label):
    chi2 = sum((a - b) ** 2 / (a + b) for a, b in zip(first, second, strict=True) if a + b)
    assert chi2 < chi_square_limit(len(first) - 1), (label, chi2)


@pytest.mark.parametrize("size", [3, 5, 12, 31])
def test_the_sum_of_the_contributions_is_exactly_the_groups_counts(size):
    rng = random.Random(size)
    group = random_group(rng, size)
    result = run("""
        const { shares } = await round(data.group);
        const shuffled = shares.slice().reverse().join("\\n  Kari 10:14: ");
        return core.sumShares(shuffled, data.edition, data.statements);
    """, group=group)
    assert [t["counts"] for t in result["totals"]] == counts(group)
    stats = result["stats"]
    assert stats["members"] == size
    for row, total in zip(stats["rows"], counts(group), strict=True):
        n = sum(total)
        assert row["n"] == n
        assert row["counts"] == (total if n >= 5 else None)
        assert (row["mean"] is None) == (n < 3)
        if n >= 3:
            assert math.isclose(row["mean"], sum(c * v for v, c in enumerate(total, 1)) / n)


ROUNDS = 400


def test_an_observer_of_every_code_sees_numbers_independent_of_the_answers():
    """Hundreds of rounds of three for a group that answers all 1 and one that answers all 5:
    every number of every contribution is spread evenly over 0-31 (so is each position), and
    the two groups' contributions cannot be told apart. The key codes are made before any
    answer is used. Whoever collects the codes sees exactly this, and so does the chat."""
    stats = run("""
        const collect = async (values) => {
          const group = [values, values, values];
          const all = Array(core.MODULUS).fill(0);
          const first = Array(data.statements.length * 5).fill(0);
          for (let r = 0; r < data.rounds; r++) {
            const { shares } = await round(group);
            shares.forEach((code, member) => vectorOf(code).forEach((v, i) => {
              all[v] += 1;
              if (member === 0) first[i] += v;
            }));
          }
          return { all, means: first.map((x) => x / data.rounds) };
        };
        const n = data.statements.length;
        return { low: await collect(Array(n).fill(1)), high: await collect(Array(n).fill(5)) };
    """, rounds=ROUNDS)
    modulus = 32
    sd = math.sqrt((modulus ** 2 - 1) / 12 / ROUNDS)
    for side in ("low", "high"):
        assert_uniform(stats[side]["all"], side)
        for mean in stats[side]["means"]:
            assert abs(mean - (modulus - 1) / 2) < 6 * sd, (side, mean)
    assert_same_distribution(stats["low"]["all"], stats["high"]["all"], "low vs high")


def test_a_single_member_sees_the_others_as_noise_around_their_sum():
    """Member 1 of 3 knows their own keys, so they can take off the masks they share with the
    others: what is left of member 2's contribution is still uniform, whatever member 2
    answered (two groups with the same totals: member 2 and member 3 swap answers), and only
    the sum of members 2 and 3 comes out. The same holds for every member, in any position."""
    rng = random.Random(7)
    a = [rng.randint(1, 5) for _ in FACTORS]
    b = [6 - v for v in a]
    stats = run("""
        const collect = async (group) => {
          const left = Array(core.MODULUS).fill(0);
          const sums = new Set();
          for (let r = 0; r < data.rounds; r++) {
            const { made, codes, shares } = await round(group);
            const set = await core.memberSet(data.edition, codes);
            const me = set.codes.indexOf(made[0].code);
            const mine = await crypto.subtle.importKey("jwk", made[0].kept.key,
              { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
            const stripped = [];
            for (const other of [1, 2]) {
              const j = set.codes.indexOf(made[other].code);
              const point = core.decodeKey(made[other].code, data.edition).point;
              const mask = await core.pairMask(mine, point, set, data.statements.length * 5);
              // member `other` added the mask when it came before member 1, else subtracted it
              stripped.push(vectorOf(shares[other]).map((v, i) =>
                (((j < me ? v - mask[i] : v + mask[i]) % core.MODULUS) + core.MODULUS) % core.MODULUS));
            }
            stripped[0].forEach((v) => { left[v] += 1; });
            sums.add(JSON.stringify(stripped[0].map((v, i) => (v + stripped[1][i]) % core.MODULUS)));
          }
          return { left, sums: [...sums] };
        };
        return { one: await collect([data.me, data.a, data.b]),
                 other: await collect([data.me, data.b, data.a]) };
    """, rounds=ROUNDS, me=[3] * len(FACTORS), a=a, b=b)
    assert_uniform(stats["one"]["left"], "member 2, first group")
    assert_uniform(stats["other"]["left"], "member 2, second group")
    assert_same_distribution(stats["one"]["left"], stats["other"]["left"], "two groups")
    both = [v for pair in zip(counts([a]), counts([b]), strict=True)
            for v in (x + y for x, y in zip(*pair, strict=True))]
    assert stats["one"]["sums"] == stats["other"]["sums"] == [str(both).replace(" ", "")], (
        "all member 1 can take out is the sum of the other two")


def test_two_contributions_of_one_member_for_two_sets_reveal_nothing_together():
    """A redo after someone left: the masks are derived afresh for the new set (it is the HKDF
    salt), so the difference of a member's two contributions is uniform, whatever the member
    answered; and a member never gives two contributions for the same set."""
    stats = run("""
        const collect = async (values) => {
          const differences = Array(core.MODULUS).fill(0);
          for (let r = 0; r < data.rounds; r++) {
            const made = await keys(4);
            const codes = made.map((m) => m.code);
            const first = await core.contribute(data.edition, data.statements, answersOf(values), made[0].kept, codes);
            const second = await core.contribute(data.edition, data.statements, answersOf(values), first.kept, codes.slice(0, 3));
            vectorOf(first.code).forEach((v, i) => {
              differences[(v - vectorOf(second.code)[i] + core.MODULUS) % core.MODULUS] += 1;
            });
          }
          return differences;
        };
        const made = await keys(3);
        const codes = made.map((m) => m.code);
        const ones = answersOf(Array(data.statements.length).fill(1));
        const once = await core.contribute(data.edition, data.statements, ones, made[0].kept, codes);
        const again = await core.contribute(data.edition, data.statements, ones, once.kept, codes);
        const changed = await core.contribute(data.edition, data.statements,
          answersOf(Array(data.statements.length).fill(2)), once.kept, codes);
        return { low: await collect(Array(data.statements.length).fill(1)),
                 high: await collect(Array(data.statements.length).fill(5)),
                 same: again.code === once.code, changed: changed.error };
    """, rounds=ROUNDS // 2)
    assert_uniform(stats["low"], "difference, answers 1")
    assert_uniform(stats["high"], "difference, answers 5")
    assert_same_distribution(stats["low"], stats["high"], "two members' differences")
    assert stats["same"], "the same answers for the same set give the same contribution"
    assert stats["changed"] == "changed", "other answers for the same set are refused"


def test_whoever_hands_out_the_keys_cannot_change_the_set_unseen():
    """The set's size and fingerprint are what the room compares aloud: a key added, left out
    or swapped for another changes the fingerprint (every one of 300 tries), and the order the
    keys are pasted in does not. A member whose own key is missing, or a set of fewer than 3,
    gets no contribution."""
    result = run("""
        const made = await keys(8);
        const codes = made.map((m) => m.code);
        const real = await core.memberSet(data.edition, codes);
        const shuffled = await core.memberSet(data.edition, codes.slice().reverse());
        const prints = new Set([real.fingerprint, (await core.memberSet(data.edition, codes.slice(1))).fingerprint]);
        let collisions = prints.size === 2 ? 0 : 1;
        for (let t = 0; t < 150; t++) {
          const fake = (await core.makeKey(data.edition)).code;
          for (const set of [codes.concat([fake]), codes.slice(1).concat([fake])]) {
            const fingerprint = (await core.memberSet(data.edition, set)).fingerprint;
            if (prints.has(fingerprint)) collisions += 1;
            prints.add(fingerprint);
          }
        }
        const other = await core.memberSet(data.other, codes);
        const answers = answersOf(Array(data.statements.length).fill(3));
        return {
          size: real.size, same: shuffled.fingerprint === real.fingerprint, fingerprint: real.fingerprint,
          collisions, otherEdition: other.fingerprint !== real.fingerprint,
          notIn: (await core.contribute(data.edition, data.statements, answers, made[0].kept, codes.slice(1))).error,
          two: await core.contribute(data.edition, data.statements, answers, made[0].kept, codes.slice(0, 2)),
        };
    """, other=other_edition())
    assert result["size"] == 8 and result["same"]
    assert result["collisions"] == 0
    assert result["otherEdition"]
    assert len(result["fingerprint"].replace(" ", "")) == 12
    assert result["notIn"] == "not-in-set"
    assert result["two"] == {"error": "too-few", "members": 2}


def test_the_masks_are_hkdf_of_each_pairs_key_agreement_salted_with_the_set():
    """Checked against Node's own crypto (not WebCrypto): a member's contribution minus their
    counts is the sum of HKDF-SHA-256(ECDH secret, salt = the set's hash) over the pairs, added
    for members after them and subtracted for those before. So the cover comes from the key
    agreement alone: without a pair's secret the mask cannot be made."""
    result = run("""
        const nodeCrypto = require("crypto");
        const made = await keys(4);
        const codes = made.map((m) => m.code);
        const values = data.statements.map((s, i) => (i % 5) + 1);
        const given = await core.contribute(data.edition, data.statements, answersOf(values), made[0].kept, codes);
        const set = await core.memberSet(data.edition, codes);
        const me = set.codes.indexOf(made[0].code);
        const own = nodeCrypto.createPrivateKey({ key: made[0].kept.key, format: "jwk" });
        const expected = core.ownVector(data.statements, answersOf(values));
        set.codes.forEach((code, j) => {
          if (j === me) return;
          const point = Buffer.from(core.decodeKey(code, data.edition).point);
          const publicKey = nodeCrypto.createPublicKey({ key: { kty: "EC", crv: "P-256",
            x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") }, format: "jwk" });
          const secret = nodeCrypto.diffieHellman({ privateKey: own, publicKey });
          const mask = Buffer.from(nodeCrypto.hkdfSync("sha256", secret, Buffer.from(set.salt),
            "velfungerende-ledergruppe/maske", expected.length));
          mask.forEach((b, i) => { expected[i] = (expected[i] + (me < j ? b : 32 * 8 - b)) % 32; });
        });
        return { got: vectorOf(given.code), expected };
    """)
    assert result["got"] == result["expected"]


def test_every_changed_character_and_every_swap_is_caught():
    result = run("""
        const { codes, shares } = await round([Array(data.statements.length).fill(2),
          Array(data.statements.length).fill(3), Array(data.statements.length).fill(4)]);
        const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ-";
        const accepted = [];
        const check = (code, read) => {
          const same = JSON.stringify(read(code));
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
        };
        const readKey = (text) => { const k = core.decodeKey(text, data.edition); return k.error ? k : { code: k.code }; };
        const readShare = (text) => core.decodeShare(text, data.edition, data.statements.length);
        check(codes[0], readKey);
        check(shares[1], readShare);
        const relaxed = (code) => code.toLowerCase().replace(/0/g, "o").replace(/1/g, "l").replace(/(.{20})/g, "$1\\n  ");
        return { accepted,
                 key: readKey(relaxed(codes[0])).code === codes[0],
                 share: readShare(relaxed(shares[1])).code === shares[1] };
    """)
    assert result["accepted"] == []
    assert result["key"] and result["share"], "lower case, spaces, O for 0, l for 1 are read"


def test_the_sum_refuses_missing_mixed_forged_and_too_few():
    result = run("""
        const threes = Array(data.statements.length).fill(3);
        const { shares } = await round([threes, threes, threes, threes]);
        const other = await round([threes, threes, threes]);
        const forged = core.decodeShare(shares[0], data.edition, data.statements.length);
        forged.vector[0] = (forged.vector[0] + 7) % core.MODULUS;
        const tampered = core.encodeShare(data.edition, forged.tag, forged.position, forged.size, forged.vector);
        const pair = [1, 2].map((p) => core.encodeShare(data.edition, "ABCD", p, 2, forged.vector));
        const sum = (list) => { const r = core.sumShares(list.join("\\n"), data.edition, data.statements); delete r.problems; delete r.cut; return r; };
        return {
          missing: sum(shares.slice(0, 2).concat([shares[3]])),
          mixed: sum(shares.concat(other.shares)),
          tampered: sum([tampered].concat(shares.slice(1))),
          two: sum(pair),
          none: sum(["hello"]),
          twice: core.sumShares(shares.concat([shares[2].toLowerCase()]).join("\\n"), data.edition, data.statements).problems,
          edition: core.decodeShare(shares[0], data.other, data.statements.length),
          third: core.decodeShare(shares[2], data.edition, data.statements.length).position,
        };
    """, other=other_edition())
    assert result["missing"] == {"error": "missing", "missing": [result["third"]], "size": 4}
    assert result["mixed"] == {"error": "mixed"}
    assert result["tampered"] == {"error": "inconsistent"}
    assert result["two"] == {"error": "too-few", "members": 2}
    assert result["none"] == {"error": "none"}
    assert [p["kind"] for p in result["twice"]] == ["duplicate"]
    assert result["edition"] == {"error": "edition", "edition": EDITION}
