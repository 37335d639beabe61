"""Read a YAML content file into plain data plus the line of every key, so that problems can name
the line an editor has to change."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros import plain_yaml
from macros.messages import message

Location = tuple  # path into the data: keys and list indices, e.g. ("factors", 1, "text", "da")


class YamlFileError(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class YamlFile:
    path: Path
    data: object
    lines: dict[Location, int]  # where each value starts (1-based)
    literal: frozenset = frozenset()  # locations of `|` texts: their line k is on lines + 1 + k

    def block_start(self, location: Location) -> int:
        """Lines from a value's key to its text's first line: 1 for a `|` text, else 0 (a text
        on the key's line, or folded, where a line of the text is not a line of the file)."""
        return 1 if tuple(location) in self.literal else 0

    def line_of(self, location: Location) -> int | None:
        """The line of `location`, or of its nearest parent that exists in the file."""
        location = tuple(location)
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location)


def read_yaml(path: Path) -> YamlFile:
    text = path.read_text(encoding="utf-8")
    conflict = plain_yaml.conflict_line(text)
    if conflict:
        raise YamlFileError(conflict, message("yaml.conflict"))
    loader = plain_yaml.Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError:
        refused = plain_yaml.refused_character(text)
        if refused:
            line, column, character = refused
            raise YamlFileError(line, message("yaml.refused_character", character=character,
                                              column=column)) from None
        raise YamlFileError(None, message("yaml.broken",
                                          problem=message("yaml.problem.other"))) from None
    except yaml.MarkedYAMLError as error:
        starts_there, mark = plain_yaml.error_mark(error)
        if not starts_there and mark is not None:
            opened = _unclosed_quote_before(text, mark.line)
            if opened:
                line, quote = opened
                raise YamlFileError(line, message("yaml.unclosed_quote", quote=quote)) from None
        if starts_there and error.context_mark:
            closing = "'" if text[error.context_mark.index:].startswith("'") else '"'
            text_of = (message("yaml.unclosed_quote", quote=closing)
                       if "quoted scalar" in error.context else message("yaml.unclosed_list"))
            raise YamlFileError(mark.line + 1, text_of) from None
        line, explained = _explain(error, text, mark)
        raise YamlFileError(line, message("yaml.broken", problem=explained)) from None
    if node is None:
        raise YamlFileError(None, message("yaml.empty"))
    lines: dict[Location, int] = {}
    literal: set = set()
    _record_lines(node, (), lines, literal)
    data = loader.construct_document(node)
    loader.dispose()
    return YamlFile(path, data, lines, frozenset(literal))


# What the parser says, in words an editor can act on, with the line the mistake is usually on:
# (words in the parser's problem, the message, whether the mistake is on the line above).
_EXPLAINED = (
    ("mapping values are not allowed", lambda: message("yaml.problem.colon"), False),
    ("did not find expected key", lambda: message("yaml.problem.indentation"), False),
    ("tab character", lambda: message("yaml.problem.tab"), False),
    ("found character '\\t'", lambda: message("yaml.problem.tab"), False),
    ("could not find expected ':'", lambda: message("yaml.problem.no_colon"), True),
    ("alphabetic or numeric character", lambda: message("yaml.problem.reserved"), False),
    ("cannot start any token", lambda: message("yaml.problem.reserved"), False),
    ("block sequence entries are not allowed", lambda: message("yaml.problem.reserved"), False),
    ("expected <block end>", lambda: message("yaml.problem.indentation"), False),
    ("found undefined alias", lambda: message("yaml.problem.reserved"), False),
)


def _explain(error: yaml.MarkedYAMLError, text: str, mark) -> tuple[int | None, str]:
    """(line, what is wrong in the editor's words) for a mistake the parser found at `mark`."""
    problem = plain_yaml.problem_of(error)
    line = mark.line + 1 if mark else None
    for words, identifier, above in _EXPLAINED:
        if words in problem:
            if above and error.context_mark:  # where the key without its colon began
                line = error.context_mark.line + 1
            elif above and line:
                lines = text.split("\n")
                line = next((number for number in range(line - 1, 0, -1)
                             if lines[number - 1].strip()), line)
            return line, identifier()
    return line, message("yaml.problem.other")


# A value that starts with a quote: `key: "…` or `- '…`.
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:'"#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote_before(text: str, error_line: int) -> tuple[int, str] | None:
    """(line, quote) of the first value before the error that opens a quote and does not
    close it on its line. Such a text runs on to the next quote in the file, and YAML reports
    the mistake only where that leaves the file broken, often far below."""
    for number, line in enumerate(text.split("\n")[: error_line + 1], 1):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        if quote == '"':
            rest = rest.replace("\\\\", "").replace('\\"', "")
        else:
            rest = rest.replace("''", "")
        if quote not in rest:
            return number, quote
    return None


def _record_lines(node: yaml.Node, location: Location, lines: dict[Location, int],
                  literal: set) -> None:
    lines[location] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style == "|":
        literal.add(location)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlFileError(
                    line,
                    message("yaml.duplicate_key", key=key, first=seen[key]),
                )
            seen[key] = line
            _record_lines(value_node, (*location, key), lines, literal)
            lines[(*location, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*location, index), lines, literal)


def find(data: object, match, location: Location = ()):
    """(location, value) of every value in data for which `match(value)` is true, in file
    order; a matching mapping or list is not searched further."""
    if match(data):
        yield location, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find(value, match, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find(value, match, (*location, index))
