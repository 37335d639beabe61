"""Load every content file into a `Handbook`, or raise `ContentError` with every problem found.

Each kind of content is a file pattern, the schema that describes it, and a builder from
validated data to a typed model. Checks that span files (unique ids, references) follow."""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from macros.content import schemas
from macros.content.fields import COUNTS, allowed, fields_in, fill, number_in_words
from macros.content.markup import markup_findings
from macros.content.model import (
    AgendaItem,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Exercise,
    Factor,
    Guide,
    GuideSection,
    Handbook,
    Labels,
    Module,
    Programme,
    ProgrammePath,
    Question,
    Recommendation,
    Reflection,
    Role,
    Roles,
    SearchSynonyms,
    SelfAssessment,
    Site,
    Statement,
    Step,
    Text,
    Tip,
)
from macros.content.placeholders import placeholder_problems
from macros.content.problems import ContentError, Problem, display_path
from macros.content.validate import schema_problems, where
from macros.content.yamlfile import YamlFile, YamlFileError, find, read_yaml
from macros.languages import CODES
from macros.messages import message
from macros.project import CONTENT_DIR

# Tests point this at a copy of content/ with a mistake in it.
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


@dataclass(frozen=True)
class Kind:
    pattern: str  # glob below content/
    schema: str  # file name in content/schema/
    build: Callable[[dict, Path], object]
    single: bool = False  # exactly one file, not a folder of them


def _build_site(data: dict, path: Path) -> Site:
    roles = data["roles"]
    return Site(
        **{key: value if isinstance(value, int) else Text.of(value)
           for key, value in data.items() if key != "roles"},
        roles=Roles(
            title=Text.of(roles["title"]),
            intro=Text.of(roles["intro"]),
            note=Text.of(roles["note"]),
            link=Text.of(roles["link"]),
            items=tuple(Role(item["id"], Text.of(item["term"]), Text.of(item["text"]))
                        for item in roles["items"]),
        ),
    )


def _build_number_words(data: dict, path: Path) -> dict[str, dict[int, str]]:
    return {lang: {index + 1: word.strip() for index, word in enumerate(words)}
            for lang, words in data.items()}


def _build_labels(data: dict, path: Path) -> Labels:
    return Labels({key: Text.of(value) for key, value in data.items()})


def _build_search_synonyms(data: dict, path: Path) -> SearchSynonyms:
    return SearchSynonyms({lang: {word: tuple(others) for word, others in words.items()}
                           for lang, words in data.items()})


def _build_recommendation(data: dict, path: Path) -> Recommendation:
    factors = tuple(
        Factor(id=f["id"], text=Text.of(f["text"]), recommendation_id=data["id"])
        for f in data["factors"]
    )
    texts = {key: Text.of(data[key]) for key in ("title", "lead", "body")}
    return Recommendation(
        id=data["id"], number=data["number"], factors=factors, source=path, **texts
    )


def _build_exercise(data: dict, path: Path) -> Exercise:
    return Exercise(
        id=data["id"],
        title=Text.of(data["title"]),
        purpose=Text.of(data["purpose"]),
        recommendation_ids=tuple(data["recommendations"]),
        factor_ids=tuple(data["factors"]),
        participants=data["participants"],
        group_min=data["group_size"]["min"],
        group_max=data["group_size"]["max"],
        preparation_minutes=data["preparation_minutes"],
        duration_minutes=data["duration_minutes"],
        materials=tuple(Text.of(item) for item in data["materials"]),
        preparation=tuple(Text.of(item) for item in data["preparation"]),
        steps=tuple(Step(step["minutes"], Text.of(step["text"]), step.get("silent", False))
                    for step in data["steps"]),
        tips=tuple(Tip(Text.of(tip["problem"]), Text.of(tip["remedy"])) for tip in data["tips"]),
        variations={key: Text.of(value) for key, value in data["variations"].items()},
        follow_up=Text.of(data["follow_up"]),
        source=path,
    )


