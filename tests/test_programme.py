"""The programme's sessions as timed agendas: `check` refuses an agenda whose minutes do not add
up, that names an exercise that does not exist, gives an exercise other minutes than its own, or
has no break in a session over 90 minutes; each session's page shows its agenda from the model,
links into the planner and run mode, and prints on one A4 sheet; the facilitator's guide is a
page in every language, linked from the home page, the programme and the planner."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from conftest import LANGS, printed_on_a4
from test_exercises import problems_after

from macros.addresses import GUIDE, HOME, PROGRAMME, SESSION, page_html
from macros.content.cross_checks import BREAK_AFTER_MINUTES
from macros.content.load import load_handbook
from macros.render.programme import plan_hash, rows
from macros.site.html import read_page

HANDBOOK = load_handbook()
SESSIONS = HANDBOOK.programme.sessions
PROGRAMME_YML = (HANDBOOK.programme.source).read_text(encoding="utf-8")


def line_of(text: str) -> int:
    """The line of content/programme.yml where `text` starts."""
    return PROGRAMME_YML[:PROGRAMME_YML.index(text)].count("\n") + 1


def session_block(module_id: str) -> str:
    """The YAML of one session, from its id line to the next session."""
    start = PROGRAMME_YML.index(f"- id: {module_id}\n")
    end = PROGRAMME_YML.find("- id: ", start + 1)
    return PROGRAMME_YML[start:end if end > 0 else None]


def long_session_with_one_break():
    for module in SESSIONS:
        breaks = [item for item in module.agenda if item.kind == "break"]
        if module.duration_minutes > BREAK_AFTER_MINUTES and len(breaks) == 1:
            return module
    raise AssertionError("no session over the limit with exactly one break")


def test_every_session_adds_up_has_a_break_and_an_opening_and_closing():
    """What `check` holds, and what the brief asks of every session's shape."""
    for path in (HANDBOOK.programme.modules, HANDBOOK.programme.short.modules):
        assert path[0].kind == "start" and path[-1].kind == "follow-up"
        for position, module in enumerate(path):
            kinds = [item.kind for item in module.agenda]
            assert sum(item.minutes for item in module.agenda) == module.duration_minutes
            assert kinds[0] == "opening" and kinds[-1] == "closing", module.id
            assert ("review" in kinds) == (position > 0), module.id
            if module.duration_minutes > BREAK_AFTER_MINUTES:
                assert "break" in kinds, module.id


def test_the_short_path_has_three_sessions():
    assert len(HANDBOOK.programme.short.modules) == 3


def test_start_and_follow_up_link_the_self_assessment_and_the_group_view():
    for path in (HANDBOOK.programme.modules, HANDBOOK.programme.short.modules):
        for module in (path[0], path[-1]):
            for lang in LANGS:
                texts = " ".join(item.text[lang] for item in module.agenda if item.text)
                assert "(egenvurdering/index.md)" in texts, (module.id, lang)
                assert "(egenvurdering/gruppe/index.md)" in texts, (module.id, lang)


def test_minutes_that_do_not_add_up_are_refused(tmp_path):
    module = HANDBOOK.programme.modules[1]
    block = session_block(module.id)
    old = f"    duration_minutes: {module.duration_minutes}\n"
    line = line_of(block) + block[:block.index(old)].count("\n")
    lines = problems_after(tmp_path, "programme.yml", block,
                           block.replace(old, f"    duration_minutes: {module.duration_minutes + 5}\n"))
    total = sum(item.minutes for item in module.agenda)
    assert (f"content/programme.yml:{line}: modules.2: the agenda takes {total} minutes, but"
            f" duration_minutes is {module.duration_minutes + 5}") in "\n".join(lines), lines
    assert any("(make the agenda's minutes add up to" in line for line in lines)


def test_an_exercise_that_does_not_exist_is_refused(tmp_path):
    exercise_id = HANDBOOK.programme.modules[1].exercise_ids[0]
    block = session_block(HANDBOOK.programme.modules[1].id)
    old = f"exercise: {exercise_id}\n"
    line = line_of(block) + block[:block.index(old)].count("\n")
    lines = problems_after(tmp_path, "programme.yml", block,
                           block.replace(old, f"exercise: {exercise_id}-x\n", 1))
    assert any(found.startswith(f"content/programme.yml:{line}: ")
               and f"there is no exercise with the id '{exercise_id}-x'" in found
               and f"did you mean '{exercise_id}'?" in found for found in lines), lines


def test_an_exercise_given_other_minutes_than_its_own_is_refused(tmp_path):
    module = HANDBOOK.programme.modules[1]
    exercise = HANDBOOK.exercise(module.exercise_ids[0])
    block = session_block(module.id)
    old = f"minutes: {exercise.duration_minutes}\n        exercise: {exercise.id}\n"
    line = line_of(block) + block[:block.index(old)].count("\n")
    lines = problems_after(tmp_path, "programme.yml", block, block.replace(
        old, f"minutes: {exercise.duration_minutes + 1}\n        exercise: {exercise.id}\n", 1))
    assert any(found.startswith(f"content/programme.yml:{line}: ")
               and f"but the exercise '{exercise.id}' takes {exercise.duration_minutes} minutes"
               in found for found in lines), lines


