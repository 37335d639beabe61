"""The code is lint-clean (ruff for Python, ESLint for the browser scripts), and the linters
really run: each one reports a mistake put in front of it. ESLint is installed once, also when
two processes lint at once, and an install that fails says why in one line."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.cli import lint
from macros.cli.lint import JAVASCRIPT, PYTHON, eslint, ruff
from macros.site.service_worker import SOURCE


def test_python_is_clean():
    assert ruff(list(PYTHON)) == 0


def test_browser_scripts_are_clean():
    """The pages' scripts and the service worker, which the build copies from below the same
    folder (not from a template ESLint would not read)."""
    assert SOURCE.is_relative_to(JAVASCRIPT)
    assert eslint(JAVASCRIPT) == 0


def test_ruff_reports_a_mistake(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    assert ruff([str(bad)]) == 1


def test_eslint_reports_a_mistake(tmp_path):
    bad = tmp_path / "bad.js"
    bad.write_text("var unused = 1;\n", encoding="utf-8")
    assert eslint(tmp_path) == 1


def fake_npm(folder: Path, exit_code: int, said: str = "") -> Path:
    """An `npm` first on PATH that logs each call, takes a second, and then either fails
    (printing `said`) or puts an `eslint` where npm would."""
    log = folder / "npm-calls.txt"
    script = folder / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(f"""#!{sys.executable}
import sys, time
from pathlib import Path
with open({str(log)!r}, "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
time.sleep(1)
if {exit_code}:
    print({said!r}, file=sys.stderr)
    sys.exit({exit_code})
prefix = Path(sys.argv[sys.argv.index("--prefix") + 1])
(prefix / "node_modules" / ".bin").mkdir(parents=True)
(prefix / "node_modules" / ".bin" / "eslint").write_text("")
""", encoding="utf-8")
    script.chmod(0o755)
    return log


def test_two_processes_linting_at_once_install_eslint_once(tmp_path, monkeypatch):
    log = fake_npm(tmp_path, 0)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(lint, "JS_TOOLS", tmp_path / "js")
    with ThreadPoolExecutor(max_workers=2) as pool:  # as two pytest-xdist workers do
        assert list(pool.map(lambda _: lint.install_eslint(), range(2))) == ["", ""]
    assert len(log.read_text().splitlines()) == 1
    assert (tmp_path / "js" / lint.CONFIG.name).read_bytes() == lint.CONFIG.read_bytes()


def test_a_failed_install_says_so_in_one_line_and_is_tried_again(tmp_path, monkeypatch):
    log = fake_npm(tmp_path, 217, "npm error code E404\nnpm error 404 Not Found - eslint")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(lint, "JS_TOOLS", tmp_path / "js")
    problem = lint.install_eslint()
    assert problem.startswith("npm could not install eslint@")
    assert "exit 217: npm error 404 Not Found - eslint" in problem and "\n" not in problem
    assert lint.install_eslint() == problem  # nothing counted as installed: tried again
    assert len(log.read_text().splitlines()) == 2
