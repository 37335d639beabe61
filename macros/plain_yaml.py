"""Reading YAML, for every file the project reads (the language registry, the message
catalogue, the translation lock, and content/ through yamlfile): libyaml's parser when PyYAML
has it (it usually does), the same data and marks about ten times faster than PyYAML's own
(every command reads the registry and the catalogue as it starts, and `check` the lock too);
and where a mistake is, for the one-line messages."""

from __future__ import annotations

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    return yaml.load(text, Loader=Loader)  # a safe loader: plain data, no Python objects


CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>")


def conflict_line(text: str) -> int | None:
    """The first line git marks as a merge conflict (two versions of the same lines), if any:
    YAML would call it broken only somewhere near, and say nothing of a merge."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(CONFLICT_MARKERS):
            return number
    return None


def refused_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, "U+000B") of the first character YAML does not allow in a file, if any: a
    control character, which pasted text can bring in. Found by PyYAML's own rule, because the
    parser names only a position (in bytes or characters, by parser), not a line."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if not found:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    return (text.count("\n", 0, found.start()) + 1, found.start() - line_start + 1,
            f"U+{ord(found.group()):04X}")


def error_mark(error: yaml.MarkedYAMLError) -> tuple[bool, yaml.Mark | None]:
    """Where the mistake is: an unclosed quote or bracket is found only where the file ends or
    the next key begins, but the mistake is where the quoted text or the list starts (True)."""
    starts_there = bool(error.context) and ("quoted scalar" in error.context
                                            or "flow" in error.context)
    mark = (error.context_mark if starts_there and error.context_mark
            else error.problem_mark or error.context_mark)
    return starts_there, mark


def mistake(error: yaml.YAMLError, text: str) -> tuple[str, str]:
    """`:line` for a `file:line:` message ("" where none is known), and what the parser says is
    wrong: a character it refuses, or a mistake in the YAML."""
    refused = refused_character(text) if isinstance(error, yaml.reader.ReaderError) else None
    if refused:
        line, column, character = refused
        return f":{line}", f"{error.reason} ({character}, column {column})"
    if not isinstance(error, yaml.MarkedYAMLError):
        return "", str(error).splitlines()[0]
    _, mark = error_mark(error)
    return (f":{mark.line + 1}" if mark else ""), problem_of(error)


def problem_of(error: yaml.MarkedYAMLError) -> str:
    return error.problem or error.context or "not valid YAML"