def _build_modules(data: list) -> tuple[Module, ...]:
    return tuple(
        Module(
            id=module["id"],
            kind=module["kind"],
            recommendation_id=module.get("recommendation"),
            title=Text.of(module["title"]) if "title" in module else None,
            aim=Text.of(module["aim"]),
            agenda=tuple(AgendaItem(item["kind"], item["minutes"],
                                    Text.of(item["text"]) if "text" in item else None,
                                    item.get("exercise"))
                         for item in module["agenda"]),
            between_sessions=Text.of(module["between_sessions"]),
            duration_minutes=module["duration_minutes"],
        )
        for module in data
    )


def _build_programme(data: dict, path: Path) -> Programme:
    short = data.get("short")
    return Programme(Text.of(data["title"]), Text.of(data["intro"]),
                     _build_modules(data["modules"]), path,
                     ProgrammePath(Text.of(short["title"]), Text.of(short["intro"]),
                                   _build_modules(short["modules"])) if short else None)


def _build_guide(data: dict, path: Path) -> Guide:
    return Guide(Text.of(data["title"]), Text.of(data["intro"]),
                 tuple(GuideSection(section["id"], Text.of(section["title"]),
                                    Text.of(section["body"])) for section in data["sections"]),
                 path)


def _build_reflection(data: dict, path: Path) -> Reflection:
    def questions(key: str) -> tuple[Question, ...]:
        return tuple(Question(q["id"], Text.of(q["text"])) for q in data[key])

    return Reflection(data["recommendation"], questions("leader"), questions("top_manager"),
                      questions("group"), path)


def _build_self_assessment(data: dict, path: Path) -> SelfAssessment:
    return SelfAssessment(
        scale=tuple(Text.of(label) for label in data["scale"]),
        statements=tuple(Statement(s["factor"], Text.of(s["text"])) for s in data["statements"]),
        source=path,
    )


def _build_meeting_checklist(data: dict, path: Path) -> Checklist:
    sections = tuple(
        ChecklistSection(
            id=section["id"],
            title=Text.of(section["title"]),
            items=tuple(ChecklistItem(id=item["id"], text=Text.of(item["text"]))
                        for item in section["items"]),
        )
        for section in data["sections"]
    )
    return Checklist(id=data["id"], title=Text.of(data["title"]),
                            intro=Text.of(data["intro"]), sections=sections, source=path)


def _build_redirects(data: dict, path: Path) -> dict[str, str]:
    return dict(data)


KINDS = {
    "site": Kind("site.yml", "site.schema.json", _build_site, single=True),
    "labels": Kind("labels.yml", "labels.schema.json", _build_labels, single=True),
    "session": Kind("session.yml", "session.schema.json", _build_labels, single=True),
    "number_words": Kind("number-words.yml", "number-words.schema.json", _build_number_words,
                         single=True),
    "search_synonyms": Kind("search-synonyms.yml", "search-synonyms.schema.json",
                            _build_search_synonyms, single=True),
    "recommendations": Kind(
        "recommendations/*.yml", "recommendation.schema.json", _build_recommendation
    ),
    "exercises": Kind("exercises/*.yml", "exercise.schema.json", _build_exercise),
    "programme": Kind("programme.yml", "programme.schema.json", _build_programme, single=True),
    "guide": Kind("guide.yml", "guide.schema.json", _build_guide, single=True),
    "reflection": Kind("reflection/*.yml", "reflection.schema.json", _build_reflection),
    "self_assessment": Kind("self-assessment.yml", "self-assessment.schema.json",
                            _build_self_assessment, single=True),
    "checklists": Kind(
        "checklists/*.yml", "meeting-checklist.schema.json", _build_meeting_checklist
    ),
    "redirects": Kind("redirects.yml", "redirects.schema.json", _build_redirects, single=True),
}


