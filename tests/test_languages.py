"""Languages are data (macros/languages.yml): no code names one, the schemas follow the registry,
Nynorsk is wired end to end, and a fourth language is one registry entry, one small config and
its texts. The language tests build copies of the project in which the texts of a language are
the source language's, marked, as a translator's would be once written."""

from __future__ import annotations

import html
import json
import re

import pytest
from browsing import new_context
from conftest import ROOT, html_pages
from language_copy import add_language, copy_project, fill_texts, mark, publish, run_in

from macros.content import schemas
from macros.content.load import load_handbook
from macros.languages import BY_CODE, CODES, LANGUAGES, PUBLISHED, REGISTRY, SOURCE, read_registry
from macros.site.html import read_page

# A language code as a literal: "nb", 'da', nb_NO, .nn, lang == "da" …
CODE_LITERAL = re.compile(
    r"""(['"](%s)['"])|\b(%s)_[A-Z]{2}\b|\.(%s)\b(?![-/])""" % (("|".join(CODES),) * 3))
CODE_FILES = [path for folder in ("macros", "docs/overrides", "docs/pages/assets", "scripts")
              for path in sorted((ROOT / folder).rglob("*"))
              if path.suffix in {".py", ".j2", ".html", ".js", ".json", ".css", ".mjs"}]


