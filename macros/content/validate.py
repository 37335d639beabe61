"""Check a content file against its JSON Schema and turn each schema error into one line an editor
can act on: where, what is wrong, and what to do."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from macros.content.problems import Problem
from macros.content.schemas import in_language
from macros.content.yamlfile import YamlFile
from macros.languages import BY_CODE
from macros.messages import current, language_name, message


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


@cache
def _every_key(schema_path: Path) -> frozenset[str]:
    """Every key the schema names anywhere, and the language codes: a key that is wrong where
    it stands but right at another level is an indentation mistake, not a misspelling."""
    keys = set(BY_CODE)

    def walk(node) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                keys.update(properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(validator(schema_path).schema)
    return frozenset(keys)


def schema_problems(file: YamlFile, schema_path: Path, shown_as: str) -> list[Problem]:
    errors = validator(schema_path).iter_errors(file.data)
    elsewhere = _every_key(schema_path)
    problems = []
    for error in _leaf_errors(errors):
        location = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # Every unknown key on its own line, in file order, with its nearest valid key.
            for key in _unknown_keys(error):
                problems.append(Problem(shown_as, file.line_of((*location, key)),
                                        _describe_unknown_key(error, location, key, elsewhere)))
            continue
        if error.validator == "required":
            # Every missing key on its own line too: the line of a misspelt key that looks
            # like it, else the line of the mapping that lacks it.
            extra = [key for key in error.instance
                     if key not in error.schema.get("properties", {})]
            for key in [key for key in error.validator_value if key not in error.instance]:
                typo = difflib.get_close_matches(key, [str(k) for k in extra], n=1)
                line = file.line_of((*location, typo[0])) if typo else file.line_of(location)
                problems.append(Problem(shown_as, line, _describe_missing(error, location, key)))
            continue
        line = file.line_of(location)
        problems.append(Problem(shown_as, line, _describe(error, location)))
    return problems


def _unknown_keys(error: ValidationError) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [str(key) for key in error.instance if key not in allowed]


def _describe_unknown_key(error: ValidationError, location: tuple, key: str,
                          elsewhere: frozenset[str] = frozenset()) -> str:
    allowed = sorted(error.schema.get("properties", {}))
    missing = [name for name in error.schema.get("required", []) if name not in error.instance]
    close = difflib.get_close_matches(key, missing or allowed, n=1) or \
        difflib.get_close_matches(key, allowed, n=1)
    if key in elsewhere and not close:  # right at another level: indented one level off
        return message("schema.key_indentation", where=where((*location, key)), key=key,
                       beside=", ".join(allowed))
    hint = (message("hint.did_you_mean", suggestion=close[0]) if close
            else message("hint.allowed_here", options=", ".join(allowed)))
    return message("schema.unknown_key", where=where((*location, key)), key=key, hint=hint)


def _describe_missing(error: ValidationError, location: tuple, key: str) -> str:
    what = _language_hint(key) or f"'{key}:'"
    return message("schema.missing", where=where((*location, key)), what=what,
                   described=_property_description(error.schema, key))


def _leaf_errors(errors):
    """The most specific errors: for `oneOf`/`anyOf`, the errors of the branches instead."""
    for error in errors:
        if error.context:
            yield from _leaf_errors(error.context)
        else:
            yield error


def where(location: tuple) -> str:
    """`factors.2.text.<code>` (list positions counted from 1, as an editor counts)."""
    parts = [str(part + 1) if isinstance(part, int) else str(part) for part in location]
    return ".".join(parts) or message("where.file")


def _language_hint(key: str) -> str | None:
    """"the text in Danish" for the key da, in the editor's language."""
    if key in BY_CODE:
        return message("text.in", language=language_name(key))
    return None


def _describe(error: ValidationError, location: tuple) -> str:
    name = where(location)
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value
        value = error.instance
        if value is None:
            return message("schema.no_value", where=name)
        if wanted == "string" and isinstance(value, bool):
            return message("schema.yes_no", where=name, value=str(value).lower(),
                           example="no" if value is False else "yes")
        if wanted == "string" and isinstance(value, (int, float)):
            return message("schema.number_not_text", where=name, value=value)
        if wanted == "string":
            return message("schema.single_text", where=name)
        if wanted == "object":
            return message("schema.object", where=name)
        if wanted == "array":
            return message("schema.array", where=name)
        if wanted == "integer":
            return message("schema.integer", where=name)
        return message("schema.type", where=name, wanted=wanted)
    if kind in ("minLength", "pattern") and isinstance(error.instance, str):
        if not error.instance.strip():
            language = _language_hint(str(location[-1])) if location else None
            return message("schema.empty_text", where=name, what=language or message("text.any"))
        if "id" in str(location[-1] if location else ""):
            return message("schema.bad_id", where=name, value=error.instance)
        return message("schema.pattern", where=name, value=error.instance, detail=error.message)
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return message("schema.enum", where=name, value=error.instance, options=options)
    if kind == "minItems":
        return message("schema.min_items", where=name, count=error.validator_value)
    if kind == "maxItems":
        return message("schema.max_items", where=name, count=error.validator_value)
    if kind in ("minimum", "exclusiveMinimum"):
        return message("schema.minimum", where=name, value=error.instance,
                       limit=error.validator_value)
    if kind in ("maximum", "exclusiveMaximum"):
        return message("schema.maximum", where=name, value=error.instance,
                       limit=error.validator_value)
    if kind == "const":
        return message("schema.const", where=name, value=repr(error.validator_value))
    if kind == "uniqueItems":
        return message("schema.unique", where=name)
    return message("schema.other", where=name, detail=error.message)


def _property_description(schema: dict, key: str) -> str:
    """What the schema says the field is for, in the editor's language; a language key needs
    none (the message names the language)."""
    if key in BY_CODE:
        return ""
    description = in_language(schema.get("properties", {}).get(key, {}).get("description", ""),
                              current())
    return f": {description}" if description else ""
