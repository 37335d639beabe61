"""The session page (samling/) in Chromium: a plan made in one language opens from its link in
every other with the same exercises and times; run mode counts down and moves on under a clock
the test controls; what is typed reaches the printed summary, the exported file and the
calendar file, and survives a second tab; the page has no WCAG violations in any state, on a
desktop, a phone and a projector. Expectations come from content/ and the language registry."""

from __future__ import annotations

import json
import subprocess

import pytest
from browsing import new_context, page_at
from conftest import pdf_pages
from test_accessibility import violations
from tour import SCREENS

from macros.content.load import load_handbook
from macros.languages import BY_CODE, CODES, LANGUAGES

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()
PAGE = "samling/"
SIZE = 8


def strings(lang: str) -> dict[str, str]:
    return HANDBOOK.session.for_language(lang)


def fitting(rec_id: str) -> list:
    """The recommendation's exercises for a group of SIZE, shortest first (as the page lists)."""
    return sorted((e for e in HANDBOOK.exercises_for(rec_id) if e.group_min <= SIZE <= e.group_max),
                  key=lambda e: e.duration_minutes)


# A recommendation with at least two exercises a group of SIZE can do.
FOCUS = next(rec for rec in HANDBOOK.recommendations if len(fitting(rec.id)) >= 2)
# An exercise with a silent-writing step, and where that step is.
SILENT = next(e for e in HANDBOOK.exercises if any(s.silent for s in e.steps))

# A clock the test moves: run mode uses window.HandbookClock when the page defines it.
CLOCK = """
window.HandbookClock = (() => {
  let now = 1000000;
  const timers = new Map();
  let next = 1;
  return {
    now: () => now,
    every: (ms, fn) => { timers.set(next, fn); return next++; },
    cancel: (id) => timers.delete(id),
    advance(ms) { now += ms; for (const fn of timers.values()) fn(); },
  };
})();
"""


def agenda(page) -> list[tuple[str, str, str]]:
    """(clock times, exercise id or "", minutes as digits) per agenda row."""
    return page.eval_on_selector_all("[data-hb=agenda] tr", """rows => rows.map(row => [
        row.cells[0].textContent,
        (row.querySelector('a')?.getAttribute('href') || '').split('/').filter(Boolean).pop() || '',
        row.cells[2].textContent.replace(/\\D/g, '')])""")


def plan_in(page, server: str, lang: str) -> None:
    page.goto(f"{server}/{lang}/{PAGE}")
    page.select_option("[data-hb=recommendation]", FOCUS.id)
    page.fill("[data-hb=size]", str(SIZE))
    page.fill("[data-hb=slot]", "90")
    page.fill("[data-hb=longest]", str(max(e.duration_minutes for e in HANDBOOK.exercises)))
    page.dispatch_event("[data-hb=longest]", "change")
    page.fill("[data-hb=start]", "08:45")
    page.dispatch_event("[data-hb=start]", "change")
    page.fill("[data-hb=date]", "2027-02-11")
    page.dispatch_event("[data-hb=date]", "change")
    first, second = fitting(FOCUS.id)[:2]
    add = strings(lang)["add_named"]
    page.get_by_role("button", name=add.format(name=first.title[lang])).click()
    page.fill("[data-hb=break-minutes]", "15")
    page.click("[data-hb=add-break]")
    page.get_by_role("button", name=add.format(name=second.title[lang])).click()


