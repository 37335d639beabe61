"""Unit tests of the session page's logic: the very JavaScript module the page loads
(docs/pages/assets/javascripts/session-core.js), run in Node, with the real exercises."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from node_module import NodeModule

from macros.content.load import load_handbook
from macros.languages import SOURCE
from macros.render.session import session_data

CORE = NodeModule(Path(__file__).resolve().parent.parent
                  / "docs/pages/assets/javascripts/session-core.js")
# data.fn is a function of the module ("planTotal") or of one of its objects ("clock.parse").
CALL = ("const [object, fn] = data.fn.includes('.') ? data.fn.split('.') : [null, data.fn];"
        "return (object ? core[object][fn] : core[fn])(...data.args);")

HANDBOOK = load_handbook()
LANG = SOURCE.code
DATA = session_data(HANDBOOK, LANG, "samling/index.md")
EXERCISES = DATA["exercises"]
BY_ID = {e["id"]: e for e in EXERCISES}
EXERCISE_IDS = list(BY_ID)
REC_IDS = [r.id for r in HANDBOOK.recommendations]


def core(fn: str, *args):
    return CORE.run(CALL, fn=fn, args=args)


def a_plan(**changes) -> dict:
    first, second = HANDBOOK.exercises[0], HANDBOOK.exercises[1]
    plan = {"focus": "one", "recommendations": [first.recommendation_ids[0]], "date": "2026-12-03",
            "start": "09:00", "slot": 90, "size": 8, "longest": 90,
            "items": [{"id": first.id}, {"pause": 10}, {"id": second.id}]}
    return {**plan, **changes}


def test_a_plan_survives_its_address():
    plan = a_plan()
    text = core("planHash", plan)
    assert re.fullmatch(r"[A-Za-z0-9=&,:.\-]+", text), text
    assert core("parsePlan", "#" + text, EXERCISE_IDS, REC_IDS) == {"plan": plan, "unknown": 0}


@pytest.mark.parametrize("hostile", [
    "t=25:99&len=-4&n=abc&max=99999&d=2026-13-45&f=<script>",
    "i=no-such-exercise,:9999,:x,,,&r=nowhere",
    "%ZZ&&&==",
])
def test_a_broken_address_gives_a_plan_within_limits(hostile):
    result = core("parsePlan", hostile, EXERCISE_IDS, REC_IDS)
    plan = result["plan"]
    assert plan["focus"] in ("one", "mine", "group")
    assert re.fullmatch(r"\d{2}:\d{2}", plan["start"])
    assert 10 <= plan["slot"] <= 600 and 2 <= plan["size"] <= 60 and 5 <= plan["longest"] <= 600
    assert plan["date"] == "" and plan["recommendations"] == []
    for item in plan["items"]:
        assert item.get("id") in BY_ID or 1 <= item["pause"] <= 120


def test_an_unknown_exercise_in_a_link_is_counted_not_kept():
    result = core("parsePlan", f"i={EXERCISE_IDS[0]},gone-away,{EXERCISE_IDS[1]}", EXERCISE_IDS,
                  REC_IDS)
    assert result["unknown"] == 1
    assert [item["id"] for item in result["plan"]["items"]] == EXERCISE_IDS[:2]


def test_the_agenda_has_clock_times_and_says_when_it_runs_over():
    plan = a_plan(start="23:30", slot=30)
    timed = core("agenda", plan, BY_ID)
    minutes = [BY_ID[i["id"]]["minutes"] if "id" in i else i["pause"] for i in plan["items"]]
    start = 23 * 60 + 30
    for row, length in zip(timed["rows"], minutes, strict=True):
        assert row["start"] == f"{start // 60 % 24:02d}:{start % 60:02d}"
        start += length
        assert row["end"] == f"{start // 60 % 24:02d}:{start % 60:02d}"
    assert timed["total"] == sum(minutes)
    assert timed["left"] == 30 - sum(minutes) < 0


@pytest.mark.parametrize("rec", REC_IDS)
def test_the_filter_keeps_exactly_the_exercises_that_fit(rec):
    size, longest = 8, 45
    found = core("filterExercises", EXERCISES, {"recommendations": [rec], "size": size,
                                                "longest": longest})
    expected = {e.id for e in HANDBOOK.exercises_for(rec)
                if e.group_min <= size <= e.group_max and e.duration_minutes <= longest}
    assert {e["id"] for e in found} == expected


def test_run_steps_are_the_exercises_steps_in_order_with_breaks_between():
    plan = a_plan()
    steps = core("runSteps", plan, BY_ID, "Pause")
    expected = []
    for item in plan["items"]:
        if "pause" in item:
            expected.append((item["pause"], "", False))
        else:
            own = HANDBOOK.exercise(item["id"]).steps
            expected += [(s.minutes, s.text[LANG], s.silent) for s in own]
    assert [(s["minutes"], s["text"], s["silent"]) for s in steps] == expected


def test_silent_steps_in_content_reach_run_mode():
    silent = [(e.id, i) for e in HANDBOOK.exercises for i, s in enumerate(e.steps) if s.silent]
    assert silent, "no exercise marks a step as silent writing (silent: true)"
    for exercise_id, index in silent:
        assert BY_ID[exercise_id]["steps"][index]["silent"] is True


def test_the_timer_counts_down_pauses_and_moves():
    state = core("timer.create", 3)
    state = core("timer.start", state, 1_000)
    assert core("timer.left", state, 61_000, 5) == 4 * 60_000
    state = core("timer.pause", state, 61_000)
    assert core("timer.left", state, 999_000, 5) == 4 * 60_000  # paused: time stands still
    state = core("timer.start", state, 1_000_000)
    assert core("timer.left", state, 1_000_000 + 5 * 60_000, 5) == -60_000
    state = core("timer.go", state, 7)
    assert state["index"] == 2 and state["running"] is False and state["elapsed"] == 0
    assert core("timer.go", state, -1)["index"] == 0


@pytest.mark.parametrize(("ms", "shown"), [(300_000, "5:00"), (299_001, "5:00"), (59_000, "0:59"),
                                           (0, "0:00"), (-12_500, "+0:12")])
def test_the_countdown_reads_as_minutes_and_seconds(ms, shown):
    assert core("countdown", ms) == shown


def test_merging_notes_never_drops_a_line():
    ours = "Vi avtaler A\nVi avtaler B"
    theirs = "Vi avtaler B\nVi avtaler C\n\n"
    result = core("mergeText", ours, theirs)
    assert result == {"text": "Vi avtaler A\nVi avtaler B\nVi avtaler C", "added": 1}


def test_notes_read_back_and_anything_else_is_refused():
    record = core("emptyNotes")
    record["notes"]["decisions"] = "Beslutning; med komma, og æøå"
    record["followup"].update(date="2027-01-15", time="14:00")
    assert core("readNotes", json.dumps(record)) == record
    for bad in ("", "null", "[]", '{"format": "x"}', json.dumps({**record, "format": "other"})):
        assert core("readNotes", bad) is None


def test_group_result_scores_rank_the_weakest_first():
    """From a result as assessment-core's readResult gives it (the file the group page saves):
    a recommendation's score is the mean of its statements' means; held-back means count not."""
    recs = [{"id": r.id, "number": r.number} for r in HANDBOOK.recommendations]
    means = {r.id: 4.0 for r in HANDBOOK.recommendations}
    means[REC_IDS[2]], means[REC_IDS[4]] = 2.1, 2.5
    statements = {s["factor"]: {"n": 5, "mean": means[s["recommendation"]], "spread": 0.5}
                  for s in DATA["statements"]}
    held_back = next(s["factor"] for s in DATA["statements"] if s["recommendation"] == REC_IDS[0])
    statements[held_back] = {"n": 2, "mean": None, "spread": None}
    scores = core("groupScores", {"statements": statements}, recs, DATA["statements"])
    assert core("weakest", scores, 2) == [REC_IDS[2], REC_IDS[4]]
    assert {score["id"]: score["mean"] for score in scores}[REC_IDS[0]] == 4.0
    assert core("groupScores", None, recs, DATA["statements"]) is None
    assert core("groupScores", {"statements": {}}, recs, DATA["statements"]) is None


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_the_calendar_file_follows_rfc_5545():
    description = "Avtaler:\n- Møt presis; alltid, også\\når " + "lang linje med æøå " * 8
    text = core("calendar", {"uid": "abc-123@velfungerende-ledergruppe",
                             "now": {"$date": "2026-11-27T18:30:05.123Z"}, "date": "2027-01-15",
                             "time": "23:30", "minutes": 90, "summary": "Oppfølging: Ansvar, tid",
                             "description": description, "place": "Rom 2"})
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    for needed in ("VERSION:2.0", "UID:abc-123@velfungerende-ledergruppe",
                   "DTSTAMP:20261127T183005Z", "DTSTART:20270115T233000",
                   "DTEND:20270116T010000", "SUMMARY:Oppfølging: Ansvar\\, tid", "LOCATION:Rom 2"):
        assert needed in lines
    assert any(line.startswith("PRODID:") for line in lines)
    described = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert described.startswith("DESCRIPTION:Avtaler:\\n- Møt presis\\; alltid\\, også\\\\når lang")
