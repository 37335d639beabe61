"""The JSON Schemas in content/schema/ are themselves valid (Draft 2020-12), and every `$ref`
points at something: the loader inlines them without checking on every build."""

from __future__ import annotations

import json

import pytest
from conftest import CONTENT
from jsonschema import Draft202012Validator

from macros.content.validate import validator

SCHEMAS = sorted((CONTENT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_json_schema(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_reference_resolves(path):
    schema = validator(path).schema  # raises KeyError/FileNotFoundError on a dangling $ref
    assert "$ref" not in json.dumps(schema)
