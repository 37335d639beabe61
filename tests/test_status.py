"""`status`: how complete each language is, and which texts may be stale. Translations go both
ways: when the text in one language changes after the texts were reviewed together, the texts
in every other language may be stale. `check` warns about stale texts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, run_handbook

from macros.content.translations import LOCK_NAME, LockError, read_lock
from macros.languages import LANGUAGES, PUBLISHED, SOURCE
from macros.messages import message

SRC = SOURCE.code
OTHER = next(language.code for language in PUBLISHED if language != SOURCE)
REST = [language.code for language in LANGUAGES if language.code not in (SRC, OTHER)]


def fixture() -> str:
    """Three texts: the source language has all three, OTHER lacks one, the rest have none."""
    return f"""\
# yaml-language-server: $schema=schema/example.schema.json
# An example. Fields: title, steps. After editing, run: python3 scripts/handbook.py check
title:
  {SRC}: Ledergruppa
  {OTHER}: Ledergruppen
steps:
  - id: first
    text:
      {SRC}: Første steg
      {OTHER}: Første trin
  - text:
      {SRC}: Andre steg
      {OTHER}: "TODO: the text"
"""


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "schema").mkdir(parents=True)
    (folder / "schema" / "ignored.yml").write_text(f"a: {{{SRC}: x}}\n")
    (folder / "example.yml").write_text(fixture(), encoding="utf-8")
    return folder


def test_completeness_per_language_names_what_is_missing(content):
    result = run_handbook("status", "--verbose", content_dir=content)
    assert result.returncode == 0, result.stderr
    assert f"{SRC}: 3 of 3 texts written (100 %)" in result.stdout
    assert f"{OTHER}: 2 of 3 texts written (66 %)" in result.stdout
    assert (f"content/example.yml:13: {OTHER} text is missing or still a placeholder"
            in result.stdout)
    for lang in REST:
        assert f"{lang}: 0 of 3 texts written (0 %)" in result.stdout
    assert "not yet reviewed: 3 texts" in result.stdout


def test_an_edit_in_any_language_makes_the_others_stale(content):
    recorded = run_handbook("status", "--reviewed", str(content / "example.yml"),
                            content_dir=content)
    assert recorded.returncode == 0, recorded.stderr
    assert "Recorded 5 texts as reviewed" in recorded.stdout  # 3 + 2 written texts
    lock = (content / "translations.lock.yml").read_text(encoding="utf-8")
    assert "example.yml#title:" in lock and "example.yml#steps.first.text:" in lock
    assert "do not edit by hand" in lock
    assert f"{OTHER} texts that may be out of date: 0" in run_handbook(
        "status", content_dir=content).stdout

    # Only the source text changes, and only its wording (not its line breaks) counts.
    path = content / "example.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"{SRC}: Første steg", f"{SRC}: Det første steget"), encoding="utf-8")
    result = run_handbook("status", content_dir=content)
    assert f"{OTHER} texts that may be out of date: 1" in result.stdout
    assert f"{SRC} texts that may be out of date: 0" in result.stdout
    assert (f"content/example.yml:10: the {OTHER} text may be out of date: the {SRC} text has"
            " changed since they were last reviewed together (update the"
            f" {OTHER} text if needed, then run: python3 scripts/handbook.py status --reviewed"
            " content/example.yml)") in result.stdout
    run_handbook("status", "--reviewed", str(content), content_dir=content)
    assert "may be out of date: 1" not in run_handbook("status", content_dir=content).stdout

    # Now the other way: the translation is improved, so the source may need the same fix.
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"{OTHER}: Ledergruppen", f"{OTHER}: Ledelsesgruppen"), encoding="utf-8")
    result = run_handbook("status", content_dir=content)
    assert f"{SRC} texts that may be out of date: 1" in result.stdout
    assert f"content/example.yml:4: the {SRC} text may be out of date: the {OTHER} text" \
        in result.stdout


def test_reviewed_only_some_languages(content):
    run_handbook("status", "--reviewed", str(content), content_dir=content)
    path = content / "example.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f"{SRC}: Ledergruppa", f"{SRC}: Gruppa"), encoding="utf-8")
    run_handbook("status", "--reviewed", str(path), "--only", OTHER, content_dir=content)
    result = run_handbook("status", content_dir=content)
    # The OTHER text was reviewed against nothing new: the source's change is still unrecorded.
    assert f"{OTHER} texts that may be out of date: 1" in result.stdout
    run_handbook("status", "--reviewed", str(path), "--only", SRC, content_dir=content)
    assert "may be out of date: 1" not in run_handbook("status", content_dir=content).stdout


def test_reviewed_refuses_a_file_outside_content(content, tmp_path):
    result = run_handbook("status", "--reviewed", str(tmp_path / "nowhere.yml"),
                          content_dir=content)
    assert result.returncode == 1
    assert "no such file (name a file or folder in content/)" in result.stderr
    assert not (content / "translations.lock.yml").exists()


def test_the_real_content_is_complete_in_every_published_language_and_nothing_is_stale():
    result = run_handbook("status")
    assert result.returncode == 0, result.stderr
    assert not re.search(r"may be out of date: [1-9]", result.stdout), result.stdout
    for language in PUBLISHED:
        line = re.search(rf"^{language.code}: .*$", result.stdout, re.M).group(0)
        assert line.endswith("(100 %)"), line


def test_check_warns_about_a_stale_translation_but_passes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "recommendations" / "06-uenighet.yml"
    text = path.read_text(encoding="utf-8")
    old = f"{SRC}: Lederne gir åpent uttrykk for sine synspunkter."
    assert old in text
    path.write_text(text.replace(old, f"{SRC}: Lederne sier åpent hva de mener."),
                    encoding="utf-8")
    check = run_handbook("check", content_dir=content)
    assert check.returncode == 0, check.stderr
    stale = [lang.code for lang in LANGUAGES if lang != SOURCE and lang in PUBLISHED]
    for lang in stale:
        assert f"the {lang} text may be out of date: the {SRC} text has changed" in check.stderr
    assert (f"{len(stale)} {'text' if len(stale) == 1 else 'texts'} may be out of date (status lists them per language). This is"
            " a warning: check still passes.") in check.stderr


# A broken record of reviewed translations (content/translations.lock.yml). It is written by
# `status --reviewed`, but git can break it: two branches that each recorded reviews, merged.
def conflict(text: str) -> tuple[str, int]:
    """The lock as git leaves it when both sides changed its first entry: (text, the line of
    the first conflict marker)."""
    lines = text.splitlines(keepends=True)
    first = next(number for number, line in enumerate(lines) if not line.startswith("#"))
    theirs = re.sub(r"'[0-9a-f]{10}'", "'0000000000'", lines[first], count=1)
    lines[first:first + 1] = ["<<<<<<< HEAD\n", lines[first], "=======\n", theirs,
                              ">>>>>>> review\n"]
    return "".join(lines), first + 1


def control_character(text: str) -> tuple[str, int]:
    """A vertical tab (pasted text brings them in) at the start of the first entry's line."""
    lines = text.splitlines(keepends=True)
    first = next(number for number, line in enumerate(lines) if not line.startswith("#"))
    lines[first] = "\x0b" + lines[first]
    return "".join(lines), first + 1


