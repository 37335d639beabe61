"""A copy of the project with one more language filled in, for the tests that prove a language
is data: the registry entry (macros/languages.yml), its small config (docs/<code>.yml) and its
texts, here copied from the source language and marked, so that a page shows which language it
is. Commands run in the copy (PYTHONPATH puts its package before the installed one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from macros import plain_yaml
from macros.content.texts import content_files, walk
from macros.languages import SOURCE

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("content", "docs", "macros", "scripts", "mkdocs.yml", "pyproject.toml")


def mark(lang: str, text: str) -> str:
    return f"{text} ({lang})"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / part)
    return target


def fill_texts(root: Path, lang: str) -> list[Path]:
    """Give every text in the copy's content/ a `lang` text: the source text, marked. The
    comments at the top of each file (its schema line) stay."""
    changed = []
    for path in content_files(root / "content"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = "".join(line for line in lines if line.startswith("#"))
        data = plain_yaml.load("".join(lines))
        if isinstance(data, dict) and isinstance(data.get(SOURCE.code), (list, dict)):
            data[lang] = data[SOURCE.code]  # per-language data: synonyms, number words
        for _, mapping in walk(data):
            mapping[lang] = mark(lang, mapping[SOURCE.code])
        path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                width=1000), encoding="utf-8")
        changed.append(path)
    return changed


def _edit_registry(root: Path, change) -> Path:
    registry = root / "macros" / "languages.yml"
    data = plain_yaml.load(registry.read_text(encoding="utf-8"))
    change(data["languages"])
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return registry


def add_language(root: Path, entry: dict) -> list[Path]:
    """One registry entry and one small config: every file a new language needs besides its
    texts. Returns the files written."""
    registry = _edit_registry(root, lambda languages: languages.append(entry))
    config = root / "docs" / f"{entry['code']}.yml"
    config.write_text(f"INHERIT: shared/mkdocs.yml\nsite_dir: ../site/{entry['code']}\n",
                      encoding="utf-8")
    return [registry, config]


def publish(root: Path, lang: str) -> Path:
    """Mark a language of the copy's registry as no longer in progress."""
    def done(languages: list) -> None:
        for entry in languages:
            if entry["code"] == lang:
                entry.pop("in_progress", None)
    return _edit_registry(root, done)


def run_in(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "PYTHONPATH": str(root),
           "HANDBOOK_CONTENT_DIR": str(root / "content")}
    return subprocess.run([sys.executable, str(root / "scripts" / "handbook.py"), *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=900)
