"""The MkDocs hook of the top-level mkdocs.yml, and only of it: `mkdocs build` or `mkdocs serve`
at the top of the repository stops at once with one line, in the chosen language, naming the
command that builds the handbook (every language, the files at the site's root, strictly)."""

from __future__ import annotations

from mkdocs.exceptions import Abort

from macros.messages import message


def on_startup(command: str, dirty: bool) -> None:
    raise Abort(message("mkdocs.use_the_tool", command=command))
