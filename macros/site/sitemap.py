"""Each language's sitemap, made right after MkDocs writes it. Without the site's public
address MkDocs writes an empty <urlset>, which the sitemaps.org schema refuses: then there is
no sitemap. With it, each page's <lastmod> is the content's edition date (the last change to
content/, macros/content/edition.py), not the day of the build."""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def finish_sitemap(site_dir: Path, has_address: bool, edition: date | None) -> None:
    sitemap = site_dir / SITEMAPS[0]
    if not has_address:
        for name in SITEMAPS:
            (site_dir / name).unlink(missing_ok=True)
        return
    if not sitemap.exists():
        return
    text = re.sub(r"<lastmod>[^<]*</lastmod>", f"<lastmod>{edition.isoformat()}</lastmod>",
                  sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    (site_dir / SITEMAPS[1]).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
