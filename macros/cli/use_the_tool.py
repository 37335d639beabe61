"""The MkDocs hook of the top-level mkdocs.yml, and only of it: `mkdocs build` or `mkdocs serve`
at the top of the repository stops at once with one line, in the chosen language, naming the
command that builds the handbook (every language, the files at the site's root, strictly).
A command line of its own (people type `mkdocs`), so it decides the messages' language as
scripts/handbook.py does, without --lang: $HANDBOOK_LANG, else the locale."""

from __future__ import annotations

from mkdocs.exceptions import Abort

from macros.cli import language
from macros.messages import message, set_language


def on_startup(command: str, dirty: bool) -> None:
    set_language(language.chosen())
    raise Abort(message("mkdocs.use_the_tool", command=command))