class Loader:
    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self.schema_dir = content_dir / "schema"
        self.problems: list[Problem] = []
        self.files: dict[Path, YamlFile] = {}
        self.ids: dict[str, tuple[str, Path]] = {}  # every id in content/ -> (kind, file)
        self.failed: set[str] = set()  # patterns of the kinds with a file that did not load

    def shown(self, path: Path) -> str:
        return display_path(path, self.content_dir.parent)

    def problem(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown(path), line, message))

    def load_kind(self, name: str, kind: Kind) -> list:
        paths = sorted(self.content_dir.glob(kind.pattern))
        if not paths:
            self.problem(self.content_dir / kind.pattern, None,
                         message("load.no_file", name=name, pattern=kind.pattern))
        items = []
        for path in paths:
            item = self.load_file(path, kind)
            if item is not None:
                items.append(item)
        return items

    def load_file(self, path: Path, kind: Kind):
        try:
            file = read_yaml(path)
        except YamlFileError as error:
            self.problem(path, error.line, error.message)
            self.failed.add(kind.pattern)
            return None
        except UnicodeDecodeError:
            self.problem(path, None, message("load.not_utf8"))
            self.failed.add(kind.pattern)
            return None
        self.files[path] = file
        self.check_schema_line(path, kind)
        if not isinstance(file.data, dict):
            self.problem(path, 1, message("load.not_mapping"))
            self.failed.add(kind.pattern)
            return None
        # A file made by `new` still holding placeholders: say which, and not what the schema
        # thinks of them (a placeholder for a number is not a number).
        todo = placeholder_problems(file, self.shown(path))
        todo_lines = {problem.line for problem in todo}
        problems = [problem for problem in
                    schema_problems(file, self.schema_dir / kind.schema, self.shown(path))
                    if problem.line not in todo_lines]
        if problems or todo:
            self.problems.extend(todo + problems)
            self.failed.add(kind.pattern)
            return None
        text_problems = text_rule_problems(file, kind, self.shown(path))
        if text_problems:
            self.problems.extend(text_problems)
            self.failed.add(kind.pattern)
            return None
        return kind.build(file.data, path)

    def check_schema_line(self, path: Path, kind: Kind) -> None:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = Path(*[".."] * (len(path.relative_to(self.content_dir).parts) - 1),
                        "schema", kind.schema).as_posix()
        match = SCHEMA_LINE.match(first)
        if not match or match.group(1) != expected:
            self.problem(path, 1, message("load.schema_line", expected=expected))

    def line(self, path: Path, location: tuple) -> int | None:
        file = self.files.get(path)
        return file.line_of(location) if file else None

    def claim(self, identifier: str, path: Path, location: tuple, kind: str = "") -> None:
        """Register an id; ids are unique across all of content/."""
        if identifier in self.ids:
            first = self.shown(self.ids[identifier][1])
            self.problem(path, self.line(path, location),
                         message("load.id_taken", id=identifier, first=first))
        else:
            self.ids[identifier] = (kind, path)

    def refer(self, identifier: str, known: dict | set, what: str, path: Path,
              location: tuple) -> bool:
        """Check a reference by id; name the nearest existing ids when it points at nothing.
        `what` is the message id of the kind of thing referred to ("what.factor"). While a
        file that could define the id has problems of its own, nothing more is said: the id
        may well be there once that file is fixed."""
        if identifier in known:
            return True
        if KINDS[DEFINED_IN[what]].pattern in self.failed:
            return False
        what = _what(what)
        close = difflib.get_close_matches(identifier, list(known), n=1)
        hint = (message("hint.did_you_mean", suggestion=close[0]) if close
                else message("hint.use_one_of", options=", ".join(sorted(known))))
        self.problem(path, self.line(path, location),
                     message("load.no_such", where=where(location), what=what, id=identifier,
                             hint=hint))
        return False


# The kind of content that defines the ids of each kind of reference.
DEFINED_IN = {"what.recommendation": "recommendations", "what.factor": "recommendations",
              "what.exercise": "exercises"}

def _what(what: str) -> str:
    """The kind of thing referred to, in the editor's language."""
    return {"what.recommendation": lambda: message("what.recommendation"),
            "what.factor": lambda: message("what.factor"),
            "what.exercise": lambda: message("what.exercise")}[what]()