@pytest.mark.parametrize("lang", CODES)
def test_a_plan_opens_from_its_link_in_every_other_language(page, server, lang):
    plan_in(page, server, lang)
    made = agenda(page)
    english = page.evaluate("new Date('2027-02-11T12:00:00').toLocaleDateString('en-US',"
                            " { weekday: 'long', month: 'long' })").split()
    when = page.inner_text("[data-hb=when]")
    assert not set(english) & set(when.replace(",", " ").split()), f"{lang}: {when}"
    first, second = fitting(FOCUS.id)[:2]
    assert [row[1] for row in made] == [first.id, "", second.id]
    assert [row[2] for row in made] == [str(first.duration_minutes), "15",
                                        str(second.duration_minutes)]
    assert made[0][0] == f"08:45–{(8 * 60 + 45 + first.duration_minutes) // 60:02d}:" \
                         f"{(45 + first.duration_minutes) % 60:02d}"
    link = page.input_value("[data-hb=share-link]")
    for other in (language for language in LANGUAGES if language.code != lang):
        # The language links on the page, and the share link with the language swapped.
        page.goto(link)
        page.click(f"[data-hb=languages] a[hreflang={other.code}]")
        page.wait_for_url(f"**/{other.code}/{PAGE}#*")
        assert agenda(page) == made
        assert page.locator("html").get_attribute("lang") == other.code
        page.goto(link.replace(f"/{lang}/{PAGE}", f"/{other.code}/{PAGE}"))
        assert agenda(page) == made
        assert page.input_value("[data-hb=date]") == "2027-02-11"


def test_the_agenda_warns_when_it_runs_past_the_slot(page, server):
    lang = CODES[0]
    plan_in(page, server, lang)
    first, second = fitting(FOCUS.id)[:2]
    total = first.duration_minutes + 15 + second.duration_minutes
    page.fill("[data-hb=slot]", str(total - 5))
    page.dispatch_event("[data-hb=slot]", "change")
    assert page.text_content("[data-hb=over]") == strings(lang)["over"].format(minutes=5)
    page.fill("[data-hb=slot]", str(total + 10))
    page.dispatch_event("[data-hb=slot]", "change")
    assert page.text_content("[data-hb=over]") == ""
    assert strings(lang)["fits"].format(minutes=10) in page.text_content("[data-hb=total]")


@pytest.mark.parametrize("lang", CODES)
def test_run_mode_counts_down_and_moves_on_under_a_controlled_clock(browser, server, lang):
    context = new_context(browser, viewport=SCREENS["projector"])
    context.add_init_script(CLOCK)
    page = context.new_page()
    s = strings(lang)
    try:
        page.goto(f"{server}/{lang}/{PAGE}#i={SILENT.id},:5")
        page.click("[data-hb=run]")
        steps = SILENT.steps
        clock = page.locator("[data-hb=run-clock]")
        assert clock.text_content() == f"{steps[0].minutes}:00"
        assert page.text_content("[data-hb=run-text]") == steps[0].text[lang]
        assert page.text_content("[data-hb=run-state]") == s["ready"]
        page.keyboard.press("Space")
        page.evaluate("HandbookClock.advance(60000)")
        assert clock.text_content() == f"{steps[0].minutes - 1}:00"
        page.keyboard.press("Space")  # pause: time stands still
        page.evaluate("HandbookClock.advance(600000)")
        assert clock.text_content() == f"{steps[0].minutes - 1}:00"
        assert page.text_content("[data-hb=run-state]") == s["paused"]
        page.click("[data-hb=run-toggle]")
        page.evaluate(f"HandbookClock.advance({(steps[0].minutes - 1) * 60000 + 3000})")
        assert clock.text_content() == "+0:03"
        assert page.text_content("[data-hb=run-state]") == s["time_up"]
        assert "hb-run--over" in page.get_attribute("[data-hb=run-dialog]", "class")
        for number, step in enumerate(steps[1:], start=2):
            page.keyboard.press("ArrowRight")
            assert page.text_content("[data-hb=run-text]") == step.text[lang]
            assert page.text_content("[data-hb=run-step-of]") == s["step_of"].format(
                number=number, total=len(steps))
            assert clock.text_content() == f"{step.minutes}:00"
            assert page.locator("[data-hb=run-silent]").is_visible() == step.silent
        page.click("[data-hb=run-next]")  # the break after the exercise
        assert page.text_content("[data-hb=run-part]") == s["break"]
        assert clock.text_content() == "5:00"
        assert page.locator("[data-hb=run-next]").is_disabled()
        page.keyboard.press("ArrowLeft")
        assert page.text_content("[data-hb=run-text]") == steps[-1].text[lang]
        page.keyboard.press("Escape")
        assert not page.locator("[data-hb=run-dialog]").is_visible()
        assert page.evaluate("document.activeElement.dataset.hb") == "run"
    finally:
        context.close()


