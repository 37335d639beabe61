"""The anonymous round as a leadership group runs it, in headless Chromium, each member in a
browser of their own: every member posts a key code, pastes the whole chat of key codes, sees
how many they are and the same fingerprint as everyone else, and posts a contribution; anyone
pastes the contributions and gets the group's exact result. A member who drops out is left out
by the others with one click each. No code shows an answer, nothing leaves a browser but what
a member copies, and a saved result holds only what the screen shows."""

from __future__ import annotations

import json
import math
import random

import pytest
from assessment_helpers import FACTORS, HANDBOOK, STORAGE_KEY, phone_problems
from browsing import new_context
from tour import SCREENS

pytestmark = pytest.mark.browser


def record(answers: dict) -> str:
    return json.dumps({"format": "samarbeid-i-ledergruppa/egenvurdering", "edition": "x",
                       "role": "", "answers": answers})


def one_decimal(value: float) -> str:
    return f"{round(value + 1e-9, 1):.1f}".replace(".", ",")


def label(key: str, **values) -> str:
    text = HANDBOOK.labels(key, "nb")
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.fixture
def group(browser, server):
    """Members, each with their own browser profile and their answers saved in it."""
    contexts = []

    def open_members(size: int, seed: int):
        rng = random.Random(seed)
        answers = [{f: rng.randint(1, 5) for f in FACTORS if rng.random() > 0.1}
                   for _ in range(size)]
        pages = []
        for own in answers:
            context = new_context(browser, viewport=SCREENS["desktop"], accept_downloads=True)
            contexts.append(context)
            page = context.new_page()
            page.requests = []
            page.on("request", lambda r, page=page: page.requests.append(r.url))
            page.errors = []
            page.on("pageerror", lambda e, page=page: page.errors.append(str(e)))
            page.goto(f"{server}/nb/egenvurdering/")
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, record(own)])
            page.goto(f"{server}/nb/egenvurdering/gruppe/")
            pages.append(page)
        return answers, pages

    yield open_members
    for context in contexts:
        context.close()


def chat(codes: list[str]) -> str:
    """The codes as a chat shows them: a name and a time before each."""
    return "\n".join(f"Medlem {i} kl. 10.{i:02d}: {code}" for i, code in enumerate(codes, 1))


def post_keys(pages) -> list[str]:
    codes = []
    for page in pages:
        page.locator("[data-hb=round-key]").click()
        out = page.locator("[data-hb=round-key-out]")
        out.wait_for()
        codes.append(out.input_value())
    return codes


def check_keys(page, keys: str) -> str:
    page.locator("#hb-ga-round-keys").fill(keys)
    page.locator("[data-hb=round-check]").click()
    size = page.locator("[data-hb=set-size]")
    size.wait_for()
    return size.inner_text()


def contribute(page) -> str:
    out = page.locator("[data-hb=round-share-out]")
    before = out.input_value()
    page.locator("[data-hb=round-add]").click()
    page.wait_for_function("([before]) => { const v = document.querySelector("
                           "'[data-hb=round-share-out]').value; return v && v !== before; }",
                           arg=[before])
    return out.input_value()


def run_round(pages, keys: str) -> list[str]:
    """Step 2 for every member: the same size and fingerprint everywhere, then a contribution."""
    shown = {check_keys(page, keys) for page in pages}
    assert len(shown) == 1, f"the members see different sets: {shown}"
    return [contribute(page) for page in pages]


def sum_shares(page, shares: list[str]):
    page.locator("#hb-ga-round-shares").fill(chat(shares))
    page.locator("[data-hb=round-sum]").click()


def expected_rows(group) -> dict[str, list[str]]:
    held = label("ga_held_back")
    rows = {}
    for factor in FACTORS:
        values = [answers[factor] for answers in group if factor in answers]
        n = len(values)
        mean = one_decimal(sum(values) / n) if n >= 3 else held
        spread = (one_decimal(math.sqrt(sum((v - sum(values) / n) ** 2 for v in values) / n))
                  if n >= 5 else held)
        counts = ("\u00a0\u00b7\u00a0".join(str(values.count(v)) for v in range(1, 6)) if n >= 5  # kept together on a line
                  else held)
        rows[factor] = [str(n), mean, spread, counts]
    return rows


def shown_rows(page) -> dict[str, list[str]]:
    page.locator("[data-hb=results] table").first.wait_for()
    return {factor: [page.locator(f'.hb-ga-table tr[data-factor="{factor}"] .hb-{name}')
                     .inner_text() for name in ("n", "mean", "spread", "counts")]
            for factor in FACTORS}


