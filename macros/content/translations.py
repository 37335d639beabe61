"""Translation status: how complete each language is, and which Danish texts are stale.

A Danish text is stale when its Norwegian text has changed since the Danish one was last
reviewed. content/translations.lock.yml keeps, for every text (`file#path.to.text`), a short
hash of the Norwegian text as it was when the Danish text was reviewed; the content files stay
clean. After reviewing a Danish text, record it:
`python scripts/handbook.py status --reviewed content/recommendations/06-uenighet.yml`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.content.load import CONTENT_DIR
from macros.content.placeholders import is_placeholder
from macros.content.texts import LANGS, SOURCE_LANG, ContentText, all_texts
from macros.messages import message

LOCK_NAME = "translations.lock.yml"
LOCK_HEADER = """\
# Written by `python scripts/handbook.py status --reviewed FILE`; do not edit by hand.
# For every text (file#path.to.text): a short hash of the Norwegian text as it was when the
# Danish text was last reviewed. `status` lists Danish texts whose Norwegian text has changed since.
"""


def source_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def read_lock(content_dir: Path) -> dict[str, str]:
    path = content_dir / LOCK_NAME
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def write_lock(content_dir: Path, lock: dict[str, str]) -> None:
    body = "".join(f"{key}: '{value}'\n" for key, value in sorted(lock.items()))
    (content_dir / LOCK_NAME).write_text(LOCK_HEADER + body, encoding="utf-8")


def done(text: str) -> bool:
    return bool(text.strip()) and not is_placeholder(text)


@dataclass
class Status:
    total: int
    complete: dict[str, int]  # language -> texts written (not missing, not a placeholder)
    missing: dict[str, list[ContentText]]
    stale: list[ContentText]
    unreviewed: list[ContentText]  # never recorded as reviewed
    problems: list[str]


def translation_status(content_dir: Path = CONTENT_DIR) -> Status:
    texts, problems = all_texts(content_dir)
    lock = read_lock(content_dir)
    missing = {lang: [t for t in texts if not done(t.texts[lang])] for lang in LANGS}
    stale, unreviewed = [], []
    for text in texts:
        if not all(done(text.texts[lang]) for lang in LANGS):
            continue
        recorded = lock.get(text.key)
        if recorded is None:
            unreviewed.append(text)
        elif recorded != source_hash(text.texts[SOURCE_LANG]):
            stale.append(text)
    complete = {lang: len(texts) - len(missing[lang]) for lang in LANGS}
    return Status(len(texts), complete, missing, stale, unreviewed, problems)


def stale_message(text: ContentText) -> str:
    lang = LANGS[1]
    return f"{text.where(lang)}: {message('status.stale', file=text.file)}"


def report(status: Status, verbose: bool = False) -> list[str]:
    lines = [*status.problems]
    for lang in LANGS:
        share = 100 * status.complete[lang] // status.total if status.total else 100
        lines.append(message("status.written", lang=lang, done=status.complete[lang],
                             total=status.total, share=share))
        for text in status.missing[lang]:
            lines.append(f"  {text.where(lang)}: {message('status.text_missing', lang=lang)}")
    lines.append(message("status.stale_count", count=len(status.stale)))
    lines += [f"  {stale_message(text)}" for text in status.stale]
    count = len(status.unreviewed)
    lines.append(message("status.unreviewed", count=count) if verbose or not count
                 else message("status.unreviewed_hint", count=count))
    if verbose:
        lines += [f"  {text.where(LANGS[1])}: {text.key}" for text in status.unreviewed]
    return lines


def record_reviewed(paths: list[Path], content_dir: Path = CONTENT_DIR) -> tuple[int, list[str]]:
    """Record the current Norwegian texts of these files (or folders) as reviewed."""
    wanted, problems = set(), []
    for path in paths:
        path = path.resolve()
        if not path.exists():
            problems.append(f"{path}: {message('status.no_such_file')}")
            continue
        try:
            path.relative_to(content_dir)
        except ValueError:
            problems.append(f"{path}: {message('status.not_in_content', folder=content_dir)}")
            continue
        wanted.add(path)
    texts, read_problems = all_texts(content_dir)
    problems += read_problems
    lock = read_lock(content_dir)
    recorded = 0
    for text in texts:
        file = content_dir / text.key.split("#", 1)[0]
        if not any(file == p or p in file.parents for p in wanted):
            continue
        if all(done(text.texts[lang]) for lang in LANGS):
            lock[text.key] = source_hash(text.texts[SOURCE_LANG])
            recorded += 1
    # Forget texts that no longer exist.
    keys = {text.key for text in texts}
    lock = {key: value for key, value in lock.items() if key in keys}
    if not problems:
        write_lock(content_dir, lock)
    return recorded, problems


def carry_over(content_dir: Path, before: list[ContentText], after: list[ContentText],
               moved: dict[str, str]) -> None:
    """After a rename (`moved`: old file -> new file, below content/): every text keeps its
    review state under its new key. A text whose recorded source text was current stays current
    (a link in it may have changed with the rename); a stale one stays stale."""
    lock = read_lock(content_dir)
    now = {(text.key.split("#", 1)[0], text.location): text for text in after}
    carried = {key: value for key, value in lock.items()
               if key.split("#", 1)[0] not in moved}
    for text in before:
        file = text.key.split("#", 1)[0]
        recorded, new = lock.get(text.key), now.get((moved.get(file, file), text.location))
        if recorded is None or new is None:
            continue
        carried.pop(text.key, None)
        if recorded == source_hash(text.texts[SOURCE_LANG]):
            recorded = source_hash(new.texts[SOURCE_LANG])
        carried[new.key] = recorded
    write_lock(content_dir, carried)
