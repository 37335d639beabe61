"""Checklists as a facilitator uses them: on screen, real labelled checkboxes and a Print button
that works from the keyboard; on paper (the PDFs `handbook.py pdf` writes with headless
Chromium), A4 sheets with every item, the sheet's header, and none of the site around it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import LANGS, SITE_URL

from macros.addresses import booklet_pdf, page_html
from macros.content.checklists import ALL_ID, checklists
from macros.content.kinds import part_ids
from macros.content.load import load_handbook
from macros.languages import BY_CODE
from macros.site.html import read_page, resolve
from macros.site.pdf import old_pdf_names, print_pdf

HANDBOOK = load_handbook()
CHECKLISTS = checklists(HANDBOOK)
REC_IDS = {rec.id for rec in HANDBOOK.recommendations}
CASES = [(lang, c) for lang in LANGS for c in CHECKLISTS]
IDS = [f"{lang}-{c.id}" for lang, c in CASES]


def max_pages(checklist) -> int:
    """One A4 sheet each, as ARCHITECTURE.md says; the checklist of every factor on two."""
    return 2 if checklist.id == ALL_ID else 1


def address(checklist) -> str:
    return checklist.page.removesuffix(".md") + "/"


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info.stdout), info.stdout
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return words(result.stdout)


def site_chrome(lang: str, checklist) -> list[str]:
    """Texts that only the site around the sheet shows: navigation, search, buttons, and the
    titles of the other checklists (as the navigation lists them)."""
    label = HANDBOOK.labels.for_language(lang)
    texts = [label[key] for key in ("nav_home", "nav_recommendations", "nav_checklists",
                                    "nav_print", "checklists_title", "print_button",
                                    "pdf_download")]
    texts += [c.title[lang] for c in CHECKLISTS if c.id != checklist.id]
    return texts + [material_string(lang, "search.placeholder")]


def material_string(lang: str, key: str) -> str:
    """An interface string from Material's translation for the language's theme."""
    import material

    path = (Path(material.__file__).parent / "templates" / "partials" / "languages"
            / f"{BY_CODE[lang].theme}.html")
    return re.search(rf'"{re.escape(key)}": "([^"]*)"', path.read_text("utf-8")).group(1)


@pytest.mark.parametrize(("lang", "checklist"), CASES, ids=IDS)
def test_pdf_is_a4_with_every_item_and_the_sheet_header(pdf_site, lang, checklist):
    path = pdf_site / lang / checklist.pdf(lang)
    assert pdf_pages(path) <= max_pages(checklist)
    text = pdf_text(path)
    for item in checklist.items:
        assert words(item.text[lang]) in text, item.id
    assert words(checklist.title[lang]) in text
    assert HANDBOOK.site.title[lang] in text
    assert HANDBOOK.labels("language_name", lang) in text
    assert f"{SITE_URL}{lang}/{address(checklist)}" in text
    for key in ("checklist_group", "checklist_date", "checklist_status_in_place",
                "checklist_status_partly", "checklist_status_not_yet", "checklist_note"):
        assert HANDBOOK.labels(key, lang) in text, key


def test_recommendation_checklists_fill_one_page_and_the_combined_two(pdf_site):
    for lang in LANGS:
        for checklist in CHECKLISTS:
            pages = pdf_pages(pdf_site / lang / checklist.pdf(lang))
            assert pages == max_pages(checklist), checklist.id
        assert len(next(c for c in CHECKLISTS if c.id == ALL_ID).items) == len(HANDBOOK.factors)


@pytest.mark.parametrize(("lang", "checklist"), CASES, ids=IDS)
def test_pdf_holds_none_of_the_site_around_the_sheet(pdf_site, lang, checklist):
    text = pdf_text(pdf_site / lang / checklist.pdf(lang))
    for chrome in site_chrome(lang, checklist):
        assert not re.search(rf"(?<!\w){re.escape(words(chrome))}(?!\w)", text), chrome


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_command_writes_the_whole_handbook_and_pages_link_their_pdfs(pdf_site, lang):
    book = pdf_site / lang / booklet_pdf(lang)
    text = pdf_text(book)
    for rec in HANDBOOK.recommendations:
        assert words(rec.title[lang]) in text
        for factor in rec.factors:
            assert words(factor.text[lang]) in text
    assert HANDBOOK.labels("nav_home", lang) not in text.split()
    expected = {pdf_site / lang / c.pdf(lang) for c in CHECKLISTS} | {book} | {
        pdf_site / lang / booklet_pdf(lang, part) for part in part_ids(HANDBOOK)}
    old_names = {pdf_site / lang / old for old in old_pdf_names(lang, HANDBOOK)}  # test_pdfs
    assert {p for p in (pdf_site / lang / "pdf").iterdir()} == expected | old_names
    for rec in HANDBOOK.recommendations:
        page = pdf_site / lang / page_html(rec.page)
        links = {resolve(pdf_site, page, url)[0] for tag, url, _ in read_page(page).links
                 if tag == "a" and url.endswith(".pdf")}
        mine = next(item for item in CHECKLISTS if item.id == rec.id)
        assert links == {(pdf_site / lang / mine.pdf(lang)).resolve()}


@pytest.mark.parametrize("lang", LANGS)
def test_plain_build_links_no_pdfs_but_every_recommendation_its_checklist(site, lang):
    for rec in HANDBOOK.recommendations:
        page = site / lang / "anbefalinger" / rec.id / "index.html"
        info = read_page(page)
        assert "sjekkliste" in info.ids
        hrefs = [url for tag, url, _ in info.links if tag == "a"]
        assert not [url for url in hrefs if url.endswith(".pdf")]
        targets = {resolve(site, page, url)[0] for url in hrefs if resolve(site, page, url)}
        assert (site / lang / "sjekklister" / rec.id / "index.html").resolve() in targets
    assert not (site / lang / "pdf").exists()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_prints_on_the_pages_the_readme_promises(page, server, lang, tmp_path):
    """Printed as `pdf` prints it (print_pdf: A4, its margins and footer), from the plain
    build: each sheet on one A4 page, the checklist of every factor on two."""
    printed = {}
    for checklist in CHECKLISTS:
        page.goto(f"{server}/{lang}/{address(checklist)}")
        page.emulate_media(media="print")
        target = tmp_path / f"{checklist.id}.pdf"
        print_pdf(page, target, title=checklist.title[lang], lang=lang, creator="test")
        printed[checklist.id] = pdf_pages(target)
    assert printed == {c.id: max_pages(c) for c in CHECKLISTS}


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "checklist"), CASES, ids=IDS)
def test_checkboxes_are_real_labelled_controls(page, server, lang, checklist):
    page.goto(f"{server}/{lang}/{address(checklist)}")
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == len(checklist.items)
    for item in checklist.items:
        box = page.get_by_role("checkbox", name=item.text[lang], exact=True)
        assert box.count() == 1, item.id
        box.check()
        assert box.is_checked()
    for key in ("checklist_group", "checklist_date"):
        field = page.get_by_role("textbox", name=HANDBOOK.labels(key, lang), exact=True)
        field.fill("Test")
        assert field.input_value() == "Test"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_print_button_prints_from_the_keyboard(page, server, lang):
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    page.goto(f"{server}/{lang}/{address(CHECKLISTS[0])}")
    button = page.get_by_role("button", name=HANDBOOK.labels("print_button", lang), exact=True)
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    # The sheet names the address it was opened from.
    assert page.locator("[data-hb-url]").text_content() == page.url


@pytest.mark.parametrize("lang", LANGS)
def test_every_checklist_page_is_titled_and_headed_by_its_checklist(site, lang):
    for checklist in CHECKLISTS:
        info = read_page(site / lang / address(checklist) / "index.html")
        assert info.h1.replace("¶", "").strip() == checklist.title[lang]
        assert info.title.startswith(checklist.title[lang]), info.title
