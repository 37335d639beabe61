"""The built site, read as files: every page in every language, in the right language, linked
together, and nothing loaded from other hosts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from conftest import LANGS, html_pages

from macros.content.load import load_handbook
from macros.languages import BY_CODE
from macros.site.html import read_page, resolve
from macros.site.links import internal_problems

HANDBOOK = load_handbook()


def relative_pages(site, lang):
    return {p.relative_to(site / lang).as_posix() for p in html_pages(site, lang)}


def test_every_language_has_the_same_pages(site):
    pages = relative_pages(site, LANGS[0])
    assert pages
    for lang in LANGS[1:]:
        assert relative_pages(site, lang) == pages, lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_expected_page_exists(site, lang):
    expected = {"index.html", "anbefalinger/index.html"} | {
        f"anbefalinger/{rec.id}/index.html" for rec in HANDBOOK.recommendations
    }
    assert expected <= relative_pages(site, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_its_language(site, lang):
    for path in html_pages(site, lang) + [site / lang / "404.html"]:
        assert read_page(path).lang == lang, path


@pytest.mark.parametrize("lang", LANGS)
def test_recommendation_pages_show_their_content_in_their_language(site, lang):
    for rec in HANDBOOK.recommendations:
        html = (site / lang / "anbefalinger" / rec.id / "index.html").read_text()
        page = read_page(site / lang / "anbefalinger" / rec.id / "index.html")
        assert page.h1 == rec.title[lang]
        assert HANDBOOK.labels("promoting_factors", lang) in html
        for factor in rec.factors:
            assert f'id="{factor.id}"' in html
            assert factor.text[lang] in html.replace("&amp;", "&")
        article = html[html.index("<article"):html.index("</article>")]
        assert "{{" not in article and "{%" not in article, "an unrendered macro reached the page"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_explains_the_source_and_what_is_left_out(site, lang):
    html = (site / lang / "index.html").read_text()
    text = re.sub(r"<[^>]+>", "", html)
    assert (HANDBOOK.labels("home_left_out", lang) in text) == bool(HANDBOOK.site.left_out)
    for key in ("intro", "independence", "source", "left_out")[: 4 if HANDBOOK.site.left_out
                                                                 else 3]:
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", getattr(HANDBOOK.site, key)[lang])
        first_sentence = plain.split(". ")[0]
        assert first_sentence in text, key
    assert "50" in text
    for rec in HANDBOOK.recommendations:
        assert rec.title[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_has_the_glossary_of_roles_and_every_recommendation_points_to_it(site, lang):
    roles = HANDBOOK.site.roles
    home = read_page(site / lang / "index.html")
    assert "roller" in home.ids
    text = re.sub(r"<[^>]+>", "", (site / lang / "index.html").read_text())
    for role in roles.items:
        assert role.term[lang] in text and role.text[lang].split(".")[0] in text, role.id
    for rec in HANDBOOK.recommendations:
        path = site / lang / "anbefalinger" / rec.id / "index.html"
        targets = {resolve(site / lang, path, url) for tag, url, attrs in read_page(path).links
                   if tag == "a"}
        assert ((site / lang / "index.html").resolve(), "roller") in targets, rec.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_internal_link_and_anchor_resolves(site, lang):
    # The same check as `python3 scripts/handbook.py links` (macros/site/links.py).
    assert not internal_problems(site, lang), "\n".join(internal_problems(site, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_declares_the_same_page_in_the_other_language(site, lang):
    for path in html_pages(site, lang):
        alternates = {
            attrs.get("hreflang"): url
            for tag, url, attrs in read_page(path).links
            if tag == "link" and "alternate" in attrs.get("rel", "").split()
            and attrs.get("hreflang")
        }
        assert set(alternates) == {*LANGS, "x-default"}, path
        here = path.relative_to(site / lang)
        for other, url in alternates.items():
            file, _ = resolve(site, path, url)
            expected = site / "index.html" if other == "x-default" else site / other / here
            assert file == expected.resolve(), (path, url)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_loaded_from_other_hosts(site, lang):
    for path in sorted((site / lang).rglob("*")):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        if path.suffix == ".html":
            for tag, url, attrs in read_page(path).links:
                loads = tag in ("script", "img", "iframe", "source", "audio", "video") or (
                    tag == "link" and "stylesheet" in attrs.get("rel", "") )
                if loads:
                    assert not re.match(r"(https?:)?//", url), f"{path}: {tag} {url}"


def test_root_page_offers_both_languages(site):
    page = read_page(site / "index.html")
    hrefs = {url for tag, url, attrs in page.links if tag == "a"}
    assert {"nb/", "da/"} <= hrefs


# Interface strings Material leaves in English in its Norwegian translation, and ours instead.
ENGLISH = ("Header", "Footer", "Reject", "Skip to content", "Search", "Back to top")


@pytest.mark.parametrize("lang", LANGS)
def test_interface_strings_are_in_the_page_language(site, lang):
    for path in html_pages(site, lang):
        html = path.read_text(encoding="utf-8")
        labels = set(re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', html))
        english = sorted(labels & set(ENGLISH))
        assert not english, f"{path.relative_to(site)}: {english}"
    html = (site / lang / "index.html").read_text(encoding="utf-8")
    for key, label in BY_CODE[lang].interface.items():  # what Material lacks, from the registry
        if key in ("header", "footer"):
            assert f'aria-label="{label}"' in html, key


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_the_handbook_in_its_own_language(site, lang):
    """The header and every <title> carry content/site.yml's title in the page's language."""
    name = HANDBOOK.site.title[lang]
    for path in html_pages(site, lang):
        html = path.read_text(encoding="utf-8")
        title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
        assert title == name or title.endswith(f" - {name}"), (path, title)
        topic = re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*<',
                          html, re.S)
        assert topic and unescape(topic.group(1)) == name, path