def assert_private(group, pages, codes, server):
    for page, answers in zip(pages, group, strict=True):
        digits = "".join(str(v) for v in answers.values())
        assert not any(digits[:6] in code for code in codes), "a code spells out answers"
        assert [u for u in page.requests if not u.startswith(server)] == []
        assert page.errors == []


@pytest.mark.parametrize("size", [3, 12])
def test_a_round_gives_every_member_the_same_set_and_the_exact_result(group, server, size,
                                                                      tmp_path):
    answers, pages = group(size, seed=size)
    keys = post_keys(pages)
    assert len(set(keys)) == size
    shown = check_keys(pages[0], chat(keys))
    assert shown.startswith(label("ga_round_set", count=size, fingerprint="").strip()[:12])
    members = pages[0].locator("[data-hb=round-members] li")
    assert members.count() == size
    assert members.filter(has_text=label("ga_round_you")).count() == 1
    shares = run_round(pages, chat(keys))
    collector = pages[-1]
    sum_shares(collector, shares)
    assert shown_rows(collector) == expected_rows(answers)
    assert collector.locator("[data-hb=results] .hb-ga-source").inner_text() == label(
        "ga_source_round", count=size)
    assert_private(answers, pages, keys + shares, server)
    if size < 5:
        return
    # The result saved as a file holds what the screen shows, and nothing else.
    with collector.expect_download() as download:
        collector.locator("[data-hb=save-result]").click()
    later = tmp_path / "later.json"
    download.value.save_as(later)
    saved = json.loads(later.read_text())
    assert set(saved) == {"format", "edition", "date", "members", "statements"}
    assert all(set(row) == {"factor", "n", "mean", "spread", "counts"}
               for row in saved["statements"])
    assert not any(code[-20:] in later.read_text() for code in keys + shares)
    # An earlier round of three more: compared. One with one answer fewer: refused, per
    # statement, with a line saying why.
    for extra, refused in ((3, False), (1, True)):
        earlier_data = dict(saved, date="2000-01-01", members=size + extra, statements=[
            dict(row, n=row["n"] + extra, counts=None,
                 mean=None if row["mean"] is None else round(row["mean"] - 0.5, 1))
            for row in saved["statements"]])
        earlier = tmp_path / f"earlier-{extra}.json"
        earlier.write_text(json.dumps(earlier_data))
        collector.locator("[data-hb=open-results]").set_input_files([str(later), str(earlier)])
        table = collector.locator("[data-hb=comparison] table")
        table.wait_for()
        changes = table.locator(".hb-mean-change").all_inner_texts()
        lines = collector.locator("[data-hb=refused] li")
        if refused:
            assert set(changes) == {""}, "nothing compared"
            assert lines.count() == len(FACTORS)
            assert lines.first.inner_text().endswith(label("ga_compare_refused").split("}")[-1]
                                                     .strip()[-20:])
        else:
            assert "+0,5" in changes
            assert lines.count() == 0
    collector.set_viewport_size(SCREENS["phone"])
    assert phone_problems(collector.locator("[data-hb=results] .hb-ga-table").first) == []


def test_a_member_who_drops_out_is_left_out_with_one_click_and_nothing_is_exposed(group, server):
    answers, pages = group(5, seed=5)
    keys = post_keys(pages)
    leaver = keys[2]
    stayers = pages[:2] + pages[3:]
    first = run_round(stayers, chat(keys))
    pages[2].context.close()  # member 3 leaves before adding their answers
    collector = stayers[0]
    sum_shares(collector, first)
    alert = collector.locator("[data-hb=sum-alert]").inner_text()
    tag = leaver.split("-")[2][:4]
    position = sorted(keys).index(leaver) + 1
    assert alert == label("ga_round_error_missing", count=1, size=5, numbers=position)
    assert collector.locator("[data-hb=results]").is_hidden()
    # Each of the others takes the leaver out (one click) and adds their answers again.
    shown = set()
    for page in stayers:
        item = page.locator(f'[data-hb=round-members] li[data-key="{tag}"]')
        item.locator("[data-hb=leave-out]").click()
        page.wait_for_function("document.querySelectorAll('[data-hb=round-members] li')"
                               ".length === 4")
        shown.add(page.locator("[data-hb=set-size]").inner_text())
    assert len(shown) == 1 and next(iter(shown)).startswith("4 ")
    second = [contribute(page) for page in stayers]
    assert not set(first) & set(second)
    sum_shares(collector, second)
    kept = answers[:2] + answers[3:]
    assert shown_rows(collector) == expected_rows(kept)
    assert_private(kept, stayers, keys + first + second, server)