# Longest texts, by where they print: (kind pattern or None for any, location, limit, sheet).
# Locations are dotted, list positions from 0; the first rule that matches applies.
def _sheets() -> dict[str, str]:
    """Where a text prints, in the editor's language (for the message on a too long text)."""
    return {"checklist_item": message("sheet.checklist_item"), "title": message("sheet.title"),
            "question": message("sheet.question"), "step": message("sheet.step"),
            "text": message("sheet.text")}


LENGTH_LIMITS = (
    ("recommendations/*.yml", r"factors\.\d+\.text", 240, "checklist_item"),
    ("checklists/*.yml", r"sections\.\d+\.items\.\d+\.text", 240, "checklist_item"),
    ("self-assessment.yml", r"statements\.\d+\.text", 240, "checklist_item"),
    (None, r"(.*\.)?title", 140, "title"),
    ("reflection/*.yml", r"(leader|top_manager|group)\.\d+\.text", 300, "question"),
    ("exercises/*.yml", r"steps\.\d+\.text", 500, "step"),
    (None, r".*", 2000, "text"),
)


def _markup_message(kind: str, where: str, what: str) -> str:
    return {"html": lambda: message("markup.html", where=where, what=what),
            "entity": lambda: message("markup.entity", where=where, what=what),
            "image": lambda: message("markup.image", where=where, what=what),
            "link": lambda: message("markup.link", where=where, what=what)}[kind]()
MIN_EXERCISES = 2  # per recommendation, so that a group can choose


def _is_text(value: object) -> bool:
    return (isinstance(value, dict) and bool(value) and set(value) <= set(CODES)
            and all(isinstance(text, str) for text in value.values()))


def _length_limit(kind: Kind, location: tuple) -> tuple[int, str]:
    dotted = ".".join(str(part) for part in location)
    for pattern, where_, limit, sheet in LENGTH_LIMITS:
        if (pattern is None or pattern == kind.pattern) and re.fullmatch(where_, dotted):
            return limit, sheet
    raise AssertionError("the last rule matches every text")


def text_rule_problems(file: YamlFile, kind: Kind, shown: str) -> list[Problem]:
    """What `check` says about the texts themselves: markup outside the documented subset,
    placeholders the text cannot use, and texts too long for the sheet they print on."""
    problems = []
    label_file = kind.pattern in (KINDS["labels"].pattern, KINDS["session"].pattern)
    for location, texts in find(file.data, _is_text):
        for lang, text in texts.items():
            spot = (*location, lang)
            line, name = file.line_of(spot), where(spot)
            for what_kind, what in markup_findings(text):
                problems.append(Problem(shown, line, _markup_message(what_kind, name, what)))
            names = allowed(location[0] if label_file else None)
            for field in dict.fromkeys(fields_in(text)):
                if field not in names:
                    problems.append(Problem(shown, line, message(
                        "fields.unknown", where=name, field="{" + field + "}",
                        allowed=", ".join("{" + n + "}" for n in names if n[0].islower()))))
            limit, sheet = _length_limit(kind, location)
            if len(text.strip()) > limit:
                problems.append(Problem(shown, line, message(
                    "load.too_long", where=name, length=len(text.strip()), limit=limit,
                    sheet=_sheets()[sheet])))
    return problems


_loaded: dict[tuple, Handbook] = {}


def load_handbook(content_dir: Path | None = None) -> Handbook:
    """Read, validate and cross-check all content; raise ContentError listing every problem.
    Within one process the result is reused until a file in content_dir changes (a build
    asks for it from the hooks and from the macros). By default content_dir is
    $HANDBOOK_CONTENT_DIR, else content/."""
    content_dir = Path(content_dir or os.environ.get("HANDBOOK_CONTENT_DIR") or CONTENT_DIR)
    stamp = (content_dir, tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                                       for p in content_dir.rglob("*") if p.is_file())))
    if stamp not in _loaded:
        _loaded.clear()
        _loaded[stamp] = _load_handbook(content_dir)
    return _loaded[stamp]


# Files below content/ that are not content an editor writes (kept by `status --reviewed`).
NOT_CONTENT = ("translations.lock.yml",)


