"""What `check` accepts, the build accepts (issue 33): the real content, changed by a corpus of
edits an editor plausibly makes (links, anchors, brackets, escapes, emphasis, lists, long and
unusual Unicode), each on a text of its own. The edits `check` refuses are left out (it said
why, with the line); all that it accepts are built together, strictly, in one language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import CONTENT

from macros.build_context import BuildContext
from macros.content.problems import ContentError
from macros.languages import SOURCE
from macros.site.build import build_config, config_file
from macros.site.link_check import load_checked

LANG = SOURCE.code  # the language built: every edit is made to its texts

# (name, where: "end" appends to a one-line text, "start" puts it first, "block" adds lines
# to a long text, the edit)
EDITS = [
    ("page-link", "end", "[se her](anbefalinger/uenighet.md)"),
    ("page-anchor", "end", "[faktorene](anbefalinger/uenighet.md#fremmer)"),
    ("same-page-anchor", "end", "[over](#fremmer)"),
    ("exercise-anchor", "end", "[tips](ovelser/runden.md#tips)"),
    ("missing-page", "end", "[runden](ovelser/rundenn.md)"),
    ("missing-anchor", "end", "[x](anbefalinger/uenighet.md#fremmerr)"),
    ("https", "end", "[kilde](https://example.org/a_b?c=d#e)"),
    ("mailto", "end", "[skriv](mailto:post@example.org)"),
    ("directory-link", "end", "[x](ovelser/)"),
    ("relative-link", "end", "[x](../index.md)"),
    ("empty-link", "end", "[x]()"),
    ("hash-only", "end", "[x](#)"),
    ("nested-brackets", "end", "[[x]](anbefalinger/uenighet.md)"),
    ("link-then-parens", "end", "[x](anbefalinger/uenighet.md)(y)"),
    ("image", "end", "![bilde](bilde.png)"),
    ("autolink", "end", "<https://example.org>"),
    ("escaped-brackets", "end", r"Ansvar \[utkast\]"),
    ("escaped-brackets-first", "start", r"\[utkast\]"),
    ("escaped-stars", "end", r"\*ikke uthevet\*"),
    ("backslash", "end", "a \\ b \\\\ c"),
    ("lone-brackets", "end", "] og [ og (a)[b]"),
    ("underscore-escape", "end", r"snake\_case"),
    ("backticks", "end", "`kode` og ``to``"),
    ("jinja", "end", "{{ x }} {% if %} {# c #}"),
    ("braces", "end", "{x} {#anker} { .klasse }"),
    ("entity", "end", "&amp; &#60;"),
    ("html", "end", "<b>fet</b>"),
    ("emphasis", "end", "*a* **b** _c_ __d__ ***e***"),
    ("half-emphasis", "end", "*a og a*b*c og _a _b og ** og * * *"),
    ("heading-start", "start", "# Overskrift"),
    ("list-start", "start", "- punkt"),
    ("numbered-start", "start", "1. punkt"),
    ("paren-number-start", "start", "1) punkt"),
    ("rule-start", "start", "---"),
    ("quote-start", "start", "> sitat"),
    ("table", "end", "| a | b |"),
    ("definition", "start", ": definisjon"),
    ("task", "start", "- [ ] oppgave"),
    ("block-list", "block", "- a\n- b\n  - c\n1. d\n2. e"),
    ("block-heading", "block", "## Overskrift\n\nTekst"),
    ("block-quote-code", "block", "> sitat\n\n    kode med innrykk"),
    ("block-html", "block", "<div markdown>x</div>"),
    ("block-table", "block", "| a | b |\n| --- | --- |\n| c | d |"),
    ("block-attr", "block", "Avsnitt\n{ #eget-anker }"),
    ("nordic", "end", "ÆØÅ æøå Ääö"),
    ("typography", "end", "– — … «» ‘’ “” ½ §"),
    ("nbsp", "end", "a\u00a0b"),
    ("combining", "end", "e\u0301 a\u030a"),
    ("rtl-text", "end", "مرحبا שלום"),
    ("cjk", "end", "漢字 かな 한글"),
    ("emoji", "end", "🙂 👍🏽"),
    ("emoji-zwj", "end", "👩\u200d👩\u200d👧"),
    ("bidi-override", "end", "\u202eabc"),
    ("zero-width", "end", "a\u200bb"),
    ("line-separator", "end", "a\u2028b"),
    ("long", "end", "lang " * 60),
    ("very-long", "end", "lang " * 600),
]


def _one_line_texts(content: Path) -> list[tuple[Path, int]]:
    """(file, line) of every one-line text in the built language that is an exercise's purpose
    or the text of a step or a checklist item (not a title: a title has room for less than
    some edits)."""
    found = []
    for folder in ("exercises", "checklists"):  # the long texts are the recommendations'
        for path in sorted((content / folder).glob("*.yml")):
            lines = path.read_text("utf-8").split("\n")
            for number, line in enumerate(lines, 1):
                match = re.match(rf"^\s+{LANG}: (.*)$", line)
                if match and match.group(1)[:1] not in ("|", ">", "") and \
                        lines[number - 2].strip() in ("lead:", "purpose:", "text:"):
                    found.append((path, number))
    return found


def _block_texts(content: Path) -> list[tuple[Path, int]]:
    """(file, line of `<lang>: |`) of every long text in the recommendations."""
    return [(path, number) for path in sorted((content / "recommendations").glob("*.yml"))
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if line.strip() == f"{LANG}: |"]


def _places(content: Path) -> dict[str, tuple[Path, int]]:
    """Each edit's text of its own: edit name -> (file, line)."""
    places = {"end": iter(_one_line_texts(content)), "block": iter(_block_texts(content))}
    places["start"] = places["end"]
    return {name: next(places[where]) for name, where, _ in EDITS}