TYPED = {"agreements": "Vi starter møtene presis, også når toppledelsen er sen",
         "decisions": "Budsjettsaken avgjøres 3. mars; alle har sett tallene",
         "next_steps": "Kari lager beslutningstrappa, innen fredag"}


def type_notes(page) -> None:
    for key, text in TYPED.items():
        page.fill(f"[data-hb-note={key}]", text)
    page.fill("[data-hb-followup=date]", "2027-03-10")
    page.fill("[data-hb-followup=time]", "13:15")
    page.fill("[data-hb-followup=place]", "Møterom 4")


def long_date(page, lang: str, iso: str) -> str:
    """The date as the browser writes it in the language (the summary's form), with the
    language's tags for dates (macros/languages.yml, locales)."""
    return page.evaluate("([iso, tags]) => new Date(`${iso}T12:00:00`).toLocaleDateString(tags,"
                         " { day: 'numeric', month: 'long', year: 'numeric' })",
                         [iso, list(BY_CODE[lang].formats)])


def pdf_text(pdf: bytes, tmp_path) -> tuple[str, int]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split()), pdf_pages(path)


@pytest.mark.parametrize("lang", CODES)
def test_the_summary_and_the_calendar_file_hold_what_was_typed(browser, server, lang, tmp_path):
    context = new_context(browser, accept_downloads=True)
    context.add_init_script("window.print = () => {};")  # the dialog itself is the browser's
    page = context.new_page()
    s = strings(lang)
    try:
        plan_in(page, server, lang)
        type_notes(page)
        with page.expect_download() as download:
            page.click("[data-hb=calendar]")
        ics = download.value.path().read_bytes().decode("utf-8")
        assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
        unfolded = ics.replace("\r\n ", "")
        for text in TYPED.values():
            escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            assert escaped in unfolded, (escaped, unfolded)
        assert "DTSTART:20270310T131500\r\n" in unfolded and "LOCATION:Møterom 4\r\n" in unfolded
        assert "\r\nUID:" in unfolded and "\r\nDTSTAMP:" in unfolded

        page.click("[data-hb=print-summary]")
        page.emulate_media(media="print")
        text, pages = pdf_text(page.pdf(format="A4"), tmp_path)
        assert pages == 1
        for expected in [*TYPED.values(), s["summary_title"],
                         s["summary_followup"].format(date=long_date(page, lang, "2027-03-10"),
                                                      time="13:15")]:
            assert " ".join(expected.split()) in text, (expected, text)
        assert HANDBOOK.labels("nav_home", lang) not in text  # no site chrome on paper

        page.evaluate("delete document.documentElement.dataset.hbPrint")
        text, pages = pdf_text(page.pdf(format="A4"), tmp_path)
        assert pages == 1
        first, second = fitting(FOCUS.id)[:2]
        assert first.title[lang] in text and second.title[lang] in text and "08:45" in text
        assert TYPED["agreements"] not in text and s["agenda_title"] in text
    finally:
        context.close()


STATUS_SAYS = "text => document.querySelector('[data-hb=file-status]').textContent === text"


