"""`handbook.py pdf`: build the site with links to its PDFs, then print every checklist and the
whole handbook, in each language, to A4 PDFs in site/<lang>/pdf/ with headless Chromium
(Debian's, driven by Playwright). Used by handbook.py; not run on its own."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from macros.content.load import load_handbook
from macros.languages import LANGUAGES
from macros.render.booklet import part_ids, part_page
from macros.render.checklists import PDF_ENV, checklists
from macros.site.build import build_site
from macros.site.chromium import launch
from macros.site.paths import PRINT, booklet_pdf
from macros.site.server import serving

# At the foot of every PDF page: the document's title and the page number, so that sheets
# that come apart can be put back together.
FOOTER = ('<div style="width:100%; margin:0 16mm; font:7pt \'DejaVu Sans\', sans-serif;'
          ' display:flex; justify-content:space-between"><span class="title"></span>'
          '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')


def page_url(page: str) -> str:
    """A page's address below its language's root, with directory URLs (sjekklister/x/)."""
    return page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"


@dataclass(frozen=True)
class Document:
    address: str  # the page's address below site/<lang>/
    pdf: str  # the PDF's path below site/<lang>/
    booklet: bool  # the printed handbook or a part of it: page numbers in its contents


def documents(lang: str) -> list[Document]:
    """Every PDF of one language: each checklist, the whole handbook, and each of its parts."""
    handbook = load_handbook()
    return [Document(page_url(c.page), c.pdf(lang), False) for c in checklists(handbook)] + [
        Document(page_url(PRINT), booklet_pdf(lang), True)] + [
        Document(page_url(part_page(part)), booklet_pdf(lang, part), True)
        for part in part_ids(handbook)]


def print_pdf(page, target: Path, *, chromium_footer: bool = True) -> None:
    """Print the open page to an A4 PDF: tagged, with an outline of its headings. A sheet gets
    Chromium's footer; the booklet has its own (CSS, in its language's words)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True,
             display_header_footer=chromium_footer, header_template="<span></span>",
             footer_template=FOOTER, tagged=True, outline=True)


def letters(text: str) -> str:
    """A heading's text without its permalink sign and without spaces: an outline entry may
    lose the space where its heading broke across lines."""
    return "".join(text.replace("\u00b6", "").split())


def outline_pages(path: Path) -> list[tuple[str, int]]:
    """(title, page number) of every heading in the PDF's outline, in the document's order."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        numbers = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            def walk(items) -> None:
                for item in items:
                    destination = item.destination
                    if isinstance(destination, pikepdf.Array) and len(destination):
                        found.append((letters(str(item.title)), numbers[destination[0].objgen]))
                    walk(item.children)

            walk(outline.root)
    return found


# Every entry of the booklet's contents: its anchor and the text of the heading it points at.
CONTENTS_ENTRIES = """() => {
    const anchors = [...new Set([...document.querySelectorAll("[data-hb-page]")]
        .map(slot => slot.dataset.hbPage))];
    const heading = anchor => {
        const target = document.getElementById(anchor);
        return target.matches("h1, h2, h3, h4, h5, h6") ? target
            : target.querySelector("h1, h2, h3, h4, h5, h6");
    };
    return anchors.map(anchor => [anchor, heading(anchor)])
        .sort((a, b) => a[1].compareDocumentPosition(b[1]) & Node.DOCUMENT_POSITION_FOLLOWING
            ? -1 : 1)
        .map(([anchor, h]) => [anchor, h.textContent]);
}"""

FILL_PAGES = """(pages) => {
    for (const slot of document.querySelectorAll("[data-hb-page]")) {
        slot.textContent = pages[slot.dataset.hbPage];
    }
}"""


def heading_pages(entries: list[tuple[str, str]], outline: list[tuple[str, int]],
                  pdf: Path) -> dict[str, int]:
    """The page each entry's heading landed on: the outline's headings, in order, matched to
    the entries, in order, by their text."""
    pages, position = {}, 0
    for anchor, title in entries:
        title = letters(title)
        while position < len(outline) and outline[position][0] != title:
            position += 1
        if position == len(outline):
            raise RuntimeError(f"{pdf}: the heading {title!r} is not in the PDF's outline")
        pages[anchor] = outline[position][1]
        position += 1
    return pages


def print_booklet(page, target: Path) -> None:
    """Print the booklet with the page numbers in its contents: print once, read where each
    heading landed (the PDF's outline), fill in the numbers, print again; until they hold
    (the numbers take room set aside for them, so the second print is the last)."""
    entries = [(anchor, title) for anchor, title in page.evaluate(CONTENTS_ENTRIES)]
    filled: dict[str, int] = {}
    for _ in range(3):
        print_pdf(page, target, chromium_footer=False)
        pages = heading_pages(entries, outline_pages(target), target)
        if pages == filled:
            return
        page.evaluate(FILL_PAGES, pages)
        filled = pages
    raise RuntimeError(f"{target}: the page numbers in the contents do not settle")


def print_pdfs(site_dir: Path, base_url: str) -> int:
    """Print every document of every language in site_dir to its PDF."""
    from playwright.sync_api import sync_playwright

    written = 0
    with serving(site_dir) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        for language in LANGUAGES:
            for document in documents(language.code):
                page.goto(f"{server}/{language.code}/{document.address}")
                # The sheet names its public address, not this local server's.
                # Without --base-url: the address the build knows (site_url), else the path.
                page.evaluate("""([base, path]) => {
                    for (const slot of document.querySelectorAll("[data-hb-url]")) {
                        slot.textContent = base ? base + path : slot.dataset.hbUrl || path;
                    }
                }""", [base_url, f"{language.code}/{document.address}"])
                page.evaluate("document.fonts.ready")
                target = site_dir / language.code / document.pdf
                if document.booklet:
                    print_booklet(page, target)
                else:
                    print_pdf(page, target)
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
