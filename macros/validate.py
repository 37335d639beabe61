"""Check a content file against its JSON Schema and turn each schema error into one line an editor
can act on: where, what is wrong, and what to do."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from .languages import BY_CODE
from .problems import Problem
from .yamlfile import YamlFile


@cache
def _schema_file(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _inline_refs(node, schema_dir: Path, current: str):
    """The schema with every `$ref` replaced by what it points at (our schemas do not recurse).
    Validating without reference look-ups is several times faster, and errors are the same."""
    if isinstance(node, list):
        return [_inline_refs(item, schema_dir, current) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return {key: _inline_refs(value, schema_dir, current) for key, value in node.items()}
    file, _, pointer = ref.partition("#")
    file = file or current
    target = _schema_file(schema_dir / file)
    for part in filter(None, pointer.split("/")):
        target = target[part]
    siblings = {key: value for key, value in node.items() if key != "$ref"}
    return {**_inline_refs(target, schema_dir, file), **siblings}


@cache
def validator(schema_path: Path) -> Draft202012Validator:
    """The validator of one schema. That the schemas themselves are valid JSON Schema is held by
    a test (tests/test_content_files.py), not checked on every load."""
    schema = _inline_refs(_schema_file(schema_path), schema_path.parent, schema_path.name)
    return Draft202012Validator(schema)


def schema_problems(file: YamlFile, schema_path: Path, shown_as: str) -> list[Problem]:
    errors = validator(schema_path).iter_errors(file.data)
    problems = []
    for error in _leaf_errors(errors):
        location = tuple(error.absolute_path)
        line = file.line_of(_where_to_point(error, location))
        problems.append(Problem(shown_as, line, _describe(error, location)))
    return problems


def _leaf_errors(errors):
    """The most specific errors: for `oneOf`/`anyOf`, the errors of the branches instead."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def _where_to_point(error: ValidationError, location: tuple) -> tuple:
    """The line to name: an unknown key's own line rather than its parent's."""
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = [key for key in error.instance if key not in allowed]
        if extra:
            return (*location, extra[0])
    return location


def where(location: tuple) -> str:
    """`factors.2.text.da` (list positions counted from 1, as an editor counts)."""
    parts = [str(part + 1) if isinstance(part, int) else str(part) for part in location]
    return ".".join(parts) or "the file"


def _language_hint(key: str) -> str | None:
    language = BY_CODE.get(key)
    return f"the {language.english_name} text" if language else None


def _describe(error: ValidationError, location: tuple) -> str:
    name = where(location)
    kind = error.validator
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        key = missing[0] if missing else str(error.validator_value)
        full = where((*location, key))
        what = _language_hint(key) or f"'{key}:'"
        described = _property_description(error.schema, key)
        return f"{full} is missing (add {what}{described})"
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in allowed)
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
        return f"{where((*location, key))}: unknown key '{key}' ({hint})"
    if kind == "type":
        wanted = error.validator_value
        value = error.instance
        if value is None:
            return f"{name} is empty (write the text after the colon, or remove the key)"
        if wanted == "string" and isinstance(value, bool):
            return (
                f"{name} is read as yes/no ({str(value).lower()}), not text (put the text in"
                f" quotes, e.g. '{'no' if value is False else 'yes'}')"
            )
        if wanted == "string" and isinstance(value, (int, float)):
            return f"{name} is a number, not text (put it in quotes: '{value}')"
        if wanted == "string":
            return f"{name} should be a single text, not a list or a mapping (write one text)"
        if wanted == "object":
            return f"{name} should hold keys such as nb: and da: (indent them below {name}:)"
        if wanted == "array":
            return f"{name} should be a list (start each item on its own line with '- ')"
        if wanted == "integer":
            return f"{name} should be a whole number, like 30 (write it without quotes)"
        return f"{name} should be of type {wanted}"
    if kind in ("minLength", "pattern") and isinstance(error.instance, str):
        if not error.instance.strip():
            language = _language_hint(str(location[-1])) if location else None
            return f"{name} is empty (write {language or 'the text'})"
        if "id" in str(location[-1] if location else ""):
            return (
                f"{name} '{error.instance}' is not a valid id (use lowercase a–z, digits and"
                " hyphens, e.g. klare-forventninger)"
            )
        return f"{name} '{error.instance}' does not match the expected form ({error.message})"
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return f"{name} is '{error.instance}', which is not allowed (use one of: {options})"
    if kind == "minItems":
        return f"{name} needs at least {error.validator_value} item(s) (add more)"
    if kind == "maxItems":
        return f"{name} has more than {error.validator_value} items (remove some)"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{name} is {error.instance}, too small (use at least {error.validator_value})"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{name} is {error.instance}, too large (use at most {error.validator_value})"
    if kind == "const":
        return f"{name} must be {error.validator_value!r} (change it back)"
    if kind == "uniqueItems":
        return f"{name} lists the same item twice (remove the repeat)"
    return f"{name}: {error.message}"


def _property_description(schema: dict, key: str) -> str:
    description = schema.get("properties", {}).get(key, {}).get("description")
    return f": {description}" if description else ""
