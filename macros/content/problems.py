"""Problems in content, reported to editors as `file:line: what is wrong (what to do)`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.messages import message


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # relative to the repository root, e.g. content/recommendations/01-….yml
    line: int | None
    message: str  # "what is wrong (what to do)"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(message("problems.summary_one", count=count) if count == 1
                     else message("problems.summary_many", count=count))
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
