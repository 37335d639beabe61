"""The lines of a list in content/wordlist/ (word lists, terms.txt, style.txt): each with its
line number, comments (`#` to the end of the line) and blank lines left out, none when the file
does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from macros import plain_yaml
from macros.messages import message


def listed_lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.exists():
        return
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line


def conflicts(folder: Path, shown: str) -> list[str]:
    """A line for each list in `folder` in which git left a merge conflict: its markers would
    otherwise be read as words, terms or rules, and stay in the file. `shown` is the folder as
    the line names it."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        line = plain_yaml.conflict_line(path.read_text(encoding="utf-8"))
        if line:
            found.append(f"{shown}/{path.name}:{line}: {message('yaml.conflict')}")
    return found