def test_notes_go_to_a_file_and_come_back_without_losing_a_line(browser, server, tmp_path):
    lang = CODES[0]
    context = new_context(browser, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{PAGE}")
        type_notes(page)
        with page.expect_download() as download:
            page.click("[data-hb=export]")
        saved = download.value.path()
        exported = json.loads(saved.read_text(encoding="utf-8"))
        assert exported["notes"]["decisions"] == TYPED["decisions"]
        other = new_context(browser)
        try:
            fresh = other.new_page()
            fresh.goto(f"{server}/{CODES[-1]}/{PAGE}")
            fresh.fill("[data-hb-note=agreements]", "Egen linje")
            fresh.set_input_files("[data-hb=import]", str(saved))
            fresh.wait_for_function(STATUS_SAYS, arg=strings(CODES[-1])["imported"].format(count=3))
            both = f"Egen linje\n{TYPED['agreements']}"
            assert fresh.input_value("[data-hb-note=agreements]") == both
            assert fresh.input_value("[data-hb-note=next_steps]") == TYPED["next_steps"]
            bad = tmp_path / "bad.json"
            bad.write_text('{"format": "something else"}', encoding="utf-8")
            fresh.set_input_files("[data-hb=import]", str(bad))
            fresh.wait_for_function(STATUS_SAYS, arg=strings(CODES[-1])["import_bad"])
            assert fresh.input_value("[data-hb-note=agreements]") == both
        finally:
            other.close()
    finally:
        context.close()


def test_two_tabs_keep_each_others_lines(browser, server):
    context = new_context(browser)
    try:
        first, second = context.new_page(), context.new_page()
        for tab in (first, second):
            tab.goto(f"{server}/{CODES[0]}/{PAGE}")
        first.fill("[data-hb-note=decisions]", "Fra fane 1")
        second.wait_for_function(
            "document.querySelector('[data-hb-note=decisions]').value === 'Fra fane 1'")
        second.fill("[data-hb-note=decisions]", "Fra fane 1\nFra fane 2")
        first.wait_for_function(
            "document.querySelector('[data-hb-note=decisions]').value.includes('Fra fane 2')")
        third = context.new_page()
        third.goto(f"{server}/{CODES[-1]}/{PAGE}")
        assert third.input_value("[data-hb-note=decisions]") == "Fra fane 1\nFra fane 2"
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", CODES)
def test_every_state_of_the_page_has_no_wcag_violations(browser, server, lang, screen):
    context = new_context(browser, viewport=SCREENS[screen])
    page = context.new_page()
    try:
        plan_in(page, server, lang)
        page.fill("[data-hb=slot]", "30")
        page.dispatch_event("[data-hb=slot]", "change")  # the warning shows
        assert not violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
        page.click("[data-hb=run]")
        page.wait_for_timeout(400)  # let the buttons' colour transitions end: axe reads colours
        assert not violations(page)
        page.keyboard.press("n")
        page.wait_for_timeout(400)
        assert not violations(page)
    finally:
        context.close()


def weakest_two() -> tuple[list, dict]:
    """Two recommendations scored lowest, the rest higher: (their ids, answers per factor)."""
    weak = [HANDBOOK.recommendations[-1].id, HANDBOOK.recommendations[1].id]
    answers = {f.id: (1 if rec.id == weak[0] else 2 if rec.id == weak[1] else 5)
               for rec in HANDBOOK.recommendations for f in rec.factors}
    return weak, answers


def candidates(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "[data-hb=candidates] a", "links => links.map(a => a.getAttribute('href')"
        ".split('/').filter(Boolean).pop())"))


def expected_for(page, rec_ids: list[str]) -> set[str]:
    """The exercises of those recommendations that fit the page's group size and longest."""
    size, longest = (int(page.input_value(f"[data-hb={name}]")) for name in ("size", "longest"))
    return {e.id for rec_id in rec_ids for e in HANDBOOK.exercises_for(rec_id)
            if e.group_min <= size <= e.group_max and e.duration_minutes <= longest}


