"""The language of the tool's own messages, decided once, by the command line: --lang, else
$HANDBOOK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG, matched against each language's
browser tags in macros/languages.yml), else English. The modules below the command line read
no environment for it: macros/messages.py speaks the language it is given (set_language)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from macros.languages import LANGUAGES
from macros.messages import languages


def _from_locale(value: str) -> str:
    tag = value.split(".")[0].replace("_", "-").lower()
    for language in LANGUAGES:
        if language.code in languages() and (
                tag.split("-")[0] in language.browser or tag in language.browser):
            return language.code
    return "en"


def chosen(option: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The messages' language: `option` (--lang), else $HANDBOOK_LANG, else the locale, else
    en; a code the messages are not written in counts as not given."""
    for code in (option, environ.get("HANDBOOK_LANG")):
        code = (code or "").strip().lower()
        if code in languages():
            return code
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "").strip().lower()
        if value:  # the first one set decides, as for every other program
            return _from_locale(value)
    return "en"
