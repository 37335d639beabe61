"""The edition date on the printed handbook's cover: the day the content last changed, the
same in every fresh clone (file times are not: a clone stamps files with the time it was made)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime

from macros.content.edition import edition_date

COMMITTED = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def git(cwd, *args, when=COMMITTED):
    stamp = when.isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def repository(tmp_path):
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "site.yml").write_text("title: x\n", encoding="utf-8")
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "content")
    git(repo, "commit", "-q", "--allow-empty", "-m", "not content",
        when=datetime(2025, 1, 1, tzinfo=UTC))
    return repo


def test_a_fresh_clone_gets_the_date_of_the_last_commit_that_changed_content(
        tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    repo = repository(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    assert edition_date(repo / "content") == COMMITTED.date()
    assert edition_date(clone / "content") == COMMITTED.date()


def test_uncommitted_content_is_dated_by_its_files(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    repo = repository(tmp_path)
    changed = repo / "content" / "site.yml"
    changed.write_text("title: y\n", encoding="utf-8")
    later = datetime(2026, 6, 7, 8, 0, tzinfo=UTC).timestamp()
    os.utime(changed, (later, later))
    assert edition_date(repo / "content") == date(2026, 6, 7)


def test_without_git_the_newest_file_and_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = tmp_path / "content"
    content.mkdir()
    for name, day in (("a.yml", 3), ("b.yml", 9)):
        (content / name).write_text("x: 1\n", encoding="utf-8")
        stamp = datetime(2023, 2, day, tzinfo=UTC).timestamp()
        os.utime(content / name, (stamp, stamp))
    assert edition_date(content) == date(2023, 2, 9)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(COMMITTED.timestamp())))
    assert edition_date(content) == COMMITTED.date()
