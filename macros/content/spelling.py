"""Spelling and terminology of every text in content/, in every language.

Each language's text is checked with its hunspell dictionary (`hunspell` and `package` in
macros/languages.yml; `spell` installs it: macros/cli/system_packages.py) after the Markdown is
stripped. Words in the reviewed word lists (content/wordlist/) are accepted: names.txt in every
language, <code>.txt in its own. A word that a language's dictionary rejects but another
language's accepts "looks like" that language: a word left untranslated.
content/wordlist/terms.txt holds the agreed terms, one column per language (its first line names
the columns); a text may not use another language's form of a term, and when the source
language's text uses a term, the other languages' texts use theirs. content/wordlist/style.txt
holds the handbook's own forms where the dictionary accepts more than one
(macros/content/house_style.py). The schemas' field descriptions (content/schema/, what an
editor's YAML extension shows) are checked the same way, line by line, with the keys, values,
paths and commands they quote left out."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.content.fields import FIELD
from macros.content.house_style import read_style, style_problems
from macros.content.load import CONTENT_DIR
from macros.content.problems import display_path
from macros.content.schemas import descriptions
from macros.content.texts import SOURCE_LANG, ContentText, all_texts
from macros.content.wordlist import conflicts, listed_lines
from macros.languages import LANGUAGES
from macros.messages import language_name, message

DICTIONARIES = {language.code: language.hunspell for language in LANGUAGES}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Term:
    forms: dict  # language -> the term, e.g. {"nb": "toppledelse", "nn": "toppleiing", …}
    line: int

    def stem(self, lang: str) -> str:
        """What inflected forms and compounds start with: the term without a final -e or -a
        (toppledelse matches toppledelsen, toppledelsens and toppledelsesmøte)."""
        word = self.forms[lang].lower()
        return word[:-1] if len(word) > 4 and word[-1] in "ea" else word


def strip_markdown(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text)  # code
    # a title quoted as published and linked to its source, [«…»](https://…) or [»…«](…), is
    # the source's words, in the source's language: the Norwegian article in a Danish text
    text = re.sub(r"\[(«[^»\]]*»|»[^«\]]*«)\]\([^)]*\)", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url) -> text
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text)  # addresses
    # domain names in running text: lederweb.dk, hrforvaltning.no
    text = re.sub(r"(?<![\w.])(?:[a-z0-9-]+\.)+(?:no|dk|se|com|org|net|eu)\b", " ", text)
    text = FIELD.sub(" ", text)  # {number}, {Recommendations}: filled in by the site
    return text


def words(text: str) -> list[str]:
    """The words of a text; a hyphenated word counts as its parts (e-post: e, post)."""
    return [word for word in WORD.findall(strip_markdown(text)) if len(word) > 1]


def read_wordlist(path: Path) -> set[str]:
    return {line.lower() for _, line in listed_lines(path)}


def read_terms(path: Path) -> tuple[list[Term], list[str]]:
    """The agreed terms. The first line names the columns (`nb = nn = da`); each line after it
    has one term per column. A language without a column has no agreed terms yet."""
    terms, problems, columns = [], [], None
    for number, line in listed_lines(path):
        parts = [part.strip() for part in line.split("=")]
        if columns is None:
            columns = parts
            if not set(columns) <= set(DICTIONARIES) or len(set(columns)) != len(columns):
                said = message("spell.term_columns", codes=" = ".join(DICTIONARIES))
                problems.append(f"{path.name}:{number}: {said}")
                return [], problems
            continue
        if len(parts) != len(columns) or not all(parts):
            said = message("spell.term_format", columns=" = ".join(columns))
            problems.append(f"{path.name}:{number}: {said}")
            continue
        terms.append(Term(dict(zip(columns, parts, strict=True)), number))
    return terms, problems


def unknown_words(candidates: set[str], dictionary: str) -> set[str]:
    """The words hunspell's dictionary does not know."""
    if not candidates:
        return set()
    result = subprocess.run(
        ["hunspell", "-i", "utf-8", "-d", dictionary, "-l"],
        input="\n".join(sorted(candidates)) + "\n", capture_output=True, text=True, check=True,
    )
    return set(result.stdout.split())


def compounds(candidates: set[str], dictionary: str, accepted: set[str]) -> set[str]:
    """The candidates that are two known words joined, maybe with a linking s or e
    (uenighetsrunden: uenighet + s + runden). The dictionaries know few compounds, but
    Norwegian and Danish make new ones freely."""
    splits = {}
    for word in candidates:
        lower = word.lower()
        for cut in range(4, len(lower) - 3):  # both parts at least four letters
            left, right = lower[:cut], lower[cut:]
            lefts = [left] + ([left[:-1]] if left[-1] in "se" and len(left) > 3 else [])
            splits.setdefault(word, []).extend((part, right) for part in lefts)
    parts = {part for pairs in splits.values() for pair in pairs for part in pair}
    unknown = unknown_words(parts - accepted, dictionary) - accepted
    return {word for word, pairs in splits.items()
            if any(left not in unknown and right not in unknown for left, right in pairs)}


