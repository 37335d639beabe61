"""Every text in content/, whatever its kind: each `{<language code>: …}` mapping in every
*.yml below content/ (schemas and generated files aside), with the file, the line and a stable
key. Used by
`status` (translations), `spell` (spelling and terms) and the placeholder check, so that a new
kind of content is covered without changing them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.content.load import CONTENT_DIR, NOT_CONTENT
from macros.content.problems import display_path
from macros.content.yamlfile import YamlFile, YamlFileError, find, read_yaml
from macros.languages import CODES, SOURCE
from macros.messages import message

LANGS = CODES  # every language of the registry, in its order
SOURCE_LANG = SOURCE.code  # the language every other one is translated from


@dataclass(frozen=True)
class ContentText:
    file: str  # shown to editors, e.g. content/recommendations/06-uenighet.yml
    # stable name of the text: recommendations/06-uenighet.yml#factors.apne-synspunkter.text
    key: str
    location: tuple  # path into the file's data
    lines: dict  # language -> line of that language's text (1-based)
    texts: dict  # language -> the text ('' when missing)

    def where(self, lang: str) -> str:
        line = self.lines.get(lang) or self.lines.get("")
        return f"{self.file}:{line}" if line else self.file


def content_files(content_dir: Path = CONTENT_DIR) -> list[Path]:
    return sorted(
        path for path in content_dir.rglob("*.yml")
        if "schema" not in path.relative_to(content_dir).parts[:-1]
        and path.name not in NOT_CONTENT
    )


def is_text(value: object) -> bool:
    """A `{<language code>: …}` mapping of single texts (not, say, per-language word lists)."""
    return (isinstance(value, dict) and bool(value) and set(value) <= set(LANGS)
            and not any(isinstance(text, (dict, list)) for text in value.values()))


def _step(data: object, part: object) -> str:
    """A location part as it appears in a key: list items by their id when they have one."""
    if isinstance(part, int):
        item = data[part] if isinstance(data, list) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
        return str(part + 1)
    return str(part)


def walk(data: object) -> Iterator[tuple[tuple, dict]]:
    """(location, text mapping) for every text in data, in file order."""
    return find(data, is_text)


def texts_in(file: YamlFile, content_dir: Path) -> Iterator[ContentText]:
    relative = file.path.relative_to(content_dir).as_posix()
    shown = display_path(file.path, content_dir.parent)
    for location, mapping in walk(file.data):
        parts, node = [], file.data
        for part in location:
            parts.append(_step(node, part))
            node = node[part]
        lines = {lang: file.line_of((*location, lang)) for lang in LANGS}
        lines[""] = file.line_of(location)
        texts = {lang: mapping[lang].strip() if isinstance(mapping.get(lang), str) else ""
                 for lang in LANGS}
        yield ContentText(shown, f"{relative}#{'.'.join(parts)}", location, lines, texts)


def all_texts(content_dir: Path = CONTENT_DIR) -> tuple[list[ContentText], list[str]]:
    """Every text in content/, and a problem line for each file that cannot be read."""
    found, problems = [], []
    for path in content_files(content_dir):
        try:
            file = read_yaml(path)
        except (YamlFileError, UnicodeDecodeError) as error:
            line = getattr(error, "line", None)
            where = display_path(path, content_dir.parent) + (f":{line}" if line else "")
            text = error.message if isinstance(error, YamlFileError) else message("load.not_utf8")
            problems.append(f"{where}: {text}")
            continue
        found.extend(texts_in(file, content_dir))
    return found, problems
