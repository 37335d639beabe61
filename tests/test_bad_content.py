"""Every mistake an editor can make fails `check` and `build` with one line naming the file,
the line, what is wrong and what to do; a failed build leaves no site behind."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CONTENT, run_handbook

from macros.content.load import load_handbook
from macros.content.problems import ContentError

FIXTURE = Path(__file__).parent / "fixtures" / "03-ansvar-og-beslutninger.yml"
REC3 = "content/recommendations/03-ansvar-og-beslutninger.yml"


@dataclass(frozen=True)
class Mistake:
    name: str
    old: str  # text in the fixture to replace …
    new: str  # … with this
    expected: str  # the start of the editor's message: file:line: …
    fix: str  # a phrase of the advice in brackets


MISTAKES = [
    Mistake("broken-yaml", "  nb: Ledergruppa eier", "  nb: [Ledergruppa eier",
            f"{REC3}:", "is not closed"),
    Mistake("missing-danish", "  da: Ledergruppen får ansvar og inddrages i beslutninger\n", "",
            f"{REC3}:6: title.da is missing", "add the text in Danish"),
    Mistake("empty-text", "  da: Ledergruppen ejer de beslutninger, den er med til at træffe.",
            "  da: ''", f"{REC3}:13: lead.da is empty", "write the text in Danish"),
    Mistake("boolean-for-text", "  da: Ledergruppen ejer de beslutninger, den er med til at træffe.",
            "  da: no", f"{REC3}:13: lead.da is read as yes/no", "put the text in quotes"),
    Mistake("number-for-text", "  da: Ledergruppen ejer de beslutninger, den er med til at træffe.",
            "  da: 42", f"{REC3}:13: lead.da is a number, not text", "put it in quotes"),
    Mistake("unknown-key", "lead:", "leed:", f"{REC3}:10: leed: unknown key 'leed'",
            "did you mean 'lead'?"),
    Mistake("duplicate-key", "number: 3\n", "number: 3\nnumber: 4\n",
            f"{REC3}:6: the key 'number' appears twice", "keep one of them"),
    Mistake("duplicate-id-in-file", "  - id: tidlig-involvering", "  - id: delegerte-beslutninger",
            f"{REC3}:27: the id 'delegerte-beslutninger' is already used", "choose another id"),
    Mistake("duplicate-id-across-files", "  - id: tidlig-involvering", "  - id: tone-og-dialog",
            f"{REC3}:27: the id 'tone-og-dialog' is already used in"
            " content/recommendations/01-klare-forventninger.yml", "choose another id"),
    Mistake("invalid-id", "id: ansvar-og-beslutninger", "id: Ansvar og beslutninger",
            f"{REC3}:4: id 'Ansvar og beslutninger' is not a valid id", "use lowercase"),
    Mistake("missing-schema-line", "# yaml-language-server: $schema=../schema/recommendation.schema.json\n",
            "", f"{REC3}:1: the first line should name the schema",
            "# yaml-language-server: $schema=../schema/recommendation.schema.json"),
    Mistake("number-twice", "number: 3", "number: 2",
            "content/recommendations/03-ansvar-og-beslutninger.yml:5: number 2 is already used",
            "give each a different number"),
    # Two pull requests changed the same lines; git left both versions, between markers.
    Mistake("merge-conflict", "  nb: Ledergruppa eier beslutningene den er med på å ta.\n",
            "<<<<<<< HEAD\n  nb: Ledergruppa eier beslutningene den er med på å ta.\n=======\n"
            "  nb: Ledergruppa eier beslutningene sine.\n>>>>>>> ny-tekst\n",
            f"{REC3}:11: a merge conflict was left in this file", "delete the lines <<<<<<<"),
    # Text pasted from a word processor can bring an invisible control character (here a
    # vertical tab, Word's line break), which YAML does not allow anywhere in a file.
    Mistake("control-character", "  nb: Ledergruppa eier beslutningene",
            "  nb: Ledergruppa eier \x0bbeslutningene",
            f"{REC3}:11: broken YAML: this line holds a control character (U+000B, column 24)",
            "delete it"),
]


@pytest.fixture
def content_with(tmp_path):
    """A copy of content/ whose recommendation 3 is the fixture with one mistake in it."""

    def make(mistake: Mistake) -> Path:
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content)
        text = FIXTURE.read_text(encoding="utf-8")
        assert mistake.old in text, f"the fixture no longer contains {mistake.old!r}"
        (content / "recommendations" / FIXTURE.name).write_text(
            text.replace(mistake.old, mistake.new, 1), encoding="utf-8")
        return content

    return make


def test_fixture_itself_is_valid(content_with):
    load_handbook(content_with(Mistake("none", "id:", "id:", "", "")))


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.name)
def test_mistake_is_reported_with_file_line_and_fix(mistake, content_with):
    with pytest.raises(ContentError) as caught:
        load_handbook(content_with(mistake))
    messages = [str(problem) for problem in caught.value.problems]
    matching = [m for m in messages if m.startswith(mistake.expected)]
    assert matching, f"expected a line starting {mistake.expected!r}, got:\n" + "\n".join(messages)
    assert mistake.fix in matching[0]
    assert "Traceback" not in caught.value.report()


@pytest.fixture
def handbook(monkeypatch, capsys):
    """The command-line tool in this process (its own entry, main()), on other content:
    (exit status, stdout, stderr)."""
    from macros.cli.main import main

    def run(content: Path, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("HANDBOOK_CONTENT_DIR", str(content))
        status = main(list(args))
        out, err = capsys.readouterr()
        return status, out, err

    return run


@pytest.mark.parametrize("mistake", [MISTAKES[1], MISTAKES[5]], ids=lambda m: m.name)
def test_check_and_build_fail_with_the_message_and_build_nothing(mistake, content_with, tmp_path,
                                                                 handbook):
    content = content_with(mistake)
    status, _, err = handbook(content, "check")
    assert status == 1
    assert mistake.expected in err
    assert "Traceback" not in err

    site_dir = tmp_path / "site"
    status, _, err = handbook(content, "build", "--site-dir", str(site_dir))
    assert status == 1
    assert mistake.expected in err
    assert not site_dir.exists(), "a failed build must not leave a site behind"
    assert not list(tmp_path.glob(".site-building-*")), "the staging folder must be removed"


def test_check_on_the_command_line_names_the_mistake(content_with):
    """The same, as a person meets it (a smoke test of the command line): exit status 1, the
    editor's line, no traceback."""
    mistake = MISTAKES[1]
    check = run_handbook("check", content_dir=content_with(mistake))
    assert check.returncode == 1
    assert mistake.expected in check.stderr
    assert "Traceback" not in check.stderr


