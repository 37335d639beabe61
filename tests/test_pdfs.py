"""Every PDF `handbook.py pdf` writes (checklists, the whole handbook, and whatever else it
prints; every language) is accessible as public bodies must publish it: tagged, with a
structure tree and Marked true; /Lang its language; an outline from its headings; a Title that
names the document and a Creator that names the handbook; its text in the page's reading
order; nothing on a page neither tagged nor an artifact. Read with pikepdf and poppler, and
checked with the PDF/UA checker `pdfua` (the machine-checkable part of PDF/UA-1)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from conftest import CONTENT, LANGS, SITE_URL

from macros.addresses import booklet_pdf as handbook_pdf
from macros.addresses import checklist_pdf
from macros.content.checklists import checklists
from macros.content.load import load_handbook
from macros.content.rename import rename
from macros.site.pdf import documents, keep_old_pdf_names, old_pdf_names, print_document
from macros.site.server import serving

HANDBOOK = load_handbook()
CASES = [(lang, document) for lang in LANGS for document in documents(lang)]
IDS = [f"{lang}-{Path(document.pdf).stem}" for lang, document in CASES]


def words(text: str) -> str:
    return " ".join(text.split())


class _Headings(HTMLParser):
    """The headings of a built page's article, in order, without Material's permalinks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self._heading = self._permalink = False

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = True
            self.headings.append("")
        elif tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._permalink = True

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = False
            self.headings[-1] = words(self.headings[-1])
        elif tag == "a":
            self._permalink = False

    def handle_data(self, data):
        if self._heading and not self._permalink:
            self.headings[-1] += data


def page_headings(site: Path, lang: str, address: str) -> list[str]:
    parser = _Headings()
    html = (site / lang / address / "index.html").read_text(encoding="utf-8")
    parser.feed(html[html.index("<article"):html.index("</article>")])
    return parser.headings