def unclosed_brace(text: str) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)
    last = len(lines) - 1
    lines[last] = lines[last].replace("}", "", 1)
    return "".join(lines), last + 1


PARSER_SAYS = "\x00"  # stands for what the YAML parser says is wrong, in its words
BROKEN_LOCKS = {
    # name: (the break, made from the real lock; the message of its line)
    "merge conflict": (conflict, message("lock.conflict")),
    "unclosed brace": (unclosed_brace, message("lock.broken", problem=PARSER_SAYS)),
    "control character": (control_character,
                           message("lock.broken", problem=PARSER_SAYS + " (U+000B, column 1)")),
    "a list": (lambda text: ("- a\n- b\n", None),
               message("lock.broken", problem=message("lock.not_a_mapping"))),
    # Saved by an editor's tool in Latin-1, with a note in Danish at the top.
    "not UTF-8": (lambda text: (("# Gennemgået på mødet\n" + text).encode("latin-1"), None),
                  message("load.not_utf8")),
}


def broken_lock(content: Path, case: str) -> re.Pattern:
    """Break the lock in `content` as `case` says: the one line that should name it."""
    make, said = BROKEN_LOCKS[case]
    text, line = make((CONTENT / LOCK_NAME).read_text(encoding="utf-8"))
    (content / LOCK_NAME).write_bytes(text if isinstance(text, bytes) else text.encode())
    where = f"content/{LOCK_NAME}" + (f":{line}" if line else "")
    return re.compile(re.escape(f"{where}: {said}").replace(PARSER_SAYS, "[^()\n]+"))


@pytest.mark.parametrize("case", BROKEN_LOCKS)
def test_a_broken_lock_is_one_line_that_names_its_line(case, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    expected = broken_lock(content, case)
    with pytest.raises(LockError) as raised:
        read_lock(content)
    assert expected.fullmatch(str(raised.value)), (str(raised.value), expected.pattern)


def test_check_status_and_reviewed_name_a_conflicted_lock_and_write_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    expected = broken_lock(content, "merge conflict")
    lock = (content / LOCK_NAME).read_bytes()
    for command in (["check"], ["status"], ["status", "--reviewed", str(content)]):
        result = run_handbook(*command, content_dir=content)
        assert result.returncode == 1, (command, result.stdout)
        assert expected.fullmatch(result.stderr.removesuffix("\n")), (command, result.stderr)
        assert "valid" not in result.stdout, command
        assert (content / LOCK_NAME).read_bytes() == lock, command
