"""Nothing a member answers is lost (issue 11), in headless Chromium: two tabs and two languages
stay in step, an import shows what it will change and can be undone, reset removes every copy,
a backup that fails is reported as failed and the original is left alone, and without
JavaScript the page says that answers are not kept."""

from __future__ import annotations

import json

import pytest
from assessment_helpers import FACTORS, HANDBOOK, STORAGE_KEY, answer, checked
from browsing import new_context
from tour import SCREENS

pytestmark = pytest.mark.browser

ALL = {factor: (index % 5) + 1 for index, factor in enumerate(FACTORS)}


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return json.loads(raw)["answers"] if raw else {}


@pytest.fixture
def context(browser):
    context = new_context(browser, viewport=SCREENS["desktop"])
    yield context
    context.close()


def test_two_tabs_in_two_languages_never_overwrite_each_other(context, server):
    norwegian, danish = context.new_page(), context.new_page()
    norwegian.goto(f"{server}/nb/egenvurdering/")
    danish.goto(f"{server}/da/egenvurdering/")  # open before any answer is given
    first, *rest = FACTORS
    # Each tab is brought to the front before a member answers in it, as a member does: in a
    # tab behind another, Chromium runs no animation frames, and each click waits for them.
    norwegian.bring_to_front()
    answer(norwegian, {f: ALL[f] for f in rest})
    danish.wait_for_function(f"document.querySelectorAll('fieldset[data-factor] input:checked')"
                             f".length === {len(rest)}")
    assert danish.locator("[data-hb=tools-status]").inner_text() == HANDBOOK.labels(
        "sa_synced", "da")
    danish.bring_to_front()
    answer(danish, {first: ALL[first]})
    assert stored(danish) == ALL
    # The other tab hears of it through the storage event, which Chromium delivers when it
    # gets to it: once the Norwegian tab shows the answer, its storage holds it too.
    norwegian.wait_for_function(f"document.querySelectorAll('fieldset[data-factor] input:checked')"
                                f".length === {len(FACTORS)}")
    assert stored(norwegian) == ALL
    norwegian.reload()
    assert checked(norwegian) == ALL


def test_a_change_in_a_tab_that_missed_the_event_still_keeps_the_others(context, server):
    """Even without the storage event (a tab asleep), a change is written on top of what is
    stored, never over it."""
    page = context.new_page()
    page.goto(f"{server}/nb/egenvurdering/")
    others = {f: ALL[f] for f in FACTORS[1:]}
    record = {"format": "samarbeid-i-ledergruppa/egenvurdering", "version": 1, "role": "",
              "answers": others}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [STORAGE_KEY, json.dumps(record)])  # same tab: no storage event
    answer(page, {FACTORS[0]: ALL[FACTORS[0]]})
    assert stored(page) == ALL
    assert checked(page) == ALL


def test_import_shows_the_changes_asks_first_and_can_be_undone(context, server, tmp_path):
    page = context.new_page()
    page.goto(f"{server}/nb/egenvurdering/")
    answer(page, ALL)
    other = dict(ALL, **{FACTORS[0]: 1 if ALL[FACTORS[0]] != 1 else 2})
    del other[FACTORS[1]]
    assert page.locator("[data-hb=import-undo]").is_hidden(), "nothing to undo yet"
    path = tmp_path / "andre.json"
    path.write_text(json.dumps({"format": "samarbeid-i-ledergruppa/egenvurdering",
                                "version": 1, "role": "", "answers": other}))
    page.locator("[data-hb=import]").set_input_files(str(path))
    changes = page.locator("[data-hb=import-preview] li")
    changes.first.wait_for()
    assert changes.count() == 2
    assert changes.nth(0).inner_text().startswith(
        HANDBOOK.labels("sa_import_change", "nb").split("{")[0] + "1:")
    assert HANDBOOK.labels("sa_no_answer", "nb") in changes.nth(1).inner_text()
    assert checked(page) == ALL and stored(page) == ALL, "nothing changes before the yes"
    page.locator("[data-hb=import-yes]").click()
    assert checked(page) == other and stored(page) == other
    page.locator("[data-hb=import-undo]").click()
    assert checked(page) == ALL and stored(page) == ALL


def test_an_empty_export_wipes_nothing_without_asking(context, server, tmp_path):
    page = context.new_page()
    page.goto(f"{server}/nb/egenvurdering/")
    answer(page, ALL)
    empty = tmp_path / "tom.json"
    empty.write_text(json.dumps({"format": "samarbeid-i-ledergruppa/egenvurdering",
                                 "version": 1, "role": "", "answers": {}}))
    page.locator("[data-hb=import]").set_input_files(str(empty))
    page.locator("[data-hb=import-preview] li").first.wait_for()
    assert page.locator("[data-hb=import-preview] li").count() == len(FACTORS)
    page.locator("[data-hb=import-no]").click()
    assert checked(page) == ALL and stored(page) == ALL
    assert page.locator("[data-hb=tools-status]").inner_text() == HANDBOOK.labels(
        "sa_import_cancelled", "nb")


