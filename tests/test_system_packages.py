"""What `test`, `pdf`, `bench` and `spell` need from the system is found by trying it, and a
machine that lacks some of it gets the complete command that installs it, to run as root.

On this machine everything is installed, so the tests hide some programs: they run the tool with
a PATH that has every program of this machine except the hidden ones (and apt-get, so that
nothing is installed and the command is printed instead). The proof that the list is complete
on a machine that has nothing is scripts/fresh_machine.sh, run by .ci/run."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import run_handbook

from macros.cli.system_packages import ensure, needs
from macros.languages import LANGUAGES
from macros.messages import catalogue, set_language
from macros.messages import languages as message_languages

HIDDEN = {"hunspell", "node", "npm", "pdfinfo", "pdftotext", "fc-list"}


@pytest.fixture(scope="module")
def path_without():
    """A PATH with every program of this machine but the hidden ones and apt-get."""
    folders = []

    def make(hidden: set[str]) -> str:
        folder = Path(tempfile.mkdtemp(prefix="handbook-path-"))
        folders.append(folder)
        for directory in os.environ["PATH"].split(os.pathsep):
            if not os.path.isdir(directory):
                continue
            for entry in os.scandir(directory):
                target = folder / entry.name
                if entry.name in hidden | {"apt-get"} or target.exists():
                    continue
                if entry.is_file() and os.access(entry.path, os.X_OK):
                    target.symlink_to(entry.path)
        folder.chmod(folder.stat().st_mode | stat.S_IRWXU)
        return str(folder)

    yield make
    for folder in folders:
        shutil.rmtree(folder)


@pytest.fixture
def run_without(path_without, monkeypatch):
    """Run the tool on a machine without the given programs (and without apt-get)."""

    def run(hidden: set[str], *args: str):
        monkeypatch.setenv("PATH", path_without(hidden))
        return run_handbook(*args)

    return run


def install_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "apt-get update && apt-get install" in line]
    assert len(lines) == 1, stderr
    return lines[0]


def printed_packages(stderr: str) -> list[str]:
    line = install_line(stderr)
    return line.split("apt-get install -y --no-install-recommends ", 1)[1].split()


def test_everything_the_tests_need_works_here():
    """On this machine every need is met: no check fails on a working system."""
    result = run_handbook("test", "--collect-only", "-q", "tests/test_system_packages.py")
    assert result.returncode == 0, result.stderr
    assert "does not work" not in result.stderr
    assert "Installing Debian packages" not in result.stderr


def test_spell_without_hunspell_prints_the_command_for_every_dictionary(run_without):
    result = run_without({"hunspell"}, "spell")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for language in LANGUAGES:
        assert f"hunspell -d {language.hunspell} does not work" in result.stderr
    packages = printed_packages(result.stderr)
    assert set(packages) == {"hunspell"} | {language.package
                                            for language in LANGUAGES}
    assert len(packages) == len(set(packages))


def test_test_names_the_packages_of_what_is_missing_and_only_those(run_without):
    result = run_without(HIDDEN, "test")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    wanted = needs("test")
    broken = [need for need in wanted if need.command[0] in HIDDEN]
    working = [need for need in wanted if need.command[0] not in HIDDEN]
    assert broken and working  # the hidden programs are what some needs try, not all
    for need in broken:
        assert f"{need.what} does not work" in result.stderr
    for need in working:  # Chromium and Playwright's driver still start
        assert f"{need.what} does not work" not in result.stderr
    expected = {package for need in broken for package in need.packages}
    assert set(printed_packages(result.stderr)) == expected


def test_the_instruction_works_without_sudo(run_without):
    """A minimal Debian has no sudo: the line says to run it as root, whole."""
    result = run_without({"node"}, "test")
    line = install_line(result.stderr)
    assert "sudo" not in result.stderr
    assert "As root, run: apt-get update && apt-get install -y --no-install-recommends" in line


@pytest.mark.parametrize("lang", message_languages())
def test_the_instruction_in_each_language(path_without, monkeypatch, capsys, lang):
    """In-process: the check the command runs first (`ensure`), in each language of the
    messages; the command line itself is run above."""
    monkeypatch.setenv("PATH", path_without({"hunspell"}))
    set_language(lang)
    with pytest.raises(SystemExit) as stopped:
        ensure("spell")
    before_command = catalogue()["packages.as_root"][lang].split("{command}")[0]
    assert install_line(str(stopped.value.code)).startswith(before_command)
    assert capsys.readouterr().err  # what does not work, in lines before it
