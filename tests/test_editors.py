"""What an editor meets (issue 33): links and anchors resolved by `check` as the build makes
them, invisible characters refused, every check and render step linear in a text's length,
no English inside a Norwegian or Danish line, counts in the right number form, guides and file
headers that cannot drift from macros/languages.yml, and GitHub annotations in Actions."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CONTENT, HANDBOOK, ROOT

from macros.content.load import load_handbook
from macros.content.markup import invisible_characters, markup_findings
from macros.content.new_file import HEADER_LANGUAGES
from macros.content.problems import ContentError
from macros.content.schemas import in_language
from macros.languages import LANGUAGES, PUBLISHED_CODES
from macros.messages import NUMBER_FORM, catalogue, fields, message, set_language
from macros.render.markup import render_text
from macros.site.link_check import load_checked

REC = "recommendations/06-uenighet.yml"  # any recommendation would do: the one edited below
EDITOR_LANGUAGES = ("nb", "da")  # the contributor guides' languages: what the issue shows


def copy_with(tmp_path: Path, path: str, old: str, new: str) -> Path:
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(CONTENT, content)
    file = content / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


def problems(content: Path) -> list[str]:
    """What `check` says (the content's own checks and the links)."""
    try:
        load_checked(content)
    except ContentError as error:
        return error.report().splitlines()[:-1]
    return []


def described(schema: str, field: str, lang: str) -> str:
    """The description of a content kind's field in the editor's language."""
    path = CONTENT / "schema" / f"{schema}.schema.json"
    properties = json.loads(path.read_text("utf-8"))["properties"]
    return in_language(properties[field]["description"], lang)


def first_text_line(path: str, lang: str, key: str = "lead") -> tuple[str, int]:
    """(text, line) of the one-line `<lang>: text` under `key:` of a content file."""
    lines = (CONTENT / path).read_text("utf-8").splitlines()
    start = lines.index(f"{key}:")
    for number, line in enumerate(lines[start + 1:], start + 2):
        found = re.match(rf"^\s+{lang}: (\S.*)$", line)
        if found and not found.group(1).startswith(("|", ">", '"', "'")):
            return found.group(1), number
    raise AssertionError(f"no one-line {lang} text in {path}")


# --- links and anchors -------------------------------------------------------------------------

def test_a_link_to_a_page_or_anchor_that_does_not_exist_names_the_closest(tmp_path):
    book = load_handbook(CONTENT)
    rec, exercise = book.recommendation("uenighet"), book.exercises[0]
    text, line = first_text_line(REC, "nb")
    page = exercise.page.removesuffix(".md")
    content = copy_with(tmp_path, REC, text, f"{text} [a]({page}x.md) [b]({rec.page}#fremmerr)")
    set_language("nb")
    lines = problems(content)
    assert any(f":{line}: " in found and f"'{page}x.md'" in found
               and f"mente du '{exercise.page}'?" in found for found in lines), lines
    assert any(f":{line}: " in found and "'#fremmerr'" in found
               and f"mente du '{rec.page}#fremmer'?" in found for found in lines), lines


def test_a_same_page_anchor_must_be_on_every_page_that_shows_the_text(tmp_path):
    """A recommendation's lead is also on the overview page, which has no #fremmer."""
    da_lead, _ = first_text_line(REC, "da")
    set_language("da")
    content = copy_with(tmp_path, REC, da_lead, f"{da_lead} [Se](#fremmer)")
    lines = problems(content)
    assert any("lead.da:" in found and "anbefalinger/index.md" in found and "#fremmer" in found
               for found in lines), lines


def test_links_that_resolve_pass(tmp_path):
    book = load_handbook(CONTENT)
    rec = book.recommendation("uenighet")
    text, _ = first_text_line(REC, "nb")
    content = copy_with(tmp_path, REC, text,
                        f"{text} [a]({book.exercises[0].page}) [b]({rec.page}#fremmer)")
    assert problems(content) == []


def test_an_escaped_bracket_title_leaves_no_anchor_dangling_in_the_booklet(tmp_path):
    import markdown

    from macros.site.pages import all_pages
    from macros.site.targets import Targets, _extensions

    title, _ = first_text_line(REC, "nb", "title")
    content = copy_with(tmp_path, REC, title, r"Ansvar \[utkast\]")
    book = load_handbook(content)
    targets = Targets(book, content)
    names, settings = _extensions()
    shown = []
    for page in sorted(p for p in all_pages(book) if targets.is_booklet(p)):
        html = markdown.Markdown(extensions=names, extension_configs=settings).convert(
            targets.markdown("nb", page))
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        assert [a for a in re.findall(r'href="#([^"]+)"', html) if a not in ids] == [], page
        shown.append(r"Ansvar \[utkast\]" in html)
    assert any(shown)  # shown as written


# --- invisible characters ----------------------------------------------------------------------

@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u200f"])
def test_bidi_and_zero_width_characters_are_refused_with_the_line(character, tmp_path):
    text, line = first_text_line(REC, "da")
    content = copy_with(tmp_path, REC, text, text[:3] + character + text[3:])
    for lang, word in (("nb", "usynlig tegn"), ("da", "usynligt tegn")):
        set_language(lang)
        lines = problems(content)
        assert len(lines) == 1, lines
        assert f":{line}: " in lines[0] and word in lines[0]
        assert f"U+{ord(character):04X}, kolonne 4" in lines[0]


def test_an_invisible_character_in_a_long_text_names_its_own_line(tmp_path):
    lines = (CONTENT / REC).read_text("utf-8").splitlines()
    start = next(n for n, line in enumerate(lines, 1) if line.strip() == "nb: |")
    number = next(n for n in range(start + 2, len(lines) + 1) if lines[n - 1].strip())
    text = lines[number - 1]  # a line of the long text after its first
    indent = len(text) - len(text.lstrip())
    content = copy_with(tmp_path, REC, text + "\n",
                        text[:indent + 2] + "\u200b" + text[indent + 2:] + "\n")
    set_language("nb")
    assert [line for line in problems(content) if f":{number}: body.nb" in line]


# --- linear time -------------------------------------------------------------------------------

UNITS = ["![x](", "_a ", "*a ", "**a ", "_*a ", "<https:", "[![x](", "[a](", "<a", "&a", "{a",
         "\\[", "**", "a\n", "- a\n", "\u200b"]


@pytest.mark.parametrize("unit", UNITS)
def test_checking_and_rendering_a_100000_character_text_takes_under_a_second(unit):
    text = unit * (100_000 // len(unit))
    start = time.process_time()
    markup_findings(text)
    invisible_characters(text)
    for mode in ("inline", "block", "html", "plain"):
        render_text(text, mode, "anbefalinger/uenighet.md")
    assert time.process_time() - start < 1.0


@pytest.mark.parametrize("unit", ["![x](", "_a "])
def test_check_of_a_100000_character_text_takes_under_a_second_more(unit, tmp_path):
    text, _ = first_text_line(REC, "nb")
    content = copy_with(tmp_path, REC, text, "x")
    start = time.process_time()
    assert problems(content) == []
    plain = time.process_time() - start
    content = copy_with(tmp_path, REC, "nb: x\n", f"nb: '{unit * (100_000 // len(unit))}'\n")
    start = time.process_time()
    assert problems(content)  # too long for its sheet, and said so
    assert time.process_time() - start < plain + 1.0


# --- the editor's language ---------------------------------------------------------------------

# Words that are English and not Norwegian or Danish (so not "for", "have", "at", "link").
ENGLISH = set("""
the and with this that which what where when missing text file add remove write should would
could there their your you please must not of is are was were been has had its into from by if
then than but all any each every other another one two three first last line lines key keys
value values item items field fields found find expected cannot does do did done use used using
make made running built page pages heading headings see try here also only more less still yet
already empty wrong true false number numbers word words language languages english norwegian
danish mapping scalar block indentation colon quote quotes character characters allowed context
simple while scanning parsing document stream alias token tokens whole lowercase joined hyphens
sum sentences up one or two
""".split()) - {"to", "no"}


def _sample(template: str) -> str:
    values = {name: "1" for name in fields(template)}
    text = NUMBER_FORM.sub(lambda m: m.group(2), template)
    return text.format(**values) if "%(" not in text else text


def _words(text: str) -> list[str]:
    """The words of a message, without what is quoted or code: keys, paths, commands."""
    text = re.sub(r"'[^']*'|`[^`]*`|%\([a-z]+\)[rs]|python3 .*?(?=[);]|$)|\S*[/_=.:<>-]\S*|--\S+",
                  " ", text)
    return re.findall(r"[A-Za-zÆØÅæøå]+", text)


def test_no_english_inside_a_bokmal_nynorsk_or_danish_message():
    found = {}
    for identifier, templates in catalogue().items():
        for lang in ("nb", "nn", "da"):
            english = [w for w in _words(_sample(templates[lang])) if w.lower() in ENGLISH]
            if english:
                found[(identifier, lang)] = english
    assert found == {}


def test_the_english_word_list_finds_english():
    assert _words(_sample(catalogue()["schema.missing"]["en"]))
    assert [w for w in _words("lead mangler (legg til 'lead:': one or two sentences that sum it up)")
            if w.lower() in ENGLISH]


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_a_missing_text_and_field_say_nothing_in_english(lang, tmp_path):
    set_language(lang)
    content = copy_with(tmp_path, REC, "\nlead:\n", "\nleed:\n")
    text = (content / REC).read_text("utf-8")
    title_da = next(line for line in text.split("\ntitle:\n", 1)[1].splitlines()
                    if line.startswith("  da:"))
    (content / REC).write_text(text.replace(title_da + "\n", "", 1), encoding="utf-8")
    lines = problems(content)
    assert any("title.da" in line for line in lines), lines
    # the field's description from the schema, in the editor's language (what hover shows)
    assert any("lead" in line and described("recommendation", "lead", lang) in line
               for line in lines), lines
    for line in lines:
        assert not [w for w in _words(line.split(": ", 1)[1]) if w.lower() in ENGLISH], line


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_new_writes_its_placeholders_in_the_editors_language(lang, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "HANDBOOK_CONTENT_DIR": str(content)}
    done = subprocess.run([*HANDBOOK, "--lang", lang, "new", "exercise", "--recommendation",
                           "uenighet"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    written = next((content / "exercises").glob("ny-*.yml")).read_text("utf-8")
    todos = re.findall(r"TODO: ([^\"]+)", written)
    assert len(todos) > 10
    assert [todo for todo in todos if described("exercise", "purpose", lang) in todo], todos
    for todo in todos:
        assert not [w for w in _words(todo) if w.lower() in ENGLISH], todo
    assert HEADER_LANGUAGES in written


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_help_is_in_the_editors_language(lang):
    env = {**os.environ, "HANDBOOK_NO_VENV": "1"}
    for args in (["--help"], ["check", "--help"], ["new", "--help"], ["build", "--help"]):
        done = subprocess.run([*HANDBOOK, "--lang", lang, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        english = [w for w in _words(done.stdout) if w.lower() in ENGLISH]
        assert english == [], (args, english)


@pytest.mark.parametrize(("old", "new", "nb", "da"), [
    ("      da: M", "    da: M", "innrykket er trolig ett nivå feil",
     "indrykningen er sandsynligvis ét niveau forkert"),
    ("  nb: Uenighet kan", "  nb: Uenighet: kan", "et kolon med mellomrom etter",
     "et kolon med mellemrum efter"),
    ("\nlead:\n", "\nlead\n", "mangler kolon etter nøkkelen", "mangler kolon efter nøglen"),
])
def test_a_yaml_mistake_is_explained_with_its_likely_cause(old, new, nb, da, tmp_path):
    content = copy_with(tmp_path, REC, old, new)
    wrong_line = (content / REC).read_text("utf-8").split(new)[0].count("\n") + 1 + (
        new.startswith("\n"))
    for lang, expected in (("nb", nb), ("da", da)):
        set_language(lang)
        lines = problems(content)
        assert any(expected in line and f":{wrong_line}: " in line for line in lines), lines


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_a_duplicate_id_names_both_lines(lang, tmp_path):
    lines = (CONTENT / REC).read_text("utf-8").splitlines()
    ids = [(n, line) for n, line in enumerate(lines, 1) if line.startswith("  - id: ")]
    (first, first_id), (second, second_id) = ids[0], ids[1]
    content = copy_with(tmp_path, REC, second_id + "\n", first_id + "\n")
    set_language(lang)
    found = problems(content)
    assert any(f"06-uenighet.yml:{second}: " in line and f"06-uenighet.yml:{first}" in
               line.split(": ", 1)[1] for line in found), found


def test_a_missing_reflection_names_the_command_that_makes_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    book = load_handbook(content)
    gone = book.reflections[-1]
    (content / "reflection" / gone.source.name).unlink()
    for lang in EDITOR_LANGUAGES:
        set_language(lang)
        command = f"python3 scripts/handbook.py new reflection --recommendation " \
                  f"{gone.recommendation_id}"
        assert any(command in line for line in problems(content))


@pytest.mark.parametrize(("lang", "one", "zero"), [
    ("nb", "har 1 øvelse,", "har 0 øvelser,"), ("nn", "har 1 øving,", "har 0 øvingar,"),
    ("da", "har 1 øvelse,", "har 0 øvelser,"), ("en", "has 1 exercise,", "has 0 exercises,")])
def test_counts_take_the_right_number_form(lang, one, zero):
    set_language(lang)
    assert one in message("load.too_few_exercises", id="x", count=1, minimum=2)
    assert zero in message("load.too_few_exercises", id="x", count=0, minimum=2)


def test_no_message_writes_a_plural_as_a_parenthesis():
    for identifier, templates in catalogue().items():
        for lang, text in templates.items():
            assert not re.search(r"\w\((?:s|r|er|ar|e)\)", text), (identifier, lang)


# --- guides and headers ------------------------------------------------------------------------

@pytest.mark.parametrize("guide", sorted(ROOT.glob("CONTRIBUTING.*.md")), ids=lambda p: p.name)
def test_the_guides_name_every_language_and_its_site_folder(guide):
    text = guide.read_text("utf-8")
    for language in LANGUAGES:
        assert f"(`{language.code}`)" in text, language.code
        if language.code in PUBLISHED_CODES:
            assert f"`/{language.code}/`" in text, language.code
    in_progress = [language for language in LANGUAGES if language.in_progress]
    for word in ("begge språkene", "begge sprog", "both languages"):
        assert word not in text
    if not in_progress:
        assert "som nynorsk" not in text and "fortsatt er under arbeid" not in text


HEADER_LISTS = re.compile(r"\b(?:nb|nn|da)\b(?:,| and| og| eller| or)\s+\b(?:nb|nn|da)\b|"
                          r"each in nb|both languages|begge språk")


def test_every_content_file_header_speaks_of_every_language_not_a_list():
    for path in sorted(CONTENT.rglob("*.yml")):
        header = "\n".join(line for line in path.read_text("utf-8").splitlines()
                           if line.startswith("#") and "Fields: " not in line)
        assert not HEADER_LISTS.search(header), path


# --- GitHub Actions ----------------------------------------------------------------------------

def test_annotations_are_written_only_in_actions(monkeypatch, capsys):
    from macros.content.annotations import annotate, annotation

    line = "content/recommendations/06-uenighet.yml:12: lead.nb: 50 % av, kolon: ja"
    assert annotation(line) == ("::error file=content/recommendations/06-uenighet.yml,line=12::"
                                "lead.nb: 50 %25 av, kolon: ja")
    assert annotation("content/site.yml: noe") == "::error file=content/site.yml::noe"
    assert annotation("3 feil i content/; ingenting ble bygd.") is None
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    annotate(line)
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    annotate(line)
    assert capsys.readouterr().out.startswith("::error file=")


@pytest.mark.parametrize(("lang", "words"), [("nb", "har et usynlig tegn"),
                                             ("da", "har et usynligt tegn")])
def test_check_in_actions_annotates_each_problem_in_the_editors_language(lang, words, tmp_path):
    text, line = first_text_line(REC, "nb")
    content = copy_with(tmp_path, REC, text, "\u202e" + text)
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "HANDBOOK_CONTENT_DIR": str(content),
           "GITHUB_ACTIONS": "true", "HANDBOOK_LANG": lang}
    done = subprocess.run([*HANDBOOK, "check"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1
    annotations = [out for out in done.stdout.splitlines() if out.startswith("::error ")]
    assert len(annotations) == 1, done.stdout
    assert annotations[0].startswith("::error file=") and f",line={line}::" in annotations[0]
    assert words in annotations[0]


def test_the_workflow_sets_the_language_per_repository_and_the_template_asks_for_review():
    workflow = (ROOT / ".github" / "workflows" / "handbook.yml").read_text("utf-8")
    assert "HANDBOOK_LANG: ${{ vars.HANDBOOK_LANG || 'nb' }}" in workflow
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    assert "Tekstene på alle språk sier det samme" in template  # nb
    assert "Teksterne på alle sprog siger det samme" in template  # da


def test_a_build_warning_about_a_link_names_the_content_file_and_line(tmp_path):
    from macros.site.build import content_lines_for_warning

    text, line = first_text_line(REC, "nb")
    content = copy_with(tmp_path, REC, text, f"{text} [x](#noe-annet)")
    set_language("da")
    lines = content_lines_for_warning(
        "Doc file 'anbefalinger/index.md' contains a link '#noe-annet', but there is no such "
        "anchor on this page.", content)
    assert any(f"06-uenighet.yml:{line}: nb-teksten har linket '#noe-annet'" in found
               for found in lines), lines


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_self_assessment_statements_out_of_the_factors_order_are_named(lang, tmp_path):
    """A new recommendation's statements listed each after its counterpart of another one: the
    form would number them out of order, so `check` says where (issue 33)."""
    path = CONTENT / "self-assessment.yml"
    text = path.read_text("utf-8")
    blocks = re.split(r"(?m)^(?=  - factor: )", text)
    head, statements = blocks[0], blocks[1:]
    statements[-1] = statements[-1].rstrip("\n") + "\n"
    moved = [statements[-1], *statements[:-1]]  # the last factor's statement first
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "self-assessment.yml").write_text(head + "".join(moved), encoding="utf-8")
    set_language(lang)
    found = problems(content)
    last = load_handbook(CONTENT).recommendations[-1].factors[-1].id
    assert len(found) == 1 and "statements.1" in found[0] and f"'{last}'" in found[0], found


# --- renames never break a saved link ----------------------------------------------------------

def test_an_old_exercise_id_in_a_plan_link_still_finds_its_exercise(tmp_path):
    """`rename` records the old page in content/redirects.yml; the session page's data maps the
    old id to the new one, and the planner reads a saved link through it."""
    from node_module import NodeModule

    from macros.render.session import renamed_ids, session_data

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    old = load_handbook(CONTENT).exercises[0].id
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "HANDBOOK_CONTENT_DIR": str(content)}
    done = subprocess.run([*HANDBOOK, "rename", "exercise", old, f"{old}-ny"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    book = load_handbook(content)
    assert renamed_ids(book) == {old: f"{old}-ny"}
    data = session_data(book, "nb", "samling/index.md")
    core = NodeModule(ROOT / "docs" / "pages" / "assets" / "javascripts" / "session-core.js")
    ids = [e["id"] for e in data["exercises"]]
    parsed = core.run("return core.parsePlan(...data.args);", args=[
        f"#i={old},{ids[1]}", ids, [r["id"] for r in data["recommendations"]], data["renamed"]])
    assert parsed["unknown"] == 0
    assert [item["id"] for item in parsed["plan"]["items"]] == [f"{old}-ny", ids[1]]