def test_no_code_names_a_language():
    """Only the registry, content/, docs/<code>.yml and the message catalogue (one key per
    language) may name a language; the code reads them."""
    found = []
    for path in CODE_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if CODE_LITERAL.search(line.split("#", 1)[0] if path.suffix == ".py" else line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "language codes written into code:\n" + "\n".join(found)


def test_the_literal_check_would_catch_one():
    assert CODE_LITERAL.search(f'if lang == "{SOURCE.code}":')
    assert CODE_LITERAL.search(f"text.{LANGUAGES[-1].code}")
    assert CODE_LITERAL.search(f"{LANGUAGES[-1].hunspell}")


def registry_broken(how) -> tuple[str, int | None]:
    """The registry's text with `how` done to its first language's browser line, and the line
    a message should name (None where the mistake has no one line)."""
    lines = REGISTRY.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(number for number, line in enumerate(lines) if line.lstrip().startswith("browser:"))
    return how(lines, at), at + 1


REGISTRY_MISTAKES = {
    # name: (the mistake, the start of the message after file:line)
    "merge conflict": (lambda lines, at: "".join(
        [*lines[:at], "<<<<<<< HEAD\n", lines[at], "=======\n", lines[at], ">>>>>>> x\n",
         *lines[at + 1:]]), "a merge conflict was left in this file"),
    "unclosed list": (lambda lines, at: "".join(
        [*lines[:at], lines[at].replace("]", ""), *lines[at + 1:]]), "broken YAML:"),
    "control character": (lambda lines, at: "".join(
        [*lines[:at], "\x0b" + lines[at], *lines[at + 1:]]), "broken YAML:"),
    "missing field": (lambda lines, at: "".join([*lines[:at], *lines[at + 1:]]),
                      "every language needs the fields"),
}


@pytest.mark.parametrize("mistake", REGISTRY_MISTAKES)
def test_a_broken_registry_is_one_line_naming_its_line(mistake, tmp_path):
    how, said = REGISTRY_MISTAKES[mistake]
    text, line = registry_broken(how)
    path = tmp_path / "languages.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as raised:
        read_registry(path)
    where = f"{path}:{line}: " if mistake != "missing field" else f"{path}: "
    assert str(raised.value).startswith(where + said), str(raised.value)
    assert "\n" not in str(raised.value)


def test_every_language_has_a_config_and_the_schemas_name_every_language():
    assert sorted(p.stem for p in (ROOT / "docs").glob("*.yml")) == sorted(CODES)
    assert schemas.outdated(ROOT / "content" / "schema") == []
    text = json.loads((ROOT / "content/schema/defs.schema.json").read_text())["$defs"]["text"]
    assert list(text["properties"]) == list(CODES)
    assert text["required"] == [language.code for language in PUBLISHED]


def test_check_fails_while_a_schema_lacks_a_language(tmp_path):
    root = copy_project(tmp_path / "project")
    path = root / "content/schema/defs.schema.json"
    schema = json.loads(path.read_text())
    del schema["$defs"]["text"]["properties"][LANGUAGES[-1].code]
    path.write_text(json.dumps(schema))
    result = run_in(root, "check")
    assert result.returncode == 1
    assert ("content/schema/defs.schema.json: its languages differ from macros/languages.yml"
            " (run: python3 scripts/handbook.py schemas)") in result.stderr
    assert run_in(root, "schemas").returncode == 0
    assert run_in(root, "check").returncode == 0


def test_status_counts_every_language_and_a_published_one_is_complete():
    result = run_in(ROOT, "status")
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        line = re.search(rf"^{language.code}: (\d+) of (\d+) texts written", result.stdout, re.M)
        assert line, language.code
        if not language.in_progress:
            assert line.group(1) == line.group(2), line.group(0)


# --- a fourth language, in a copy --------------------------------------------------------

# A language Material has no interface strings for, shown with its Bokmål ones: its theme code
# differs from its own code, as it may for any language.
NEW = {"code": "se", "name": "Davvisámegiella", "english_name": "Northern Sami", "theme": "nb",
       "search": "no", "hunspell": "se", "package": "hunspell-se", "browser": ["se"]}
OLD_PAGE = "anbefalinger/gammel.md"  # a redirect in the copy, to the first recommendation


@pytest.fixture(scope="module")
def fourth(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("fourth") / "project")
    added = add_language(root, NEW)
    for language in LANGUAGES:  # a language still in progress gets its marked texts too
        if language.in_progress:
            publish(root, language.code)
    for language in LANGUAGES:
        if language.in_progress:
            fill_texts(root, language.code)
    texts = fill_texts(root, NEW["code"])
    redirects = root / "content" / "redirects.yml"
    redirects.write_text(redirects.read_text("utf-8").replace(
        "{}", f"{OLD_PAGE}: {load_handbook().recommendations[0].page}"), encoding="utf-8")
    assert run_in(root, "schemas").returncode == 0
    site = root / "site"
    result = run_in(root, "build", "--site-dir", str(site))
    return root, site, result, added, texts


def test_a_fourth_language_builds_strictly(fourth):
    root, site, result, added, texts = fourth
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    files = sorted(p.relative_to(root).as_posix() for p in added)
    assert files == [f"docs/{NEW['code']}.yml", "macros/languages.yml"]  # besides its texts in content/
    assert all(p.is_relative_to(root / "content") for p in texts)


def test_a_language_whose_theme_code_differs_gets_its_own_texts(fourth):
    """Material's code (theme) is not the content's: the pages and the redirect pages of the
    fourth language are in its own texts and say its own code."""
    root, site, *_ = fourth
    assert NEW["theme"] != NEW["code"] and NEW["theme"] in CODES
    book = load_handbook()
    home = (site / NEW["code"] / "index.html").read_text("utf-8")
    assert f'<html lang="{NEW["code"]}"' in home
    assert html.escape(mark(NEW["code"], book.site.title[SOURCE.code]), quote=False) in home
    redirect = (site / NEW["code"] / OLD_PAGE.removesuffix(".md") / "index.html").read_text("utf-8")
    assert f'<html lang="{NEW["code"]}">' in redirect
    title = mark(NEW["code"], book.labels("redirect_title", SOURCE.code))
    assert f"<title>{html.escape(title)}</title>" in redirect


def test_every_page_has_its_counterpart_in_the_fourth_language(fourth):
    root, site, *_ = fourth
    pages = {p.relative_to(site / SOURCE.code) for p in html_pages(site, SOURCE.code)}
    assert pages
    assert {p.relative_to(site / NEW["code"]) for p in html_pages(site, NEW["code"])} == pages
    assert read_page(site / NEW["code"] / "index.html").lang == NEW["code"]


def test_the_switch_and_the_alternates_list_every_language(fourth):
    root, site, *_ = fourth
    codes = [*CODES, NEW["code"]]
    rec = load_handbook().recommendations[0]
    for lang in codes:
        html = (site / lang / "anbefalinger" / rec.id / "index.html").read_text("utf-8")
        switch = re.findall(r'class="md-select__link"', html)
        assert len(switch) == len(codes), lang
        for other in codes:
            assert re.search(rf'<link rel="alternate" hreflang="{other}" href="[^"]*'
                             rf'/{other}/anbefalinger/{rec.id}/"', html), (lang, other)
            assert f'hreflang="{other}" lang="{other}" class="md-select__link"' in html
    root_page = (site / "index.html").read_text("utf-8")
    assert f'href="{NEW["code"]}/" hreflang="{NEW["code"]}"' in root_page
    title = rec.title[SOURCE.code]
    assert mark(NEW["code"], title) in (site / NEW["code"] / "anbefalinger" / rec.id /
                                        "index.html").read_text("utf-8")


def test_each_language_searches_its_own_index_with_its_stemmer(fourth):
    root, site, *_ = fourth
    marked = [*(lang.code for lang in LANGUAGES if lang.in_progress), NEW["code"]]
    for lang in [*CODES, NEW["code"]]:
        index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
        search = BY_CODE[lang].search if lang in BY_CODE else NEW["search"]
        assert index["config"]["lang"] == [search]
        texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
        assert (mark(lang, "") in texts) == (lang in marked)  # its own texts
        assert not [other for other in marked if other != lang and mark(other, "") in texts]


def test_every_language_gets_the_interface_strings_material_lacks(fourth):
    root, site, *_ = fourth
    for language in LANGUAGES:
        html = (site / language.code / "index.html").read_text("utf-8")
        assert f'<html lang="{language.code}"' in html
        for key in ("header", "footer"):
            if key in language.interface:
                assert f'aria-label="{language.interface[key]}"' in html, (language.code, key)


def _browser_tags() -> list[tuple[str, str]]:
    """(a browser's first language, the language the root chooser should open)."""
    cases = [(tag, language.code) for language in LANGUAGES for tag in language.browser]
    cases += [(f"{tag}-XX", code) for tag, code in cases]  # with a region
    return [*cases, ("en-GB", SOURCE.code), (NEW["browser"][0], NEW["code"])]


@pytest.mark.browser
def test_the_root_sends_each_browser_to_its_language(fourth, browser):
    from macros.site.server import serving

    root, site, *_ = fourth
    with serving(site) as base_url:
        for tag, expected in _browser_tags():
            context = new_context(browser, locale=tag)
            page = context.new_page()
            try:
                page.goto(f"{base_url}/")
                page.wait_for_url(f"{base_url}/{expected}/")
                assert page.locator("html").get_attribute("lang") == expected, tag
            finally:
                context.close()
