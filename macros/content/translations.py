"""Translation status: how complete each language is, and which texts may be stale.

Translations go both ways: when the text in one language changes, the texts in every other
language may no longer say the same. content/translations.lock.yml keeps, for every text
(`file#path.to.text`) and every language, a short hash of that language's text as it was when
the texts were last reviewed together; the content files stay clean. A language's text is stale
when another language's text has changed since, and its own has not. After reviewing, record it:
`python3 scripts/handbook.py status --reviewed content/recommendations/06-uenighet.yml`
(`--lang nn` records only the Nynorsk texts)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros import plain_yaml
from macros.content.load import CONTENT_DIR
from macros.content.placeholders import is_placeholder
from macros.content.problems import display_path
from macros.content.texts import LANGS, SOURCE_LANG, ContentText, all_texts
from macros.languages import BY_CODE
from macros.messages import message

LOCK_NAME = "translations.lock.yml"
LOCK_HEADER = """\
# Written by `python3 scripts/handbook.py status --reviewed FILE`; do not edit by hand.
# For every text (file#path.to.text) and language: a short hash of that language's text as it was
# when the texts were last reviewed together. `status` lists the texts whose other languages
# have changed since.
"""

Lock = dict[str, dict[str, str]]  # text key -> language -> hash


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


class LockError(Exception):
    """The lock cannot be read: one `file:line: what is wrong (fix)` line. Nothing that reads
    it writes it then, so no review that was recorded is lost."""


def read_lock(content_dir: Path, texts: list[ContentText] = ()) -> Lock:
    path = content_dir / LOCK_NAME
    if not path.exists():
        return {}
    where = display_path(path, content_dir.parent)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LockError(f"{where}: {message('load.not_utf8')}") from None
    conflict = plain_yaml.conflict_line(source)
    if conflict:  # two reviews merged: git left both sides
        raise LockError(f"{where}:{conflict}: {message('lock.conflict')}")
    try:
        data = plain_yaml.load(source) or {}
    except yaml.YAMLError as error:
        line, problem = plain_yaml.mistake(error, source)
        raise LockError(f"{where}{line}: {message('lock.broken', problem=problem)}") from None
    if not isinstance(data, dict):
        problem = message("lock.not_a_mapping")
        raise LockError(f"{where}: {message('lock.broken', problem=problem)}")
    current = {text.key: text for text in texts}
    lock = {}
    for key, value in data.items():
        if isinstance(value, dict):
            lock[str(key)] = {str(lang): str(digest) for lang, digest in value.items()}
        elif str(key) in current:
            # The earlier format: the source text's hash when the other languages were
            # reviewed, which were then as they are now.
            text = current[str(key)]
            lock[str(key)] = {lang: text_hash(text.texts[lang]) for lang in LANGS
                              if done(text.texts[lang])}
            lock[str(key)][SOURCE_LANG] = str(value)
    return lock


def write_lock(content_dir: Path, lock: Lock) -> None:
    body = "".join(
        f"{key}: {{{', '.join(f'{lang}: {digest!r}' for lang, digest in sorted(entry.items()))}}}\n"
        for key, entry in sorted(lock.items()) if entry)
    (content_dir / LOCK_NAME).write_text(LOCK_HEADER + body, encoding="utf-8")


def done(text: str) -> bool:
    return bool(text.strip()) and not is_placeholder(text)


@dataclass(frozen=True)
class Stale:
    text: ContentText
    lang: str  # the language whose text may be out of date
    changed: tuple[str, ...]  # the languages whose texts changed since the review


@dataclass
class Status:
    total: int
    complete: dict[str, int]  # language -> texts written (not missing, not a placeholder)
    missing: dict[str, list[ContentText]]
    stale: list[Stale]
    unreviewed: dict[str, list[ContentText]]  # language -> written texts never reviewed
    problems: list[str]


def stale_languages(text: ContentText, recorded: dict[str, str]) -> list[Stale]:
    """The languages of a text that did not change while another one did."""
    written = [lang for lang in LANGS if done(text.texts[lang]) and lang in recorded]
    changed = tuple(lang for lang in written if recorded[lang] != text_hash(text.texts[lang]))
    if not changed:
        return []
    return [Stale(text, lang, changed) for lang in written if lang not in changed]


def translation_status(content_dir: Path = CONTENT_DIR) -> Status:
    texts, problems = all_texts(content_dir)
    lock = read_lock(content_dir, texts)
    missing = {lang: [t for t in texts if not done(t.texts[lang])] for lang in LANGS}
    unreviewed = {lang: [t for t in texts
                         if done(t.texts[lang]) and lang not in lock.get(t.key, {})]
                  for lang in LANGS}
    stale = [item for text in texts for item in stale_languages(text, lock.get(text.key, {}))]
    complete = {lang: len(texts) - len(missing[lang]) for lang in LANGS}
    return Status(len(texts), complete, missing, stale, unreviewed, problems)


def stale_message(item: Stale) -> str:
    said = message("status.stale", lang=item.lang, changed=", ".join(item.changed),
                   file=item.text.file)
    return f"{item.text.where(item.lang)}: {said}"


def report(status: Status, verbose: bool = False) -> list[str]:
    lines = [*status.problems]
    for lang in LANGS:
        share = 100 * status.complete[lang] // status.total if status.total else 100
        stale = [item for item in status.stale if item.lang == lang]
        unreviewed = status.unreviewed[lang]
        lines.append(message("status.written", lang=lang, done=status.complete[lang],
                             total=status.total, share=share))
        lines.append("  " + message("status.stale_count", lang=lang, count=len(stale)))
        lines.append("  " + (message("status.unreviewed", count=len(unreviewed))
                             if verbose or not unreviewed
                             else message("status.unreviewed_hint", count=len(unreviewed))))
        if BY_CODE[lang].in_progress and status.missing[lang] and not verbose:
            lines.append("  " + message("status.in_progress", count=len(status.missing[lang])))
        else:
            lines += [f"    {text.where(lang)}: {message('status.text_missing', lang=lang)}"
                      for text in status.missing[lang]]
        lines += [f"    {stale_message(item)}" for item in stale]
        if verbose:
            lines += [f"    {text.where(lang)}: {text.key}" for text in unreviewed]
    return lines


def record_reviewed(paths: list[Path], languages: tuple[str, ...] = LANGS,
                    content_dir: Path = CONTENT_DIR) -> tuple[int, list[str]]:
    """Record the current texts of these files (or folders) in these languages as reviewed."""
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
    lock = read_lock(content_dir, texts)
    recorded = 0
    for text in texts:
        file = content_dir / text.key.split("#", 1)[0]
        if not any(file == p or p in file.parents for p in wanted):
            continue
        entry = lock.setdefault(text.key, {})
        for lang in languages:
            if done(text.texts[lang]):
                entry[lang] = text_hash(text.texts[lang])
                recorded += 1
    # Forget texts and languages that no longer exist.
    keys = {text.key: text for text in texts}
    lock = {key: {lang: digest for lang, digest in entry.items()
                  if lang in LANGS and done(keys[key].texts[lang])}
            for key, entry in lock.items() if key in keys}
    if not problems:
        write_lock(content_dir, lock)
    return recorded, problems


def carry_over(content_dir: Path, before: list[ContentText], after: list[ContentText],
               moved: dict[str, str]) -> None:
    """After a rename (`moved`: old file -> new file, below content/): every text keeps its
    review state under its new key. A language's text that was current when reviewed stays
    current (a link in it may have changed with the rename); a changed one stays changed, so
    what was stale stays stale."""
    lock = read_lock(content_dir, before)
    now = {(text.key.split("#", 1)[0], text.location): text for text in after}
    carried = {key: entry for key, entry in lock.items()
               if key.split("#", 1)[0] not in moved}
    for text in before:
        file = text.key.split("#", 1)[0]
        recorded, new = lock.get(text.key), now.get((moved.get(file, file), text.location))
        if recorded is None or new is None:
            continue
        carried.pop(text.key, None)
        carried[new.key] = {
            lang: text_hash(new.texts[lang]) if digest == text_hash(text.texts[lang]) else digest
            for lang, digest in recorded.items()}
    write_lock(content_dir, carried)