def _check_every_file_is_content(loader: Loader) -> None:
    """A YAML file that no kind reads would be silently left out of the handbook."""
    known = {path for kind in KINDS.values() for path in loader.content_dir.glob(kind.pattern)}
    for path in sorted(loader.content_dir.rglob("*.y*ml")):
        if path in known or path.name in NOT_CONTENT or path.parent.name == "schema":
            continue
        where_to = ", ".join(sorted(kind.pattern for kind in KINDS.values()))
        loader.problem(path, None, message("load.not_read", places=where_to))


def _check_schema_languages(loader: Loader) -> None:
    """The schemas name the languages of macros/languages.yml (editors' completion)."""
    for path in schemas.outdated(loader.schema_dir):
        loader.problem(path, None, message("load.schema_languages"))


def _load_handbook(content_dir: Path) -> Handbook:
    loader = Loader(content_dir)
    _check_schema_languages(loader)
    loaded = {name: loader.load_kind(name, kind) for name, kind in KINDS.items()}
    _check_every_file_is_content(loader)
    # Files that did not load are left out of what follows; references to ids they might
    # define are not reported (Loader.refer), so every line is a mistake of its own.
    recommendations = sorted(loaded["recommendations"], key=lambda rec: rec.number)
    _check_recommendations(loader, recommendations)
    exercises = sorted(loaded["exercises"], key=lambda e: e.id)
    _check_exercises(loader, exercises, recommendations)
    programme = loaded["programme"][0] if loaded["programme"] else None
    if programme:
        programme = _check_programme(loader, programme, recommendations, exercises)
    reflections = _check_reflections(loader, loaded["reflection"], recommendations)
    self_assessment = loaded["self_assessment"][0] if loaded["self_assessment"] else None
    if self_assessment:
        _check_self_assessment(loader, self_assessment, recommendations)
    _check_meeting_checklists(loader, loaded["checklists"])
    _check_exercises_per_recommendation(loader, recommendations, exercises)
    if programme:
        _check_programme_covers(loader, programme, recommendations)
    site = loaded["site"][0] if loaded["site"] else None
    if site:
        _check_left_out(loader, site, recommendations)
    words = loaded["number_words"][0] if loaded["number_words"] else {}
    for lang in CODES:
        if words and lang not in words:
            loader.problem(loader.content_dir / KINDS["number_words"].pattern, None,
                           message("load.number_words_missing", lang=lang))
    if loader.problems:
        raise ContentError(loader.problems)
    handbook = Handbook(
        site=site,
        labels=loaded["labels"][0],
        session=loaded["session"][0],
        recommendations=tuple(recommendations),
        exercises=tuple(exercises),
        programme=programme,
        guide=loaded["guide"][0] if loaded["guide"] else None,
        reflections=reflections,
        self_assessment=self_assessment,
        meeting_checklists=tuple(loaded["checklists"]),
        search_synonyms=loaded["search_synonyms"][0],
        redirects=loaded["redirects"][0],
    )
    _check_redirects(loader, handbook)
    if loader.problems:
        raise ContentError(loader.problems)
    return _fill_counts(handbook, words)


def counts(handbook: Handbook) -> dict[str, int]:
    """The numbers texts can name: {recommendations}, {factors}, … (macros/content/fields.py)."""
    from macros.render.checklists import checklists  # what a reader can print

    values = {
        "recommendations": len(handbook.recommendations),
        "factors": len(handbook.factors),
        "exercises": len(handbook.exercises),
        "checklists": len(checklists(handbook)),
        "study_recommendations": (handbook.site.study_recommendations
                                  or len(handbook.recommendations)),
    }
    assert set(values) == set(COUNTS)
    return values


def _fill_counts(handbook: Handbook, words: dict[str, dict[int, str]]) -> Handbook:
    """Every text with its count placeholders written out in words, in its language."""
    numbers = counts(handbook)

    def text(value: Text) -> Text:
        return Text({lang: fill(written, **{name: number_in_words(number, words[lang])
                                            for name, number in numbers.items()})
                     for lang, written in value.items()})

    def walk(value):
        if isinstance(value, Text):
            return text(value)
        if isinstance(value, tuple):
            return tuple(walk(item) for item in value)
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)
                       if f.init}
            return dataclasses.replace(value, **changes)
        return value

    return walk(handbook)