@pytest.mark.parametrize("lang", CODES)
def test_the_focus_comes_from_my_self_assessment(browser, server, lang):
    from macros.render.assessment import STORAGE_KEY

    weak, answers = weakest_two()
    record = {"format": "samarbeid-i-ledergruppa/egenvurdering",
              "edition": HANDBOOK.self_assessment.edition, "role": "", "answers": answers}
    context = new_context(browser)
    context.add_init_script(f"localStorage.setItem({json.dumps(STORAGE_KEY)},"
                            f" {json.dumps(json.dumps(record))})")
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{PAGE}")
        page.check("#hb-focus-mine")
        assert candidates(page) == expected_for(page, weak)
        assert "r=" + ",".join(weak) in page.url
        for rec_id in weak:
            assert HANDBOOK.recommendation(rec_id).title[lang] in page.text_content(
                "[data-hb=focus-status]")
    finally:
        context.close()


def test_the_focus_comes_from_a_saved_group_result(page, server, tmp_path):
    lang = CODES[-1]
    weak, answers = weakest_two()
    # A file as the group page saves it (the page itself saves one in test_group_projector.py).
    result = {"format": "samarbeid-i-ledergruppa/grupperesultat",
              "edition": HANDBOOK.self_assessment.edition, "date": "2027-01-20", "members": 5,
              "statements": [{"factor": factor, "n": 5, "mean": value, "spread": 0.0}
                             for factor, value in answers.items()]}
    saved = tmp_path / "gruppe.json"
    saved.write_text(json.dumps(result), encoding="utf-8")
    page.goto(f"{server}/{lang}/{PAGE}")
    with page.expect_file_chooser() as chooser:
        page.check("#hb-focus-group")
    chooser.value.set_files(str(saved))
    page.wait_for_url(f"**r={','.join(weak)}*")
    assert candidates(page) == expected_for(page, weak)
    junk = tmp_path / "junk.json"
    junk.write_text("[1, 2]", encoding="utf-8")
    page.set_input_files("[data-hb=group-file]", str(junk))
    page.wait_for_function("text => document.querySelector('[data-hb=focus-status]')"
                           ".textContent === text", arg=strings(lang)["focus_group_bad"])
    assert candidates(page) == expected_for(page, weak)  # nothing changed


def test_without_storage_the_page_says_notes_are_not_kept(browser, server):
    lang = CODES[0]
    context = new_context(browser)
    context.add_init_script("Object.defineProperty(window, 'localStorage', { get() {"
                            " throw new DOMException('blocked', 'SecurityError'); } });")
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{PAGE}")
        assert page.text_content("[data-hb=notes-status]") == strings(lang)["notes_not_saved"]
        page.fill("[data-hb-note=agreements]", "Noe viktig")
        assert page.text_content("[data-hb=notes-status]") == strings(lang)["notes_not_saved"]
    finally:
        context.close()


def test_a_link_naming_unknown_exercises_says_so(page, server):
    lang = CODES[-1]
    known = HANDBOOK.exercises[0]
    page.goto(f"{server}/{lang}/{PAGE}#i=gone-1,{known.id},gone-2&t=99:99&len=x")
    assert page.text_content("[data-hb=alert]") == strings(lang)["link_unknown"].format(count=2)
    assert [row[1] for row in agenda(page)] == [known.id]


WAKE_LOCK = """
window.__wakeLocks = [];
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get: () => ({
  request: async (type) => {
    const sentinel = new EventTarget();
    sentinel.released = false;
    sentinel.release = async () => {
      sentinel.released = true;
      sentinel.dispatchEvent(new Event("release"));
    };
    window.__wakeLocks.push({ type, sentinel });
    return sentinel;
  },
}) });
"""


def test_the_screen_stays_awake_while_the_clock_runs_and_sound_is_off(browser, server):
    lang = CODES[0]
    context = new_context(browser)
    context.add_init_script(CLOCK + WAKE_LOCK)
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{PAGE}#i={HANDBOOK.exercises[0].id}")
        page.click("[data-hb=run]")
        assert not page.is_checked("[data-hb=run-sound]")  # sound only when switched on
        page.keyboard.press("Space")
        page.wait_for_function("window.__wakeLocks.length === 1")
        assert page.evaluate("window.__wakeLocks[0].type") == "screen"
        assert page.locator("[data-hb=run-awake]").is_visible()
        page.keyboard.press("Space")  # pause: the screen may sleep again
        page.wait_for_function("window.__wakeLocks[0].sentinel.released")
        assert not page.locator("[data-hb=run-awake]").is_visible()
    finally:
        context.close()


