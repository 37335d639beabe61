"""Rendering of exercises and the exercise index (pure functions)."""

from __future__ import annotations

from macros.addresses import EXERCISE_INDEX, PROGRAMME
from macros.content.model import Exercise, Handbook
from macros.languages import SOURCE
from macros.render.template import render_template

# Run-time bands on the exercise index: (id used as anchor, label key, longest run time)
DURATION_BANDS = (
    ("kort", "duration_short", 30),
    ("middels", "duration_medium", 45),
    ("lang", "duration_long", None),
)


def duration_band(exercise: Exercise) -> str:
    for band, _, longest in DURATION_BANDS:
        if longest is None or exercise.duration_minutes <= longest:
            return band
    raise AssertionError("the last band has no limit")


def render_exercise(handbook: Handbook, exercise: Exercise, lang: str, here: str | None = None
                    ) -> str:
    recommendations = [handbook.recommendation(rec_id) for rec_id in exercise.recommendation_ids]
    factors = [handbook.factors[factor_id] for factor_id in exercise.factor_ids]
    return render_template("exercise.md.j2", handbook, lang, here or exercise.page, ex=exercise,
                   recommendations=recommendations, factors=factors,
                   index_page=EXERCISE_INDEX)


def render_exercise_index(handbook: Handbook, lang: str, here: str = EXERCISE_INDEX) -> str:
    bands = [
        (band, label, [e for e in _by_time(handbook) if duration_band(e) == band])
        for band, label, _ in DURATION_BANDS
    ]
    return render_template("exercise_index.md.j2", handbook, lang, here, bands=bands,
                   by_time=_by_time(handbook), programme_page=PROGRAMME)


def _by_time(handbook: Handbook) -> list[Exercise]:
    # The same order in every language: by the source language's title.
    return sorted(handbook.exercises, key=lambda e: (e.duration_minutes, e.title[SOURCE.code]))