def _check_exercises_per_recommendation(loader: Loader, recommendations: list[Recommendation],
                                        exercises: list[Exercise]) -> None:
    """Each recommendation has exercises to choose from, and each of its factors is worked
    on by one of them (else its page has an empty "Exercises" section and the checklist a
    factor no exercise helps with)."""
    if KINDS["exercises"].pattern in loader.failed:
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


def _check_programme_covers(loader: Loader, programme: Programme,
                            recommendations: list[Recommendation]) -> None:
    covered = {module.recommendation_id for module in programme.modules}
    for rec in recommendations:
        if rec.id not in covered:
            loader.problem(programme.source, loader.line(programme.source, ("modules",)),
                           message("load.no_programme_module", id=rec.id))


def _check_redirects(loader: Loader, handbook: Handbook) -> None:
    """Every old page of content/redirects.yml is gone (a redirect would hide a page) and leads
    to a page that exists."""
    from macros.site.pages import all_pages  # which pages the content makes

    path = loader.content_dir / KINDS["redirects"].pattern
    pages = all_pages(handbook)
    for old, new in handbook.redirects.items():
        if old in pages:
            loader.problem(path, loader.line(path, (old,)), message("redirects.page_exists",
                                                                     old=old))
        if new not in pages:
            close = difflib.get_close_matches(new, sorted(pages), n=1)
            hint = (message("hint.did_you_mean", suggestion=close[0]) if close
                    else message("hint.use_one_of", options=", ".join(sorted(pages))))
            loader.problem(path, loader.line(path, (old,)),
                           message("redirects.no_page", old=old, new=new, hint=hint))


def _check_left_out(loader: Loader, site: Site, recommendations: list[Recommendation]) -> None:
    path = loader.content_dir / KINDS["site"].pattern
    if site.study_recommendations is not None and \
            site.study_recommendations <= len(recommendations):
        loader.problem(path, loader.line(path, ("study_recommendations",)),
                       message("load.left_out_count", study=site.study_recommendations,
                               count=len(recommendations)))


def _check_meeting_checklists(loader: Loader, checklists: list[Checklist]) -> None:
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


def _check_recommendations(loader: Loader, recommendations: list[Recommendation]) -> None:
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
    if recommendations and missing and KINDS["recommendations"].pattern not in loader.failed:
        loader.problem(loader.content_dir / "recommendations", None,
                       message("load.numbers_gap", missing=", ".join(map(str, missing))))


def _check_exercises(loader: Loader, exercises: list[Exercise],
                     recommendations: list[Recommendation]) -> None:
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


def _check_programme(loader: Loader, programme: Programme,
                     recommendations: list[Recommendation], exercises: list[Exercise]) -> Programme:
    """The programme, checked; a recommendation session gets its recommendation's title, so that
    the two never differ."""
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


def _check_modules(loader: Loader, path: Path, where_: tuple, modules: tuple[Module, ...],
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


def _check_agenda(loader: Loader, path: Path, here: tuple, module: Module,
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


def _check_reflections(loader: Loader, reflections: list[Reflection],
                       recommendations: list[Recommendation]) -> tuple[Reflection, ...]:
    """Each file belongs to a real recommendation (at most one file each); question ids are
    unique across content/. Returned in the recommendations' order."""
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
    missing = [rec.id for rec in recommendations if rec.id not in seen]
    if missing and reflections:
        loader.problem(loader.content_dir / "reflection", None,
                       message("load.reflection_missing", missing=", ".join(missing)))
    order = {rec.id: rec.number for rec in recommendations}
    return tuple(sorted(reflections, key=lambda r: order.get(r.recommendation_id, 99)))


def _check_self_assessment(loader: Loader, assessment: SelfAssessment,
                           recommendations: list[Recommendation]) -> None:
    """Every statement names a real promoting factor, and every factor has exactly one."""
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
