"""Choosing parts on the print page (utskrift/), in Chromium, in every language: with
JavaScript a checkbox per part, and the chosen parts alone are shown and printed (Ctrl+P, here
`page.pdf()`), their contents without page numbers (true only for the whole booklet), the
choice kept in the address; without JavaScript the plain links to each part's page, and no
checkboxes. Parts, titles and texts come from content/ (the booklet's own list of parts) and
the language registry."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from browsing import new_context, page_at
from conftest import LANGS
from test_accessibility import WIDTHS, violations
from test_booklet import letters, outline, page_texts
from tour import SCREENS

from macros.addresses import INTRODUCTION, PRINT, part_page
from macros.content.kinds import part_ids
from macros.content.load import load_handbook
from macros.render.booklet import parts

pytestmark = pytest.mark.browser
HANDBOOK = load_handbook()
PRINT_PAGE = PRINT.removesuffix(".md") + "/"
KEY = "deler="  # the choice in the address: #deler=anbefalinger,sjekklister


def label(key: str, lang: str) -> str:
    return HANDBOOK.labels(key, lang)


def two_parts(lang: str) -> list:
    """The two parts the tests choose: the first and the last of the booklet (with today's
    content the recommendations and the checklists, the issue's example)."""
    every = parts(HANDBOOK, lang)
    assert len(every) >= 3, "the booklet needs parts to leave out"
    return [every[0], every[-1]]


def titles_of(locator) -> list[str]:
    return [letters(text) for text in locator.all_inner_texts()]


def choose(page, chosen_ids: list[str]) -> None:
    """Click the checkboxes as a reader would, leaving only `chosen_ids` ticked."""
    for box in page.locator("[data-hb-parts] input[type=checkbox]").all():
        if box.get_attribute("value") not in chosen_ids:
            box.uncheck()


def fill_page_numbers(page) -> dict[str, int]:
    """Page numbers in every slot of the contents, as `pdf` fills them in before it prints the
    whole booklet; numbers that occur nowhere else (7001, 7002, …)."""
    anchors = page.eval_on_selector_all("[data-hb-page]", "slots => slots.map(s => s.dataset.hbPage)")
    numbers = {anchor: 7001 + index for index, anchor in enumerate(dict.fromkeys(anchors))}
    page.evaluate("""numbers => {
        for (const slot of document.querySelectorAll("[data-hb-page]")) {
            slot.textContent = numbers[slot.dataset.hbPage];
        }
    }""", numbers)
    return numbers


def part_titles(lang: str) -> dict[str, str]:
    """The title of everything one can choose, by id: the introduction and each part."""
    return {INTRODUCTION: label("booklet_introduction", lang),
            **{p.id: p.title for p in parts(HANDBOOK, lang)}}


def expect_shown(page, lang: str, ids: list[str]) -> None:
    """On screen: the cover's title, the contents and exactly the headings of the parts `ids`
    (the introduction among them, or not), and their items' titles; in the contents, exactly
    their entries."""
    titles = part_titles(lang)
    shown = [p for p in parts(HANDBOOK, lang) if p.id in ids]
    article = page.locator("article")
    assert titles_of(article.locator("h1:visible")) == [
        letters(t) for t in (HANDBOOK.site.title[lang], label("booklet_contents", lang),
                             *(titles[i] for i in titles if i in ids))]
    assert titles_of(article.locator(".hb-booklet-item h2:visible")) == [
        letters(item.title) for p in shown for item in p.items]
    contents = article.locator("ol.hb-toc:not(.hb-toc--part)")
    assert titles_of(contents.locator(":scope > li:visible > .hb-toc-line a")) == [
        letters(titles[i]) for i in titles if i in ids]
    assert titles_of(contents.locator("li li:visible a")) == [
        letters(item.title) for p in shown for item in p.items]


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_two_parts_leaves_exactly_their_headings_on_screen_and_on_paper(
        page, server, lang, tmp_path):
    page.goto(f"{server}/{lang}/{PRINT_PAGE}")
    picker = page.locator("[data-hb-parts]")
    assert picker.is_visible()
    assert picker.locator("legend").inner_text() == label("booklet_pick_legend", lang)
    boxes = picker.locator("input[type=checkbox]")
    assert [box.get_attribute("value") for box in boxes.all()] == list(part_ids(HANDBOOK))
    assert all(box.is_checked() for box in boxes.all())
    assert titles_of(picker.locator("label")) == [
        letters(part_titles(lang)[i]) for i in part_ids(HANDBOOK)]
    expect_shown(page, lang, list(part_ids(HANDBOOK)))

    chosen = two_parts(lang)
    choose(page, [p.id for p in chosen])
    expect_shown(page, lang, [p.id for p in chosen])
    assert not page.locator(f"#{INTRODUCTION}").is_visible()

    # On paper (what Ctrl+P prints): the cover, the contents and the two parts, nothing else.
    pdf = tmp_path / "choice.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True,
             tagged=True, outline=True)
    entries = outline(pdf)
    assert [title for level, title, _, _ in entries if level == 1] == [
        letters(t) for t in (HANDBOOK.site.title[lang], label("booklet_contents", lang),
                             *(p.title for p in chosen))]
    assert [title for level, title, _, _ in entries if level == 2] == [
        letters(item.title) for p in chosen for item in p.items]
    text = letters("".join(page_texts(pdf)))
    for p in chosen:
        for title in (p.title, *(item.title for item in p.items)):
            assert letters(title) in text, title


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_of_some_parts_show_no_page_numbers_and_say_why(
        page, server, lang, tmp_path):
    page.goto(f"{server}/{lang}/{PRINT_PAGE}")
    numbers = fill_page_numbers(page)
    note = page.locator("[data-hb-parts-partial]")
    # The whole booklet: its numbers are shown, and no note.
    assert page.locator(".hb-toc-page:visible").count() == page.locator(".hb-toc-page").count()
    assert not note.is_visible()

    chosen = two_parts(lang)
    choose(page, [p.id for p in chosen])
    assert page.locator(".hb-toc-page:visible").count() == 0
    assert note.is_visible()
    assert note.inner_text() == label("booklet_pick_partial", lang)

    pdf = tmp_path / "choice.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    pages = page_texts(pdf, crop_footer=True)
    everything = "\n".join(pages)
    assert not [n for n in numbers.values() if str(n) in everything]
    contents = letters(next(text for text in pages
                            if letters(label("booklet_pick_partial", lang)) in letters(text)))
    assert letters(label("booklet_contents", lang)) in contents
    shown = {letters(t) for p in chosen for t in (p.title, *(i.title for i in p.items))}
    for p in chosen:
        for title in (p.title, *(item.title for item in p.items)):
            assert re.search(re.escape(letters(title)) + r"(?!\d{4})", contents), title
    left_out = [letters(t) for p in parts(HANDBOOK, lang) if p not in chosen
                for t in (p.title, *(item.title for item in p.items))]
    left_out.append(letters(label("booklet_introduction", lang)))
    for title in left_out:
        if not any(title in other for other in shown):  # not part of a chosen title
            assert title not in contents, title

    # Every part again: the numbers come back, the note goes.
    for box in page.locator("[data-hb-parts] input[type=checkbox]").all():
        box.check()
    assert page.locator(".hb-toc-page:visible").count() == page.locator(".hb-toc-page").count()
    assert not note.is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_the_address_keeps_the_choice_in_every_language(browser, server, lang):
    with page_at(browser, SCREENS["desktop"], f"{server}/{lang}/{PRINT_PAGE}") as page:
        chosen = two_parts(lang)
        ids = [p.id for p in chosen]
        choose(page, ids)
        assert page.url == f"{server}/{lang}/{PRINT_PAGE}#{KEY}{','.join(ids)}"

        # A jump to a chosen item keeps the choice on screen.
        page.locator(f"ol.hb-toc a[href='#{chosen[-1].items[0].anchor}']").first.click()
        expect_shown(page, lang, ids)

        # The link opens the same choice, in this language and in every other.
        for other in LANGS:
            opened = page.context.new_page()
            opened.goto(f"{server}/{other}/{PRINT_PAGE}#{KEY}{','.join(ids)}")
            ticked = [box.get_attribute("value")
                      for box in opened.locator("[data-hb-parts] input:checked").all()]
            assert ticked == ids, other
            expect_shown(opened, other, ids)
            opened.close()

        # Typed over: an unknown id is left out; every part chosen again clears the address.
        page.goto(f"{server}/{lang}/{PRINT_PAGE}#{KEY}{ids[0]},nonsense")
        expect_shown(page, lang, ids[:1])
        for box in page.locator("[data-hb-parts] input[type=checkbox]").all():
            box.check()
        assert page.url == f"{server}/{lang}/{PRINT_PAGE}"
        expect_shown(page, lang, list(part_ids(HANDBOOK)))


