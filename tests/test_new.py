"""`new` writes a complete file to fill in, with the schema line and the header comment; `check`
refuses it with one line per placeholder until every one is replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, run_handbook

from macros import plain_yaml
from macros.content.placeholders import IN_PROGRESS, placeholders
from macros.content.validate import schema_problems
from macros.content.yamlfile import read_yaml
from macros.languages import CODES, PUBLISHED

# The exercise schema arrives with the exercises' code; until then the tests bring a copy.
EXERCISE_SCHEMA = Path(__file__).parent / "fixtures" / "editor" / "exercise.schema.json"


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    if not (copy / "schema" / EXERCISE_SCHEMA.name).exists():
        shutil.copy(EXERCISE_SCHEMA, copy / "schema")
    return copy


def filled(value, location=()):
    """The value a careful editor writes instead of each placeholder."""
    if isinstance(value, dict):
        return {key: filled(item, (*location, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [filled(item, (*location, index)) for index, item in enumerate(value)]
    if isinstance(value, str) and value.startswith("TODO"):
        if "whole number" in value:
            return 10 if location[-1] in ("minutes", "preparation_minutes") else (
                20 if location[-1] == "duration_minutes" else 6)
        if location[-1] == "id":
            return f"ny-{'-'.join(str(part) for part in location[:-1]) or 'id'}".replace("_", "-")
        if location[-1] == "participants":
            return "whole-group"
        if location[:1] == ("factors",):
            return "plass-for-alle-synspunkter"
        return f"Ferdig tekst ({location[-1]})"
    return value


def test_new_exercise_has_every_field_both_languages_and_the_header(content):
    result = run_handbook("new", "exercise", "--recommendation", "uenighet", content_dir=content)
    assert result.returncode == 0, result.stderr
    path = content / "exercises" / "ny-ovelse.yml"
    assert "content/exercises/ny-ovelse.yml" in result.stdout
    assert "python3 scripts/handbook.py check" in result.stdout
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/exercise.schema.json"
    assert "follow_up" in " ".join(lines[1:4]) and "After editing, run:" in lines[4]
    data = plain_yaml.load(path.read_text(encoding="utf-8"))
    assert data["recommendations"] == ["uenighet"]
    assert "apne-synspunkter" in data["factors"][0], "the placeholder names the factors to pick"
    assert [code for code in data["title"] if data["title"][code].startswith("TODO")] == list(CODES)
    assert set(data["variations"]) == {"short", "large_group", "remote"}
    # Filled in, it is a valid exercise: the template matches the schema.
    path.write_text("\n".join(lines[:5]) + "\n" + yaml.safe_dump(filled(data), allow_unicode=True,
                    sort_keys=False), encoding="utf-8")
    file = read_yaml(path)
    assert not list(placeholders(file.data))
    assert schema_problems(file, content / "schema" / "exercise.schema.json", "x") == []


def test_check_names_every_placeholder_of_a_new_recommendation(content):
    (content / "recommendations" / "06-uenighet.yml").unlink()  # the new one takes number 6
    made = run_handbook("new", "recommendation", "--id", "ny-anbefaling", content_dir=content)
    assert made.returncode == 0, made.stderr
    path = content / "recommendations" / "06-ny-anbefaling.yml"
    check = run_handbook("check", content_dir=content)
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    shown = "content/recommendations/06-ny-anbefaling.yml"
    lines = [line for line in check.stderr.splitlines() if line.startswith(shown)]
    placeholder_count = len([location for location, _ in placeholders(read_yaml(path).data)
                             if location[-1] not in IN_PROGRESS])  # `status` counts those
    assert len(lines) == placeholder_count, check.stderr
    for language in PUBLISHED:
        assert (f"title.{language.code} is still a placeholder (write the title, in"
                f" {language.english_name})") in check.stderr
    assert "factors.1.id is still a placeholder" in check.stderr


def test_a_number_left_as_placeholder_is_named_once_not_as_a_type_error(content):
    path = content / "recommendations" / "03-ansvar-og-beslutninger.yml"
    text = path.read_text(encoding="utf-8").replace("number: 3", 'number: "TODO: its number"')
    path.write_text(text, encoding="utf-8")
    check = run_handbook("check", content_dir=content)
    assert "03-ansvar-og-beslutninger.yml:6: number is still a placeholder (write its number)" \
        in check.stderr
    assert "whole number" not in check.stderr


@pytest.mark.parametrize("args, message", [
    (["exercise"], "say which recommendation the exercise belongs to (add --recommendation ID"),
    (["exercise", "--recommendation", "uenig"],
     "there is no recommendation with the id 'uenig'"),
    (["oppskrift"], "there is no kind of content called 'oppskrift' (use one of:"),
    (["exercise", "--recommendation", "uenighet", "--id", "runden"], None),
])
def test_new_refuses_with_one_line(content, args, message):
    before = sorted(content.rglob("*"))
    result = run_handbook("new", *args, content_dir=content)
    if message is None:  # a second file with the same name is never overwritten
        again = run_handbook("new", *args, content_dir=content)
        assert again.returncode == 1
        assert "content/exercises/runden.yml already exists (edit it" in again.stderr
        return
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(content.rglob("*")) == before, "nothing is written"
