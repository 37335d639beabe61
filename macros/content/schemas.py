"""What the JSON Schemas say to editors, in every language the tool speaks.

Each field's `description` (what an editor's YAML extension shows on hover and completion, and
what `check` and `new` quote) is one line per language, the handbook's languages first:
`nb: …`, `nn: …`, `da: …`, `en: …` (in_language picks one). `check` names a description that
misses a language (description_problems).

The parts that name the languages are made from the registry (macros/languages.yml) and the
messages: the `text` definition in defs.schema.json and the languages of
search-synonyms.schema.json. `python3 scripts/handbook.py schemas` writes them; `check` fails
while a schema file differs, so editors' completion always offers every language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from macros.languages import LANGUAGES, PUBLISHED_CODES
from macros.messages import language_name, languages, message, speaking

DEFS = "defs.schema.json"
SYNONYMS = "search-synonyms.schema.json"


def described_in() -> tuple[str, ...]:
    """The languages of a field description, in order: the handbook's, then English."""
    spoken = languages()
    return (*spoken[1:], spoken[0])


def in_language(description: str, code: str) -> str:
    """The line of a field description in the language `code` ('' where it has none)."""
    for line in description.splitlines():
        prefix, colon, text = line.partition(": ")
        if colon and prefix == code:
            return text.strip()
    return ""


def written(texts) -> str:
    """A field description from its text in each language (`texts[code]`)."""
    return "\n".join(f"{code}: {texts[code]}" for code in described_in())


def _each_language(text_for) -> str:
    """A description made from messages: `text_for()` said in each language in turn."""
    texts = {}
    for code in described_in():
        with speaking(code):
            texts[code] = text_for()
    return written(texts)


def _languages(schema_for) -> dict:
    return {language.code: schema_for(language) for language in LANGUAGES}


def _text_definition() -> dict:
    def names() -> str:
        return ", ".join(f"{language.code} ({language_name(language.code)})"
                         for language in LANGUAGES)
    return {
        "description": _each_language(lambda: message("schema.text_description", names=names())),
        "type": "object",
        "properties": _languages(lambda language: {
            "$ref": "#/$defs/string",
            "description": _each_language(lambda: language_name(language.code))}),
        "required": list(PUBLISHED_CODES),
        "additionalProperties": False,
    }


def _with_languages(name: str, schema: dict) -> dict:
    if name == DEFS:
        return {**schema, "$defs": {**schema["$defs"], "text": _text_definition()}}
    if name == SYNONYMS:
        properties = _languages(lambda language: {
            "$ref": "#/$defs/synonyms",
            "description": _each_language(lambda: message(
                "schema.synonyms_description", language=language_name(language.code)))})
        return {**schema, "properties": properties, "required": list(PUBLISHED_CODES)}
    return schema


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected(schema_dir: Path) -> dict[Path, str]:
    """Each language-bearing schema file as the registry wants it."""
    result = {}
    for name in (DEFS, SYNONYMS):
        path = schema_dir / name
        result[path] = dumps(_with_languages(name, json.loads(path.read_text(encoding="utf-8"))))
    return result


def outdated(schema_dir: Path) -> list[Path]:
    return [path for path, text in expected(schema_dir).items()
            if path.read_text(encoding="utf-8") != text]


def write(schema_dir: Path) -> list[Path]:
    changed = outdated(schema_dir)
    for path, text in expected(schema_dir).items():
        path.write_text(text, encoding="utf-8")
    return changed


def _descriptions(node, field: str = "") -> Iterator[tuple[str, str]]:
    """(the field it describes, the description) for every description in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield field, value
            elif key not in ("properties", "$defs", "items"):
                yield from _descriptions(value, field)
            else:
                for name, sub in (value.items() if key != "items" else [(field, value)]):
                    yield from _descriptions(sub, name)
    elif isinstance(node, list):
        for item in node:
            yield from _descriptions(item, field)


def _line_of(text: str, description: str) -> int:
    found = text.find(json.dumps(description, ensure_ascii=False))
    return text.count("\n", 0, max(found, 0)) + 1


def _names(node) -> set[str]:
    """Every property name and allowed value a schema has: the keys an editor types."""
    names = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs") and isinstance(value, dict):
                names.update(value)
            elif key in ("enum", "required") and isinstance(value, list):
                names.update(map(str, value))
            names |= _names(value)
    elif isinstance(node, list):
        for item in node:
            names |= _names(item)
    return names


def descriptions(schema_dir: Path) -> tuple[list[tuple[Path, int, str, dict]], set[str]]:
    """Every field description as (file, line, field, {language: its line}), and the names
    the schemas give keys and values (which a description quotes as they are, in any
    language): what `spell` reads of the schemas."""
    found, names = [], set()
    for path in sorted(schema_dir.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        schema = json.loads(text)
        names |= _names(schema)
        for field, description in _descriptions(schema):
            found.append((path, _line_of(text, description), field,
                          {code: in_language(description, code) for code in described_in()}))
    return found, names


def description_problems(schema_dir: Path) -> list[tuple[Path, int, str]]:
    """(file, line, what is wrong) for each description not written as one line per
    language, in the order described_in() gives."""
    wanted = described_in()
    problems = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        for field, description in _descriptions(json.loads(text)):
            lines = description.split("\n")
            codes = tuple(line.partition(": ")[0] for line in lines)
            if codes == wanted and all(line.partition(": ")[2].strip() for line in lines):
                continue
            problems.append((path, _line_of(text, description), message(
                "load.schema_description", field=field or "$defs",
                order=", ".join(f"{code}: …" for code in wanted))))
    return problems