# What a field description quotes as it is, in any language: a command with its arguments,
# paths and file names, an example id (uenighet-leder-1), and a key or abbreviation with an
# inflection (id-en, PDF-ene).
QUOTED = re.compile(r"python3 scripts/handbook\.py(?: [a-z-]+)?(?: [A-Z]+)*"
                    r"|\S*(?:/|_|\.[A-Za-z])\S*|\b[\w-]+-\d+\b"
                    r"|\b[A-Za-z]{1,4}-(?:en|ene|ane|a|et|er|ar)\b")


def schema_texts(content_dir: Path = CONTENT_DIR) -> list[ContentText]:
    """Each field description of the schemas as a text in every language, without what it
    quotes (QUOTED, and the keys and values the schemas name)."""
    found, names = descriptions(content_dir / "schema")
    named = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
    return [ContentText(display_path(path, content_dir.parent), f"schema/{path.name}#{field}",
                        (field,), {code: line for code in texts},
                        {code: named.sub(" ", QUOTED.sub(" ", text))
                         for code, text in texts.items() if code in DICTIONARIES})
            for path, line, field, texts in found]


def spelling_problems(content_dir: Path = CONTENT_DIR) -> list[str]:
    """One line per problem, `file:line: what is wrong (what to do)`, in file order."""
    wordlists = content_dir / "wordlist"
    texts, problems = all_texts(content_dir)
    texts += schema_texts(content_dir)
    problems += conflicts(wordlists, f"{content_dir.name}/wordlist")
    names = read_wordlist(wordlists / "names.txt")
    accepted = {lang: names | read_wordlist(wordlists / f"{lang}.txt") for lang in DICTIONARIES}
    terms, term_problems = read_terms(wordlists / "terms.txt")
    problems += [f"{content_dir.name}/wordlist/{line}" for line in term_problems]
    style, style_format = read_style(wordlists / "style.txt", tuple(DICTIONARIES))
    problems += [f"{content_dir.name}/wordlist/{line}" for line in style_format]

    wanted = {lang: set() for lang in DICTIONARIES}
    for text in texts:
        for lang in DICTIONARIES:
            wanted[lang].update(w for w in words(text.texts[lang])
                                if w.lower() not in accepted[lang])
    unknown = {lang: unknown_words(wanted[lang], dic) for lang, dic in DICTIONARIES.items()}
    for lang, dictionary in DICTIONARIES.items():
        unknown[lang] -= compounds(unknown[lang], dictionary, accepted[lang])
    # A word that is neither in its own dictionary nor a compound of its words, but that another
    # language's dictionary knows: left untranslated.
    looks_like = {lang: {} for lang in DICTIONARIES}
    for lang in DICTIONARIES:
        for other, dictionary in DICTIONARIES.items():
            if other != lang and dictionary != DICTIONARIES[lang]:
                for word in unknown[lang] - unknown_words(unknown[lang], dictionary):
                    looks_like[lang].setdefault(word, other)

    for text in texts:
        for lang in DICTIONARIES:
            seen = set()
            for word in words(text.texts[lang]):
                if word in seen or word not in unknown[lang]:
                    continue
                seen.add(word)
                problems.append(_spelling_message(text, lang, word, looks_like[lang].get(word)))
        problems += _term_problems(text, terms)
        for lang in DICTIONARIES:
            problems += [f"{text.where(lang)}: {said}"
                         for said in style_problems(strip_markdown(text.texts[lang]), lang, style)]
    return problems


def _spelling_message(text: ContentText, lang: str, word: str, other: str | None) -> str:
    if other:
        said = message("spell.looks_other", word=word, lang=language_name(lang),
                       other=language_name(other))
    else:
        said = message("spell.unknown", word=word, lang=language_name(lang), code=lang)
    return f"{text.where(lang)}: {said}"


def _term_problems(text: ContentText, terms: list[Term]) -> list[str]:
    problems = []
    lowered = {lang: [w.lower() for w in words(text.texts[lang])] for lang in DICTIONARIES}
    for term in terms:
        for lang in term.forms:
            for other in term.forms:
                mine, theirs = term.stem(lang), term.stem(other)
                if other == lang or theirs in mine:  # the same term, or one contains the other
                    continue
                wrong = next((w for w in lowered[lang] if theirs in w and mine not in w), None)
                if wrong:
                    said = message("spell.other_term", wrong=wrong, lang=language_name(lang),
                                   other=language_name(other), term=term.forms[lang])
                    problems.append(f"{text.where(lang)}: {said}")
                    break
        if SOURCE_LANG not in term.forms:
            continue
        if not any(term.stem(SOURCE_LANG) in w for w in lowered[SOURCE_LANG]):
            continue
        for lang in term.forms:
            uses = any(term.stem(lang) in w for w in lowered[lang])
            if lang != SOURCE_LANG and text.texts[lang] and not uses:
                said = message("spell.term_not_used", source=language_name(SOURCE_LANG),
                               source_term=term.forms[SOURCE_LANG], lang=language_name(lang),
                               term=term.forms[lang])
                problems.append(f"{text.where(lang)}: {said}")
    return problems

