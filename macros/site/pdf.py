"""`handbook.py pdf`: build the site with links to its PDFs, then print every checklist, the
whole handbook (a booklet, with the page numbers in its contents) and each of its parts, in
each language, to accessible A4 PDFs in site/<lang>/pdf/ with headless
Chromium (Debian's, driven by Playwright). Used by handbook.py; not run on its own.

Every PDF goes through `print_pdf`: tagged (a structure tree in reading order, Marked true),
an outline from the page's headings, /Lang, a Title that names the document and a Creator
that names the handbook, as the Norwegian and Danish rules for public bodies' documents
(WCAG, PDF/UA) ask."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf

from macros.addresses import (
    INTRODUCTION,
    OLD_BOOKLET_NAME,
    PRINT,
    booklet_pdf,
    checklist_of,
    checklist_pdf,
    page_url,
    part_page,
)
from macros.build_context import BuildContext
from macros.content.checklists import checklists
from macros.content.kinds import part_ids
from macros.content.load import load_handbook
from macros.languages import PUBLISHED
from macros.messages import message
from macros.project import CONTENT_DIR
from macros.render.booklet import parts
from macros.site.build import build_site
from macros.site.chromium import launch
from macros.site.server import serving
from macros.site.site_url import site_path

# At the foot of every PDF page: the document's title and the page number, so that sheets
# that come apart can be put back together.
FOOTER = ('<div style="width:100%; margin:0 16mm; font:7pt \'DejaVu Sans\', sans-serif;'
          ' display:flex; justify-content:space-between"><span class="title"></span>'
          '<span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>')


def print_pdf(page, target: Path, *, title: str, lang: str, creator: str,
              footer: str | None = FOOTER) -> None:
    """Print the page open in `page` (Playwright) to an accessible A4 PDF at `target`.

    Chromium tags it (a structure tree in the page's reading order, Marked true), makes the
    outline from the page's headings and takes /Lang from <html lang>. pikepdf then sets what
    Chromium cannot: the Title `title` (naming the document), the Creator `creator` (naming
    the handbook, not Chromium's user agent), /Lang `lang` for certain, the same in the XMP
    metadata; it marks the footer (page numbers; Chromium leaves it untagged) as an artifact,
    so that everything on a page is either tagged content or an artifact, and puts back the
    spaces Chromium drops from outline entries."""
    target.parent.mkdir(parents=True, exist_ok=True)
    headings = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", """headings =>
        headings.map(heading => {
            const copy = heading.cloneNode(true);
            copy.querySelectorAll(".headerlink").forEach(link => link.remove());
            return copy.textContent.replace(/\\s+/g, " ").trim();
        })""")
    page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True,
             tagged=True, outline=True, display_header_footer=footer is not None,
             header_template="<span></span>", footer_template=footer or "<span></span>")
    with pikepdf.open(target, allow_overwriting_input=True) as pdf:
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:  # updates /Info too
            xmp.load_from_docinfo(pdf.docinfo)  # Chromium's Producer and dates
            xmp["dc:title"] = title
            xmp["dc:language"] = [lang]
            xmp["xmp:CreatorTool"] = creator
        for pdf_page in pdf.pages:
            mark_untagged_as_artifacts(pdf, pdf_page)
        space_outline_titles(pdf, headings)
        pdf.save(target)


def space_outline_titles(pdf: pikepdf.Pdf, headings: list[str]) -> None:
    """Chromium drops the space where a heading wraps ("tør åvære"); give each outline entry
    its heading's text as the page has it."""
    by_letters = {"".join(heading.split()): heading for heading in headings}

    def fix(items) -> None:
        for item in items:
            item.title = by_letters.get("".join(item.title.split()), item.title)
            fix(item.children)

    with pdf.open_outline() as outline:
        fix(outline.root)


# Content stream operators: those that start something painted, and those that end it.
_STARTS = {"BT", "Do", "sh", "INLINE IMAGE", "m", "re"}
_ENDS = {"ET", "Do", "sh", "INLINE IMAGE", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}


def mark_untagged_as_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Wrap everything painted outside a marked-content sequence (Chromium's header and
    footer, page backgrounds) in /Artifact BMC … EMC: decoration, not content, for a reader."""
    out, depth, artifact, changed = [], 0, False, False
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if depth == 0 and not artifact and name in _STARTS:
            out.append(([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
            artifact = changed = True
        out.append((operands, operator))
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth = max(depth - 1, 0)
        elif artifact and depth == 0 and name in _ENDS:
            out.append(([], pikepdf.Operator("EMC")))
            artifact = False
    if changed:
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


@dataclass(frozen=True)
class Document:
    address: str  # the page printed, below site/<lang>/
    pdf: str  # the PDF written, below site/<lang>/
    title: str  # the PDF's Title
    booklet: bool = False  # the printed handbook or a part of it: page numbers in its contents


def documents(lang: str, content_dir: Path = CONTENT_DIR) -> list[Document]:
    """Every document printed to PDF in one language: each checklist, the whole handbook, and
    each of its parts."""
    handbook = load_handbook(content_dir)
    name = handbook.site.title[lang]
    titles = {part.id: part.title for part in parts(handbook, lang)}
    titles[INTRODUCTION] = handbook.labels("booklet_introduction", lang)
    return [Document(page_url(c.page), c.pdf(lang), f"{c.title[lang]} – {name}")
            for c in checklists(handbook)] + [
        Document(page_url(PRINT), booklet_pdf(lang), name, booklet=True)] + [
        Document(page_url(part_page(part)), booklet_pdf(lang, part),
                 f"{titles[part]} – {name}", booklet=True)
        for part in part_ids(handbook)]


def letters(text: str) -> str:
    """A heading's text without its permalink sign and without spaces: an outline entry may
    lose the space where its heading broke across lines."""
    return "".join(text.replace("\u00b6", "").split())


def outline_pages(path: Path) -> list[tuple[str, int]]:
    """(title, page number) of every heading in the PDF's outline, in the document's order."""
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


def print_booklet(page, target: Path, **metadata) -> None:
    """Print the booklet with the page numbers in its contents: print once, read where each
    heading landed (the PDF's outline), fill in the numbers, print again; until they hold
    (the numbers take room set aside for them, so the second print is the last). The booklet
    has its own running footer (CSS, in its language's words), not Chromium's."""
    entries = [(anchor, title) for anchor, title in page.evaluate(CONTENTS_ENTRIES)]
    filled: dict[str, int] = {}
    for _ in range(3):
        print_pdf(page, target, footer=None, **metadata)
        pages = heading_pages(entries, outline_pages(target), target)
        if pages == filled:
            return
        page.evaluate(FILL_PAGES, pages)
        filled = pages
    raise RuntimeError(f"{target}: the page numbers in the contents do not settle")


def print_pdfs(site_dir: Path, context: BuildContext) -> int:
    """Print every document of every language in site_dir to its PDF. The site is served under
    its public path, as it will be published."""
    from playwright.sync_api import sync_playwright

    with serving(site_dir, site_path(context.site_url)) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        # No service worker: a printed page needs none, and on the first visit it would store
        # the whole handbook while the pages print.
        page = browser.new_page(service_workers="block")
        for language in PUBLISHED:
            for document in documents(language.code, context.content_dir):
                print_document(page, server, language.code, document,
                               site_dir / language.code / document.pdf, context.content_dir)
        browser.close()
    return 0


def old_pdf_names(lang: str, handbook) -> dict[str, str]:
    """Each old name of a PDF -> its name now, below the language's root: a checklist to which
    `rename` gave a new id (content/redirects.yml: its old page -> its new page), and the
    booklet and its parts, named velfungerende-ledergruppe[-part]-<lang>.pdf until the handbook
    took its own name."""
    names = {}
    for old_page, new_page in handbook.redirects.items():
        old, new = checklist_of(old_page), checklist_of(new_page)
        if old and new:
            names[checklist_pdf(old, lang)] = checklist_pdf(new, lang)
    for part in (None, *part_ids(handbook)):
        names[booklet_pdf(lang, part, OLD_BOOKLET_NAME)] = booklet_pdf(lang, part)
    return names


def keep_old_pdf_names(language_dir: Path, names: dict[str, str]) -> None:
    """Write each PDF under its old names too (old_pdf_names), so that a link to the old PDF
    (in an e-mail, a bookmark, an intranet) still opens it, as an old page still leads to the
    new one: a hard link (no second copy on disk), else a copy. A PDF address can carry no
    redirect on a static host."""
    for old, new in names.items():
        target = language_dir / old
        target.unlink(missing_ok=True)
        try:
            os.link(language_dir / new, target)
        except OSError:
            shutil.copyfile(language_dir / new, target)


def print_document(page, server: str, lang: str, document: Document, target: Path,
                   content_dir: Path = CONTENT_DIR) -> None:
    """Print one document of the site served at `server` (in Playwright's `page`) to
    `target`."""
    page.goto(f"{server}/{lang}/{document.address}")
    # The sheet names its public address (the build wrote it when it knows the site's
    # address), else its path in the site; never this local server's.
    page.evaluate("""([path, server]) => {
        for (const slot of document.querySelectorAll("[data-hb-url]")) {
            slot.textContent = slot.dataset.hbUrl || path;
        }
        for (const slot of document.querySelectorAll("[data-hb-link]")) {
            slot.textContent = slot.textContent.replace(server + "/", "");
        }
    }""", [f"{lang}/{document.address}", server])
    page.evaluate("document.fonts.ready")
    metadata = {"title": document.title, "lang": lang,
                "creator": load_handbook(content_dir).site.title[lang]}
    if document.booklet:
        print_booklet(page, target, **metadata)
    else:
        print_pdf(page, target, **metadata)


def build_with_pdfs(site_dir: Path, context: BuildContext) -> int:
    """`build` with links to the PDFs (context.pdfs), then the PDFs."""
    if not context.site_url:
        print(message("site_url.none_for_pdfs"), file=sys.stderr)
    status = build_site(site_dir, replace(context, pdfs=True),
                        finish=lambda staging: print_pdfs(staging, context))
    if not status:  # where they are now, not the folder they were printed into
        folders = [site_dir / language.code / "pdf" for language in PUBLISHED]
        count = sum(len(list(folder.glob("*.pdf"))) for folder in folders)
        # The old names only now, after the service worker's list: nothing links to them, so
        # a reader who asks for the PDFs offline does not store each twice.
        handbook = load_handbook(context.content_dir)
        for language in PUBLISHED:
            keep_old_pdf_names(site_dir / language.code, old_pdf_names(language.code, handbook))
        print(message("pdf.wrote", count=count,
                      folders=", ".join(f"{shown(folder)}/" for folder in folders)))
    return status


def shown(path: Path) -> str:
    """A path as a person typed it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
