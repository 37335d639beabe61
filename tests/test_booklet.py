"""The printed handbook as a reader gets it from `handbook.py pdf`: a booklet per language with a
cover, contents whose page numbers are true, the introduction and every part of the handbook;
one PDF per part; and the print page's links to print one part alone. What the booklet must hold
comes from content/ (through the booklet's own list of parts) and the language registry."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from conftest import CONTENT

from macros.addresses import INTRODUCTION, PRINT, booklet_pdf, part_page
from macros.content.checklists import checklists
from macros.content.edition import edition_date
from macros.content.kinds import part_ids
from macros.content.load import load_handbook
from macros.languages import CODES
from macros.render.booklet import parts
from macros.site.html import read_page, resolve

HANDBOOK = load_handbook()
A4_HEIGHT = 842  # points
FOOTER_ZONE = 46  # points at the foot of a page: the running footer (16 mm margin)
TOP_MARGIN = 40  # points (14 mm)


def letters(text: str) -> str:
    """Text without spaces (and the permalink sign): a PDF's text and its outline keep the
    words but not always the spaces where a line broke."""
    return "".join(text.replace("\u00b6", "").split())


def label(key: str, lang: str) -> str:
    return HANDBOOK.labels(key, lang)


def page_texts(path, crop_footer: bool = False) -> list[str]:
    """The text of every page (without the running footer, if asked)."""
    crop = ["-x", "0", "-y", "0", "-W", "700", "-H", str(A4_HEIGHT - FOOTER_ZONE)]
    result = subprocess.run(["pdftotext", "-raw", *(crop if crop_footer else []), str(path), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[:-1]


def outline(path) -> list[tuple[int, str, int, float]]:
    """(level, title, page, top of the heading in points from the page's top) for every entry
    of the PDF's outline, in order."""
    entries = []
    with pikepdf.open(path) as pdf:
        numbers = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as tree:
            def walk(items, level):
                for item in items:
                    destination = item.destination
                    entries.append((level, letters(str(item.title)),
                                    numbers[destination[0].objgen],
                                    A4_HEIGHT - float(destination[3])))
                    walk(item.children, level + 1)

            walk(tree.root, 1)
    return entries


def ink_rows(path) -> list[list[bool]]:
    """Per page, per point from the top: whether the row has any ink (72 dpi, greyscale)."""
    result = subprocess.run(["pdftoppm", "-r", "72", "-gray", str(path)], capture_output=True,
                            check=True)
    data, pages = result.stdout, []
    while data:
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        width, height = int(header.group(1)), int(header.group(2))
        pixels = data[header.end(): header.end() + width * height]
        pages.append([min(pixels[row * width: (row + 1) * width]) < 160
                      for row in range(height)])
        data = data[header.end() + width * height:]
    return pages


def lowest_ink(rows: list[bool]) -> int:
    """The lowest inked row above the footer zone, in points from the top (0: none)."""
    body = rows[: A4_HEIGHT - FOOTER_ZONE]
    return max((y for y, inked in enumerate(body) if inked), default=0)


def documents(lang: str) -> list[tuple[str | None, str]]:
    """(part, PDF path below site/<lang>/): the whole booklet, then every part alone."""
    return [(None, booklet_pdf(lang))] + [(part, booklet_pdf(lang, part))
                                          for part in part_ids(HANDBOOK)]


def expected_parts(lang: str, part: str | None = None):
    return [p for p in parts(HANDBOOK, lang) if part in (None, p.id)]


CASES = [(lang, part, pdf) for lang in CODES for part, pdf in documents(lang)]
IDS = [f"{lang}-{part or 'booklet'}" for lang, part, _ in CASES]


@pytest.mark.parametrize("lang", CODES)
def test_booklet_holds_cover_contents_introduction_and_every_part_in_order(pdf_site, lang):
    entries = outline(pdf_site / lang / booklet_pdf(lang))
    top = [title for level, title, _, _ in entries if level == 1]
    every = expected_parts(lang)
    assert top == [letters(t) for t in (HANDBOOK.site.title[lang], label("booklet_contents", lang),
                                        label("booklet_introduction", lang),
                                        *(p.title for p in every))]
    for part in every:
        start = next(i for i, e in enumerate(entries) if e[0] == 1 and e[1] == letters(part.title))
        children = []
        for level, title, _, _ in entries[start + 1:]:
            if level == 1:
                break
            if level == 2:
                children.append(title)
        assert children == [letters(item.title) for item in part.items], part.id
    # Every exercise, checklist, reflection and recommendation of content/ is in it.
    titles = {title for _, title, _, _ in entries}
    for exercise in HANDBOOK.exercises:
        assert letters(exercise.title[lang]) in titles
    for checklist in checklists(HANDBOOK):
        assert letters(checklist.title[lang]) in titles


@pytest.mark.parametrize("lang", CODES)
def test_cover_names_title_language_edition_and_source_and_has_no_footer(pdf_site, lang):
    path = pdf_site / lang / booklet_pdf(lang)
    pages = page_texts(path)
    cover = letters(pages[0])
    edition = edition_date(CONTENT)
    for text in (HANDBOOK.site.title[lang], HANDBOOK.site.tagline[lang],
                 label("language_name", lang),
                 label("booklet_edition", lang).format(
                     date=f"{edition.day}.{edition.month}.{edition.year}"),
                 re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", HANDBOOK.site.source[lang].split("\n\n")[0]),
                 HANDBOOK.site.independence[lang].split("{")[0]):
        assert letters(text).casefold() in cover.casefold(), text
    total = len(pages)
    assert letters(label("booklet_page_of", lang).format(page=1, pages=total)) not in cover
    for number, text in enumerate(pages[1:], 2):
        footer = label("booklet_page_of", lang).format(page=number, pages=total)
        assert letters(footer) in letters(text), number
        assert letters(HANDBOOK.site.title[lang]) in letters(text), number


def contents_numbers(text: str, titles: list[str]) -> list[int]:
    """The page number after each title in a contents list, in order (the number ends where
    the next title begins: "Anbefalingene" "4" "1. Toppledelsen")."""
    numbers, position = [], 0
    for title, following in zip(titles, [*titles[1:], None], strict=True):
        then = rf"(?={re.escape(letters(following))})" if following else r"(?!\d)"
        match = re.compile(re.escape(letters(title)) + r"(\d+?)" + then).search(text, position)
        assert match, f"{title!r} with a page number is not in the contents"
        numbers.append(int(match.group(1)))
        position = match.end()
    return numbers


@pytest.mark.parametrize(("lang", "part", "pdf"), CASES, ids=IDS)
def test_every_page_number_in_the_contents_is_the_page_its_heading_is_on(
        pdf_site, lang, part, pdf):
    path = pdf_site / lang / pdf
    pages = [letters(text) for text in page_texts(path, crop_footer=True)]
    entries = outline(path)
    heading_page = {}
    for _, title, page, _ in entries:
        heading_page.setdefault(title, page)
    checked = 0
    lists = []  # (the text the list is on, its titles)
    if part is None:
        contents_page = heading_page[letters(label("booklet_contents", lang))]
        first_after = heading_page[letters(label("booklet_introduction", lang))]
        contents = "".join(pages[contents_page - 1: first_after - 1])
        titles = [label("booklet_introduction", lang)]
        for p in expected_parts(lang):
            titles += [p.title, *(item.title for item in p.items)]
        lists.append((contents, titles))
    for p in expected_parts(lang, part):
        if len(p.items) > 1:  # its divider page lists its items
            lists.append((pages[heading_page[letters(p.title)] - 1],
                          [item.title for item in p.items]))
    for text, titles in lists:
        for title, number in zip(titles, contents_numbers(text, titles), strict=True):
            assert number == heading_page[letters(title)], title
            assert letters(title) in pages[number - 1], (title, number)
            checked += 1
    expected_lists = sum(len(p.items) > 1 for p in expected_parts(lang, part)) + (part is None)
    assert len(lists) == expected_lists
    if lists:
        assert checked >= len(expected_parts(lang, part))


@pytest.mark.parametrize(("lang", "part", "pdf"), CASES, ids=IDS)
def test_parts_and_sheets_begin_at_the_top_of_a_page(pdf_site, lang, part, pdf):
    """Each part and each recommendation, exercise, reflection and checklist starts a page."""
    entries = outline(pdf_site / lang / pdf)
    starts = [letters(p.title) for p in expected_parts(lang, part)]
    starts += [letters(item.title) for p in expected_parts(lang, part) if len(p.items) > 1
               for item in p.items]
    first = {}
    for _, title, page, top in entries:
        first.setdefault(title, (page, top))
    for title in starts:
        page, top = first[title]
        assert top < TOP_MARGIN + 45, (title, page, top)


@pytest.mark.parametrize(("lang", "part", "pdf"), CASES, ids=IDS)
def test_no_heading_is_alone_at_the_foot_of_a_page(pdf_site, lang, part, pdf):
    path = pdf_site / lang / pdf
    inked = ink_rows(path)
    for _, title, page, top in outline(path):
        assert lowest_ink(inked[page - 1]) > top + 30, (title, page)


@pytest.mark.parametrize(("lang", "part", "pdf"), CASES, ids=IDS)
def test_no_page_is_two_thirds_empty_except_before_a_new_part(pdf_site, lang, part, pdf):
    path = pdf_site / lang / pdf
    inked = ink_rows(path)
    entries = outline(path)
    part_titles = {letters(p.title) for p in expected_parts(lang)}
    part_pages = {page for _, title, page, _ in entries if title in part_titles}
    area = A4_HEIGHT - FOOTER_ZONE - TOP_MARGIN
    for number, rows in enumerate(inked[:-1], 1):
        if number == 1 and part is None:
            continue  # the cover
        if number + 1 in part_pages or number in part_pages:
            continue  # the end of a part, or a part's divider page
        filled = (lowest_ink(rows) - TOP_MARGIN) / area
        assert filled > 1 / 3, f"page {number} is only {filled:.0%} full"


def whole_on_one_page(path, texts: list[str]) -> None:
    """Each text is printed whole on a page: as often in the pages one by one as in all of
    them joined (a text cut by a page break is only found in the joined text)."""
    pages = [letters(text) for text in page_texts(path, crop_footer=True)]
    joined = "".join(pages)
    for text in texts:
        wanted = letters(text)
        assert wanted in joined, text
        assert sum(page.count(wanted) for page in pages) == joined.count(wanted), text


@pytest.mark.parametrize("lang", CODES)
def test_checklist_items_questions_and_table_rows_are_not_split(pdf_site, lang):
    texts = [item.text[lang] for c in checklists(HANDBOOK) for item in c.items]
    texts += [q.text[lang] for r in HANDBOOK.reflections
              for q in (*r.leader, *r.top_manager, *r.group)]
    if HANDBOOK.programme:
        texts += [f"{number}. {module.title[lang]}{module.duration_minutes}"
                  for number, module in enumerate(HANDBOOK.programme.modules, 1)]
    whole_on_one_page(pdf_site / lang / booklet_pdf(lang), texts)


@pytest.mark.parametrize(("lang", "part", "pdf"), CASES, ids=IDS)
def test_booklet_uses_the_same_fonts_as_the_other_pdfs(pdf_site, lang, part, pdf):
    result = subprocess.run(["pdffonts", str(pdf_site / lang / pdf)], capture_output=True,
                            text=True, check=True)
    fonts = [line.split()[0] for line in result.stdout.splitlines()[2:]]
    assert fonts
    assert all("DejaVu" in font for font in fonts), fonts


@pytest.mark.parametrize("lang", CODES)
def test_page_count_follows_from_the_content(pdf_site, lang):
    """The booklet is its cover, its contents and every part as printed alone; each part has
    at least a page per sheet (and a divider page when it has several), an exercise exactly one
    page and a checklist no more pages than its own PDF."""
    book = pdf_site / lang / booklet_pdf(lang)
    entries = outline(book)
    total = len(page_texts(book))
    first_page = {}
    for _, title, page, _ in entries:
        first_page.setdefault(title, page)
    contents_pages = (first_page[letters(label("booklet_introduction", lang))]
                      - first_page[letters(label("booklet_contents", lang))])
    alone = {part: len(page_texts(pdf_site / lang / booklet_pdf(lang, part)))
             for part in part_ids(HANDBOOK)}
    assert total == 1 + contents_pages + sum(alone.values())

    every = expected_parts(lang)
    at_least = 1 + 1 + 1 + sum(len(p.items) + (len(p.items) > 1) for p in every)
    assert at_least <= total <= 2 * at_least
    flat = [(p, item) for p in every for item in p.items]
    length = {}
    for i, (p, item) in enumerate(flat):
        end = total + 1
        if i + 1 < len(flat):
            next_part, next_item = flat[i + 1]
            end = first_page[letters(next_item.title)]
            if next_part is not p and len(next_part.items) > 1:
                end -= 1  # the next part's divider page
        length[item.anchor] = end - first_page[letters(item.title)]
    for exercise in HANDBOOK.exercises:
        assert length[f"ovelser-{exercise.id}"] == 1, exercise.id
    for checklist in checklists(HANDBOOK):
        own = len(page_texts(pdf_site / lang / checklist.pdf(lang)))
        assert length[f"sjekklister-{checklist.id}"] <= own, checklist.id
    print(f"{lang}: {total} pages")


@pytest.mark.parametrize("lang", CODES)
def test_print_page_links_every_part_to_print_alone_without_javascript(pdf_site, lang):
    root = pdf_site / lang
    page = root / PRINT.removesuffix(".md") / "index.html"
    info = read_page(page)
    targets = {resolve(pdf_site, page, url)[0] for tag, url, _ in info.links
               if tag == "a" and resolve(pdf_site, page, url)}
    for part in part_ids(HANDBOOK):
        part_html = root / part_page(part).removesuffix(".md") / "index.html"
        assert part_html.resolve() in targets, part
        assert (root / booklet_pdf(lang, part)).resolve() in targets, part
        # The part's page holds that part and no other.
        ids = read_page(part_html).ids
        for other in expected_parts(lang):
            assert (other.id in ids) == (other.id == part), (part, other.id)
    assert (root / booklet_pdf(lang)).resolve() in targets
    assert INTRODUCTION in part_ids(HANDBOOK)
