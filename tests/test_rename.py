"""`rename KIND OLD NEW`, as an editor meets it: in a copy of content/, a recommendation and an
exercise get new ids; `check` passes, the site builds strictly, every reference and link
follows, the old address of each page serves a redirect to the new page in every language, and
the translation lock keeps every text's review state. Every bad request is one line
`file:line: what is wrong (fix)`, and changes nothing."""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, run_handbook
from test_status import broken_lock

from macros.addresses import page_html, page_url
from macros.content import translations
from macros.content.kinds import all_pages
from macros.content.load import load_handbook
from macros.content.rename import RenameError, rename
from macros.messages import set_language

BOOK = load_handbook(CONTENT)
REC = BOOK.recommendations[-1]
# An exercise of another recommendation, so that the two renames touch different files.
EXERCISE = next(e for e in BOOK.exercises if REC.id not in e.recommendation_ids)
LINE = re.compile(r"^content(?:/[^:\s]*)?(?::\d+)?: [^\n]+ \([^\n]+\)$")


def snapshot(content: Path) -> dict[str, bytes]:
    return {path.relative_to(content).as_posix(): hashlib.sha256(path.read_bytes()).digest()
            for path in sorted(content.rglob("*")) if path.is_file()}


def link_in_every_language(content: Path, pages: list[str]) -> Path:
    """A link to each page at the end of the first recommendation's body, in every language;
    the texts recorded as reviewed, as after a real review."""
    path = sorted((content / "recommendations").glob("*.yml"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    book = load_handbook(content)
    first = book.recommendations[0]
    for lang in translations.LANGS:
        body = first.body[lang].strip().split("\n")[-1]
        links = " ".join(f"[{index}]({page})" for index, page in enumerate(pages, 1))
        number = next(n for n, line in enumerate(lines) if line.strip() == body)
        lines[number] += " " + links
    path.write_text("\n".join(lines), encoding="utf-8")
    translations.record_reviewed([content], content_dir=content)
    return path


def test_a_recommendation_and_an_exercise_renamed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    linking = link_in_every_language(content, [REC.page, EXERCISE.page])
    reviewed = translations.translation_status(content)
    pages = all_pages(BOOK)
    new_rec, new_exercise = REC.id + "-nytt", EXERCISE.id + "-ny"

    for kind, old, new in (("recommendation", REC.id, new_rec),
                           ("exercise", EXERCISE.id, new_exercise)):
        done = run_handbook("rename", kind, old, new, content_dir=content)
        assert done.returncode == 0, done.stderr
        assert old in done.stdout and new in done.stdout and "Traceback" not in done.stderr
    assert run_handbook("check", content_dir=content).returncode == 0

    # Every reference follows.
    book = load_handbook(content)
    rec = next(r for r in book.recommendations if r.number == REC.number)
    assert rec.id == new_rec and rec.source.name == f"{REC.number:02d}-{new_rec}.yml"
    assert [f.id for f in rec.factors] == [f.id for f in REC.factors]
    assert {e.id for e in book.exercises} == {e.id for e in BOOK.exercises} - {EXERCISE.id} | {
        new_exercise}
    assert [e.id.replace(new_exercise, EXERCISE.id) for e in book.exercises_for(new_rec)] == [
        e.id for e in BOOK.exercises_for(REC.id)]
    for before, after in zip(BOOK.programme.modules, book.programme.modules, strict=True):
        assert after.recommendation_id == (new_rec if before.recommendation_id == REC.id
                                           else before.recommendation_id)
        assert after.exercise_ids == tuple(new_exercise if e == EXERCISE.id else e
                                           for e in before.exercise_ids)
    assert [r.recommendation_id for r in book.reflections] == [
        new_rec if r.recommendation_id == REC.id else r.recommendation_id
        for r in BOOK.reflections]
    old_ids = {REC.id, EXERCISE.id}
    assert not old_ids & {i for e in book.exercises for i in e.recommendation_ids}
    for lang in translations.LANGS:
        text = book.recommendations[0].body[lang]
        assert f"]({rec.page})" in text and f"]({book.exercise(new_exercise).page})" in text
        assert f"]({REC.page})" not in text and f"]({EXERCISE.page})" not in text
    assert linking.exists()

    # The lock keeps the review state of every text, under the new file names.
    status = translations.translation_status(content)
    assert len(status.stale) == len(reviewed.stale) == 0
    assert {lang: len(texts) for lang, texts in status.unreviewed.items()} == {
        lang: len(texts) for lang, texts in reviewed.unreviewed.items()}
    lock = translations.read_lock(content)
    assert not [key for key in lock if key.startswith((f"{REC.source.parent.name}/"
                                                       f"{REC.source.name}#",
                                                       f"exercises/{EXERCISE.id}.yml#"))]
    assert any(key.startswith(f"exercises/{new_exercise}.yml#") for key in lock)

    # The redirects are data in content/, and the build is strict-clean.
    moved = book.redirects
    assert set(moved) == pages - all_pages(book)
    assert set(moved.values()) == all_pages(book) - pages
    from macros.build_context import BuildContext
    from macros.site.build import build_languages

    site = tmp_path / "site"
    assert build_languages(site, BuildContext(content_dir=content)) == 0
    built = [lang for lang in translations.LANGS if (site / lang).is_dir()]
    assert built
    for lang in built:
        for old, new in moved.items():
            html = (site / lang / page_html(old)).read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in html
            refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
            target = posixpath.normpath(posixpath.join(page_url(old), refresh.group(1)))
            assert target + "/" == page_url(new)
            assert (site / lang / page_html(new)).exists()
            label = book.labels.for_language(lang)["redirect_text"]
            assert f'href="{refresh.group(1)}">{label}</a>' in html
            assert 'http-equiv="Content-Security-Policy"' in html


def test_a_redirect_that_hides_a_page_or_leads_nowhere_is_named_by_check(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "redirects.yml"
    header = "".join(line + "\n" for line in path.read_text("utf-8").split("\n")
                     if line.startswith("#"))
    nowhere = REC.page.replace(REC.id, REC.id + "x")
    path.write_text(header + f"{EXERCISE.page}: {REC.page}\ngammel.md: {nowhere}\n", "utf-8")
    out = run_handbook("check", content_dir=content)
    lines = [line for line in out.stdout.splitlines() + out.stderr.splitlines()
             if line.startswith("content/redirects.yml")]
    first = header.count("\n") + 1
    assert lines == [
        f"content/redirects.yml:{first}: {EXERCISE.page} is a page of the handbook; a redirect"
        " would hide it (remove this line)",
        f"content/redirects.yml:{first + 1}: gammel.md leads to {nowhere}, which is not a page of"
        f" the handbook (did you mean '{REC.page}'?)",
    ]


def _broken(content: Path) -> None:
    exercise = content / "exercises" / f"{EXERCISE.id}.yml"
    exercise.write_text(exercise.read_text("utf-8").replace("duration_minutes:",
                                                            "duration_minute:"), "utf-8")


OTHER = BOOK.recommendations[0]
CASES = {
    # name: (kind, old, new, change to content first, file the line names, words it contains)
    "unknown kind": ("anbefaling", REC.id, "x", None, "content", "'anbefaling'"),
    "no own id": ("reflection", REC.id, "x", None, "content/reflection", "rename recommendation"),
    "unknown id": ("recommendation", REC.id[:-1], "x", None, "content/recommendations",
                   f"did you mean '{REC.id}'"),
    "exercise id as recommendation": ("recommendation", EXERCISE.id, "x", None,
                                      "content/recommendations", EXERCISE.id),
    "new id not valid": ("recommendation", REC.id, "Ny Id", None,
                         f"content/recommendations/{REC.source.name}:", "'Ny Id'"),
    "new id is the old one": ("exercise", EXERCISE.id, EXERCISE.id, None,
                              f"content/exercises/{EXERCISE.id}.yml:", EXERCISE.id),
    "new id taken by an exercise": ("recommendation", REC.id, EXERCISE.id, None,
                                    f"content/exercises/{EXERCISE.id}.yml:", EXERCISE.id),
    "new id taken by a factor": ("exercise", EXERCISE.id, OTHER.factors[0].id, None,
                                 f"content/recommendations/{OTHER.source.name}:",
                                 OTHER.factors[0].id),
    "new id too long for a file name": ("exercise", EXERCISE.id, "a" * 300, None,
                                        f"content/exercises/{EXERCISE.id}.yml", "shorter id"),
    "content has errors": ("recommendation", REC.id, "x", _broken,
                           f"content/exercises/{EXERCISE.id}.yml:", "duration_minute"),
    "the lock has a merge conflict": ("exercise", EXERCISE.id, "x",
                                      lambda content: broken_lock(content, "merge conflict"),
                                      f"content/{translations.LOCK_NAME}:", "<<<<<<<"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_rename_is_one_line_and_changes_nothing(case, tmp_path):
    kind, old, new, change, where, words = case
    set_language("en")
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if change:
        change(content)
    before = snapshot(content)
    with pytest.raises(RenameError) as raised:
        rename(kind, old, new, content)
    lines = raised.value.lines
    problems = [line for line in lines if line.startswith("content")]
    assert problems and all(LINE.match(line) for line in problems), lines
    assert problems[0].startswith(where + ("" if where.endswith(":") else ":")), lines
    assert words in problems[0], lines
    if change is None:
        assert len(lines) == 1, lines
    assert snapshot(content) == before
