"""`rename KIND OLD NEW`: give a content item a new id, and everything that names it with it.

What changes, in one go and only if all of it works:
- the item's id, and its file name (`06-uenighet.yml`, `runden.yml`);
- every reference to it: every value in content/ that the schemas type as an id
  (defs.schema.json#/$defs/id) and equals OLD (ids are unique across content/, so such a value
  is the item or a reference to it), and files named after it (the reflection questions of a
  recommendation);
- every Markdown link to one of its pages, in every text of every language;
- the translation lock: each text keeps its review state under its new key;
- content/redirects.yml: each of its old pages leads to the new one, in every language
  (the mkdocs-redirects plugin writes the redirect pages from it).

The work is done in a copy of content/ and checked there as `check` would; content/ changes
only when the copy passes. The kinds are those of macros/content/kinds.py whose schema gives
their items an id."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.content import load, translations
from macros.content.kinds import BY_NAME, KINDS, Kind, all_pages
from macros.content.problems import ContentError, display_path
from macros.content.texts import all_texts, content_files
from macros.content.yamlfile import find, read_yaml
from macros.messages import message

REDIRECTS = BY_NAME["redirects"].pattern
ID_REF = ("defs.schema.json", "/$defs/id")


class RenameError(Exception):
    """Why `rename` changed nothing: one `file:line: what is wrong (fix)` line each."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Renamed:
    files: tuple[str, ...]  # the files written, as editors see them
    references: int  # ids changed, the item's own included
    links: int  # Markdown links changed
    redirects: dict[str, str]  # old page -> new page, added by this rename


def kinds() -> dict[str, Kind]:
    """The kinds `rename` knows, by the names `new` uses for them and by the loader's names."""
    by_name = {kind.name: kind for kind in KINDS if not kind.single}
    named = {kind.new.name: kind for kind in by_name.values() if kind.new}
    return {**by_name, **named}


def _schema(content_dir: Path, name: str) -> dict:
    return json.loads((content_dir / "schema" / name).read_text(encoding="utf-8"))


def has_own_id(content_dir: Path, kind: Kind) -> bool:
    return "id" in _schema(content_dir, kind.schema).get("properties", {})


def id_pattern(content_dir: Path) -> re.Pattern:
    return re.compile(_schema(content_dir, ID_REF[0])["$defs"]["id"]["pattern"])


