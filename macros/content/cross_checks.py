"""The checks that span files, one function per check, named in the declaration of the kind
they check (macros/content/kinds.py). Each gets the loader (macros/content/load.py's Loader:
to report a problem at its file and line, to claim an id, to check a reference) and `book`,
what is loaded so far by kind; a check that returns a value puts it in place of the kind's
(e.g. sorted, or completed)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from macros.content.model import Exercise, Module, Programme, Recommendation, Reflection
from macros.content.validate import where
from macros.languages import CODES
from macros.messages import message

MIN_EXERCISES = 2  # per recommendation, so that a group can choose


def check_exercises_per_recommendation(loader, book: dict) -> None:
    """Each recommendation has exercises to choose from, and each of its factors is worked
    on by one of them (else its page has an empty "Exercises" section and the checklist a
    factor no exercise helps with)."""
    recommendations, exercises = book["recommendations"], book["exercises"]
    if "exercises" in loader.failed:
        return
    for rec in recommendations:
        mine = [e for e in exercises if rec.id in e.recommendation_ids]
        if len(mine) < MIN_EXERCISES:
            loader.problem(rec.source, loader.line(rec.source, ("id",)),
                           message("load.too_few_exercises", id=rec.id, count=len(mine),
                                   minimum=MIN_EXERCISES))
        served = {factor_id for e in mine for factor_id in e.factor_ids}
        for index, factor in enumerate(rec.factors):
            if factor.id not in served:
                loader.problem(rec.source, loader.line(rec.source, ("factors", index, "id")),
                               message("load.factor_not_served", index=index + 1,
                                       factor=factor.id))


def check_programme_covers(loader, book: dict) -> None:
    programme, recommendations = book["programme"], book["recommendations"]
    covered = {module.recommendation_id for module in programme.modules}
    for rec in recommendations:
        if rec.id not in covered:
            loader.problem(programme.source, loader.line(programme.source, ("modules",)),
                           message("load.no_programme_module", id=rec.id))


def check_left_out(loader, book: dict) -> None:
    site, recommendations = book["site"], book["recommendations"]
    if site is None:
        return
    path = loader.path_of("site")
    if site.study_recommendations is not None and \
            site.study_recommendations <= len(recommendations):
        loader.problem(path, loader.line(path, ("study_recommendations",)),
                       message("load.left_out_count", study=site.study_recommendations,
                               count=len(recommendations)))


def check_meeting_checklists(loader, book: dict) -> None:
    checklists = book["checklists"]
    for checklist in checklists:
        path = checklist.source
        loader.claim(checklist.id, path, ("id",), "checklist")
        for s_index, section in enumerate(checklist.sections):
            loader.claim(section.id, path, ("sections", s_index, "id"), "checklist section")
            for i_index, item in enumerate(section.items):
                loader.claim(item.id, path, ("sections", s_index, "items", i_index, "id"),
                             "checklist item")
        if path.name != f"{checklist.id}.yml":
            loader.problem(path, None, message("load.name_vs_id", expected=f"{checklist.id}.yml"))


def check_recommendations(loader, book: dict) -> None:
    recommendations = book["recommendations"]
    numbers: dict[int, Path] = {}
    for rec in recommendations:
        path = rec.source
        loader.claim(rec.id, path, ("id",), "recommendation")
        for index, factor in enumerate(rec.factors):
            loader.claim(factor.id, path, ("factors", index, "id"), "factor")
        if rec.number in numbers:
            loader.problem(path, loader.line(path, ("number",)),
                           message("load.number_taken", number=rec.number,
                                   first=loader.shown(numbers[rec.number])))
        numbers[rec.number] = path
        expected = f"{rec.number:02d}-{rec.id}.yml"
        if path.name != expected:
            loader.problem(path, None, message("load.name_vs_number_id", expected=expected))
    missing = sorted(set(range(1, len(recommendations) + 1)) - set(numbers))
    if recommendations and missing and "recommendations" not in loader.failed:
        loader.problem(loader.content_dir / "recommendations", None,
                       message("load.numbers_gap", missing=", ".join(map(str, missing))))


def check_exercises(loader, book: dict) -> None:
    exercises, recommendations = book["exercises"], book["recommendations"]
    by_id = {rec.id: rec for rec in recommendations}
    for exercise in exercises:
        path = exercise.source
        loader.claim(exercise.id, path, ("id",), "exercise")
        if path.stem != exercise.id:
            loader.problem(path, loader.line(path, ("id",)),
                           message("load.name_vs_id_or_change", id=exercise.id))
        served = {}
        for index, rec_id in enumerate(exercise.recommendation_ids):
            if loader.refer(rec_id, by_id, "what.recommendation", path, ("recommendations", index)):
                served.update({factor.id: rec_id for factor in by_id[rec_id].factors})
        all_factors = {f.id: rec.id for rec in recommendations for f in rec.factors}
        for index, factor_id in enumerate(exercise.factor_ids):
            location = ("factors", index)
            if not loader.refer(factor_id, all_factors, "what.factor", path, location):
                continue
            if factor_id not in served:
                loader.problem(path, loader.line(path, location),
                               message("load.factor_elsewhere", index=index + 1,
                                       factor=factor_id,
                                       recommendation=all_factors[factor_id]))
        step_total = sum(step.minutes for step in exercise.steps)
        if step_total != exercise.duration_minutes:
            loader.problem(path, loader.line(path, ("duration_minutes",)),
                           message("load.steps_total", duration=exercise.duration_minutes,
                                   total=step_total))
        if exercise.group_min > exercise.group_max:
            loader.problem(path, loader.line(path, ("group_size",)),
                           message("load.group_size"))


BREAK_AFTER_MINUTES = 90  # a session longer than this has a break in its agenda


def check_programme(loader, book: dict) -> Programme:
    """The programme, checked; a recommendation session gets its recommendation's title, so that
    the two never differ."""
    programme, recommendations = book["programme"], book["recommendations"]
    exercises = book["exercises"]
    recs = {rec.id: rec for rec in recommendations}

    def titled(modules: tuple[Module, ...]) -> tuple[Module, ...]:
        return tuple(
            replace(module, title=recs[module.recommendation_id].title)
            if module.kind == "recommendation" and module.recommendation_id in recs else module
            for module in modules)

    _check_modules(loader, programme.source, ("modules",), programme.modules, recs, exercises)
    short = programme.short
    if short:
        _check_modules(loader, programme.source, ("short", "modules"), short.modules, recs,
                       exercises)
        short = replace(short, modules=titled(short.modules))
    return replace(programme, modules=titled(programme.modules), short=short)


def _check_modules(loader, path: Path, where_: tuple, modules: tuple[Module, ...],
                   recs: dict[str, Recommendation], exercises: list[Exercise]) -> None:
    by_id = {exercise.id: exercise for exercise in exercises}
    for index, module in enumerate(modules):
        here = (*where_, index)
        loader.claim(module.id, path, (*here, "id"), "programme session")
        if module.kind == "recommendation":
            if module.recommendation_id is None:
                loader.problem(path, loader.line(path, here),
                               message("load.module_needs_recommendation", index=index + 1))
            else:
                loader.refer(module.recommendation_id, recs, "what.recommendation", path,
                             (*here, "recommendation"))
            if module.title is not None:
                loader.problem(path, loader.line(path, (*here, "title")),
                               message("load.module_title_from_recommendation", index=index + 1))
        else:
            if module.recommendation_id is not None:
                loader.problem(path, loader.line(path, (*here, "recommendation")),
                               message("load.module_recommendation_only", index=index + 1))
            if module.title is None:
                loader.problem(path, loader.line(path, here),
                               message("load.module_needs_title", index=index + 1))
        _check_agenda(loader, path, here, module, by_id)


def _check_agenda(loader, path: Path, here: tuple, module: Module,
                  by_id: dict[str, Exercise]) -> None:
    """The agenda's minutes add up to the session's length, each exercise exists and gets its
    own length, each item says what to do, and a long session has a break."""
    for position, item in enumerate(module.agenda):
        spot = (*here, "agenda", position)
        if item.exercise_id is not None:
            if loader.refer(item.exercise_id, by_id, "what.exercise", path, (*spot, "exercise")):
                length = by_id[item.exercise_id].duration_minutes
                if item.minutes != length:
                    loader.problem(path, loader.line(path, (*spot, "minutes")),
                                   message("load.agenda_exercise_minutes", where=where(spot),
                                           minutes=item.minutes, id=item.exercise_id,
                                           duration=length))
        elif item.text is None and item.kind != "break":
            loader.problem(path, loader.line(path, spot),
                           message("load.agenda_needs_text", where=where(spot)))
    total = sum(item.minutes for item in module.agenda)
    if total != module.duration_minutes:
        loader.problem(path, loader.line(path, (*here, "duration_minutes")),
                       message("load.agenda_total", where=where(here),
                               duration=module.duration_minutes, total=total))
    if module.duration_minutes > BREAK_AFTER_MINUTES and \
            not any(item.kind == "break" for item in module.agenda):
        loader.problem(path, loader.line(path, (*here, "agenda")),
                       message("load.agenda_no_break", where=where(here),
                               duration=module.duration_minutes, limit=BREAK_AFTER_MINUTES))


def check_reflections(loader, book: dict) -> tuple[Reflection, ...]:
    """Each file belongs to a real recommendation (at most one file each); question ids are
    unique across content/. Returned in the recommendations' order."""
    reflections, recommendations = book["reflection"], book["recommendations"]
    by_id = {rec.id: rec for rec in recommendations}
    seen: dict[str, Path] = {}
    for reflection in reflections:
        path = reflection.source
        rec_id = reflection.recommendation_id
        if loader.refer(rec_id, by_id, "what.recommendation", path, ("recommendation",)):
            expected = f"{by_id[rec_id].number:02d}-{rec_id}.yml"
            if path.name != expected:
                loader.problem(path, None,
                               message("load.name_vs_recommendation", expected=expected))
        if rec_id in seen:
            loader.problem(path, loader.line(path, ("recommendation",)),
                           message("load.reflection_twice", recommendation=rec_id,
                                   first=loader.shown(seen[rec_id])))
        seen[rec_id] = path
        for key in ("leader", "top_manager", "group"):
            for index, question in enumerate(getattr(reflection, key)):
                loader.claim(question.id, path, (key, index, "id"), "reflection question")
    if reflections:
        for rec in recommendations:
            if rec.id not in seen:
                loader.problem(loader.content_dir / "reflection", None,
                               message("load.reflection_missing", recommendation=rec.id))
    order = {rec.id: rec.number for rec in recommendations}
    return tuple(sorted(reflections, key=lambda r: order.get(r.recommendation_id, 99)))


