"""The code is lint-clean (ruff for Python, ESLint for the browser scripts), and the linters
really run: each one reports a mistake put in front of it."""

from __future__ import annotations

from macros.cli.lint import JAVASCRIPT, PYTHON, eslint, ruff


def test_python_is_clean():
    assert ruff(list(PYTHON)) == 0


def test_browser_scripts_are_clean():
    assert eslint(JAVASCRIPT) == 0


def test_ruff_reports_a_mistake(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    assert ruff([str(bad)]) == 1


def test_eslint_reports_a_mistake(tmp_path):
    bad = tmp_path / "bad.js"
    bad.write_text("var unused = 1;\n", encoding="utf-8")
    assert eslint(tmp_path) == 1
