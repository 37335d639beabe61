"""Editors read every message in their own language: Bokmål, Danish or English, chosen by
--lang, HANDBOOK_LANG or the locale. The catalogue (macros/messages.yml) is complete, and the
same mistakes give the right one-line message in each language."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, HANDBOOK, ROOT, run_handbook

from macros.cli import language
from macros.content.load import load_handbook
from macros.content.problems import ContentError
from macros.languages import CODES
from macros.messages import (
    NUMBER_FORM,
    MessageError,
    catalogue,
    current,
    fields,
    languages,
    message,
    set_language,
)

LANGUAGES = languages()

FIXTURE = Path(__file__).parent / "fixtures" / "03-ansvar-og-beslutninger.yml"
REC3 = "content/recommendations/03-ansvar-og-beslutninger.yml"
RUNDEN = "content/exercises/runden.yml"
RUNDEN_LINE = next(  # the line the mistake below is made on, wherever the file has it
    number for number, line in enumerate((ROOT / RUNDEN).read_text("utf-8").splitlines(), 1)
    if "recommendations: [klare-forventninger, uenighet]" in line)
CALL = re.compile(r"""\bmessage\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")


# Ids named as data rather than in a message() call: argparse's words (macros/cli/main.py) and
# the set-up line that scripts/handbook.py reads before .venv/ exists.
NAMED = re.compile(r"""["']((?:argparse|setup)\.[a-z0-9_.]+)["':]""")


def ids_used_in_code() -> set[str]:
    from macros.cli.main import COMMANDS

    sources = [*(ROOT / "macros").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]
    texts = [path.read_text("utf-8") for path in sources]
    return ({found for text in texts for found in CALL.findall(text) + NAMED.findall(text)}
            | {f"cli.command.{name}" for name in COMMANDS})


def test_every_message_has_every_language_with_the_same_placeholders():
    assert len(catalogue()) > 50
    for identifier, templates in catalogue().items():
        assert set(templates) == set(LANGUAGES), identifier
        assert all(isinstance(text, str) and text.strip() for text in templates.values()), identifier
        wanted = {lang: fields(text) for lang, text in templates.items()}
        assert all(found == wanted["en"] for found in wanted.values()), (identifier, wanted)


def test_every_message_the_code_asks_for_exists_and_every_message_is_used():
    used = ids_used_in_code()
    assert "schema.missing" in used and "new.wrote" in used
    assert used - set(catalogue()) == set(), "asked for but not in macros/messages.yml"
    assert set(catalogue()) - used == set(), "in macros/messages.yml but never used"


def test_a_missing_id_or_wrong_values_raise():
    set_language("da")
    with pytest.raises(MessageError):
        message("no.such.message")
    with pytest.raises(MessageError):
        message("yaml.duplicate_key", key="id")  # first= is missing
    with pytest.raises(MessageError):
        message("yaml.empty", extra="x")
    assert message("yaml.empty") == "filen er tom (udfyld felterne, eller slet filen)"


@pytest.mark.parametrize(("option", "environment", "expected"), [
    (None, {"HANDBOOK_LANG": "nb"}, "nb"),
    (None, {"HANDBOOK_LANG": "da", "LANG": "nb_NO.UTF-8"}, "da"),
    (None, {"LANG": "da_DK.UTF-8"}, "da"),
    (None, {"LANG": "nb_NO.UTF-8"}, "nb"),
    (None, {"LANG": "nn_NO.UTF-8"}, "nn"),
    (None, {"HANDBOOK_LANG": "nn", "LANG": "nb_NO.UTF-8"}, "nn"),
    (None, {"LC_ALL": "no_NO.UTF-8", "LANG": "da_DK.UTF-8"}, "nb"),
    (None, {"LC_MESSAGES": "da_DK.UTF-8", "LANG": "en_GB.UTF-8"}, "da"),
    (None, {"LANG": "de_DE.UTF-8"}, "en"),
    (None, {}, "en"),
    ("nn", {"HANDBOOK_LANG": "da", "LANG": "nb_NO.UTF-8"}, "nn"),
    ("xx", {"HANDBOOK_LANG": "da"}, "da"),
])
def test_the_command_line_chooses_lang_else_handbook_lang_else_the_locale(option, environment,
                                                                           expected):
    assert language.chosen(option, environment) == expected


