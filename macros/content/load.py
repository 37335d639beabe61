"""Load every content file into a `Handbook`, or raise `ContentError` with every problem found.

What each kind of content is (its files, schema, builder and cross-checks) is declared once, in
macros/content/kinds.py; this module reads every kind's files, validates them against the schema
and the text rules below, builds the models, runs the cross-checks and fills in the counts."""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from pathlib import Path

from macros.content import schemas
from macros.content.checklists import checklists
from macros.content.cross_checks import MIN_EXERCISES
from macros.content.fields import COUNTS, allowed, fields_in, fill, number_in_words
from macros.content.kinds import BY_NAME, KINDS, Kind
from macros.content.markup import invisible_characters, markup_findings
from macros.content.model import Handbook, Text
from macros.content.placeholders import placeholder_problems
from macros.content.problems import ContentError, Problem, display_path
from macros.content.validate import schema_problems, where
from macros.content.yamlfile import YamlFile, YamlFileError, find, read_yaml
from macros.languages import CODES
from macros.messages import message
from macros.project import CONTENT_DIR

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")
__all__ = ["KINDS", "MIN_EXERCISES", "Kind", "load_handbook", "load_with_files"]


class Loader:
    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self.schema_dir = content_dir / "schema"
        self.problems: list[Problem] = []
        self.files: dict[Path, YamlFile] = {}
        self.ids: dict[str, tuple[str, Path, tuple]] = {}  # id -> (kind, file, location)
        self.failed: set[str] = set()  # names of the kinds with a file that did not load

    def shown(self, path: Path) -> str:
        return display_path(path, self.content_dir.parent)

    def problem(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown(path), line, message))

    def path_of(self, name: str) -> Path:
        """The file of a one-file kind (site.yml), or its pattern."""
        return self.content_dir / BY_NAME[name].pattern

    def load_kind(self, kind: Kind) -> list:
        paths = sorted(self.content_dir.glob(kind.pattern))
        if not paths:
            self.problem(self.content_dir / kind.pattern, None,
                         message("load.no_file", name=kind.name, pattern=kind.pattern))
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
            self.failed.add(kind.name)
            return None
        except UnicodeDecodeError:
            self.problem(path, None, message("load.not_utf8"))
            self.failed.add(kind.name)
            return None
        self.files[path] = file
        self.check_schema_line(path, kind)
        if not isinstance(file.data, dict):
            self.problem(path, 1, message("load.not_mapping"))
            self.failed.add(kind.name)
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
            self.failed.add(kind.name)
            return None
        text_problems = text_rule_problems(file, kind, self.shown(path))
        if text_problems:
            self.problems.extend(text_problems)
            self.failed.add(kind.name)
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
            _, first_path, first_location = self.ids[identifier]
            first_line = self.line(first_path, first_location)
            first = self.shown(first_path) + (f":{first_line}" if first_line else "")
            self.problem(path, self.line(path, location),
                         message("load.id_taken", id=identifier, first=first))
        else:
            self.ids[identifier] = (kind, path, location)

    def refer(self, identifier: str, known: dict | set, what: str, path: Path,
              location: tuple) -> bool:
        """Check a reference by id; name the nearest existing ids when it points at nothing.
        `what` is the message id of the kind of thing referred to ("what.factor"). While a
        file that could define the id has problems of its own, nothing more is said: the id
        may well be there once that file is fixed."""
        if identifier in known:
            return True
        if DEFINED_IN[what] in self.failed:
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


def is_text(value: object) -> bool:
    """A mapping of language codes to strings: one text of the handbook."""
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
    label_file = kind.name in ("labels", "session")
    for location, texts in find(file.data, is_text):
        for lang, text in texts.items():
            spot = (*location, lang)
            line, name = file.line_of(spot), where(spot)
            for what_kind, what in markup_findings(text):
                problems.append(Problem(shown, line, _markup_message(what_kind, name, what)))
            for offset, column, character in invisible_characters(text):
                problems.append(Problem(shown, line + offset + file.block_start(spot) if line
                                        else None, message("text.invisible", where=name,
                                                           character=character, column=column)))
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


_loaded: dict[tuple, tuple[Handbook, dict[Path, YamlFile]]] = {}


def load_handbook(content_dir: Path | None = None) -> Handbook:
    """Read, validate and cross-check all content; raise ContentError listing every problem.
    Within one process the result is reused until a file in content_dir changes (a build
    asks for it from the hooks and from the macros). By default content_dir is content/."""
    return load_with_files(content_dir)[0]


def load_with_files(content_dir: Path | None = None) -> tuple[Handbook, dict[Path, YamlFile]]:
    """load_handbook, and the content files as it parsed them (for the checks a floor above,
    macros/site/link_check.py, which so read no file again)."""
    content_dir = Path(content_dir or CONTENT_DIR)
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
    known = {path for kind in KINDS for path in loader.content_dir.glob(kind.pattern)}
    for path in sorted(loader.content_dir.rglob("*.y*ml")):
        if path in known or path.name in NOT_CONTENT or path.parent.name == "schema":
            continue
        where_to = ", ".join(sorted(kind.pattern for kind in KINDS))
        loader.problem(path, None, message("load.not_read", places=where_to))


def _check_schemas(loader: Loader) -> None:
    """The schemas are JSON (else nothing can be checked against them: stop here), name the
    languages of macros/languages.yml (editors' completion) and describe every field in every
    language the tool speaks."""
    for path in sorted(loader.schema_dir.glob("*.schema.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            loader.problem(path, None, message("load.not_utf8"))
        except json.JSONDecodeError as error:
            loader.problem(path, error.lineno, message("load.schema_not_json",
                                                       column=error.colno))
    if loader.problems:
        raise ContentError(loader.problems)
    for path in schemas.outdated(loader.schema_dir):
        loader.problem(path, None, message("load.schema_languages"))
    for path, line, problem in schemas.description_problems(loader.schema_dir):
        loader.problem(path, line, problem)


def _load_handbook(content_dir: Path) -> tuple[Handbook, dict[Path, YamlFile]]:
    loader = Loader(content_dir)
    _check_schemas(loader)
    loaded = {kind.name: loader.load_kind(kind) for kind in KINDS}
    _check_every_file_is_content(loader)
    # Files that did not load are left out of what follows; references to ids they might
    # define are not reported (Loader.refer), so every line is a mistake of its own. A kind's
    # checks run when it has content, after the checks of the kinds before it.
    book: dict[str, object] = {}
    for kind in KINDS:
        items = loaded[kind.name]
        if kind.single:
            book[kind.name] = items[0] if items else None
        else:
            book[kind.name] = tuple(sorted(items, key=kind.order) if kind.order else items)
        if book[kind.name] is None:
            continue
        for check in kind.checks:
            changed = check(loader, book)
            if changed is not None:
                book[kind.name] = changed
    if loader.problems:
        raise ContentError(loader.problems)
    handbook = Handbook(**{kind.field: book[kind.name] for kind in KINDS if kind.field},
                        more={kind.name: book[kind.name] for kind in KINDS if not kind.field})
    for kind in KINDS:
        for check in kind.handbook_checks:
            check(loader, handbook)
    if loader.problems:
        raise ContentError(loader.problems)
    return _fill_counts(handbook, book["number_words"]), loader.files


def counts(handbook: Handbook) -> dict[str, int]:
    """The numbers texts can name: {recommendations}, {factors}, … (macros/content/fields.py)."""
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


