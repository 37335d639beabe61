"""`new`: write a new content file with every field, in every language of the handbook, the
schema line and the header comment, and a placeholder ("TODO: …", in the editor's language)
wherever the editor has to write something.
`check` refuses the file, one line per placeholder, until every one is replaced.

The file is made from the kind's JSON Schema and the `new` template of its declaration
(macros/content/kinds.py); a kind without one is written as `<id>.yml` in its folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.content.kinds import KINDS, New
from macros.content.placeholders import MARKER, placeholders
from macros.content.problems import display_path
from macros.content.schemas import in_language
from macros.content.yamlfile import YamlFileError, read_yaml
from macros.languages import LANGUAGES
from macros.messages import current, language_name, message


@dataclass(frozen=True)
class NewKind:
    """What `new` needs of a kind: its declaration's `new` template, with its schema and folder."""

    schema: str  # in content/schema/
    folder: str  # below content/
    file_name: str  # formatted with id, number, recommendation
    summary: str  # the header comment's first words: "One exercise."
    needs_recommendation: bool = False
    new_id: str = "ny"  # the file name until the editor chooses an id


class NewError(Exception):
    """A reason `new` cannot write the file, as one line for the editor."""


def known_kinds() -> dict[str, NewKind]:
    """Every kind of many files (macros/content/kinds.py), by the name its declaration gives
    `new` (its own name without one)."""
    known = {}
    for kind in KINDS:
        if kind.single:
            continue
        new = kind.new or New(kind.name, f"One of the {kind.name}.")
        known[new.name] = NewKind(kind.schema, kind.pattern.split("/")[0], new.file_name,
                                  new.summary, new.needs_recommendation, new.new_id)
    return known


def _todo(what: str) -> str:
    """A placeholder's text: `TODO: ` and what to write there, in the editor's language."""
    return f"{MARKER}: {what}"


class Skeleton:
    """A value for every property of a schema, with a placeholder saying what to write."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.documents: dict[str, dict] = {}

    def document(self, name: str) -> dict:
        if name not in self.documents:
            self.documents[name] = json.loads((self.schema_dir / name).read_text("utf-8"))
        return self.documents[name]

    def resolve(self, schema: dict, base: str) -> tuple[dict, str, str | None]:
        """Follow $ref; returns (schema, its document, the $defs name it came from)."""
        defined = None
        while "$ref" in schema:
            target, _, pointer = schema["$ref"].partition("#")
            base = target or base
            node = self.document(base)
            for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
                node = node[part]
            defined = pointer.rsplit("/", 1)[-1] or defined
            schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema, base, defined

    def value(self, schema: dict, base: str, described: str = "", key: str = "") -> object:
        """`described` is the schema's description of the field: the placeholder says what to
        write in the editor's language (else names the field's key)."""
        schema, base, defined = self.resolve(schema, base)
        what = in_language(described or schema.get("description", ""), current()) or (
            f"'{key}'" if key else message("new.todo_field"))
        if defined == "text":
            return {lang.code: _todo(message("new.todo_text", what=what,
                                             language=language_name(lang.code)))
                    for lang in LANGUAGES}
        if defined == "id":
            return _todo(message("new.todo_id", what=what))
        if "enum" in schema and all(str(option) in what for option in schema["enum"]):
            return _todo(message("new.todo_plain", what=what))
        if "enum" in schema:
            return _todo(message("new.todo_one_of", what=what,
                                 options=", ".join(map(str, schema["enum"]))))
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            return {name: self.value(sub, base, sub.get("description", ""), name)
                    for name, sub in schema.get("properties", {}).items()}
        if kind == "array":
            count = max(1, schema.get("minItems", 1))
            items = schema.get("items", {})
            return [self.value(items, base, described, key)
                    for _ in range(count)]
        if kind == "integer":
            return _todo(message("new.todo_number", what=what))
        if kind == "boolean":  # a yes/no with a default needs no placeholder
            return schema.get("default", False)
        return _todo(message("new.todo_plain", what=what))


# What every content file's header says of its languages: the list is macros/languages.yml's,
# so no header goes out of date when a language is added (tests/test_editors.py).
HEADER_LANGUAGES = "Every text has every language of the handbook."


def header(kind: NewKind, schema_path: str, fields: list[str]) -> str:
    """The schema line, then what the file holds and what to run after editing."""
    words = f"{kind.summary} Fields: {', '.join(fields)}.".split()
    lines, line = [], "#"
    for word in words:
        if len(line) + len(word) > 98:
            lines.append(line)
            line = "#"
        line += " " + word
    lines.append(line)
    return "\n".join([f"# yaml-language-server: $schema={schema_path}", *lines,
                      f"# {HEADER_LANGUAGES} After editing, run:"
                      " python3 scripts/handbook.py check", ""])


class _Dumper(yaml.SafeDumper):
    """Lists indented below their key, as in the other content files; placeholders in double
    quotes (they read better than 'the exercise''s id')."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _string(dumper: yaml.SafeDumper, value: str):
    style = '"' if value.startswith("TODO") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