def _apply(content: Path, edits: list[tuple[str, str, str]],
           places: dict[str, tuple[Path, int]]) -> dict[tuple[Path, int], str]:
    """Each edit on its text; (file, line) -> the edit's name."""
    lines_of = {}
    done = {}
    for name, where, edit in edits:
        path, number = places[name]
        path = content / path
        lines = lines_of.setdefault(path, path.read_text("utf-8").split("\n"))
        line = lines[number - 1]
        indent, _, value = line.partition(f"{LANG}: ")
        if where == "block":
            text_indent = " " * (len(indent) + 2)
            lines[number] = "\n".join(text_indent + part if part else "" for part in
                                      edit.split("\n")) + "\n\n" + lines[number]
        else:
            old = json.loads(value) if value.startswith('"') else (
                value[1:-1].replace("''", "'") if value.startswith("'") else value)
            new = f"{edit} {old}" if where == "start" else f"{old} {edit}"
            lines[number - 1] = f"{indent}{LANG}: {json.dumps(new, ensure_ascii=False)}"
        done[(path, number)] = name
    for path, lines in lines_of.items():
        path.write_text("\n".join(lines), encoding="utf-8")
    return done


def test_what_check_accepts_the_build_accepts(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    places = {name: (path.relative_to(content), number)
              for name, (path, number) in _places(content).items()}
    edits = list(EDITS)
    refused: set[str] = set()
    for _ in range(len(EDITS)):  # drop what check refuses, until it accepts the rest
        shutil.rmtree(content)
        shutil.copytree(CONTENT, content)
        placed = _apply(content, edits, places)
        try:
            load_checked(content)  # what `check` runs
            break
        except ContentError as error:
            named = set()
            for problem in error.problems:  # the edit on the problem's line, or just above
                # (a block's edit adds lines: its problems are below the line it starts on)
                here = [(number, name) for (path, number), name in placed.items()
                        if path.relative_to(content.parent).as_posix() == problem.file
                        and problem.line is not None and number <= problem.line]
                if here:
                    named.add(max(here)[1])
            if not named:
                raise AssertionError(error.report()) from None
            refused |= named
            edits = [edit for edit in edits if edit[0] not in named]
    accepted = [edit[0] for edit in edits]
    # check refuses what it documents (images, HTML, entities, links elsewhere, invisible
    # characters, too long texts, links to nothing) and accepts the rest
    assert {"missing-page", "missing-anchor", "image", "html", "entity", "bidi-override",
            "zero-width", "emoji-zwj", "very-long"} <= refused, refused
    assert len(accepted) >= len(EDITS) // 2, (accepted, refused)
    print("accepted:", accepted, "refused:", sorted(refused))
    site = tmp_path / "site"
    status = build_config(config_file(LANG), site, True, BuildContext(content))
    assert status == 0, f"check accepted, the build did not: {accepted}"
    assert (site / "index.html").exists()
