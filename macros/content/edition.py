"""The handbook's edition date: the day its content last changed, printed on the booklet's cover.

It must be the same on every machine that builds the same content, a fresh clone included, so
it is not taken from file times (a clone stamps every file with the time it was made):
1. SOURCE_DATE_EPOCH, when set (the reproducible-builds convention), wins;
2. in a git work tree, the commit date of the last commit that changed content/, unless files
   in content/ are changed but not committed: then the newest of those files' times, since the
   text being printed is newer than any commit;
3. without git (an exported copy): the newest file time in content/."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def _git(content_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(content_dir), *args], capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()


def _newest(paths) -> date | None:
    times = [path.stat().st_mtime for path in paths if path.is_file()]
    return _day(max(times)) if times else None


def edition_date(content_dir: Path) -> date:
    """The day the content in content_dir last changed (see the module's docstring)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return _day(int(os.environ["SOURCE_DATE_EPOCH"]))
    changed = _git(content_dir, "status", "--porcelain", "--untracked-files=all",
                   "--no-renames", "--", ".")
    if changed is not None:
        top = Path(_git(content_dir, "rev-parse", "--show-toplevel").strip())
        uncommitted = _newest(top / line[3:].strip().strip('"')
                              for line in changed.splitlines() if line[3:].strip())
        if uncommitted:
            return uncommitted
        committed = _git(content_dir, "log", "-1", "--format=%ct", "--", ".")
        if committed and committed.strip():
            return _day(int(committed.strip()))
    return _newest(content_dir.rglob("*")) or _day(0)
