"""The mistakes of issue 10, each as an editor makes it in a copy of content/, and the line
`check` gives for it (in-process: the check functions, as `check` calls them)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

import pytest
from conftest import CONTENT, ROOT

from macros.content.fields import LABEL_FIELDS
from macros.content.load import LENGTH_LIMITS, MIN_EXERCISES, load_handbook
from macros.content.problems import ContentError

REC3 = "recommendations/03-ansvar-og-beslutninger.yml"


@dataclass(frozen=True)
class Edit:
    name: str
    file: str  # below content/
    old: str  # a regular expression …
    new: str  # … replaced by this (once)
    expected: list[str]  # each a line of the report must start with (file:line: …)
    not_expected: tuple[str, ...] = ()  # phrases no line may have
    phrases: tuple[str, ...] = ()  # phrases the report must have


def line_of(file: str, text: str) -> int:
    lines = (CONTENT / file).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


FACTOR_LIMIT = next(limit for kind, where, limit, _ in LENGTH_LIMITS
                    if kind and kind.startswith("recommendations") and "factors" in where)
EXERCISES_OF_3 = [path.name for path in (CONTENT / "exercises").glob("*.yml")
                  if "ansvar-og-beslutninger" in path.read_text(encoding="utf-8")]

OVERVIEW_TITLE = "  nb: Alle {recommendations} anbefalinger på"
EDITS = [
    Edit("unclosed-quote", REC3, r"  nb: Ledergruppa får", '  nb: "Ledergruppa får',
         [f"content/{REC3}:{line_of(REC3, '  nb: Ledergruppa får')}: broken YAML: the text in"
          " quotes that starts on this line has no closing \""]),
    Edit("two-unknown-keys", REC3, r"lead:((?:.|\n)*?)body:", r"leed:\1bdy:",
         [f"content/{REC3}:{line_of(REC3, 'lead:')}: leed: unknown key 'leed'"
          " (did you mean 'lead'?",
          f"content/{REC3}:{line_of(REC3, 'body:')}: bdy: unknown key 'bdy' (did you mean 'body'?",
          ], phrases=("lead is missing", "body is missing")),
    Edit("unclosed-quote-runs-on", "labels.yml", r"  nb: Alle \{recommendations\} anbefalinger på",
         '  nb: "Alle {recommendations} anbefalinger på',
         [f"content/labels.yml:{line_of('labels.yml', OVERVIEW_TITLE)}:"
          " broken YAML: the text in quotes that starts on this line has no closing \""]),
    Edit("label-placeholder", "labels.yml", r"Anbefaling \{number\} av", "Anbefaling {nummer} av",
         [f"content/labels.yml:{line_of('labels.yml', 'Anbefaling {number} av')}:"
          " recommendation_number.nb: unknown placeholder {nummer} (this text can use"]),
    Edit("session-placeholder", "session.yml", r"med \{minutes\} minutter til overs",
         "med {minutter} minutter til overs",
         [f"content/session.yml:{line_of('session.yml', 'med {minutes} minutter til overs')}:"
          " fits.nb: unknown placeholder {minutter} (this text can use"]),
    Edit("long-factor", REC3, r"nb: Toppledelsen overlater en del av beslutningene til .*",
         "nb: " + "Lang tekst " * 2000,
         [f"content/{REC3}:{line_of(REC3, 'Toppledelsen overlater en del')}: factors.1.text.nb"
          f" has {len(('Lang tekst ' * 2000).strip())} characters, more than the"
          f" {FACTOR_LIMIT} that fit on a line of a"
          " one-page checklist"]),
    Edit("script-in-title", REC3, r"  nb: Ledergruppa får", "  nb: <script>alert(1)</script>",
         [f"content/{REC3}:{line_of(REC3, '  nb: Ledergruppa får')}: title.nb: raw HTML"
          " '<script>' is not allowed"]),
    Edit("javascript-link", REC3, r"  nb: Ledergruppa får.*", "  nb: '[x](javascript:alert(1))'",
         [f"content/{REC3}:{line_of(REC3, '  nb: Ledergruppa får')}: title.nb: a link may not go"
          " to 'javascript:alert(1)'"]),
    Edit("no-programme-module", "programme.yml", r"recommendation: ansvar-og-beslutninger",
         "recommendation: uenighet",
         [f"content/programme.yml:{line_of('programme.yml', 'modules:')}: modules: the"
          " recommendation 'ansvar-og-beslutninger' has no session in the programme"]),
    Edit("knock-on-suppressed", REC3, r"  - id: delegerte-beslutninger", "  - id: Delegerte",
         [f"content/{REC3}:"], ("there is no promoting factor",)),
]


@pytest.fixture
def edited(tmp_path):
    def make(edit: Edit):
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content)
        path = content / edit.file
        text = path.read_text(encoding="utf-8")
        changed = re.sub(edit.old, edit.new.replace("\\", "\\\\") if "\\1" not in edit.new
                         else edit.new, text, count=1)
        assert changed != text, f"{edit.file} no longer matches {edit.old!r}"
        path.write_text(changed, encoding="utf-8")
        return content
    return make


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.name)
def test_each_mistake_gets_its_own_line(edit, edited):
    with pytest.raises(ContentError) as caught:
        load_handbook(edited(edit))
    lines = [str(problem) for problem in caught.value.problems]
    report = "\n".join(lines)
    unmatched = list(lines)
    for expected in edit.expected:
        match = next((line for line in unmatched if line.startswith(expected)), None)
        assert match, f"no line starts with {expected!r}:\n{report}"
        unmatched.remove(match)
    for phrase in edit.not_expected:
        assert phrase not in report, report
    for phrase in edit.phrases:
        assert phrase in report, report
    assert all(re.match(r"^content/\S+?(:\d+)?: .+\(.+\)", line) for line in lines), report


def test_a_recommendation_without_enough_exercises_is_named_with_the_reason(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    handbook = load_handbook()
    own = {f.id for r in handbook.recommendations if r.id == "ansvar-og-beslutninger"
           for f in r.factors}
    other = next(r for r in handbook.recommendations if r.id != "ansvar-og-beslutninger")

    def without(listed: str, gone: set[str], instead: str) -> str:
        """A YAML flow list without the ids in `gone` (`instead` if none is left)."""
        kept = [item.strip() for item in listed.split(",") if item.strip() not in gone]
        return ", ".join(kept or [instead])

    for name in EXERCISES_OF_3:  # each exercise of the recommendation works on others only
        path = content / "exercises" / name
        text = re.sub(r"(?m)^recommendations: \[(.*)\]$", lambda m: "recommendations: ["
                      + without(m[1], {"ansvar-og-beslutninger"}, other.id) + "]",
                      path.read_text(encoding="utf-8"))
        text = re.sub(r"(?m)^factors: \[(.*)\]$", lambda m: "factors: ["
                      + without(m[1], own, other.factors[0].id) + "]", text)
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    report = caught.value.report()
    assert (f"content/{REC3}:{line_of(REC3, 'id:')}: the recommendation"
            " 'ansvar-og-beslutninger' has 0 exercises,"
            f" it needs at least {MIN_EXERCISES}") in report, report
    assert "no exercise works on the factor 'delegerte-beslutninger'" in report


SCRIPTS = ROOT / "docs" / "pages" / "assets" / "javascripts"
FILL = re.compile(r"\bfill\(t\.(\w+),\s*\{([^{}]*)\}")  # fill(t.KEY, { name, other: … })
OBJECT_KEY = re.compile(r"(?:^|,)\s*(\w+)\s*(?=[:,]|$)")


def test_the_placeholders_check_allows_are_the_ones_the_scripts_fill():
    """`check` lets a text of labels.yml or session.yml use only the placeholders its code fills
    (LABEL_FIELDS); for the texts the pages' scripts fill, those are the names each script
    passes. A name the script does not pass would reach the reader as "{maximum}"."""
    calls = [(path.name, key, set(OBJECT_KEY.findall(values.strip())))
             for path in sorted(SCRIPTS.glob("*.js"))
             for key, values in FILL.findall(path.read_text(encoding="utf-8"))]
    assert len(calls) >= 10, "the pattern no longer finds the scripts' fill() calls"
    wrong = [f"{name}: fill(t.{key}, {sorted(passed)}), check allows"
             f" {sorted(LABEL_FIELDS.get(key, ()))}"
             for name, key, passed in calls if passed != set(LABEL_FIELDS.get(key, ()))]
    assert not wrong, "\n".join(wrong)
