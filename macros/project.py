"""Where the project's folders are. The package lives in the repository it builds, so its paths
are known from here. The command line may point the tools at another content/ (tests, editors
trying a copy: $HANDBOOK_CONTENT_DIR, read in macros/cli/main.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
SHARED_CONFIG = DOCS_DIR / "shared" / "mkdocs.yml"  # what every docs/<lang>.yml inherits
PACKAGE_DIR = ROOT / "macros"
CONTENT_DIR = ROOT / "content"