def id_spots(data: object, node: dict, content_dir: Path, current: str, location: tuple = ()):
    """The locations in data that its schema types as an id."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    if isinstance(ref, str):
        file, _, pointer = ref.partition("#")
        file = file or current
        if (file, pointer) == ID_REF:
            if isinstance(data, str):
                yield location
            return
        target = _schema(content_dir, file)
        for part in filter(None, pointer.split("/")):
            target = target[part]
        yield from id_spots(data, target, content_dir, file, location)
        return
    if not isinstance(node, dict):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            sub = node.get("properties", {}).get(key, node.get("additionalProperties"))
            yield from id_spots(value, sub, content_dir, current, (*location, key))
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for index, value in enumerate(data):
            yield from id_spots(value, node["items"], content_dir, current, (*location, index))


def _schema_of(content_dir: Path, path: Path) -> str | None:
    for kind in KINDS:
        if path in content_dir.glob(kind.pattern):
            return kind.schema
    return None


def _swap_page(page: str, old: str, new: str) -> str:
    """The page path with OLD, as a folder or a page name, written NEW."""
    parts = page.split("/")
    return "/".join(new if part == old else new + ".md" if part == old + ".md" else part
                    for part in parts)


def _where(content_dir: Path, path: Path, line: int | None = None) -> str:
    shown = display_path(path, content_dir.parent)
    return f"{shown}:{line}" if line else shown


def _find_item(content_dir: Path, kind: Kind, identifier: str):
    """(file, line of its id) of the item with this id, or None; and every id of the kind."""
    found, ids = None, []
    for path in sorted(content_dir.glob(kind.pattern)):
        file = read_yaml(path)
        if isinstance(file.data, dict) and isinstance(file.data.get("id"), str):
            ids.append(file.data["id"])
            if file.data["id"] == identifier:
                found = (path, file.line_of(("id",)))
    return found, ids


def _defined_at(content_dir: Path, identifier: str):
    """Where an item of content/ has this id (file, line), if any does."""
    for path in content_files(content_dir):
        file = read_yaml(path)
        for location, _ in find(file.data, lambda v: isinstance(v, dict)
                                and v.get("id") == identifier):
            return path, file.line_of((*location, "id"))
    return None


def check_request(kind_name: str, old: str, new: str, content_dir: Path,
                  load_with=load.load_handbook):
    """The kind and the item's file, or RenameError with one line per thing wrong."""
    known = kinds()
    if kind_name not in known:
        # One name each: the one `new` uses where it has one.
        names = sorted({kind.pattern: name for name, kind in sorted(
            known.items(), key=lambda item: item[0] in BY_NAME, reverse=True)
            if has_own_id(content_dir, kind)}.values())
        raise RenameError([f"{_where(content_dir, content_dir)}: " + message(
            "new.unknown_kind", kind=kind_name, options=", ".join(names))])
    kind = known[kind_name]
    folder = content_dir / kind.pattern.split("/")[0]
    if not has_own_id(content_dir, kind):
        raise RenameError([f"{_where(content_dir, folder)}: "
                           + message("rename.no_own_id", kind=kind_name)])
    try:
        load_with(content_dir)
    except ContentError as error:
        raise RenameError([str(p) for p in error.problems]
                          + [message("rename.content_errors")]) from None
    found, ids = _find_item(content_dir, kind, old)
    if found is None:
        close = difflib.get_close_matches(old, ids, n=1)
        hint = (message("hint.did_you_mean", suggestion=close[0]) if close
                else message("hint.use_one_of", options=", ".join(sorted(ids))))
        raise RenameError([f"{_where(content_dir, folder)}: "
                           + message("rename.unknown_id", kind=kind_name, id=old, hint=hint)])
    path, line = found
    here = _where(content_dir, path, line)
    if not id_pattern(content_dir).fullmatch(new):
        raise RenameError([f"{here}: " + message("rename.invalid_id", id=new)])
    if new == old:
        raise RenameError([f"{here}: " + message("rename.same", id=new)])
    taken = _defined_at(content_dir, new)
    if taken:
        raise RenameError([f"{_where(content_dir, *taken)}: "
                           + message("rename.taken", id=new)])
    return kind, path


def _replace_on_line(line: str, old: str, new: str) -> tuple[str, int]:
    """OLD as a whole id in the value part of a YAML line (after `key:` or `- `)."""
    match = re.match(r"^(\s*(?:-\s+)*(?:[^\s:#'\"][^:#]*:\s+)?(?:-\s+)*)(.*)$", line)
    head, value = match.groups() if match else ("", line)
    value, count = re.subn(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, value)
    return head + value, count