@pytest.mark.parametrize("lang", LANGS)
def test_no_part_chosen_says_so(page, server, lang):
    page.goto(f"{server}/{lang}/{PRINT_PAGE}#{KEY}")
    assert page.locator("[data-hb-parts] input:checked").count() == 0
    none = page.locator("[data-hb-parts-none]")
    assert none.is_visible()
    assert none.inner_text() == label("booklet_pick_none", lang)
    expect_shown(page, lang, [])


@pytest.mark.parametrize("fragment", ["%E0", f"{KEY}%E0", f"{KEY}%"])
def test_an_address_that_is_not_valid_percent_encoding_shows_every_part(page, server, fragment):
    """A link cut short or mistyped (#%E0): the page keeps working, with every part shown."""
    lang = LANGS[0]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{lang}/{PRINT_PAGE}#{fragment}")
    assert not errors, errors
    assert page.locator("[data-hb-parts]").is_visible()
    expect_shown(page, lang, list(part_titles(lang)))
    page.evaluate("location.hash = 'x%E0'")
    page.wait_for_timeout(100)
    assert not errors, errors


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_links_are_there_and_the_checkboxes_are_not(
        browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/{lang}/{PRINT_PAGE}#{KEY}{two_parts(lang)[0].id}")
        assert not page.locator("[data-hb-parts]").is_visible()
        assert page.locator("input[name=deler]:visible").count() == 0
        choice = page.locator(".hb-booklet-choice")
        assert choice.is_visible()
        links = {urljoin(page.url, link.get_attribute("href")): link
                 for link in choice.locator("a:visible").all()}
        for part in part_ids(HANDBOOK):
            address = f"{server}/{lang}/{part_page(part).removesuffix('.md')}/"
            assert address in links, part
        links[address].click()  # the last part's own page: that part alone
        page.wait_for_url(address)
        last = parts(HANDBOOK, lang)[-1]
        assert last.id == part
        assert titles_of(page.locator("article h1:visible")) == [letters(last.title)]
        page.go_back()
        # The page itself is the whole booklet: no part is hidden without the script.
        expect_shown(page, lang, list(part_ids(HANDBOOK)))
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_the_print_page_with_its_choice_has_no_wcag_violations(browser, server, lang, width):
    context = new_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        # With every part chosen (as it opens), test_accessibility.py checks it with the
        # other pages; here the states a choice makes.
        page.goto(f"{server}/{lang}/{PRINT_PAGE}")
        assert page.locator("[data-hb-parts]").is_visible()
        choose(page, [p.id for p in two_parts(lang)])
        assert page.locator("[data-hb-parts-partial]").is_visible()
        assert not violations(page)
        choose(page, [])
        assert page.locator("[data-hb-parts-none]").is_visible()
        assert not violations(page)
    finally:
        context.close()
