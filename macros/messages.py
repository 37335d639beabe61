"""Every message an editor can see, in the editor's language (Bokmål, Danish or English).

The texts live in macros/messages.yml (message id -> en, nb, da); code asks for them with
`message("id", name=value, …)`. The language is HANDBOOK_LANG (en, nb or da) when set (the
`--lang` option of scripts/handbook.py sets it), else the locale (LC_ALL, LC_MESSAGES, LANG:
nb_NO, no_NO or nn_NO give Bokmål, da_DK Danish), else English."""

from __future__ import annotations

import os
import string
from functools import cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).with_name("messages.yml")
LANGUAGES = ("en", "nb", "da")
_LOCALE_PREFIXES = {"nb": "nb", "no": "nb", "nn": "nb", "da": "da", "en": "en"}


class MessageError(Exception):
    """A message id that is not in the catalogue, or values that do not fit its template."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def fields(template: str) -> set[str]:
    """The {named} placeholders of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def language() -> str:
    """en, nb or da, from HANDBOOK_LANG, else the locale, else en."""
    chosen = os.environ.get("HANDBOOK_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip().lower()
        if value:  # the first one set decides, as for every other program
            return _LOCALE_PREFIXES.get(value[:2], "en")
    return "en"


def message(identifier: str, **values: object) -> str:
    """The message `identifier` in the editor's language, with its {placeholders} filled."""
    try:
        templates = catalogue()[identifier]
    except KeyError:
        raise MessageError(f"no message '{identifier}' in {CATALOGUE.name}") from None
    template = templates[language()]
    wanted = fields(template)
    if wanted != set(values):
        raise MessageError(f"message '{identifier}' takes {sorted(wanted)}, got {sorted(values)}")
    return template.format(**values)
