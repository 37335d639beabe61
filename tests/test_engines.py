"""The flows people do by hand, in each engine a leader's devices run: Chromium (Edge, Chrome),
WebKit (every browser on an iPhone, Safari) and Gecko (Firefox). Each flow is written once,
against the small driver interface in tests/engines/, and runs in all three; its page steps are
in one function, with the pages' own ids and data-hb names. One browser per engine per test
process; each flow takes fresh profiles from it. Expectations come from content/."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from engines import NAMES

from macros.content.load import load_handbook
from macros.languages import CODES, SOURCE
from macros.site.server import serving
from macros.site.service_worker import SERVICE_WORKER

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()
FACTORS = [s.factor_id for s in HANDBOOK.self_assessment.statements]
QUERIES = yaml.safe_load((Path(__file__).with_name("search_queries.yml")).read_text("utf-8"))
SRC, OTHER = SOURCE.code, next(code for code in CODES if code != SOURCE.code)


@pytest.fixture(scope="session", params=NAMES)
def engine(request):
    if request.param == "chromium":
        from engines.chromium import Chromium

        started = Chromium(request.getfixturevalue("browser"))
    elif request.param == "webkit":
        from engines.webkit import WebKit

        started = WebKit()
    else:
        from engines.firefox import Firefox

        started = Firefox()
    yield started
    started.close()


@pytest.fixture(scope="session")
def server(site, tmp_path_factory):
    """The built site without its service worker (here, not the suite's `server`): on a first
    visit the worker stores the whole handbook, some 250 requests per language, in every
    profile, and WebKit gives each profile a browser of its own; only the offline flow needs
    it, and has the whole site (browsing.new_context does the same for Chromium). The site's
    own folders, linked; sw.js left out, so registering fails as the page allows for."""
    folder = tmp_path_factory.mktemp("site-without-worker")
    for entry in site.iterdir():
        if entry.name != SERVICE_WORKER:
            (folder / entry.name).symlink_to(entry)
    with serving(folder) as base:
        yield base


@pytest.fixture
def profiles(engine, tmp_path):
    """profiles(): a page in a fresh browser profile of the engine, closed after the test."""
    opened = []

    def new():
        folder = tmp_path / f"profile-{len(opened) + 1}"
        folder.mkdir()
        opened.append(engine.profile(folder))
        return opened[-1]

    yield new
    for page in opened:
        page.close()


def test_the_readme_names_the_engine_and_its_version(engine):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert f"{engine.title} {engine.release()}" in " ".join(readme.split())


# --- the self-assessment and the anonymous round -------------------------------------------

def answer_all(page, server: str, lang: str, answers: dict[str, int]) -> None:
    page.goto(f"{server}/{lang}/egenvurdering/")
    for factor, value in answers.items():
        page.click(f'input[name="sa-{factor}"][value="{value}"]')


def checked(page) -> dict[str, int]:
    return page.call("""() => Object.fromEntries(
        [...document.querySelectorAll('fieldset[data-factor] input:checked')]
        .map(input => [input.name.slice(3), Number(input.value)]))""")


def result_table(page, css: str) -> dict[str, list[str]]:
    """Per factor: the answers, mean and spread cells of the result table in `css`."""
    return page.call("""css => Object.fromEntries([...document.querySelectorAll(
        `${css} tr[data-factor]`)].map(tr => [tr.dataset.factor,
        ['.hb-n', '.hb-mean', '.hb-spread'].map(c => tr.querySelector(c).textContent)]))""", css)


def run_round(pages) -> None:
    """The anonymous round: each member makes a key code; each pastes all of them, checks the
    set (the same number of members and fingerprint on every page) and adds their answers;
    the first pastes all contributions and gets the result."""
    keys = []
    for member in pages:
        member.click("[data-hb=round-key]")
        member.wait_for("() => document.querySelector('[data-hb=round-key-out]').value !== ''")
        keys.append(member.value("[data-hb=round-key-out]"))
    shown, shares = set(), []
    for member in pages:
        member.fill("#hb-ga-round-keys", " ".join(keys))  # a space: some drivers type no Enter
        member.click("[data-hb=round-check]")
        member.wait_for("() => document.querySelector('[data-hb=set-size]').textContent !== ''")
        shown.add(member.text("[data-hb=set-size]"))
        member.click("[data-hb=round-add]")
        member.wait_for("() => document.querySelector('[data-hb=round-share-out]').value !== ''")
        shares.append(member.value("[data-hb=round-share-out]"))
    assert len(shown) == 1, f"the members see different sets: {shown}"
    first = pages[0]
    first.fill("#hb-ga-round-shares", " ".join(shares))
    first.click("[data-hb=round-sum]")
    first.wait_for_element("[data-hb=results] table")


def one_decimal(value: float) -> str:
    return f"{round(value + 1e-9, 1):.1f}".replace(".", ",")  # nb writes a decimal comma


def expected_result(group: list[dict[str, int]]) -> dict[str, list[str]]:
    """Per factor: how many answered, the mean from three answers, the spread from five (held
    back below that)."""
    held_back = HANDBOOK.labels("ga_held_back", "nb")
    result = {}
    for factor in FACTORS:
        values = [answers[factor] for answers in group if factor in answers]
        mean = one_decimal(sum(values) / len(values)) if len(values) >= 3 else held_back
        result[factor] = [str(len(values)), mean, held_back]
    return result


def test_answers_are_kept_over_a_reload(profiles, server):
    rng = random.Random(3)
    answers = {factor: rng.randint(1, 5) for factor in FACTORS[::2]}
    page = profiles()
    answer_all(page, server, SRC, answers)
    page.reload()
    assert checked(page) == answers


def test_a_round_of_three_profiles_ends_in_the_result_and_it_opens_again(profiles, server):
    rng = random.Random(7)
    # The statements of two recommendations (each click is a round trip; the rest unanswered).
    answered = [f.id for rec in HANDBOOK.recommendations[:2] for f in rec.factors]
    group = [{factor: rng.randint(1, 5) for factor in answered} for _ in range(3)]
    pages = [profiles() for _ in group]
    for page, answers in zip(pages, group, strict=True):
        answer_all(page, server, "nb", answers)
        page.goto(f"{server}/nb/egenvurdering/gruppe/")
    run_round(pages)
    expected = expected_result(group)
    assert result_table(pages[0], "[data-hb=results]") == expected
    saved = pages[0].download("[data-hb=save-result]")
    assert json.loads(saved.read_text("utf-8"))["members"] == len(group)
    # Opening the saved result, in a profile that took no part.
    later = profiles()
    later.goto(f"{server}/nb/egenvurdering/gruppe/")
    later.set_files("[data-hb=open-results]", [saved])
    later.wait_for_element("[data-hb=comparison] table")
    assert result_table(later, "[data-hb=comparison]") == expected


# --- the session page: planner, run mode, notes --------------------------------------------

SIZE = 8
FOCUS = next(rec for rec in HANDBOOK.recommendations
             if len([e for e in HANDBOOK.exercises_for(rec.id) if e.group_min <= SIZE <= e.group_max]) >= 2)
FIRST, SECOND = sorted((e for e in HANDBOOK.exercises_for(FOCUS.id) if e.group_min <= SIZE <= e.group_max),
                       key=lambda e: e.duration_minutes)[:2]
SILENT = next(e for e in HANDBOOK.exercises if any(s.silent for s in e.steps))


def agenda(page) -> list[list[str]]:
    """Per agenda row: clock times, the exercise's id (or "" for a break), minutes."""
    return page.call("""() => [...document.querySelectorAll('[data-hb=agenda] tr')].map(row => [
        row.cells[0].textContent,
        (row.querySelector('a')?.getAttribute('href') || '').split('/').filter(Boolean).pop() || '',
        row.cells[2].textContent.replace(/\\D/g, '')])""")


def add_button(exercise, lang: str) -> str:
    name = HANDBOOK.session.for_language(lang)["add_named"].format(name=exercise.title[lang])
    return f"[data-hb=candidates] button[aria-label={json.dumps(name, ensure_ascii=False)}]"


def build_plan(page, server: str, lang: str) -> None:
    page.goto(f"{server}/{lang}/samling/")
    page.choose("[data-hb=recommendation]", FOCUS.id)
    page.fill("[data-hb=size]", str(SIZE))
    page.click(add_button(FIRST, lang))
    page.fill("[data-hb=break-minutes]", "15")
    page.click("[data-hb=add-break]")
    page.click(add_button(SECOND, lang))


def test_a_plan_built_in_the_planner_opens_from_its_link(profiles, server):
    planner = profiles()
    build_plan(planner, server, SRC)
    made = agenda(planner)
    assert [row[1:] for row in made] == [[FIRST.id, str(FIRST.duration_minutes)], ["", "15"],
                                         [SECOND.id, str(SECOND.duration_minutes)]]
    link = planner.value("[data-hb=share-link]")
    elsewhere = profiles()
    elsewhere.goto(link)
    assert agenda(elsewhere) == made


def plan_of(server: str, lang: str, exercise) -> str:
    """The link to a plan of `exercise` and a five-minute break."""
    return f"{server}/{lang}/samling/#i={exercise.id},:5"


def run_to_the_end(page, exercise) -> list[str]:
    """On the page of a plan of `exercise` and a break (plan_of), run mode from the first step
    to the break, by keys only: Space starts the clock, the right arrow moves on. The step
    texts seen, in order."""
    page.click("[data-hb=run]")
    page.wait_for("() => document.querySelector('[data-hb=run-dialog]').open")
    seen = [page.text("[data-hb=run-text]")]
    page.press("Space")
    for _ in exercise.steps[1:]:
        page.press("ArrowRight")
        seen.append(page.text("[data-hb=run-text]"))
    page.press("ArrowRight")
    return seen


def test_run_mode_goes_to_the_end_by_keys_and_keeps_the_screen_awake_where_it_may(profiles, server):
    page = profiles()
    strings = HANDBOOK.session.for_language(SRC)
    page.goto(plan_of(server, SRC, SILENT))
    seen = run_to_the_end(page, SILENT)
    assert seen == [step.text[SRC] for step in SILENT.steps]
    assert page.text("[data-hb=run-part]") == strings["break"]
    assert page.call("() => document.querySelector('[data-hb=run-next]').disabled")
    # The README: "the screen is kept awake where the browser offers Wake Lock".
    granted = page.call("""() => 'wakeLock' in navigator && navigator.wakeLock.request('screen')
        .then(lock => lock.release().then(() => true), () => false)""")
    page.press("Space")  # the break's clock runs
    if granted:
        page.wait_for("() => !document.querySelector('[data-hb=run-awake]').hidden")
    else:
        assert not page.visible("[data-hb=run-awake]")
    page.press("Escape")
    assert not page.call("() => document.querySelector('[data-hb=run-dialog]').open")


def test_without_wake_lock_run_mode_runs_all_the_same(profiles, server):
    """As in a browser without the API (Safari before 16.4, Firefox before 126): run mode
    runs to the end and claims nothing about the screen."""
    page = profiles()
    page.goto(plan_of(server, SRC, SILENT))
    page.call("() => { delete Navigator.prototype.wakeLock; }")
    assert not page.call("() => 'wakeLock' in navigator")
    seen = run_to_the_end(page, SILENT)
    assert seen == [step.text[SRC] for step in SILENT.steps]
    page.press("Space")
    assert not page.visible("[data-hb=run-awake]")


NOTES = {"agreements": "Vi starter møtene presis", "decisions": "Budsjettet vedtas 3. mars",
         "next_steps": "Kari lager beslutningstrappa, innen fredag"}


def test_notes_go_to_a_file_and_are_read_back(profiles, server):
    page = profiles()
    page.goto(f"{server}/{SRC}/samling/")
    for key, text in NOTES.items():
        page.fill(f"[data-hb-note={key}]", text)
    saved = page.download("[data-hb=export]")
    assert json.loads(saved.read_text("utf-8"))["notes"] == NOTES
    other = profiles()
    other.goto(f"{server}/{OTHER}/samling/")
    other.set_files("[data-hb=import]", [saved])
    status = HANDBOOK.session.for_language(OTHER)["imported"].format(count=len(NOTES))
    other.wait_for("text => document.querySelector('[data-hb=file-status]').textContent === text",
                   status)
    assert {key: other.value(f"[data-hb-note={key}]") for key in NOTES} == NOTES


# --- search, the language switch, offline ---------------------------------------------------

def search(page, server: str, lang: str, query: str) -> list[str]:
    """Type into the real search box; the result pages' paths, best first."""
    page.goto(f"{server}/{lang}/")
    page.click("input[data-md-component=search-query]")
    page.type("input[data-md-component=search-query]", query)
    page.wait_for_element(".md-search-result__item > .md-search-result__link", timeout=30)
    return page.call("""() => [...document.querySelectorAll(
        '.md-search-result__item > .md-search-result__link')]
        .map(a => new URL(a.href).pathname)""")


def switch_language(page, lang: str) -> None:
    """The language switch in the header: its button opens the list, a link goes."""
    page.click(".md-header__option .md-select button")
    page.click(f".md-select__list a[hreflang={lang}]")
    page.wait_for("lang => document.documentElement.lang === lang", lang)


def test_search_finds_a_page_by_an_inflected_word_and_the_language_switch_goes(profiles, server):
    case = QUERIES[SRC]["inflected"][0]
    page = profiles()
    found = search(page, server, SRC, case["query"])
    assert {f"/{SRC}/{path}" for path in case["pages"]} & set(found), found
    page.goto(f"{server}/{SRC}/samling/")
    switch_language(page, OTHER)
    assert page.call("() => location.pathname") == f"/{OTHER}/samling/"


def test_offline_the_pages_come_from_the_service_worker(profiles, site):
    """With the server gone after a first visit, every language's pages still open (where
    the engine runs service workers from http://127.0.0.1: all three do)."""
    page = profiles()
    with serving(site) as base:
        page.goto(f"{base}/{SRC}/")
        assert page.call("() => 'serviceWorker' in navigator && isSecureContext")
        page.call("() => navigator.serviceWorker.ready.then(() => true)")
        page.wait_for("() => navigator.serviceWorker.controller !== null", timeout=60)
    rec = HANDBOOK.recommendations[-1]
    page.goto(f"{base}/{OTHER}/samling/")
    assert page.call("() => document.querySelector('[data-hb=run]') !== null")
    page.goto(f"{base}/{OTHER}/")
    assert rec.title[OTHER] in page.call("() => document.body.textContent")