# --- under real hands: a mouse and a presentation clicker (issue 34) -----------------------

def add_button(page, lang: str, exercise):
    return page.get_by_role("button", name=strings(lang)["add_named"].format(name=exercise.title[lang]))


def type_into(page, name: str, value: str) -> None:
    """Click a field and type over its value with the keyboard, as a person does: the field's
    own events, nothing dispatched by the test."""
    page.click(f"[data-hb={name}]")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(value)


def new_values(*exercises) -> dict[str, str]:
    """Values for the three number fields that keep the exercises on the list, each unlike the
    value the page had (so that leaving the field is a change)."""
    most, least = min(e.group_max for e in exercises), max(e.group_min for e in exercises)
    size = most if most != SIZE else least
    return {"size": str(size), "slot": "240",
            "longest": str(max(e.duration_minutes for e in HANDBOOK.exercises) + 5)}


@pytest.mark.parametrize("field", ["size", "slot", "longest"])
def test_a_click_on_add_right_after_typing_in_a_field_is_not_lost(page, server, field):
    lang = CODES[0]
    page.goto(f"{server}/{lang}/{PAGE}#r={FOCUS.id}&n={SIZE}")
    first = fitting(FOCUS.id)[0]
    type_into(page, field, new_values(first)[field])
    add_button(page, lang, first).click()  # the mouse goes down while the field still has focus
    assert [row[1] for row in agenda(page)] == [first.id]
    assert page.input_value(f"[data-hb={field}]") == new_values(first)[field]


def test_fields_and_buttons_in_any_order_lose_nothing(page, server):
    lang = CODES[-1]
    page.goto(f"{server}/{lang}/{PAGE}#r={FOCUS.id}&n={SIZE}")
    first, second = fitting(FOCUS.id)[:2]
    values = new_values(first, second)
    type_into(page, "size", values["size"])
    add_button(page, lang, first).click()
    type_into(page, "break-minutes", "15")
    page.click("[data-hb=add-break]")
    type_into(page, "longest", values["longest"])
    add_button(page, lang, second).click()
    type_into(page, "slot", values["slot"])
    # Move the break up, straight from the field: the agenda's buttons keep their clicks too.
    page.get_by_role("button", name=strings(lang)["move_up"].format(name=strings(lang)["break"])).click()
    assert [row[1] for row in agenda(page)] == ["", first.id, second.id]
    assert [row[2] for row in agenda(page)][0] == "15"
    assert f"len={values['slot']}" in page.url and f"n={values['size']}" in page.url


# A plan of at least three steps: the exercise with a silent step, then a break.
RUN_PLAN = f"#i={SILENT.id},:5"


def step_texts(lang: str) -> list[str]:
    return [s.text[lang] for s in SILENT.steps] + [""]


def open_run_mode(browser, server, lang, size="projector"):
    context = new_context(browser, viewport=SCREENS[size])
    context.add_init_script(CLOCK)
    page = context.new_page()
    page.goto(f"{server}/{lang}/{PAGE}{RUN_PLAN}")
    page.click("[data-hb=run]")
    return context, page


def shown_step(page) -> str:
    return page.text_content("[data-hb=run-text]")


def focused(page) -> str:
    return page.evaluate("document.activeElement.tagName.toLowerCase()")