def _rewrite_ids(path: Path, content_dir: Path, old: str, new: str) -> int:
    """OLD written NEW wherever the file's schema types a value as an id; how many."""
    schema = _schema_of(content_dir, path)
    if not schema:
        return 0
    file = read_yaml(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    spots = [spot for spot in id_spots(file.data, _schema(content_dir, schema), content_dir,
                                       schema)
             if _value_at(file.data, spot) == old]
    count = 0
    for number in sorted({file.line_of(spot) for spot in spots}):
        lines[number - 1], changed = _replace_on_line(lines[number - 1], old, new)
        count += changed
    if count:
        path.write_text("\n".join(lines), encoding="utf-8")
    return count


def _rewrite_links(path: Path, moved_pages: dict[str, str]) -> int:
    """Markdown links to a moved page, in any text of any language; how many."""
    text = path.read_text(encoding="utf-8")
    links = 0
    for old_page, new_page in moved_pages.items():
        text, count = re.subn(rf"\]\({re.escape(old_page)}(?=[#)])", f"]({new_page}", text)
        links += count
    if links:
        path.write_text(text, encoding="utf-8")
    return links


def _value_at(data: object, location: tuple) -> object:
    for part in location:
        data = data[part]
    return data


def _renamed_file(path: Path, old: str, new: str) -> Path:
    stem = path.stem
    if stem == old:
        return path.with_name(f"{new}{path.suffix}")
    if stem.endswith("-" + old):
        return path.with_name(f"{stem[: -len(old)]}{new}{path.suffix}")
    return path


def write_redirects(path: Path, redirects: dict[str, str]) -> None:
    header = [line for line in path.read_text(encoding="utf-8").split("\n")
              if line.startswith("#")] if path.exists() else []
    body = yaml.safe_dump(dict(sorted(redirects.items())), allow_unicode=True,
                          default_flow_style=False, sort_keys=False) if redirects else "{}\n"
    path.write_text("\n".join(header) + "\n" + body, encoding="utf-8")


def rename(kind_name: str, old: str, new: str, content_dir: Path,
           load_with=load.load_handbook) -> Renamed:
    """Rename, or raise RenameError and change nothing. `load_with` loads and checks content
    as `check` does (the command line gives it the site's, which also resolves links)."""
    content_dir = content_dir.resolve()
    _, item_path = check_request(kind_name, old, new, content_dir, load_with)
    try:
        return _rename(old, new, content_dir, item_path, load_with)
    except translations.LockError as error:  # found before anything is written
        raise RenameError([str(error)]) from None
    except OSError as error:  # a file name too long for the disk, a folder not writable
        raise RenameError([f"{_where(content_dir, item_path)}: "
                           + message("rename.cannot_write", error=error.strerror or error)]
                          ) from None


def _rename(old: str, new: str, content_dir: Path, item_path: Path, load_with) -> Renamed:
    before = load_with(content_dir)
    texts_before, _ = all_texts(content_dir)
    with tempfile.TemporaryDirectory(prefix="handbook-rename-") as work:
        stage = Path(work) / content_dir.name
        shutil.copytree(content_dir, stage)
        ids = 0
        moved_files: dict[Path, Path] = {}  # in the copy
        for path in content_files(stage):
            changed = _rewrite_ids(path, stage, old, new)
            ids += changed
            target = _renamed_file(path, old, new)
            if target != path and (changed or path.name == item_path.name):
                moved_files[path] = target
        for source, target in moved_files.items():
            source.rename(target)
        write_redirects(stage / REDIRECTS, {})  # until its pages are known (below)
        # The item's pages: those that are gone, each with the page that took its place.
        # (the links still lead to the old pages here: they are rewritten below)
        pages_before, pages_after = all_pages(before), _pages(stage, load.load_handbook)
        moved_pages = {page: _swap_page(page, old, new)
                       for page in sorted(pages_before - pages_after)
                       if _swap_page(page, old, new) in pages_after - pages_before}
        links = sum(_rewrite_links(path, moved_pages) for path in content_files(stage))
        redirects_path = stage / REDIRECTS
        redirects = {key: moved_pages.get(value, value)
                     for key, value in before.redirects.items()}
        redirects.update(moved_pages)
        redirects = {key: value for key, value in redirects.items() if key not in pages_after}
        write_redirects(redirects_path, redirects)
        texts_after, _ = all_texts(stage)
        file_map = {source.relative_to(stage).as_posix(): target.relative_to(stage).as_posix()
                    for source, target in moved_files.items()}
        translations.carry_over(stage, texts_before, texts_after, file_map)
        _pages(stage, load_with)
        written = _apply(stage, content_dir, moved_files)
    return Renamed(tuple(display_path(content_dir / name, content_dir.parent)
                         for name in written), ids, links, moved_pages)


def _pages(stage: Path, load_with) -> set[str]:
    try:
        return all_pages(load_with(stage))
    except ContentError as error:  # a rename `check` would refuse: nothing is written
        raise RenameError([str(p) for p in error.problems]
                          + [message("rename.not_done")]) from None


def _apply(stage: Path, content_dir: Path, moved_files: dict[Path, Path]) -> list[str]:
    """Write what differs from the copy into content/: new and changed files, then remove the
    files that were renamed. The names written, below content/."""
    written = []
    for path in sorted(stage.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(stage).as_posix()
        target = content_dir / name
        if not target.exists() or target.read_bytes() != path.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(name)
    for source in moved_files:
        (content_dir / source.relative_to(stage)).unlink()
    return written
