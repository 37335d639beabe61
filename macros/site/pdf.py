"""`handbook.py pdf`: build the site with links to its PDFs, then print every checklist and the
whole handbook, in each language, to A4 PDFs in site/<lang>/pdf/ with headless Chromium
(Debian's, driven by Playwright). Used by handbook.py; not run on its own."""

from __future__ import annotations

import sys
from pathlib import Path

from macros.content.load import load_handbook
from macros.languages import PUBLISHED
from macros.render.checklists import PDF_ENV, checklists, handbook_pdf
from macros.site.build import build_site
from macros.site.chromium import launch
from macros.site.paths import PRINT
from macros.site.server import serving

# At the foot of every PDF page: the document's title and the page number, so that sheets
# that come apart can be put back together.
FOOTER = ('<div style="width:100%; margin:0 16mm; font:7pt \'DejaVu Sans\', sans-serif;'
          ' display:flex; justify-content:space-between"><span class="title"></span>'
          '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')


def page_url(page: str) -> str:
    """A page's address below its language's root, with directory URLs (sjekklister/x/)."""
    return page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"


def documents(lang: str) -> list[tuple[str, str]]:
    """(page address below site/<lang>/, PDF path below site/<lang>/) for one language."""
    handbook = load_handbook()
    return [(page_url(c.page), c.pdf(lang)) for c in checklists(handbook)] + [
        (page_url(PRINT), handbook_pdf(lang))
    ]


def print_pdfs(site_dir: Path, base_url: str) -> int:
    """Print every document of every language in site_dir to its PDF."""
    from playwright.sync_api import sync_playwright

    written = 0
    with serving(site_dir) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        for language in PUBLISHED:
            for address, pdf in documents(language.code):
                page.goto(f"{server}/{language.code}/{address}")
                # The sheet names its public address, not this local server's.
                # Without --base-url: the address the build knows (site_url), else the path.
                page.evaluate("""([base, path]) => {
                    for (const slot of document.querySelectorAll("[data-hb-url]")) {
                        slot.textContent = base ? base + path : slot.dataset.hbUrl || path;
                    }
                }""", [base_url, f"{language.code}/{address}"])
                page.evaluate("document.fonts.ready")
                target = site_dir / language.code / pdf
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), format="A4", prefer_css_page_size=True,
                         print_background=True, display_header_footer=True,
                         header_template="<span></span>", footer_template=FOOTER)
                written += 1
        browser.close()
    print(f"Wrote {written} PDFs into {site_dir}/<lang>/pdf/")
    return 0


def build_with_pdfs(site_dir: Path, base_url: str) -> int:
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    if not base_url:
        print("No --base-url (or HANDBOOK_BASE_URL): the PDFs name each page by its path in"
              " the site, not by a full web address.", file=sys.stderr)
    return build_site(site_dir, env={PDF_ENV: "1"},
                      finish=lambda staging: print_pdfs(staging, base_url))
