"""Every content file is friendly to edit: it opens with the schema line and a comment naming
its fields and what to run after editing, and it passes yamllint with the project's config
(as do the CI workflow and the pre-commit configuration)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CONTENT, ROOT

from macros import plain_yaml
from macros.content.texts import content_files

FILES = content_files(CONTENT)
# Files whose keys are a long list of names (every interface string): the comment says what the
# keys are instead of naming each.
MANY_KEYS = {"labels.schema.json", "session.schema.json"}


def header(path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_content_file_opens_with_schema_fields_and_what_to_run(path):
    lines = header(path)
    assert lines and lines[0].startswith("# yaml-language-server: $schema="), "no schema line"
    schema = (path.parent / lines[0].split("=", 1)[1]).resolve()
    assert schema.exists(), f"the schema line points at nothing: {schema}"
    comment = " ".join(lines[1:])
    assert "After editing, run: python3 scripts/handbook.py check" in comment
    properties = json.loads(schema.read_text(encoding="utf-8")).get("properties", {})
    if schema.name not in MANY_KEYS:
        unnamed = [key for key in properties if key not in comment]
        assert not unnamed, f"the header comment does not name the field(s) {unnamed}"


def test_yaml_lint_accepts_content_ci_and_pre_commit():
    result = subprocess.run([sys.executable, "-m", "yamllint", "-c", ".yamllint.yml", "-f",
                             "parsable", "content", ".github", ".pre-commit-config.yaml",
                             "mkdocs.yml", "docs"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_validates_tests_builds_and_deploys_main_to_pages():
    workflow = plain_yaml.load((ROOT / ".github" / "workflows" / "handbook.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads on: as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step.get("run", "") + step.get("uses", "")
             for job in workflow["jobs"].values() for step in job.get("steps", [])]
    text = "\n".join(steps)
    for command in ("handbook.py check", "handbook.py spell", "handbook.py test",
                    "handbook.py pdf", "handbook.py lint", "handbook.py links", "yamllint"):
        assert command in text, command
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text
    assert workflow["jobs"]["deploy"]["if"].count("refs/heads/main")


def test_pre_commit_runs_the_projects_check_and_yaml_lint():
    config = plain_yaml.load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["handbook-check"]["entry"] == "python3 scripts/handbook.py check"
    assert "yamllint" in hooks
