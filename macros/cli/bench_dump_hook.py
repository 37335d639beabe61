"""MkDocs hook used only by `handbook.py bench`: writes every page's Markdown, after the macros
have rendered it, below $HANDBOOK_BENCH_DUMP, so the same pages can be built with plain
Material and no macros for comparison. Not part of the site's own configuration."""

from __future__ import annotations

import os
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["HANDBOOK_BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
