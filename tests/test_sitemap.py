"""Sitemaps are valid or absent (issue 34): a build without the site's public address has no
sitemap (MkDocs would write an empty <urlset>, which the sitemaps.org schema refuses); with it,
each page's <lastmod> is the content's edition date, not the day of the build. The complete
sitemaps of a build with an address: tests/test_published.py."""

from __future__ import annotations

import gzip
from datetime import date

from macros.languages import PUBLISHED_CODES
from macros.site.sitemap import finish_sitemap

URLSET = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
          "  <url><loc>https://example.org/nb/</loc><lastmod>2031-05-06</lastmod></url>\n"
          "  <url><loc>https://example.org/nb/a/</loc><lastmod>2031-05-06</lastmod></url>\n"
          "</urlset>\n")


def test_a_build_without_an_address_has_no_sitemap(site):
    for code in PUBLISHED_CODES:
        assert not (site / code / "sitemap.xml").exists(), code
        assert not (site / code / "sitemap.xml.gz").exists(), code
    assert not (site / "sitemap.xml").exists()


def test_with_an_address_lastmod_is_the_edition_date(tmp_path):
    (tmp_path / "sitemap.xml").write_text(URLSET, encoding="utf-8")
    finish_sitemap(tmp_path, True, date(2026, 3, 4))
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert text.count("<lastmod>2026-03-04</lastmod>") == 2 and "2031" not in text
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