def test_below_the_command_line_the_environment_does_not_choose_the_language(monkeypatch):
    """messages.py speaks what the command line chose; $HANDBOOK_LANG and the locale set
    later change nothing until the command line runs again."""
    from macros.cli import main as cli

    monkeypatch.setenv("HANDBOOK_LANG", "da")
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert current() == "en"
    assert message("yaml.empty") == catalogue()["yaml.empty"]["en"]
    cli.main([])  # the command line, with no command: it lists the commands
    assert current() == "da"
    assert message("yaml.empty") == catalogue()["yaml.empty"]["da"]
    with pytest.raises(MessageError):
        set_language("xx")
    assert current() == "da"


def content_with(tmp_path: Path, path: str, old: str, new: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if path == REC3:
        shutil.copy(FIXTURE, content / "recommendations" / FIXTURE.name)
    file = content.parent / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


# (name, file, old, new, {language: the start of the editor's line})
MISTAKES = [
    ("missing-danish", REC3, "  da: Ledergruppen får ansvar og inddrages i beslutninger\n", "", {
        "en": f"{REC3}:6: title.da is missing (add the text in Danish",
        "nb": f"{REC3}:6: title.da mangler (legg til teksten på dansk",
        "nn": f"{REC3}:6: title.da manglar (legg til teksten på dansk",
        "da": f"{REC3}:6: title.da mangler (tilføj teksten på dansk",
    }),
    ("unknown-key", REC3, "lead:", "leed:", {
        "en": f"{REC3}:10: leed: unknown key 'leed' (did you mean 'lead'?)",
        "nb": f"{REC3}:10: leed: ukjent nøkkel 'leed' (mente du 'lead'?)",
        "nn": f"{REC3}:10: leed: ukjend nøkkel 'leed' (meinte du 'lead'?)",
        "da": f"{REC3}:10: leed: ukendt nøgle 'leed' (mente du 'lead'?)",
    }),
    # The bracket opens on line 10; YAML finds it unclosed only on line 11.
    ("broken-yaml", REC3, "  nb: Ledergruppa eier", "  nb: [Ledergruppa eier", {
        "en": f"{REC3}:11: broken YAML:",
        "nb": f"{REC3}:11: filen kan ikke leses som YAML:",
        "nn": f"{REC3}:11: fila kan ikkje lesast som YAML:",
        "da": f"{REC3}:11: filen kan ikke læses som YAML:",
    }),
    ("yes-no", REC3, "  da: Ledergruppen ejer de beslutninger, den er med til at træffe.",
     "  da: no", {
        "en": f"{REC3}:13: lead.da is read as yes/no (false), not text (put the text in quotes",
        "nb": f"{REC3}:13: lead.da leses som ja/nei (false), ikke som tekst (skriv teksten i"
              " anførselstegn",
        "nn": f"{REC3}:13: lead.da blir lesen som ja/nei (false), ikkje som tekst (skriv teksten"
              " i hermeteikn",
        "da": f"{REC3}:13: lead.da læses som ja/nej (false), ikke som tekst (sæt teksten i"
              " anførselstegn",
    }),
    ("reference-to-nothing", RUNDEN, "recommendations: [klare-forventninger, uenighet]",
     "recommendations: [klare-forventninger, uenighet-x]", {
        "en": f"{RUNDEN}:{RUNDEN_LINE}: recommendations.2: there is no recommendation with the id"
              " 'uenighet-x' (did you mean 'uenighet'?)",
        "nb": f"{RUNDEN}:{RUNDEN_LINE}: recommendations.2: det finnes ingen anbefaling med id-en"
              " 'uenighet-x' (mente du 'uenighet'?)",
        "nn": f"{RUNDEN}:{RUNDEN_LINE}: recommendations.2: det finst ingen tilråding med id-en"
              " 'uenighet-x' (meinte du 'uenighet'?)",
        "da": f"{RUNDEN}:{RUNDEN_LINE}: recommendations.2: der findes ingen anbefaling med id'et"
              " 'uenighet-x' (mente du 'uenighet'?)",
    }),
    ("placeholder", REC3, "  da: Ledergruppen får ansvar og inddrages i beslutninger",
     '  da: "TODO: the title, in Danish"', {
        "en": f"{REC3}:9: title.da is still a placeholder (write the title, in Danish)",
        "nb": f"{REC3}:9: title.da er fortsatt en plassholder (bytt den ut: the title, in Danish)",
        "nn": f"{REC3}:9: title.da er framleis ein plasshaldar (byt han ut: the title, in Danish)",
        "da": f"{REC3}:9: title.da er stadig en pladsholder (erstat den: the title, in Danish)",
    }),
]


def summary(lang: str, count: int) -> str:
    """The last line of a failed check."""
    return {"en": f"{count} problem{'s' if count != 1 else ''} in content/; nothing was built.",
            "nb": f"{count} feil i content/; ingenting ble bygd.",
            "nn": f"{count} feil i content/; ingenting vart bygd.",
            "da": f"{count} fejl i content/; intet blev bygget."}[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m[0])
def test_the_same_mistake_in_each_language(mistake, lang, tmp_path):
    name, path, old, new, expected = mistake
    content = content_with(tmp_path, path, old, new)
    set_language(lang)
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    lines = caught.value.report().splitlines()
    assert any(line.startswith(expected[lang]) for line in lines), lines
    assert lines[-1] == summary(lang, len(lines) - 1)


def run_with(environment: dict[str, str], *args: str,
             content_dir: Path) -> subprocess.CompletedProcess:
    """The tool with exactly these language variables (the others removed)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(environment, HANDBOOK_NO_VENV="1", HANDBOOK_CONTENT_DIR=str(content_dir))
    return subprocess.run([*HANDBOOK, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.parametrize(("environment", "args", "lang"), [
    ({"HANDBOOK_LANG": "nb"}, ["check"], "nb"),
    ({"HANDBOOK_LANG": "da"}, ["check"], "da"),
    ({"HANDBOOK_LANG": "da"}, ["--lang", "nb", "check"], "nb"),
    ({}, ["--lang", "da", "check"], "da"),
    ({"LANG": "da_DK.UTF-8"}, ["check"], "da"),
    ({"LANG": "nb_NO.UTF-8"}, ["check"], "nb"),
    ({"LANG": "nn_NO.UTF-8"}, ["check"], "nn"),
    ({"HANDBOOK_LANG": "nb"}, ["--lang", "nn", "check"], "nn"),
    ({"LANG": "C.UTF-8"}, ["check"], "en"),
])
def test_check_speaks_the_chosen_language(tmp_path, environment, args, lang):
    _, path, old, new, expected = MISTAKES[1]  # the unknown key
    result = run_with(environment, *args, content_dir=content_with(tmp_path, path, old, new))
    assert result.returncode == 1
    assert expected[lang] in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == summary(lang, len(lines) - 1)


def test_build_speaks_danish_with_lang_da(tmp_path):
    _, path, old, new, expected = MISTAKES[0]  # the missing Danish text
    site_dir = tmp_path / "site"
    result = run_handbook("--lang", "da", "build", "--site-dir", str(site_dir),
                          content_dir=content_with(tmp_path, path, old, new))
    assert result.returncode == 1
    assert expected["da"] in result.stderr, result.stderr
    assert not site_dir.exists()


def test_check_success_new_and_status_in_bokmal_and_danish(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    check = run_handbook("--lang", "nb", "check", content_dir=content)
    assert check.returncode == 0, check.stderr
    book = load_handbook(content)
    assert check.stdout.startswith(f"content/ er gyldig: {len(book.recommendations)} anbefalinger,"
                                   f" {len(book.factors)} fremmende faktorer")
    new = run_handbook("--lang", "da", "new", "exercise", content_dir=content)
    assert new.returncode == 1
    assert "angiv, hvilken anbefaling exercise hører til (tilføj --recommendation ID" in new.stderr
    made = run_handbook("--lang", "nb", "new", "exercise", "--recommendation", "uenighet",
                        content_dir=content)
    assert made.returncode == 0, made.stderr
    assert "Skrev content/exercises/ny-ovelse.yml. Bytt ut de" in made.stdout
    status = run_handbook("--lang", "da", "status", content_dir=content)
    assert "da-teksten mangler eller er stadig en pladsholder" in status.stdout, status.stdout
    assert "da-tekster, der kan være forældede: 0" in status.stdout


@pytest.mark.parametrize("lang", [code for code in CODES
                                  if (ROOT / f"CONTRIBUTING.{code}.md").exists()])
def test_the_editors_guide_quotes_the_messages_in_its_own_language(lang):
    """Each row of the error table in CONTRIBUTING.<lang>.md is a real message in that language."""
    patterns = [re.compile(".*".join(re.escape(part) for part in
                                     re.split(r"\{[a-z_]+\}",
                                              NUMBER_FORM.sub("{n}", templates[lang]))))
                for templates in catalogue().values()]
    guide = (ROOT / f"CONTRIBUTING.{lang}.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^\| `…(?::\d+)?: (.+?)` \|", guide, flags=re.MULTILINE)
    assert len(quoted) >= 20
    for text in quoted:
        assert any(pattern.fullmatch(text) for pattern in patterns), text
