"""Placeholders left by `python scripts/handbook.py new`: every value that starts with "TODO"
must be replaced before the content is valid. Each one is reported on its own line with what
to write, which the placeholder itself says: `TODO: the title in Danish`."""

from __future__ import annotations

from macros.content.problems import Problem
from macros.content.validate import where
from macros.content.yamlfile import YamlFile, find
from macros.languages import LANGUAGES
from macros.messages import message

MARKER = "TODO"
IN_PROGRESS = {language.code for language in LANGUAGES if language.in_progress}


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper().startswith(MARKER)


def placeholders(data: object):
    """(location, value) of every placeholder in data, in file order."""
    return find(data, is_placeholder)


def placeholder_problems(file: YamlFile, shown_as: str) -> list[Problem]:
    """Every placeholder, but those of a language still in progress (`status` counts them)."""
    problems = []
    for location, value in placeholders(file.data):
        if location and location[-1] in IN_PROGRESS:
            continue
        advice = value.strip()[len(MARKER):].lstrip(":- ").strip()
        text = (message("placeholder.still", where=where(location), advice=advice) if advice
                else message("placeholder.still_plain", where=where(location)))
        problems.append(Problem(shown_as, file.line_of(location), text))
    return problems
