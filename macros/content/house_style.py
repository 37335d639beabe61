"""The handbook's own forms, where the dictionary accepts more than one (`spell` runs this).

content/wordlist/style.txt lists, per language, a form the handbook does not use and the form it
uses instead, one a line: `da: involver* -> inddrage`. A form is matched as whole words,
case-insensitively; a final `*` also matches longer words (involver* matches involveret). A
range of numbers takes an en dash in every language (10–15, tre–fire), whatever the list says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.content.wordlist import listed_lines
from macros.messages import message

NUMBER = r"(?:\d+|en|et|ét|to|tre|fire|fem|seks|sju|syv|åtte|otte|ni|ti)"
RANGE = re.compile(rf"(?<![\w-])({NUMBER})-({NUMBER})(?![\w-])", re.IGNORECASE)
LINE = re.compile(r"^(?P<lang>[a-z]{2,3})\s*:\s*(?P<wrong>[^>]+?)\s*->\s*(?P<right>.+)$")


@dataclass(frozen=True)
class Avoid:
    lang: str
    wrong: str  # as written in style.txt, e.g. "involver*"
    right: str
    pattern: re.Pattern


def read_style(path: Path, langs: tuple[str, ...]) -> tuple[list[Avoid], list[str]]:
    """The rules of style.txt, and a problem line (`style.txt:N: …`) for each line that is not
    a rule."""
    rules, problems = [], []
    for number, line in listed_lines(path):
        found = LINE.match(line)
        if not found or found["lang"] not in langs:
            problems.append(f"{path.name}:{number}: "
                            + message("spell.style_format", langs=", ".join(langs)))
            continue
        wrong = found["wrong"]
        words = r"\s+".join(re.escape(word) for word in wrong.rstrip("*").split())
        tail = r"\w*" if wrong.endswith("*") else r"(?!\w)"
        pattern = re.compile(rf"(?<!\w){words}{tail}", re.IGNORECASE)
        rules.append(Avoid(found["lang"], wrong, found["right"].strip(), pattern))
    return rules, problems


def style_problems(text: str, lang: str, rules: list[Avoid]) -> list[str]:
    """What is wrong in one language's text (Markdown already stripped), one message each."""
    said = []
    for rule in rules:
        if rule.lang == lang:
            for found in rule.pattern.finditer(text):
                said.append(message("spell.style_avoid", wrong=found.group(0), right=rule.right))
    for found in RANGE.finditer(text):
        said.append(message("spell.range_dash", wrong=found.group(0),
                            right=f"{found.group(1)}–{found.group(2)}"))
    return said
