"""`status`: how complete each language is, and which Danish texts are stale because their
Norwegian text changed after the Danish one was reviewed; `check` warns about stale ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, run_handbook

FIXTURE = """\
# yaml-language-server: $schema=schema/example.schema.json
# An example. Fields: title, steps. After editing, run: python3 scripts/handbook.py check
title:
  nb: Ledergruppa
  da: Ledergruppen
steps:
  - id: first
    text:
      nb: Første steg
      da: Første trin
  - text:
      nb: Andre steg
      da: "TODO: the text, in Danish"
"""


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "schema").mkdir(parents=True)
    (folder / "schema" / "ignored.yml").write_text("a: {nb: x}\n")
    (folder / "example.yml").write_text(FIXTURE, encoding="utf-8")
    return folder


def test_completeness_per_language_names_what_is_missing(content):
    result = run_handbook("status", content_dir=content)
    assert result.returncode == 0, result.stderr
    assert "nb: 3 of 3 texts written (100 %)" in result.stdout
    assert "da: 2 of 3 texts written (66 %)" in result.stdout
    assert "content/example.yml:13: da text is missing or still a placeholder" in result.stdout
    assert "not yet reviewed: 2 texts" in result.stdout


def test_reviewed_then_changed_norwegian_makes_the_danish_stale(content):
    recorded = run_handbook("status", "--reviewed", str(content / "example.yml"),
                            content_dir=content)
    assert recorded.returncode == 0, recorded.stderr
    assert "Recorded 2 Danish text(s) as reviewed" in recorded.stdout
    lock = (content / "translations.lock.yml").read_text(encoding="utf-8")
    assert "example.yml#title:" in lock and "example.yml#steps.first.text:" in lock
    assert "do not edit by hand" in lock
    assert run_handbook("status", content_dir=content).stdout.count("stale Danish translations: 0")

    # Only the Norwegian text changes, and only its wording (not its line breaks) counts.
    text = (content / "example.yml").read_text(encoding="utf-8")
    (content / "example.yml").write_text(text.replace("nb: Første steg", "nb: Det første steget"))
    result = run_handbook("status", content_dir=content)
    assert "stale Danish translations: 1" in result.stdout
    assert ("content/example.yml:10: the Danish text may be out of date: its Norwegian text has"
            " changed since it was reviewed (update the Danish text, then run: python"
            " scripts/handbook.py status --reviewed content/example.yml)") in result.stdout

    run_handbook("status", "--reviewed", str(content), content_dir=content)
    assert "stale Danish translations: 0" in run_handbook("status", content_dir=content).stdout


def test_reviewed_refuses_a_file_outside_content(content, tmp_path):
    result = run_handbook("status", "--reviewed", str(tmp_path / "nowhere.yml"),
                          content_dir=content)
    assert result.returncode == 1
    assert "no such file (name a file or folder in content/)" in result.stderr
    assert not (content / "translations.lock.yml").exists()


def test_the_real_content_is_complete_and_nothing_is_stale():
    result = run_handbook("status")
    assert result.returncode == 0, result.stderr
    assert "stale Danish translations: 0" in result.stdout
    assert "da: 0 of" not in result.stdout
    for line in result.stdout.splitlines():
        if line.startswith(("nb:", "da:")):
            assert line.endswith("(100 %)"), line


def test_check_warns_about_a_stale_translation_but_passes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "recommendations" / "06-uenighet.yml"
    text = path.read_text(encoding="utf-8")
    old = "nb: Lederne gir åpent uttrykk for sine synspunkter."
    assert old in text
    path.write_text(text.replace(old, "nb: Lederne sier åpent hva de mener."), encoding="utf-8")
    check = run_handbook("check", content_dir=content)
    assert check.returncode == 0, check.stderr
    assert ("content/recommendations/06-uenighet.yml:34: the Danish text may be out of date"
            in check.stderr)
    assert "1 Danish text(s) may be out of date. This is a warning: check still passes." \
        in check.stderr
