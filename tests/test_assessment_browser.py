"""The self-assessment and the group view in headless Chromium, as members and a facilitator use
them: answers survive a reload and a change of language, the summary's numbers are right, a file
round-trips, codes combine, bad input is refused without loss, nothing leaves the browser, and
all of it works by keyboard."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from assessment_helpers import (
    EDITION,
    FACTORS,
    HANDBOOK,
    INDENTED_LINES,
    PHONE,
    STORAGE_KEY,
    answer,
    answer_code,
    checked,
    digits_with,
    other_edition,
    phone_problems,
)
from tour import SCREENS
from tour import wcag_violations as violations

from macros.addresses import ANCHORS, page_url
from macros.languages import PUBLISHED_CODES as LANGS
from macros.languages import SOURCE

SRC = SOURCE.code

pytestmark = pytest.mark.browser

REC1, REC2, REC3 = (rec.factors for rec in HANDBOOK.recommendations[:3])
ANSWERS = {REC1[0].id: 2, REC1[1].id: 3, REC1[2].id: 5,  # mean 10/3 -> 3,3
           REC2[0].id: 4, REC2[2].id: 4,                 # mean 4 -> 4,0 (2 of 3)
           REC3[0].id: 1, REC3[1].id: 2, REC3[2].id: 2}  # mean 5/3 -> 1,7


class Requests:
    """Every request the page makes, to tell whether anything left the site."""

    def __init__(self, page, server):
        self.server = server
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def outside(self) -> list[str]:
        own = (self.server + "/", "blob:" + self.server)
        return [u for u in self.urls if not u.startswith(own)]


def open_page(page, server, path):
    requests = Requests(page, server)
    page.goto(f"{server}{path}")
    page.wait_for_load_state("networkidle")
    return requests


def summary(page) -> list[tuple[str, str, str]]:
    rows = page.locator("[data-hb=table] tbody tr")
    return [(rows.nth(i).get_attribute("data-recommendation"),
             rows.nth(i).locator(".hb-score").inner_text(),
             rows.nth(i).locator("td").nth(1).inner_text()) for i in range(rows.count())]


def test_answers_survive_a_reload_and_a_change_of_language(page, server):
    requests = open_page(page, server, f"/{SRC}/egenvurdering/")
    loaded = len(requests.urls)
    answer(page, ANSWERS)
    assert requests.urls[loaded:] == [], "answering made a request"
    page.reload()
    assert checked(page) == ANSWERS
    page.goto(f"{server}/da/egenvurdering/")
    assert checked(page) == ANSWERS
    assert page.locator("[data-hb=progress]").inner_text() == (
        f"Du har svaret på {len(ANSWERS)} af {len(FACTORS)} udsagn.")
    assert requests.outside() == []


def test_the_summary_shows_hand_computed_scores_weakest_first(page, server):
    requests = open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    ids = [rec.id for rec in HANDBOOK.recommendations]
    assert summary(page) == [
        (ids[2], "1,7", "3 av 3"), (ids[0], "3,3", "3 av 3"), (ids[1], "4,0", "2 av 3"),
        *[(rec.id, "Ikke besvart", f"0 av {len(rec.factors)}")
          for rec in HANDBOOK.recommendations[3:]]]
    chart = page.locator("[data-hb=chart] svg")
    assert chart.get_attribute("role") == "img"
    assert chart.locator("title").text_content() == HANDBOOK.labels("sa_chart_label", SRC)
    assert chart.locator("rect").count() == 3
    row = page.locator(f'[data-hb=table] tr[data-recommendation="{ids[2]}"]')
    assert row.locator("td.hb-score").evaluate("td => getComputedStyle(td).textAlign") == "right"
    rec_url = page_url(HANDBOOK.recommendations[2].page)
    for link, anchor in (("hb-exercises", ANCHORS["exercises"]),
                         ("hb-checklist", ANCHORS["checklist"])):
        href = row.locator(f"a.{link}").get_attribute("href")
        assert href == f"../{rec_url}#{anchor}"
        page.goto(f"{server}/{SRC}/egenvurdering/{href}")
        assert page.locator(f"#{href.split('#')[1]}").count() == 1
        page.go_back()
    assert requests.outside() == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_summary_fits_names_each_column_and_breaks_no_word_nor_any_line(
        page, server, lang):
    page.set_viewport_size(SCREENS["phone"])
    page.goto(f"{server}/{lang}/egenvurdering/")
    answer(page, {factor: 3 for factor in FACTORS})
    table = page.locator("[data-hb=table] table")
    assert table.locator("tbody tr").count() == len(HANDBOOK.recommendations)
    assert phone_problems(table) == []
    # Laid out as blocks, it is still a table to a screen reader, and its cells read as their
    # values (the column's name is read from its head, not twice).
    assert table.get_by_role("row").count() == len(HANDBOOK.recommendations) + 1
    mean = table.locator("td.hb-score").first.inner_text()  # every factor answered 3
    assert table.get_by_role("cell", name=mean, exact=True).count() == \
        len(HANDBOOK.recommendations)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert not violations(page)
    page.emulate_media(media="print")  # and printed from the phone: a table again
    assert table.evaluate("table => getComputedStyle(table).display") == "table"
    assert table.evaluate(INDENTED_LINES) == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_group_views_tables_fit_and_name_each_column(page, server, lang):
    page.set_viewport_size(SCREENS["phone"])
    page.goto(f"{server}/{lang}/egenvurdering/gruppe/")
    combine(page, "\n".join(GROUP))
    tables = page.locator("[data-hb=results] table")
    assert tables.count() == len(HANDBOOK.recommendations)
    for table in tables.all():
        assert phone_problems(table) == [], table.locator("caption").inner_text()
    answers = page.locator("[data-hb=results]").get_by_role(  # each statement's count
        "cell", name=str(len(GROUP)), exact=True)
    assert answers.count() == len(FACTORS)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert not violations(page)


def test_export_then_import_restores_the_same_answers(page, server, tmp_path):
    requests = open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    page.locator('input[name="sa-role"][value="top"]').check()
    with page.expect_download() as download:
        page.locator("[data-hb=export]").click()
    saved = tmp_path / "svar.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["answers"] == ANSWERS
    page.locator("[data-hb=reset]").click()
    page.locator("[data-hb=reset-yes]").click()
    assert checked(page) == {}
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    page.locator("[data-hb=import]").set_input_files(str(saved))
    page.locator("[data-hb=import-yes]").click()  # after a look at what changes
    assert checked(page) == ANSWERS
    assert page.locator('input[name="sa-role"][value="top"]').is_checked()
    page.reload()
    assert checked(page) == ANSWERS
    assert requests.outside() == []


def test_reset_asks_first_and_can_be_cancelled(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    page.locator("[data-hb=reset]").click()
    assert page.locator("[data-hb=confirm]").is_visible()
    page.locator("[data-hb=reset-no]").click()
    assert checked(page) == ANSWERS
    assert page.locator("[data-hb=confirm]").is_hidden()


def test_a_bad_file_gives_a_message_and_keeps_the_answers(page, server, tmp_path):
    open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    bad = tmp_path / "feil.json"
    bad.write_text('{"answers": <b>nope</b>}')
    page.locator("[data-hb=import]").set_input_files(str(bad))
    alert = page.locator("[data-hb=tools-alert]")
    alert.wait_for(state="visible")
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text() == HANDBOOK.labels("sa_import_error", SRC)
    assert checked(page) == ANSWERS


def test_corrupt_storage_gives_a_message_and_keeps_what_was_there(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/")
    corrupt = '{"format": "velfungerende-ledergruppe/egenvurdering", "answers": [1, 2'
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, corrupt])
    page.reload()
    alert = page.locator("[data-hb=storage-alert]")
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text() == HANDBOOK.labels("sa_storage_corrupt", SRC)
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == corrupt
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}.uleselig')") == corrupt
    answer(page, {FACTORS[0]: 4})
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}.uleselig')") == corrupt
    assert checked(page) == {FACTORS[0]: 4}


def test_the_answer_code_is_the_documented_code(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    page.locator('input[name="sa-role"][value="middle"]').check()
    digits = "".join(str(ANSWERS.get(f, 0)) for f in FACTORS)
    assert page.locator("[data-hb=code]").input_value() == answer_code(digits, "M")


GROUP = [answer_code(digits_with({0: a, 4: b, 7: c}), role)
         for a, b, c, role in ((2, 1, 5, "T"), (4, 5, 5, "M"), (3, 3, 4, "X"), (3, 1, 5, "X"),
                               (3, 5, 4, "X"))]


def combine(page, text):
    page.locator("#hb-ga-codes").fill(text)
    page.locator("[data-hb=combine]").click()


def group_row(page, factor):
    row = page.locator(f'.hb-ga-table tr[data-factor="{factor}"]')
    return [row.locator(f".hb-{name}").inner_text() for name in ("n", "mean", "spread")]


def test_five_codes_give_means_spreads_and_flag_the_disagreement(page, server):
    requests = open_page(page, server, f"/{SRC}/egenvurdering/gruppe/")
    loaded = len(requests.urls)
    combine(page, "\n".join(GROUP))
    results = page.locator("[data-hb=results]")
    assert results.is_visible()
    assert group_row(page, FACTORS[0]) == ["5", "3,0", "0,6"]
    assert group_row(page, FACTORS[4]) == ["5", "3,0", "1,8"]
    assert group_row(page, FACTORS[7]) == ["5", "4,6", "0,5"]
    assert group_row(page, FACTORS[1]) == ["5", "3,0", "0,0"]
    flagged = page.locator(".hb-ga-table tr.hb-flagged")
    assert [flagged.nth(i).get_attribute("data-factor") for i in range(flagged.count())] == [
        FACTORS[4]]
    assert page.locator(".hb-ga-flagged li").get_attribute("data-factor") == FACTORS[4]
    assert page.locator("[data-hb=roles-too-few]").is_visible()
    assert page.locator("[data-hb=small-group]").count() == 0
    for code in GROUP:
        assert code.split("-")[3] not in page.locator("article").inner_text()
    assert requests.urls[loaded:] == [], "combining made a request"


def test_a_small_group_gets_a_plain_warning_and_no_spread(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/gruppe/")
    combine(page, "\n".join(GROUP[:3]))
    warning = page.locator("[data-hb=small-group]")
    assert warning.inner_text() == HANDBOOK.labels("ga_small_group", SRC).format(
        count=3, minimum=5)
    held_back = HANDBOOK.labels("ga_held_back", SRC)
    assert group_row(page, FACTORS[0]) == ["3", "3,0", held_back]
    assert page.locator(".hb-ga-flagged").count() == 0


def test_duplicates_in_any_spelling_are_left_out_with_a_line_each(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/gruppe/")
    a, b = GROUP[0], GROUP[1]
    combine(page, "\n".join([a, " ".join([a[:9].lower(), a[9:]]), b, b]))
    items = page.locator("[data-hb=alert] li")
    assert [items.nth(i).inner_text() for i in range(items.count())] == [
        HANDBOOK.labels("ga_duplicate", SRC).format(line=2, first=1),
        HANDBOOK.labels("ga_duplicate", SRC).format(line=4, first=3)]
    assert page.locator("[data-hb=results]").is_hidden()
    assert page.locator("[data-hb=status]").inner_text().startswith(
        HANDBOOK.labels("ga_count", SRC).format(count=2))


def test_a_megabyte_of_pasted_nonsense_keeps_the_page_responsive(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/gruppe/")
    junk = ("nonsense,LG1-X-1;" + "x" * 40 + "\n") * 18000
    assert len(junk) > 1_000_000
    page.evaluate("(text) => { document.querySelector('#hb-ga-codes').value = text; }", junk)
    took = page.evaluate("""() => {
        const started = performance.now();
        document.querySelector('[data-hb=combine]').click();
        return performance.now() - started; }""")
    assert took < 2000, f"combining took {took:.0f} ms"
    items = page.locator("[data-hb=alert] li")
    assert items.count() == 22  # 20 problems, "and N more", and the part not read
    # Large numbers are grouped as the page's language writes them ("200 000", "200.000").
    def grouped(number: int) -> str:
        return page.evaluate("n => new Intl.NumberFormat(document.documentElement.lang)"
                             ".format(n)", number)

    more = items.nth(20).inner_text()
    count = re.search(r"\d[\d\s.]*\d|\d", more).group()
    assert more == HANDBOOK.labels("ga_more_problems", SRC).format(count=count)
    assert count == grouped(int(re.sub(r"\D", "", count)))
    maximum = page.evaluate("window.HandbookAssessmentCore.MAX_INPUT")
    cut = items.nth(21).inner_text()
    assert cut == HANDBOOK.labels("ga_input_cut", SRC).format(
        count=grouped(len(junk) - maximum), maximum=grouped(maximum))
    assert str(maximum) not in cut, f"{maximum} is not grouped as {SRC} writes it: {cut}"


def test_fewer_than_three_codes_show_nothing(page, server):
    open_page(page, server, "/da/egenvurdering/gruppe/")
    combine(page, "\n".join(GROUP[:2]))
    assert page.locator("[data-hb=results]").is_hidden()
    assert page.locator(".hb-ga-table").count() == 0
    assert "3" in page.locator("[data-hb=status]").inner_text()


def test_bad_codes_give_a_message_are_never_html_and_lose_nothing(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/gruppe/")
    tampered = GROUP[2].replace("-3", "-4", 1)
    other = other_edition()
    text = "\n".join([*GROUP[:2], tampered, '<img src=x onerror="document.title=1">',
                      answer_code(digits_with({}), edition=other)])
    combine(page, text)
    alert = page.locator("[data-hb=alert]")
    assert alert.get_attribute("role") == "alert"
    items = alert.locator("li")
    assert items.count() == 3
    assert items.nth(0).inner_text().startswith("Linje 3 ")
    assert '<img src=x onerror="document.title=1">' in items.nth(1).inner_text()
    assert alert.locator("img").count() == 0
    assert items.nth(2).inner_text() == HANDBOOK.labels("ga_other_edition", SRC).format(
        line=5, edition=other, current=EDITION)
    assert page.locator("[data-hb=results]").is_hidden()
    assert page.locator("#hb-ga-codes").input_value() == text
    combine(page, text + "\n" + GROUP[2])
    assert page.locator("[data-hb=results]").is_visible()
    assert page.locator("[data-hb=status]").inner_text() == HANDBOOK.labels(
        "ga_count", SRC).format(count=3)


def test_keyboard_only_completion(page, server):
    requests = open_page(page, server, f"/{SRC}/egenvurdering/")
    page.locator("h1").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == f"sa-{FACTORS[0]}":
            break
    wanted = {factor: (index % 5) + 1 for index, factor in enumerate(FACTORS)}
    for factor in FACTORS:
        for _ in range(2):  # between recommendations, a heading's permalink takes one stop
            if page.evaluate("document.activeElement.name") == f"sa-{factor}":
                break
            assert page.evaluate("document.activeElement.classList.contains('headerlink')")
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == f"sa-{factor}"
        page.keyboard.press("Space")
        for _ in range(wanted[factor] - 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    assert checked(page) == wanted
    assert page.locator("[data-hb=progress]").inner_text() == (
        f"Du har svart på {len(FACTORS)} av {len(FACTORS)} påstander.")
    page.locator("[data-hb=reset]").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.hb") == "reset-no"
    page.keyboard.press("Enter")
    assert checked(page) == wanted
    assert requests.outside() == []


def test_without_javascript_the_form_is_there_and_the_tools_are_not(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/{SRC}/egenvurdering/")
        assert page.locator("fieldset.hb-sa-statement").count() == len(FACTORS)
        radios = page.locator("fieldset.hb-sa-statement input[type=radio]")
        assert radios.count() == 5 * len(FACTORS)
        assert page.locator("[data-hb=summary]").is_hidden()
        assert page.locator("[data-hb=tools]").is_hidden()
    finally:
        context.close()


def test_on_paper_reflection_has_writing_lines_and_no_site_chrome(page, server):
    page.goto(f"{server}/{SRC}/refleksjon/{HANDBOOK.recommendations[0].id}/")
    assert page.locator(".hb-write").first.is_hidden()
    page.emulate_media(media="print")
    assert page.locator(".hb-write").first.is_visible()
    assert page.locator(".hb-write > div").first.bounding_box()["height"] > 20
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(chrome).first.is_hidden(), chrome


@pytest.mark.parametrize("lang", LANGS)
def test_on_paper_the_summary_is_titled_once(page, server, lang, tmp_path):
    open_page(page, server, f"/{lang}/egenvurdering/")
    answer(page, ANSWERS)
    path = tmp_path / "egenvurdering.pdf"
    path.write_bytes(page.pdf(format="A4"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    title = HANDBOOK.labels("sa_summary_title", lang)
    assert " ".join(text.split()).count(title) == 1, text[-2000:]


def test_on_paper_the_summary_prints_without_the_tools(page, server):
    open_page(page, server, f"/{SRC}/egenvurdering/")
    answer(page, ANSWERS)
    page.emulate_media(media="print")
    assert page.locator("[data-hb=summary] svg").is_visible()
    assert page.locator("[data-hb=table] table").is_visible()
    assert page.locator("[data-hb=tools]").is_hidden()