def test_failed_build_keeps_the_previous_site(content_with, tmp_path, handbook):
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("previous build")
    status, _, _ = handbook(content_with(MISTAKES[0]), "build", "--site-dir", str(site_dir))
    assert status == 1
    assert (site_dir / "index.html").read_text() == "previous build"


def test_a_file_no_kind_reads_is_reported(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(content / "exercises" / "runden.yml", content / "runden.yml")
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("content/runden.yml: this file is not read by the handbook")
               and "exercises/*.yml" in line for line in lines), lines


def test_a_broken_link_in_a_text_fails_the_build_with_its_file_and_line(tmp_path):
    """The build checks content first, so the editor gets check's line, not MkDocs' warning."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "site.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("intro:\n  nb: |\n", "intro:\n  nb: |\n    [Se her](finnes-ikke.md)\n\n", 1),
                    encoding="utf-8")
    site_dir = tmp_path / "site"
    build = run_handbook("build", "--site-dir", str(site_dir), content_dir=content)
    assert build.returncode == 1
    line = text[:text.index("intro:\n  nb: |\n")].count("\n") + 3  # the line of the link: the text's first line
    assert f"content/site.yml:{line}: intro.nb:" in build.stderr, build.stderr
    assert "'finnes-ikke.md'" in build.stderr and "nothing was built" in build.stderr
    assert not site_dir.exists()
