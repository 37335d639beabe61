"""The JSON Schemas in content/schema/ are themselves valid (Draft 2020-12), and every `$ref`
points at something: the loader inlines them without checking on every build. Every field
description speaks each language the tool speaks, one line each: `check` names one that does
not, and `spell` reads each line in its language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT
from jsonschema import Draft202012Validator
from test_editors import problems

from macros.content.schemas import described_in, descriptions
from macros.content.spelling import spelling_problems
from macros.content.validate import validator
from macros.messages import message, speaking

SCHEMAS = sorted((CONTENT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_json_schema(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_reference_resolves(path):
    schema = validator(path).schema  # raises KeyError/FileNotFoundError on a dangling $ref
    assert "$ref" not in json.dumps(schema)


# --- the field descriptions an editor reads (hover and completion, check, new) ---------------

def test_every_field_is_described_in_every_language_the_tool_speaks():
    found, _ = descriptions(CONTENT / "schema")
    assert found
    missing = [f"{path.name}:{line}: {field}" for path, line, field, texts in found
               if not all(texts[code] for code in described_in())]
    assert missing == []
    assert described_in()[-1] == "en"  # the handbook's languages first, where editors look


def _lead_described(content: Path, lang: str, text: str | None) -> int:
    """The recommendation schema's description of `lead` in a copy of content/, with its line
    in `lang` replaced by `text` (None: left out); the line of the description in the file."""
    path = content / "schema" / "recommendation.schema.json"
    source = path.read_text(encoding="utf-8")
    described = json.loads(source)["properties"]["lead"]["description"]
    lines = [(f"{lang}: {text}" if text is not None else None) if line.startswith(f"{lang}: ")
             else line for line in described.split("\n")]
    changed = "\n".join(line for line in lines if line is not None)
    old, new = (json.dumps(d, ensure_ascii=False) for d in (described, changed))
    assert old in source
    path.write_text(source.replace(old, new), encoding="utf-8")
    return source[:source.index(old)].count("\n") + 1


@pytest.mark.parametrize("lang", ("nb", "da"))
def test_check_names_a_description_that_misses_a_language(lang, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    line = _lead_described(content, "nn", None)
    with speaking(lang):
        said = problems(content)
        expected = (f"content/schema/recommendation.schema.json:{line}: "
                    + message("load.schema_description", field="lead",
                              order=", ".join(f"{code}: …" for code in described_in())))
    assert expected in said, said


def test_spell_finds_a_description_left_in_english(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    line = _lead_described(content, "nb", "one or two sentences that sum it up")
    said = [problem for problem in spelling_problems(content)
            if problem.startswith(f"content/schema/recommendation.schema.json:{line}: ")]
    assert [word for word in ("sentences", "sum") if any(f"'{word}'" in p for p in said)], said


@pytest.mark.parametrize("lang", ("nb", "da"))
def test_a_schema_that_is_not_json_is_one_line_with_its_place(lang, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "schema" / "guide.schema.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rstrip(",")  # a comma left out, as a hand edit does
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        where = (error.lineno, error.colno)
    with speaking(lang):
        said = problems(content)
        expected = (f"content/schema/guide.schema.json:{where[0]}: "
                    + message("load.schema_not_json", column=where[1]))
    assert said == [expected]
