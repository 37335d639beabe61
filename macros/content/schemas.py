"""The parts of the JSON Schemas that name the languages, made from the registry
(macros/languages.yml): the `text` definition in defs.schema.json and the languages of
search-synonyms.schema.json. `python scripts/handbook.py schemas` writes them; `check` fails
while a schema file differs, so editors' completion always offers every language."""

from __future__ import annotations

import json
from pathlib import Path

from macros.languages import LANGUAGES, PUBLISHED_CODES

DEFS = "defs.schema.json"
SYNONYMS = "search-synonyms.schema.json"


def _languages(schema_for) -> dict:
    return {language.code: schema_for(language) for language in LANGUAGES}


def _text_definition() -> dict:
    names = ", ".join(f"{language.code} ({language.english_name})" for language in LANGUAGES)
    return {
        "description": f"A text in every language: {names}. A language still in progress"
                       " (macros/languages.yml) may be left out.",
        "type": "object",
        "properties": _languages(lambda language: {"$ref": "#/$defs/string",
                                                   "description": language.english_name}),
        "required": list(PUBLISHED_CODES),
        "additionalProperties": False,
    }


def _with_languages(name: str, schema: dict) -> dict:
    if name == DEFS:
        return {**schema, "$defs": {**schema["$defs"], "text": _text_definition()}}
    if name == SYNONYMS:
        properties = _languages(lambda language: {
            "$ref": "#/$defs/synonyms",
            "description": f"synonyms for the {language.english_name} site"})
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
