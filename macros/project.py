"""Where the project's folders are. The package lives in the repository it builds, so its paths
are known from here; `HANDBOOK_CONTENT_DIR` points the tools at another content/ (tests, editors
trying a copy)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
SHARED_CONFIG = DOCS_DIR / "shared" / "mkdocs.yml"  # what every docs/<lang>.yml inherits
PACKAGE_DIR = ROOT / "macros"
CONTENT_DIR = Path(os.environ.get("HANDBOOK_CONTENT_DIR", ROOT / "content")).resolve()