def test_reset_removes_every_copy(context, server):
    page = context.new_page()
    page.goto(f"{server}/nb/egenvurdering/")
    page.evaluate("([key]) => localStorage.setItem(key, '{\"answers\": [1, 2')", [STORAGE_KEY])
    page.reload()  # the unreadable answers are copied to the backup key
    answer(page, ALL)
    page.goto(f"{server}/nb/egenvurdering/gruppe/")
    page.locator("[data-hb=round-key]").click()  # keeps this member's key for the round
    page.locator("[data-hb=round-key-out]").wait_for()
    keys = page.evaluate("Object.keys(localStorage)")
    assert {STORAGE_KEY, STORAGE_KEY + ".uleselig", STORAGE_KEY + ".runde"} <= set(keys)
    assert '"d"' in page.evaluate(f"localStorage.getItem('{STORAGE_KEY}.runde')"), "a private key"
    page.goto(f"{server}/da/egenvurdering/")
    page.locator("[data-hb=reset]").click()
    page.locator("[data-hb=reset-yes]").click()
    keys = page.evaluate("Object.keys(localStorage)")
    assert [k for k in keys if k.startswith(STORAGE_KEY)] == []
    assert page.locator("[data-hb=tools-status]").inner_text() == HANDBOOK.labels(
        "sa_reset_done", "da")


def test_a_failed_backup_is_reported_and_the_original_never_overwritten(context, server):
    page = context.new_page()
    page.goto(f"{server}/nb/egenvurdering/")
    corrupt = '{"format": "samarbeid-i-ledergruppa/egenvurdering", "answers": [' + "7" * 4_000_000
    stored_ok = page.evaluate("""([key, value]) => {
        try { localStorage.setItem(key, value); return true; } catch (e) { return false; } }""",
                              [STORAGE_KEY, corrupt])
    assert stored_ok, "the browser's quota is smaller than this test assumes"
    page.reload()
    alert = page.locator("[data-hb=storage-alert]")
    assert alert.inner_text() == HANDBOOK.labels("sa_storage_corrupt_no_copy", "nb")
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}.uleselig')") is None
    answer(page, {FACTORS[0]: 4, FACTORS[1]: 2})
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == corrupt
    assert checked(page) == {FACTORS[0]: 4, FACTORS[1]: 2}, "the answers stay on screen"
    page.locator("[data-hb=reset]").click()
    page.locator("[data-hb=reset-yes]").click()
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None


def test_without_javascript_the_page_says_answers_are_not_kept(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for lang in ("nb", "da"):
            page.goto(f"{server}/{lang}/egenvurdering/")
            note = page.locator("[data-hb=no-js]")
            assert note.is_visible()
            assert note.inner_text() == HANDBOOK.labels("sa_no_js", lang)
    finally:
        context.close()


# Values no page of ours writes, for every key the pages read: an object where a string
# belongs (one whose toString is not a function: String() of it throws), arrays, numbers,
# null, text that is not JSON.
TRAP = {"toString": 1}
CRAFTED_ANSWERS = [
    {"format": "velfungerende-ledergruppe/egenvurdering", "edition": TRAP, "role": TRAP,
     "answers": {FACTORS[0]: 4, FACTORS[1]: TRAP, "__proto__": 5}},
    {"format": "velfungerende-ledergruppe/egenvurdering", "version": ["1"], "answers": [4, 5]},
    None, 42, "text", [TRAP],
]
CRAFTED_KEY = [
    {"edition": TRAP, "code": TRAP, "key": TRAP, "given": TRAP},
    {"edition": "", "code": "LGN-", "key": {"d": "x", "kty": "EC"}, "given": []},
    None, 42, "text", [TRAP],
]
CRAFTED_NOTES = [
    {"format": "velfungerende-ledergruppe/samling", "notes": {"agreements": TRAP},
     "followup": {"date": TRAP, "time": [1], "minutes": "x", "place": TRAP}, "plan": TRAP},
    {"format": "velfungerende-ledergruppe/samling", "notes": "x", "followup": 5},
    None, 42, "text", [TRAP],
]


def test_crafted_values_in_every_key_the_pages_use_never_stop_a_page(context, server):
    """Any value in any key gives at most a line saying so; the pages keep what can be kept
    (a known answer in a broken record), still save, and never throw."""
    from macros.render.session import NOTES_KEY
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/nb/egenvurdering/")
    for index, answers in enumerate(CRAFTED_ANSWERS):
        values = {STORAGE_KEY: answers, STORAGE_KEY + ".uleselig": CRAFTED_KEY[index],
                  STORAGE_KEY + ".runde": CRAFTED_KEY[index], NOTES_KEY: CRAFTED_NOTES[index]}
        for raw in (False, True):  # as JSON, and the JSON's text cut short (not JSON at all)
            page.evaluate("(values) => { localStorage.clear(); for (const [k, v] of "
                          "Object.entries(values)) localStorage.setItem(k, v); }",
                          {key: (json.dumps(value)[:-1] if raw else json.dumps(value))
                           for key, value in values.items()})
            page.goto(f"{server}/nb/egenvurdering/")
            alert = page.locator("[data-hb=storage-alert]").inner_text()
            assert alert != HANDBOOK.labels("sa_storage_unavailable", "nb"), (index, raw)
            if index == 0 and not raw:
                assert checked(page).get(FACTORS[0]) == 4, "a known answer is kept"
            answer(page, {FACTORS[2]: 3})
            assert stored(page).get(FACTORS[2]) == 3, (index, raw, "answers are saved")
            page.goto(f"{server}/nb/egenvurdering/gruppe/")
            assert page.locator("[data-hb=mine]").inner_text() != ""
            page.locator("[data-hb=round-key]").click()
            page.locator("[data-hb=round-key-out]").wait_for()
            page.goto(f"{server}/nb/samling/")
            page.locator("#hb-notes-agreements").fill("Vi prøver igjen")
            assert "Vi prøver igjen" in page.evaluate(f"localStorage.getItem('{NOTES_KEY}')")
            assert errors == [], (index, raw, errors)
