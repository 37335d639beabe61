"""The command line as a newcomer meets it (issue 10, point 8): every line in the chosen
language, `python3 scripts/handbook.py` in what it says, pytest's options passed on as given,
one line for a taken port, the PDFs' folders named, no tracked file changed by `bench` unless
asked, no temporary folder left by a stopped `serve`, a world-readable site/, the site's own
404 page, no INFO lines, and the list of commands when no command is given. Expectations come
from macros/messages.yml, so every language it has is tried."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import HANDBOOK, LANGS, ROOT

import macros.cli.bench as bench
import macros.cli.main as cli
import macros.site.pdf as pdf
from macros.build_context import BuildContext
from macros.content.load import load_handbook
from macros.messages import catalogue, languages, message, set_language

MESSAGE_LANGS = languages()  # en and every handbook language the messages are written in


@pytest.fixture
def speak(monkeypatch):
    """The language in the environment (for the command line run in-process) and for the
    messages the test expects."""
    def choose(lang: str) -> None:
        monkeypatch.setenv("HANDBOOK_LANG", lang)
        set_language(lang)
    return choose


# --- in-process: what the commands print -------------------------------------------------------

@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_no_arguments_prints_the_list_of_commands_in_the_chosen_language(lang, capsys):
    assert cli.main(["--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.startswith(catalogue()["cli.commands_title"][lang])
    for name in cli.COMMANDS:
        assert f"python3 scripts/handbook.py {name}" in out
        assert catalogue()[f"cli.command.{name}"][lang] in out


def test_every_command_is_in_the_list():
    parser_commands = re.findall(r"commands\.add_parser\(\s*\"([a-z]+)\"",
                                 (ROOT / "macros/cli/main.py").read_text(encoding="utf-8"))
    assert sorted(parser_commands) == sorted(cli.COMMANDS)


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_usage_and_argument_errors_speak_the_chosen_language(lang, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--lang", lang, "serve", "--port", "x"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    words = catalogue()
    assert err.startswith(words["argparse.usage"][lang])
    assert words["argparse.error"][lang].split("%(message)s")[0] % {
        "prog": "python3 scripts/handbook.py serve"} in err
    assert words["argparse.invalid_value"][lang] % {"type": "int", "value": "x"} in err
    with pytest.raises(SystemExit):
        cli.main(["--lang", lang, "no-such-command"])
    assert words["argparse.invalid_choice"][lang].split("%")[0] in capsys.readouterr().err


# The option and description texts of every command's --help (cli.option.*, cli.description.*).
HELP_TEXTS = sorted(identifier for identifier in catalogue()
                    if identifier.startswith(("cli.option.", "cli.description.")))


def help_of(command: str, lang: str, capsys) -> str:
    """`--lang LANG COMMAND --help` as printed, without whitespace: argparse wraps the lines
    (and breaks them after hyphens: zip-|fil)."""
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--lang", lang, command, "--help"])
    assert stopped.value.code == 0
    return "".join(capsys.readouterr().out.split())


def shown(template: str, printed: str) -> bool:
    """The template is in the printed help, whatever its placeholders ({codes}, argparse's
    %(default)s) were filled with."""
    parts = re.split(r"\{[a-z_]+\}|%\([a-z_]+\)s", "".join(template.split()))
    return re.search(".{1,40}?".join(map(re.escape, parts)), printed) is not None


PLACEHOLDERS = sorted(identifier for identifier in catalogue()
                      if identifier.startswith("cli.metavar."))


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_the_placeholders_in_each_usage_line_are_those_of_the_chosen_language(lang, capsys):
    """The words argparse shows for an option's value or an argument (--site-dir DIR) come from
    the catalogue (cli.metavar.*) in the chosen language, and each of them is used."""
    used = set()
    for command in ([], *([command] for command in cli.COMMANDS)):
        with pytest.raises(SystemExit):
            cli.main(["--lang", lang, *command, "--help"])
        usage = capsys.readouterr().out.split("\n\n")[0]
        used |= set(re.findall(r"(?<![\w-])[A-ZÆØÅ]+(?![\w-])", usage))
    assert used == {catalogue()[identifier][lang] for identifier in PLACEHOLDERS}


def test_no_help_text_is_written_into_the_code():
    """Every help and description text and every placeholder comes from the catalogue
    (message(...)), so a new option cannot bring an English-only text into another language's
    --help."""
    source = Path(cli.__file__).read_text(encoding="utf-8")
    literal = re.findall(r"\b(?:help|description|metavar)\s*=\s*[rfb]*[\"']", source)
    assert not literal, f"{len(literal)} help text(s) written in macros/cli/main.py"


def test_every_option_and_description_text_is_in_a_commands_help(capsys):
    english = [help_of(command, "en", capsys) for command in cli.COMMANDS]
    assert HELP_TEXTS
    assert [identifier for identifier in HELP_TEXTS
            if not any(shown(catalogue()[identifier]["en"], text) for text in english)] == []


@pytest.mark.parametrize("command", cli.COMMANDS)
@pytest.mark.parametrize("lang", [lang for lang in MESSAGE_LANGS if lang != "en"])
def test_a_commands_help_is_all_in_the_chosen_language(lang, command, capsys):
    """Each option and description text of the command (those its English help shows) in the
    chosen language, and no English one."""
    english, theirs = help_of(command, "en", capsys), help_of(command, lang, capsys)
    own = [identifier for identifier in HELP_TEXTS
           if shown(catalogue()[identifier]["en"], english)]
    assert [identifier for identifier in own
            if not shown(catalogue()[identifier][lang], theirs)] == []
    assert [identifier for identifier in HELP_TEXTS
            if shown(catalogue()[identifier]["en"], theirs)] == []


def test_messages_name_the_command_as_the_readme_does():
    said = [(identifier, text) for identifier, texts in catalogue().items()
            for text in texts.values() if "handbook.py" in text]
    assert said, "no message names the tool"
    wrong = [(identifier, text) for identifier, text in said
             if re.search(r"(?<!python3 )scripts/handbook\.py", text)]
    assert not wrong
    sources = [*(ROOT / "macros").rglob("*.py"), ROOT / "scripts" / "handbook.py"]
    assert not [path for path in sources
                if re.search(r"\bpython scripts/handbook\.py", path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("args", [["-k", "x", "--durations=5"], ["--", "-k", "x", "--durations=5"],
                                  ["tests/test_x.py", "-x", "-q"]])
def test_test_passes_its_arguments_to_pytest_without_a_double_dash(args, monkeypatch):
    called = []
    monkeypatch.setattr("macros.cli.system_packages.ensure", lambda task: None)
    monkeypatch.setattr(cli.subprocess, "call", lambda command, cwd: called.append(command) or 0)
    assert cli.main(["test", *args]) == 0
    assert called[0][called[0].index("pytest") + 1:] == [a for a in args if a != "--"]


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_links_without_a_site_says_so_in_one_line(lang, speak, tmp_path, capsys):
    speak(lang)
    assert cli.main(["links", "--site-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == message("links.no_site", site_dir=tmp_path) + "\n"


def fake_measurements(monkeypatch):
    monkeypatch.setattr("macros.cli.system_packages.ensure", lambda task: None)
    monkeypatch.setattr(bench, "build_times", lambda runs, work: {})
    monkeypatch.setattr(bench, "scale", lambda runs, work: {})
    monkeypatch.setattr(bench, "transfer", lambda site, lang: {})
    monkeypatch.setattr(bench, "report", lambda *parts: "THE REPORT\n")


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_bench_changes_no_tracked_file_unless_asked(lang, speak, monkeypatch, capsys):
    speak(lang)
    fake_measurements(monkeypatch)
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                            text=True).stdout
    report = bench.REPORT.read_bytes()
    assert cli.main(["bench", "--runs", "1", "--no-lighthouse"]) == 0
    out, err = capsys.readouterr()
    assert "THE REPORT" in out
    assert message("bench.not_written", report="scripts/bench_report.md") in err
    assert bench.REPORT.read_bytes() == report
    assert subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                          text=True).stdout == before


def test_bench_writes_the_report_with_write(monkeypatch, tmp_path, capsys):
    fake_measurements(monkeypatch)
    out = tmp_path / "report.md"
    assert bench.run_bench(1, False, out=out, write=True) == 0
    assert out.read_text(encoding="utf-8").startswith("THE REPORT")
    assert message("bench.written", report=out) in capsys.readouterr().err


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_pdf_names_the_folders_the_pdfs_end_up_in(lang, speak, monkeypatch, tmp_path, capsys):
    """The PDFs are printed into a staging folder that then becomes site/: the line names
    site/<lang>/pdf/, where they are, never the staging folder."""
    speak(lang)
    site = tmp_path / "site"

    def build_site(site_dir, context, finish):
        staging = site_dir.with_name(".site-building-x")
        for code in LANGS:
            (staging / code / "pdf").mkdir(parents=True)
            (staging / code / "pdf" / "a.pdf").write_bytes(b"%PDF")
        staging.rename(site_dir)
        return 0

    monkeypatch.setattr(pdf, "build_site", build_site)
    monkeypatch.setattr(pdf, "keep_old_pdf_names", lambda language_dir, names: None)
    monkeypatch.chdir(tmp_path)
    assert pdf.build_with_pdfs(site, BuildContext(site_url="https://example.org/")) == 0
    out = capsys.readouterr().out
    folders = ", ".join(f"site/{code}/pdf/" for code in LANGS)
    assert out == message("pdf.wrote", count=len(LANGS), folders=folders) + "\n"
    assert "building" not in out


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_the_first_run_set_up_line_is_in_the_chosen_language(lang, monkeypatch):
    spec = importlib.util.spec_from_file_location("handbook_script",
                                                  ROOT / "scripts" / "handbook.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(sys, "argv", ["handbook.py", "--lang", lang, "check"])
    assert script.first_run_line() == catalogue()["setup.first_run"][lang]


def test_the_built_site_is_world_readable(site):
    for path in (site, site / LANGS[0], site / LANGS[0] / "index.html"):
        mode = path.stat().st_mode
        assert mode & stat.S_IROTH, path
        if path.is_dir():
            assert mode & stat.S_IXOTH, path


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
@pytest.mark.parametrize("command", ["build", "serve"])
def test_mkdocs_at_the_top_says_to_use_the_tool(lang, command, speak, tmp_path):
    speak(lang)
    result = subprocess.run([sys.executable, "-m", "mkdocs", command], cwd=ROOT, timeout=120,
                            capture_output=True, text=True,
                            env={**os.environ, "HANDBOOK_LANG": lang})
    said = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode != 0
    assert said[-1] == message("mkdocs.use_the_tool", command=command)
    assert "Traceback" not in result.stderr


# --- as a process: serve ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("lang", MESSAGE_LANGS)
def test_a_taken_port_is_one_line_suggesting_another_before_anything_is_built(lang):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([*HANDBOOK, "--lang", lang, "serve", "--port", str(port)],
                                cwd=ROOT, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "HANDBOOK_NO_VENV": "1"})
    assert result.returncode == 1
    assert result.stdout == ""
    set_language(lang)
    expected = message("serve.port_taken", host="127.0.0.1", port=port, other=port + 1)
    assert result.stderr == expected + "\n"
    assert "--port" in expected
    assert time.monotonic() - started < 30, "it built the site first"


def test_serve_answers_a_missing_page_with_the_404_page_and_sigterm_leaves_no_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "TMPDIR": str(temporary)}
    server = subprocess.Popen([*HANDBOOK, "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in server.stdout:
            lines.append(line)
            if "127.0.0.1" in line:
                break
        assert any(f"http://127.0.0.1:{port}/" in line for line in lines), lines
        assert list(temporary.iterdir()), "serve builds into a temporary folder"
        handbook = load_handbook()
        for lang in LANGS:
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/{lang}/no/such/page/",
                                       timeout=10)
            assert missing.value.code == 404
            page = missing.value.read().decode("utf-8")
            assert handbook.labels("not_found_title", lang) in page
        server.send_signal(signal.SIGTERM)
        rest, _ = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    output = "".join(lines) + rest
    assert server.returncode == 0, output
    assert list(temporary.iterdir()) == [], "serve left its temporary folder"
    assert "Traceback" not in output
    assert not [line for line in output.splitlines() if "INFO" in line or "[macros]" in line]