@pytest.mark.parametrize("lang", CODES)
def test_the_clickers_keys_drive_the_steps_while_the_notes_are_open(browser, server, lang):
    context, page = open_run_mode(browser, server, lang)
    texts = step_texts(lang)
    notes = page.locator("[data-hb=run-notes-slot]")
    try:
        page.keyboard.press("n")
        assert notes.is_visible()
        assert focused(page) != "textarea"  # open, not typing: the keys still belong to the steps
        for key, index in [("ArrowRight", 1), ("PageDown", 2), ("PageUp", 1), ("ArrowLeft", 0),
                           ("PageDown", 1)]:
            page.keyboard.press(key)
            assert shown_step(page) == texts[index], key
        page.keyboard.press("Space")
        page.evaluate("HandbookClock.advance(60000)")
        assert page.text_content("[data-hb=run-clock]") == f"{SILENT.steps[1].minutes - 1}:00"
        page.keyboard.press("Space")
        assert page.text_content("[data-hb=run-state]") == strings(lang)["paused"]
        blank = page.locator("[data-hb=run-blank]")
        for key in ("b", "."):  # the clicker's blank-screen key, either kind
            page.keyboard.press(key)
            assert blank.is_visible(), key
            page.keyboard.press(key)
            assert not blank.is_visible(), key
        assert notes.is_visible() and all(
            value == "" for value in page.eval_on_selector_all(
                "[data-hb-note]", "fields => fields.map(f => f.value)"))
    finally:
        context.close()


def test_the_notes_take_typing_only_once_the_facilitator_clicks_into_them(browser, server):
    lang = CODES[0]
    context, page = open_run_mode(browser, server, lang)
    texts = step_texts(lang)
    field = page.locator("[data-hb-note=agreements]")
    try:
        page.keyboard.press("n")
        field.click()
        typed = "Neste møte: b. n er ok "
        page.keyboard.type(typed)
        page.keyboard.press("ArrowLeft")  # moves the caret, not the step
        assert field.input_value() == typed and shown_step(page) == texts[0]
        assert not page.locator("[data-hb=run-blank]").is_visible()
        page.keyboard.press("PageDown")  # a clicker's button moves the step, even while typing
        assert shown_step(page) == texts[1] and field.input_value() == typed
        page.keyboard.press("Escape")  # the innermost thing: the notes
        assert not page.locator("[data-hb=run-notes-slot]").is_visible()
        assert page.locator("[data-hb=run-dialog]").is_visible()
        page.keyboard.press("ArrowRight")
        assert shown_step(page) == texts[2]
        page.keyboard.press("Escape")  # then run mode
        assert not page.locator("[data-hb=run-dialog]").is_visible()
        assert page.input_value("[data-hb-note=agreements]") == typed  # the notes are back, kept
    finally:
        context.close()


@pytest.mark.parametrize("lang", CODES)
def test_the_same_plan_in_other_languages_is_a_list_of_separate_links(page, server, lang):
    page.goto(f"{server}/{lang}/{PAGE}#i={HANDBOOK.exercises[0].id}")
    names = [language.name for language in LANGUAGES if language.code != lang]
    text = page.text_content("[data-hb=languages]")
    assert page.locator("[data-hb=languages] a").all_text_contents() == names
    for first, second in zip(names, names[1:], strict=False):
        between = text[text.index(first) + len(first):text.index(second)]
        assert between.strip() and between.startswith((" ", ",")), (text, between)


@pytest.mark.parametrize("lang", CODES)
def test_the_home_page_leads_to_the_planner_on_a_phone_without_the_menu(browser, server, lang):
    with page_at(browser, SCREENS["phone"], f"{server}/{lang}/") as page:
        how_to = page.locator("article h2#bruk")
        link = page.locator("article a", has_text=strings(lang)["nav"]).filter(
            has=page.locator("xpath=self::a[preceding::h2[@id='bruk']]"))
        assert how_to.is_visible() and link.count() == 1 and link.is_visible()
        link.click()  # no menu opened: the link is in the page itself
        page.wait_for_url(f"**/{lang}/{PAGE}")
        assert page.locator("[data-hb=plan]").is_visible()

