"""The lines of a list in content/wordlist/ (word lists, terms.txt, style.txt): each with its
line number, comments (`#` to the end of the line) and blank lines left out, none when the file
does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def listed_lines(path: Path) -> Iterator[tuple[int, str]]:
    if not path.exists():
        return
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield number, line
