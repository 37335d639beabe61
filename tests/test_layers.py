"""The package's layers hold: content -> render -> site -> cli on the ground-floor modules (the
address book, the build context, the registries), no module imports a layer above its own, and
no import cycle; with no exception listed (the contracts are in pyproject.toml). Only the
command line (macros/cli/) reads the HANDBOOK_* environment variables."""

from __future__ import annotations

import ast
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


def environment_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """The line and name of every HANDBOOK_* variable read from (or set in) the environment:
    os.environ[…], os.environ.get(…), os.getenv(…), … in os.environ (a plain "HANDBOOK_…"
    string given to any of them)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            target, names = node.value, [node.slice]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target, names = node.func, node.args[:1]
        elif isinstance(node, ast.Compare):
            target, names = node.comparators[0], [node.left]
        else:
            continue
        if "environ" in ast.unparse(target) or "getenv" in ast.unparse(target):
            found += [(node.lineno, name.value) for name in names
                      if isinstance(name, ast.Constant) and isinstance(name.value, str)
                      and name.value.startswith("HANDBOOK_")]
    return found


def test_no_handbook_variable_is_read_below_the_command_line():
    package = ROOT / "macros"
    reads = {str(path.relative_to(ROOT)): environment_reads(ast.parse(path.read_bytes()))
             for path in package.rglob("*.py") if package / "cli" not in path.parents}
    assert {path: lines for path, lines in reads.items() if lines} == {}
    # The scan finds what it looks for: the command line's own reads.
    cli = ast.parse((package / "cli" / "main.py").read_bytes())
    assert {"HANDBOOK_LANG", "HANDBOOK_CONTENT_DIR"} <= {name for _, name in environment_reads(cli)}