def outline(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            titles.append(words(item.title))
            walk(item.children)

    with pdf.open_outline() as tree:
        walk(tree.root)
    return titles


def pdf_text(path: Path) -> str:
    """The text in the order the PDF draws it (`pdftotext -raw`: Chromium draws a page in its
    reading order, the order the tags follow), words joined. pdftotext's own layout analysis
    would guess a reading order, and guesses wrong on a two-column exercise sheet."""
    result = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return words(result.stdout)


def in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


@pytest.mark.parametrize(("lang", "document"), CASES, ids=IDS)
def test_pdf_is_tagged_in_its_language_with_title_and_creator(pdf_site, lang, document):
    path = pdf_site / lang / document.pdf
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert len(pdf.Root.StructTreeRoot.K) > 0
        assert str(pdf.Root.Lang) == lang
        name = HANDBOOK.site.title[lang]
        h1 = page_headings(pdf_site, lang, document.address)[0]
        title = str(pdf.docinfo.Title)
        assert name in title and h1 in title, title
        assert str(pdf.docinfo.Creator) == name
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert list(xmp["dc:language"]) == [lang]


@pytest.mark.parametrize(("lang", "document"), CASES, ids=IDS)
def test_outline_is_the_headings_and_text_is_in_reading_order(pdf_site, lang, document):
    path = pdf_site / lang / document.pdf
    headings = page_headings(pdf_site, lang, document.address)
    with pikepdf.open(path) as pdf:
        titles = outline(pdf)
    assert titles and titles[0] == headings[0], titles
    assert in_order(" ".join(headings), titles), (titles, headings)  # each one, in order
    assert in_order(pdf_text(path), titles), titles  # the text is drawn in the same order


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_handbook_has_every_recommendation_in_its_outline(pdf_site, lang):
    with pikepdf.open(pdf_site / lang / handbook_pdf(lang)) as pdf:
        titles = " ".join(outline(pdf))
    assert in_order(titles, [words(rec.title[lang]) for rec in HANDBOOK.recommendations])


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_items_come_in_the_order_of_the_sheet(pdf_site, lang):
    for checklist in checklists(HANDBOOK):
        text = pdf_text(pdf_site / lang / checklist.pdf(lang))
        parts = [words(checklist.title[lang]), *(words(i.text[lang]) for i in checklist.items)]
        assert in_order(text, parts), checklist.id


def untagged_text(path: Path) -> list[int]:
    """Pages (1-based) that show text outside every marked-content sequence."""
    pages = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth = 0
            for _, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                depth += name in ("BDC", "BMC")
                depth -= name == "EMC" and depth > 0
                if name in ("Tj", "TJ", "'", '"') and depth == 0:
                    pages.append(number)
                    break
    return pages


@pytest.mark.parametrize(("lang", "document"), CASES, ids=IDS)
def test_everything_on_a_page_is_tagged_or_an_artifact(pdf_site, lang, document):
    assert untagged_text(pdf_site / lang / document.pdf) == []


def test_pdfua_checker_finds_no_errors(pdf_site):
    """pdfua (PyPI) checks the machine-checkable part of PDF/UA-1: 16 of its 106 rules. It
    warns that the files do not claim PDF/UA conformance (pdfuaid:part): they do not, as
    nothing here checks the rest."""
    pdfs = sorted(str(p) for lang in LANGS for p in (pdf_site / lang / "pdf").glob("*.pdf"))
    result = subprocess.run([sys.executable, "-m", "pdfua", "check",
                             "--min-severity", "error", "--quiet", *pdfs],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_pdfs_name_their_pages_real_address(pdf_site, lang):
    for document in documents(lang):
        text = pdf_text(pdf_site / lang / document.pdf)
        assert f"{SITE_URL}{lang}/{document.address}" in text
        assert "127.0.0.1" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_without_an_address_pdfs_name_their_path(site, browser, tmp_path, lang):
    """Printed from the site built without an address (`site`), as `pdf` prints each
    document: a checklist and a part of the handbook each name their path in the site, and
    never the local server. (The whole `pdf` build is made once per run, with the address.)"""
    sheet = next(document for document in documents(lang) if not document.booklet)
    part = [document for document in documents(lang) if document.booklet][1]
    page = browser.new_page()
    try:
        with serving(site) as server:
            for document in (sheet, part):
                target = tmp_path / Path(document.pdf).name
                print_document(page, server, lang, document, target)
                text = pdf_text(target)
                assert f" {lang}/{document.address}" in text, document
                assert "127.0.0.1" not in text
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["checklist", "recommendation"])
def test_a_renamed_checklist_keeps_its_old_pdf_address(tmp_path, kind):
    """After `rename` gives a checklist (or the recommendation whose checklist it is) a new id,
    the `pdf` build writes the checklist's PDF under its old name too (from the redirect
    `rename` records), in every language: a link to the old PDF in an e-mail or on an intranet
    still opens the sheet."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = load_handbook(content)
    old = (before.meeting_checklists[0] if kind == "checklist" else before.recommendations[-1]).id
    rename(kind, old, f"{old}-ny", content)
    book = load_handbook(content)
    new = f"{old}-ny"
    assert {c.id for c in checklists(book)} == {c.id for c in checklists(before)} - {old} | {new}
    for lang in LANGS:
        language_dir = tmp_path / "site" / lang
        printed = language_dir / checklist_pdf(new, lang)
        printed.parent.mkdir(parents=True)
        printed.write_bytes(f"%PDF {lang} {new}".encode())
        names = old_pdf_names(lang, book)
        assert names[checklist_pdf(old, lang)] == checklist_pdf(new, lang)
        keep_old_pdf_names(language_dir, {checklist_pdf(old, lang): checklist_pdf(new, lang)})
        assert (language_dir / checklist_pdf(old, lang)).read_bytes() == printed.read_bytes()
        assert len(list(printed.parent.iterdir())) == 2, "only the old name is added"


@pytest.mark.parametrize("lang", LANGS)
def test_the_booklets_old_pdf_addresses_still_open_it(pdf_site, lang):
    """The booklet and its parts were velfungerende-ledergruppe[-part]-<lang>.pdf until the
    handbook took its own name: `pdf` writes each under its old name too (the same file), so
    a link to an old address still opens it."""
    old_names = {old: new for old, new in old_pdf_names(lang, HANDBOOK).items()
                 if "velfungerende-ledergruppe" in old}
    booklets = [document.pdf for document in documents(lang) if document.booklet]
    assert sorted(old_names.values()) == sorted(booklets)
    for old, new in old_names.items():
        assert (pdf_site / lang / old).read_bytes() == (pdf_site / lang / new).read_bytes(), old
