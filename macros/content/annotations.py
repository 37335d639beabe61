"""Problems as GitHub Actions workflow annotations, so that an editor who works in GitHub's web
editor sees each one on the line they changed in the pull request: in Actions
(GITHUB_ACTIONS=true), every `file:line: what (fix)` line that `check`, `spell` and the build
print is also written as `::error file=…,line=…::what (fix)`, in the editor's language (the
workflow sets HANDBOOK_LANG per repository)."""

from __future__ import annotations

import os
import re
import sys

# content/recommendations/06-uenighet.yml:12: lead.nb: … (a line is optional)
PROBLEM = re.compile(r"^(?P<file>[^\s:]+\.(?:ya?ml|txt|md))(?::(?P<line>\d+))?: (?P<text>.+)$")


def in_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(line: str) -> str | None:
    """The workflow command for one problem line, or None for any other line."""
    found = PROBLEM.match(line)
    if not found:
        return None
    where = f"file={_property(found['file'])}"
    if found["line"]:
        where += f",line={found['line']}"
    return f"::error {where}::{_data(found['text'])}"


def annotate(lines: str | list[str]) -> None:
    """In GitHub Actions, write each problem line among `lines` as an annotation (stdout,
    where the runner reads workflow commands); elsewhere nothing."""
    if not in_actions():
        return
    for line in lines.splitlines() if isinstance(lines, str) else lines:
        command = annotation(str(line))
        if command:
            print(command, flush=True)


def report(lines: str | list[str], file=None) -> None:
    """Print problem lines for the editor (on standard error, as it is when called: a test or
    a caller may have replaced it), and annotate them in Actions."""
    text = lines if isinstance(lines, str) else "\n".join(str(line) for line in lines)
    print(text, file=file or sys.stderr, flush=True)
    annotate(text)
