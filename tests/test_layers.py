"""The package's layers hold: content -> render -> site -> cli on the ground-floor modules (the
address book, the build context, the registries), no module imports a layer above its own, and
no import cycle; with no exception listed (the contracts are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_the_layers_and_no_cycles_hold_with_no_exceptions():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert {contract["type"] for contract in contracts} == {"layers", "acyclic_siblings"}
    assert not [contract for contract in contracts if contract.get("ignore_imports")]
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(contracts)} kept, 0 broken." in done.stdout


def test_the_layers_contract_would_catch_an_upward_import(tmp_path):
    """The same contracts on a copy of the package with one import up a layer fail."""
    copy = tmp_path / "macros"
    subprocess.run(["cp", "-r", str(ROOT / "macros"), str(copy)], check=True)
    model = copy / "content" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport macros.site.pages  # noqa\n",
                     encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text("utf-8"),
                                             encoding="utf-8")
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env={"PYTHONPATH": str(tmp_path),
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0
    assert "macros.content.model -> macros.site.pages" in done.stdout
