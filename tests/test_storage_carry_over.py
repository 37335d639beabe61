"""The handbook's first name, «Velfungerende ledergruppe», was also the start of every key this
browser kept its data under. On the first visit after the rename everything kept there is
carried over to the new keys (page-kit.js): the answers, their unreadable copy, a round's mask,
the rounds joined, and the session's notes with their plan. Nothing is lost: a value already
under a new key is the newer and is never overwritten, and an old key goes only once its copy
is in place."""

from __future__ import annotations

import json

import pytest
from assessment_helpers import EDITION, FACTORS, HANDBOOK, checked
from browsing import new_context
from tour import SCREENS

from macros.addresses import SELF_ASSESSMENT, SESSION, page_url
from macros.languages import PUBLISHED_CODES as LANGS
from macros.render.assessment import CARRY_OVER, STORAGE_KEY
from macros.render.session import NOTES_KEY

pytestmark = pytest.mark.browser
FORMER = CARRY_OVER["from"]
EXERCISE = HANDBOOK.exercises[0]


def former(key: str) -> str:
    """The key under the handbook's first name."""
    assert key.startswith(CARRY_OVER["to"])
    return FORMER + key.removeprefix(CARRY_OVER["to"])


def answers_record(answers: dict, role: str = "") -> str:
    return json.dumps({"format": "velfungerende-ledergruppe/egenvurdering", "edition": EDITION,
                       "role": role, "answers": answers})


KEPT = {  # every kind of data the pages keep, as an older version of them wrote it
    STORAGE_KEY: answers_record({FACTORS[0]: 4, FACTORS[-1]: 2}, "top"),
    STORAGE_KEY + ".uleselig": '{"answers": [1, 2',
    STORAGE_KEY + ".runde": json.dumps({"round": "K7QX", "edition": EDITION,
                                        "mask": [0] * (3 * len(FACTORS))}),
    STORAGE_KEY + ".runder": json.dumps(["ABCD"]),
    NOTES_KEY: json.dumps({"format": "velfungerende-ledergruppe/samling", "version": 1,
                           "plan": f"i={EXERCISE.id}",
                           "notes": {"agreements": "Vi avtaler A", "decisions": "",
                                     "next_steps": "Neste steg B"},
                           "followup": {"date": "2027-01-15", "time": "14:00", "minutes": 60,
                                        "place": ""}}),
    NOTES_KEY + ".unreadable-1700000000000": "not json",
}


def seed(page, base: str, values: dict[str, str]) -> None:
    """Keys set on the language's home page, which carries nothing over."""
    page.goto(f"{base}/")
    page.evaluate("(values) => { for (const [k, v] of Object.entries(values)) "
                  "localStorage.setItem(k, v); }", values)


def stored(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage)"
                         ".map((k) => [k, localStorage.getItem(k)]))")


@pytest.mark.parametrize("lang", LANGS)
def test_everything_kept_under_the_first_name_is_found_on_the_first_visit(browser, server, lang):
    context = new_context(browser, viewport=SCREENS["desktop"])
    page = context.new_page()
    base = f"{server}/{lang}"
    try:
        seed(page, base, {former(key): value for key, value in KEPT.items()})
        page.goto(f"{base}/{page_url(SELF_ASSESSMENT)}")
        assert checked(page) == {FACTORS[0]: 4, FACTORS[-1]: 2}
        assert page.locator('input[name="sa-role"][value="top"]').is_checked()
        assert stored(page) == KEPT  # every key carried over, and no old key left

        page.goto(f"{base}/{page_url(SESSION)}")
        assert page.input_value("[data-hb-note=agreements]") == "Vi avtaler A"
        assert page.input_value("[data-hb-note=next_steps]") == "Neste steg B"
        assert page.input_value("[data-hb-followup=date]") == "2027-01-15"
        page.locator("[data-hb-note=decisions]").fill("Ny beslutning")
        notes = json.loads(stored(page)[NOTES_KEY])
        assert notes["format"] == "samarbeid-i-ledergruppa/samling"  # saved anew in the new format
        assert notes["notes"]["agreements"] == "Vi avtaler A"
        assert not [key for key in stored(page) if key.startswith(FORMER)]
    finally:
        context.close()


def test_a_newer_value_under_the_new_key_is_kept_and_the_old_one_is_not_lost(browser, server):
    context = new_context(browser, viewport=SCREENS["desktop"])
    page = context.new_page()
    base = f"{server}/{LANGS[0]}"
    newer = json.dumps({"format": "samarbeid-i-ledergruppa/egenvurdering", "edition": EDITION,
                        "role": "", "answers": {FACTORS[0]: 5}})
    older = answers_record({FACTORS[0]: 1})
    try:
        seed(page, base, {STORAGE_KEY: newer, former(STORAGE_KEY): older})
        page.goto(f"{base}/{page_url(SELF_ASSESSMENT)}")
        assert checked(page) == {FACTORS[0]: 5}
        assert stored(page) == {STORAGE_KEY: newer, former(STORAGE_KEY): older}
        # Starting afresh removes every copy, the one under the first name too.
        page.locator("[data-hb=reset]").click()
        page.locator("[data-hb=reset-yes]").click()
        assert stored(page) == {}
    finally:
        context.close()