def check_self_assessment(loader, book: dict) -> None:
    """Every statement names a real promoting factor, and every factor has exactly one."""
    assessment, recommendations = book["self_assessment"], book["recommendations"]
    path = assessment.source
    factors = {f.id: f for rec in recommendations for f in rec.factors}
    first: dict[str, int] = {}
    for index, statement in enumerate(assessment.statements):
        location = ("statements", index, "factor")
        if not loader.refer(statement.factor_id, factors, "what.factor", path, location):
            continue
        if statement.factor_id in first:
            loader.problem(path, loader.line(path, location),
                           message("load.statement_twice", index=index + 1,
                                   factor=statement.factor_id,
                                   first=first[statement.factor_id] + 1))
        else:
            first[statement.factor_id] = index
    missing = [factor_id for factor_id in factors if factor_id not in first]
    if missing and recommendations:
        loader.problem(path, loader.line(path, ("statements",)),
                       message("load.statement_missing", missing=", ".join(missing)))
    # The form numbers its statements 1, 2, 3 … in file order under each recommendation's
    # heading: listed in another order, the numbers would jump (18, 21, 19).
    # Only once each factor has exactly one statement: else the lines above say what to fix.
    listed = [s.factor_id for s in assessment.statements]
    if missing or len(set(listed)) != len(listed) or set(listed) != set(factors):
        return
    wanted = sorted(listed, key=lambda f: _order(recommendations, f))
    for index, (found, expected) in enumerate(zip(listed, wanted, strict=True)):
        if found != expected:
            loader.problem(path, loader.line(path, ("statements", index, "factor")),
                           message("load.statement_order", index=index + 1, found=found,
                                   expected=expected))
            break


def _order(recommendations, factor_id: str) -> tuple[int, int]:
    """Where a factor stands: its recommendation's place, then its own place in it."""
    for rec_index, rec in enumerate(recommendations):
        for index, factor in enumerate(rec.factors):
            if factor.id == factor_id:
                return rec_index, index
    return len(recommendations), 0


def check_number_words(loader, book: dict) -> None:
    """Numbers are written out in every language of macros/languages.yml."""
    for lang in CODES:
        if lang not in book["number_words"]:
            loader.problem(loader.path_of("number_words"), None,
                           message("load.number_words_missing", lang=lang))
