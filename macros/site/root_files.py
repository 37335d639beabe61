"""The files at the site's root, outside every language's site: the language chooser
(index.html), the page for a missing address (404.html), and, when the build knows the site's
public address, the sitemap index (sitemap.xml, naming each language's sitemap) and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from macros.content.model import Handbook
from macros.languages import PUBLISHED
from macros.render.template import render_html
from macros.site.site_url import site_path


def root_files(handbook: Handbook, url: str) -> dict[str, str]:
    """File name -> text. `url` is the site's public address (https://…/), or "" if unknown."""
    labels = {language.code: handbook.labels.for_language(language.code)
              for language in PUBLISHED}
    files = {
        "index.html": render_html("root.html.j2", handbook, url=url),
        "404.html": render_html("root_404.html.j2", handbook, labels=labels, root=site_path(url)),
    }
    if url:
        files["sitemap.xml"] = sitemap_index(url)
        files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n"
    return files


def sitemap_index(url: str) -> str:
    """A sitemap index: MkDocs writes each language's complete sitemap at <lang>/sitemap.xml."""
    entries = "".join(f"  <sitemap><loc>{escape(url)}{language.code}/sitemap.xml</loc></sitemap>\n"
                      for language in PUBLISHED)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n")
