"""Load every content file into a `Handbook`, or raise `ContentError` with every problem found.

Each kind of content is a file pattern, the schema that describes it, and a builder from
validated data to a typed model. Checks that span files (unique ids, references) follow."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import Factor, Handbook, Labels, Recommendation, SearchSynonyms, Site, Text
from .problems import ContentError, Problem, display_path
from .validate import schema_problems, where
from .yamlfile import YamlFile, YamlFileError, read_yaml

ROOT = Path(__file__).resolve().parent.parent
# Tests point this at a copy of content/ with a mistake in it.
CONTENT_DIR = Path(os.environ.get("HANDBOOK_CONTENT_DIR", ROOT / "content")).resolve()
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


@dataclass(frozen=True)
class Kind:
    pattern: str  # glob below content/
    schema: str  # file name in content/schema/
    build: Callable[[dict, Path], object]
    single: bool = False  # exactly one file, not a folder of them


def _build_site(data: dict, path: Path) -> Site:
    return Site(**{key: Text.of(value) for key, value in data.items()})


def _build_labels(data: dict, path: Path) -> Labels:
    return Labels({key: Text.of(value) for key, value in data.items()})


def _build_search_synonyms(data: dict, path: Path) -> SearchSynonyms:
    return SearchSynonyms(**{lang: {word: tuple(others) for word, others in words.items()}
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


KINDS = {
    "site": Kind("site.yml", "site.schema.json", _build_site, single=True),
    "labels": Kind("labels.yml", "labels.schema.json", _build_labels, single=True),
    "search_synonyms": Kind("search-synonyms.yml", "search-synonyms.schema.json",
                            _build_search_synonyms, single=True),
    "recommendations": Kind(
        "recommendations/*.yml", "recommendation.schema.json", _build_recommendation
    ),
}


class Loader:
    def __init__(self, content_dir: Path):
        self.content_dir = content_dir
        self.schema_dir = content_dir / "schema"
        self.problems: list[Problem] = []
        self.files: dict[Path, YamlFile] = {}
        self.ids: dict[str, tuple[str, Path]] = {}  # every id in content/ -> (kind, file)

    def shown(self, path: Path) -> str:
        return display_path(path, self.content_dir.parent)

    def problem(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.shown(path), line, message))

    def load_kind(self, name: str, kind: Kind) -> list:
        paths = sorted(self.content_dir.glob(kind.pattern))
        if not paths:
            self.problem(self.content_dir / kind.pattern, None,
                         f"no {name} file found (add {kind.pattern})")
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
            return None
        except UnicodeDecodeError:
            self.problem(path, None, "the file is not UTF-8 text (save it as UTF-8)")
            return None
        self.files[path] = file
        self.check_schema_line(path, kind)
        if not isinstance(file.data, dict):
            self.problem(path, 1, "the file should hold keys such as id: and title: at the top level")
            return None
        problems = schema_problems(file, self.schema_dir / kind.schema, self.shown(path))
        if problems:
            self.problems.extend(problems)
            return None
        return kind.build(file.data, path)

    def check_schema_line(self, path: Path, kind: Kind) -> None:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = Path(*[".."] * (len(path.relative_to(self.content_dir).parts) - 1),
                        "schema", kind.schema).as_posix()
        match = SCHEMA_LINE.match(first)
        if not match or match.group(1) != expected:
            self.problem(path, 1, "the first line should name the schema (make it:"
                         f" # yaml-language-server: $schema={expected})")

    def line(self, path: Path, location: tuple) -> int | None:
        file = self.files.get(path)
        return file.line_of(location) if file else None

    def claim(self, identifier: str, path: Path, location: tuple, kind: str = "") -> None:
        """Register an id; ids are unique across all of content/."""
        if identifier in self.ids:
            first = self.shown(self.ids[identifier][1])
            self.problem(path, self.line(path, location),
                         f"the id '{identifier}' is already used in {first} (choose another id)")
        else:
            self.ids[identifier] = (kind, path)

    def refer(self, identifier: str, known: dict | set, what: str, path: Path,
              location: tuple) -> bool:
        """Check a reference by id; name the nearest existing ids when it points at nothing."""
        if identifier in known:
            return True
        close = difflib.get_close_matches(identifier, list(known), n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(sorted(known))}"
        self.problem(path, self.line(path, location),
                     f"{where(location)}: there is no {what} with the id '{identifier}' ({hint})")
        return False


_loaded: dict[tuple, Handbook] = {}


def load_handbook(content_dir: Path = CONTENT_DIR) -> Handbook:
    """Read, validate and cross-check all content; raise ContentError listing every problem.
    Within one process the result is reused until a file in content_dir changes (a build
    asks for it from the hooks and from the macros)."""
    stamp = (content_dir, tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                                       for p in content_dir.rglob("*") if p.is_file())))
    if stamp not in _loaded:
        _loaded.clear()
        _loaded[stamp] = _load_handbook(content_dir)
    return _loaded[stamp]


def _load_handbook(content_dir: Path) -> Handbook:
    loader = Loader(content_dir)
    loaded = {name: loader.load_kind(name, kind) for name, kind in KINDS.items()}
    recommendations = sorted(loaded["recommendations"], key=lambda rec: rec.number)
    _check_recommendations(loader, recommendations)
    if loader.problems:
        raise ContentError(loader.problems)
    return Handbook(
        site=loaded["site"][0],
        labels=loaded["labels"][0],
        recommendations=tuple(recommendations),
        search_synonyms=loaded["search_synonyms"][0],
    )


def _check_recommendations(loader: Loader, recommendations: list[Recommendation]) -> None:
    numbers: dict[int, Path] = {}
    for rec in recommendations:
        path = rec.source
        loader.claim(rec.id, path, ("id",), "recommendation")
        for index, factor in enumerate(rec.factors):
            loader.claim(factor.id, path, ("factors", index, "id"), "factor")
        if rec.number in numbers:
            loader.problem(path, loader.line(path, ("number",)),
                           f"number {rec.number} is already used by"
                           f" {loader.shown(numbers[rec.number])} (give each a different number)")
        numbers[rec.number] = path
        expected = f"{rec.number:02d}-{rec.id}.yml"
        if path.name != expected:
            loader.problem(path, None, f"the file name does not match its number and id"
                           f" (rename it to {expected})")
    missing = sorted(set(range(1, 7)) - set(numbers))
    if recommendations and missing and not loader.problems:
        loader.problem(loader.content_dir / "recommendations", None,
                       "there should be six recommendations, but number(s)"
                       f" {', '.join(map(str, missing))} are missing (add the file(s))")
