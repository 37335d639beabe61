"""The handbook's languages, read from macros/languages.yml: the one list of them. Code,
configuration, schemas and tests take every language from here; no other file names one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros import plain_yaml

REGISTRY = Path(__file__).with_name("languages.yml")
ROOT = REGISTRY.parent.parent


@dataclass(frozen=True)
class Language:
    code: str  # the key of every text in content/, <html lang>, the folder site/<code>/
    name: str  # the language's name in itself, for the language switch
    english_name: str  # the language's name in English
    theme: str  # Material's theme.language
    search: str  # lunr's language (search index and stemmer)
    hunspell: str  # the hunspell dictionary for `spell`
    package: str  # the Debian package that installs it
    browser: tuple[str, ...]  # language tags that send a browser here from the root chooser
    source: bool = False  # the language every other one is translated from
    in_progress: bool = False  # texts still being written: optional in `check`, not built
    interface: dict[str, str] = field(default_factory=dict)  # Material strings it lacks
    locales: tuple[str, ...] = ()  # tags for the browser's numbers and dates, best first

    @property
    def formats(self) -> tuple[str, ...]:
        """The language tags the pages' scripts format numbers and dates with, best first:
        the browser takes the first it has data for (`locales`, or else the code)."""
        return self.locales or (self.code,)


FIELDS = ", ".join(Language.__dataclass_fields__)


def read_registry(path: Path = REGISTRY) -> tuple[Language, ...]:
    """The registry, or one line saying what is wrong with it (and the run stops). In English:
    the messages in other languages need the registry first."""
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    text = path.read_text(encoding="utf-8")
    conflict = plain_yaml.conflict_line(text)
    if conflict:
        raise SystemExit(f"{where}:{conflict}: a merge conflict was left in this file (keep the"
                         " lines you want, and delete the lines <<<<<<<, ======= and >>>>>>>)")
    try:
        data = plain_yaml.load(text)
    except yaml.YAMLError as error:
        line, problem = plain_yaml.mistake(error, text)
        raise SystemExit(f"{where}{line}: broken YAML: {problem} (check"
                         " the indentation, the colons and the quotes on this line and the one"
                         " above)") from None
    try:
        entries = data["languages"]
        languages = tuple(
            Language(**{**entry, "browser": tuple(str(tag) for tag in entry["browser"]),
                        "search": str(entry["search"]), "interface": entry.get("interface") or {},
                        "locales": tuple(str(tag) for tag in entry.get("locales") or ())})
            for entry in entries)
    except (KeyError, TypeError) as error:
        raise SystemExit(f"{where}: every language needs the fields {FIELDS} ({error})") from None
    codes = [language.code for language in languages]
    sources = [language.code for language in languages if language.source]
    if len(set(codes)) != len(codes) or len(sources) != 1:
        raise SystemExit(f"{where}: every code once, and exactly one language with source: true")
    return languages


LANGUAGES = read_registry()  # every language, in the order the switch lists them
CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}
SOURCE = next(language for language in LANGUAGES if language.source)
PUBLISHED = tuple(language for language in LANGUAGES if not language.in_progress)  # built
PUBLISHED_CODES = tuple(language.code for language in PUBLISHED)

