"""The pages at old addresses (content/redirects.yml, written by `rename`).

mkdocs-redirects writes them from its `redirect_maps`, which the hooks set from content for
each language's build. Its page is in English without a policy; `localize` gives each one the
language of its site, the handbook's own words (labels.yml: redirect_title, redirect_text), a
viewport for phones and, like every page, the Content-Security-Policy (its one inline script
allowed by its hash)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from macros.addresses import page_html

TITLE = re.compile(r"<title>[^<]*</title>")
BODY = re.compile(r"(<body>\s*).*?<a href=\"([^\"]*)\">[^<]*</a>\.?(\s*</body>)", re.S)
LANG = re.compile(r'<html lang="[^"]*">')


def redirect_files(site_dir: Path, redirects: dict[str, str]) -> list[Path]:
    """The file written for each old page."""
    return [site_dir / page_html(old) for old in sorted(redirects)]


def localize(page: str, lang: str, title: str, text: str) -> str:
    """The plugin's page in the site's language, with the handbook's words."""
    page = LANG.sub(f'<html lang="{lang}">', page, count=1)
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    <meta'
                        ' name="viewport" content="width=device-width,initial-scale=1">', 1)
    page = TITLE.sub(f"<title>{html.escape(title)}</title>", page, count=1)
    return BODY.sub(lambda m: f'{m.group(1)}<h1>{html.escape(title)}</h1>\n'
                              f'<p><a href="{m.group(2)}">{html.escape(text)}</a></p>{m.group(3)}',
                    page, count=1)
