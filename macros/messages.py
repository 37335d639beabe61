"""Every message an editor can see, in the editor's language: English or one of the handbook's
languages (macros/languages.yml) that macros/messages.yml has texts in.

The texts live in macros/messages.yml (message id -> en and a language code each); code asks
for them with `message("id", name=value, …)`. The language is the one set_language was given:
the command line decides it once (macros/cli/language.py: --lang, the environment, the
locale); English until then. Nothing here reads the environment."""

from __future__ import annotations

import re
import string
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from macros import plain_yaml
from macros.languages import BY_CODE
from macros.languages import LANGUAGES as HANDBOOK_LANGUAGES

CATALOGUE = Path(__file__).with_name("messages.yml")


class MessageError(Exception):
    """A message id that is not in the catalogue, or values that do not fit its template."""


@cache
def catalogue() -> dict[str, dict[str, str]]:
    return plain_yaml.load(CATALOGUE.read_text(encoding="utf-8"))


@cache
def languages() -> tuple[str, ...]:
    """en, and every language of the handbook that every message is written in."""
    written = set.intersection(*(set(texts) for texts in catalogue().values()))
    return ("en", *(language.code for language in HANDBOOK_LANGUAGES if language.code in written))


def language_name(code: str) -> str:
    """A language's name in a message: in English for English messages, else its own name
    in lower case, as Scandinavian languages write language names (dansk, nynorsk)."""
    language = BY_CODE[code]
    return language.english_name if current() == "en" else language.name.lower()


# {count|øvelse|øvelser}: the word for one, else the word for any other number, so that a
# count takes the right number form in every language ("1 øvelse", "2 øvelser").
NUMBER_FORM = re.compile(r"\{([a-z_]+)\|((?:[^|{}]|\{[a-z_]+\})*)\|((?:[^|{}]|\{[a-z_]+\})*)\}")


def fields(template: str) -> set[str]:
    """The {named} placeholders of a template (a number form names its number)."""
    plain = NUMBER_FORM.sub(lambda m: "{" + m.group(1) + "}", template)
    return {name for _, name, _, _ in string.Formatter().parse(plain) if name is not None}


def _number_forms(template: str, values: dict) -> str:
    def form(match: re.Match) -> str:
        one, other = match.group(2), match.group(3)
        return one if values[match.group(1)] in (1, -1) else other
    return NUMBER_FORM.sub(form, template)


_CHOSEN = ["en"]  # the language set_language was last given


def set_language(code: str) -> None:
    """Speak `code` from now on (the command line calls this once, with its choice)."""
    if code not in languages():
        raise MessageError(f"no messages in '{code}' (there are: {', '.join(languages())})")
    _CHOSEN[0] = code


@contextmanager
def speaking(code: str):
    """Speak `code` inside the block only (texts made in every language, as the schemas' field
    descriptions); the language chosen before comes back after it."""
    before = current()
    set_language(code)
    try:
        yield
    finally:
        _CHOSEN[0] = before


def current() -> str:
    """The messages' language: the one set_language was last given, else en."""
    return _CHOSEN[0]


def message(identifier: str, **values: object) -> str:
    """The message `identifier` in the editor's language, with its {placeholders} filled."""
    try:
        templates = catalogue()[identifier]
    except KeyError:
        raise MessageError(f"no message '{identifier}' in {CATALOGUE.name}") from None
    template = templates[current()]
    wanted = fields(template)
    if wanted != set(values):
        raise MessageError(f"message '{identifier}' takes {sorted(wanted)}, got {sorted(values)}")
    return _number_forms(template, values).format(**values)