def test_a_long_session_without_a_break_is_refused(tmp_path):
    module = long_session_with_one_break()
    pause = next(item for item in module.agenda if item.kind == "break")
    block = session_block(module.id)
    old = f"      - kind: break\n        minutes: {pause.minutes}\n"
    assert old in block
    # The break's minutes go to the closing, so that only the break is missing.
    closing = module.agenda[-1]
    new = block.replace(old, "").replace(
        f"      - kind: closing\n        minutes: {closing.minutes}\n",
        f"      - kind: closing\n        minutes: {closing.minutes + pause.minutes}\n")
    lines = problems_after(tmp_path, "programme.yml", block, new)
    index = HANDBOOK.programme.modules.index(module) + 1
    line = line_of(block) + block[:block.index("    agenda:")].count("\n")
    assert any(found.startswith(f"content/programme.yml:{line}: ")
               and f"modules.{index}: the session lasts {module.duration_minutes} minutes, but"
               f" its agenda has no break" in found for found in lines), lines
    assert len(lines) == 1, lines


def test_an_item_that_says_nothing_is_refused(tmp_path):
    module = HANDBOOK.programme.modules[1]
    block = session_block(module.id)
    opening = block[block.index("      - kind: opening\n"):block.index("      - kind: review\n")]
    new = block.replace(opening, f"      - kind: opening\n        minutes: {module.agenda[0].minutes}\n")
    lines = problems_after(tmp_path, "programme.yml", block, new)
    assert any("modules.2.agenda.1 says neither what the group does nor which exercise" in found
               for found in lines), lines


@pytest.mark.parametrize("lang", LANGS)
def test_each_session_page_shows_its_agenda_and_opens_in_the_planner(site, lang):
    for module in SESSIONS:
        html = (site / lang / page_html(module.page)).read_text(encoding="utf-8")
        cells = re.findall(r"<td>(\d+)–(\d+)</td>", html)
        assert [(int(a), int(b)) for a, b in cells] == [(r.start, r.end) for r in rows(module)]
        for exercise_id in module.exercise_ids:
            assert f'href="../../{page_html(HANDBOOK.exercise(exercise_id).page)[:-len("index.html")]}"' in html
        hrefs = {unquote(h).replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)}
        planner = f"../../{page_html(SESSION)[:-len('index.html')]}#{plan_hash(module)}"
        assert planner in hrefs and f"{planner}&run=1" in hrefs, module.id
        assert HANDBOOK.labels("guide_link", lang) in html


@pytest.mark.parametrize("lang", LANGS)
def test_programme_page_lists_both_paths_and_links_each_session_page(site, lang):
    page = read_page(site / lang / page_html(PROGRAMME))
    for module in SESSIONS:
        assert module.id in page.ids
    html = (site / lang / page_html(PROGRAMME)).read_text(encoding="utf-8")
    assert HANDBOOK.programme.short.title[lang] in html
    for module in SESSIONS:
        assert f'href="{module.id}/"' in html, module.id


@pytest.mark.parametrize("lang", LANGS)
def test_the_guide_is_a_page_linked_from_home_programme_and_planner(site, lang):
    guide = read_page(site / lang / page_html(GUIDE))
    assert {section.id for section in HANDBOOK.guide.sections} <= guide.ids
    for page, href in ((HOME, "veileder/"), (PROGRAMME, "../veileder/"),
                       (SESSION, "../veileder/")):
        html = (site / lang / page_html(page)).read_text(encoding="utf-8")
        assert f'href="{href}"' in html, page


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_each_session_prints_on_one_a4_sheet_with_its_links_as_addresses(browser, server,
                                                                         lang, tmp_path):
    page = browser.new_page()
    try:
        for module in SESSIONS:
            pages, text = printed_on_a4(
                page, f"{server}/{lang}/{page_html(module.page)[:-len('index.html')]}",
                tmp_path / f"{lang}-{module.id}.pdf", "-raw")
            assert pages == 1, f"{module.id} ({lang}) prints on {pages} pages"
            flat = "".join(text.split())
            assert f"{server}/{lang}/samling/#" in flat, module.id
            assert "".join(module.between_sessions[lang].split())[:40] in flat
    finally:
        page.close()


@pytest.mark.browser
def test_a_sessions_run_link_opens_run_mode_at_its_first_item(page, server):
    lang = LANGS[0]
    module = HANDBOOK.programme.modules[0]
    page.goto(f"{server}/{lang}/{page_html(module.page)[:-len('index.html')]}")
    page.get_by_role("link", name=HANDBOOK.labels("open_in_run_mode", lang)).click()
    dialog = page.locator("[data-hb='run-dialog']")
    dialog.wait_for(state="visible")
    assert page.locator("[data-hb='run-part']").inner_text() == \
        HANDBOOK.labels(f"agenda_{module.agenda[0].kind}", lang)
    assert page.locator("[data-hb='run-text']").inner_text() == \
        " ".join(re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", module.agenda[0].text[lang]).split())
    parts = page.locator("[data-hb='run-part-of']").inner_text()
    assert f" {len(module.agenda)}" in parts, parts


@pytest.mark.parametrize("module", SESSIONS, ids=lambda m: m.id)
def test_the_planner_reads_each_session_whole_and_on_time(module):
    """The session's plan link, read by the planner's own code (session-core.js in Node): every
    item kept, in order, and the timed agenda as long as the session, with nothing over."""
    from test_session_core import BY_ID, EXERCISE_IDS, REC_IDS, core

    parsed = core("parsePlan", "#" + plan_hash(module), EXERCISE_IDS, REC_IDS)
    assert parsed["unknown"] == 0
    plan = parsed["plan"]
    assert len(plan["items"]) == len(module.agenda)
    assert plan["slot"] == module.duration_minutes
    timed = core("agenda", plan, BY_ID)
    assert [row["minutes"] for row in timed["rows"]] == [item.minutes for item in module.agenda]
    assert timed["total"] == module.duration_minutes and timed["left"] == 0
    candidates = core("filterExercises", list(BY_ID.values()),
                      {"recommendations": [], "size": 8, "longest": 600})
    assert not any(c["id"].startswith(f"{module.id}.") for c in candidates)