def _recommendations(content_dir: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((content_dir / "recommendations").glob("*.yml")):
        try:
            data = read_yaml(path).data
        except (YamlFileError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            found[data["id"]] = data
    return found


def new_file(kind_name: str, content_dir: Path, *, recommendation: str | None = None,
             identifier: str | None = None) -> tuple[Path, int]:
    """Write the new file; returns its path and the number of placeholders in it."""
    kinds = known_kinds()
    if kind_name not in kinds:
        raise NewError(message("new.unknown_kind", kind=kind_name,
                               options=", ".join(sorted(kinds))))
    kind = kinds[kind_name]
    schema_dir = content_dir / "schema"
    if not (schema_dir / kind.schema).exists():
        shown = f"{display_path(schema_dir, content_dir.parent)}/{kind.schema}"
        raise NewError(message("new.no_schema", kind=kind_name, path=shown))
    recommendations = _recommendations(content_dir)
    if kind.needs_recommendation and not recommendation:
        raise NewError(message("new.which_recommendation", kind=kind_name,
                               options=", ".join(recommendations)))
    if recommendation and recommendation not in recommendations:
        raise NewError(message("new.no_recommendation", id=recommendation,
                               options=", ".join(recommendations)))

    data = Skeleton(schema_dir).value({"$ref": kind.schema}, kind.schema, "")
    numbers = [rec.get("number", 0) for rec in recommendations.values()]
    names = {"id": identifier, "recommendation": recommendation}
    if "id" in data and identifier:
        data["id"] = identifier
    if "number" in data:
        names["number"] = data["number"] = max(numbers, default=0) + 1
        most = Skeleton(schema_dir).document(kind.schema).get("properties", {}).get(
            "number", {}).get("maximum")
        if most is not None and data["number"] > most:
            raise NewError(message("new.too_many", most=most, folder=kind.folder,
                                   schema=kind.schema))
    if recommendation:
        rec = recommendations[recommendation]
        names["number"] = rec.get("number", 0)
        if "recommendation" in data:
            data["recommendation"] = recommendation
        if "recommendations" in data:
            data["recommendations"] = [recommendation]
        if "factors" in data and isinstance(data["factors"], list):
            options = ", ".join(f["id"] for f in rec.get("factors", []) if isinstance(f, dict))
            data["factors"] = [_todo(message("new.todo_factors", recommendation=recommendation,
                                             options=options))]
    if "{id}" in kind.file_name and not identifier:
        names["id"] = kind.new_id
    file_name = kind.file_name.format(**{k: v for k, v in names.items() if v is not None})
    folder = content_dir / kind.folder
    path = folder / file_name
    if path.exists():
        raise NewError(message("new.exists", path=display_path(path, content_dir.parent)))

    schema_path = Path(*[".."] * len(Path(kind.folder).parts), "schema", kind.schema).as_posix()
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000,
                     default_flow_style=False)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(header(kind, schema_path, list(data)) + body, encoding="utf-8")
    return path, len(list(placeholders(data)))
