"""Nothing an editor writes reaches a page live: a corpus of hostile strings goes into every text
of every kind of content (the real content, walked, each text replaced in a copy), and

- `check` names each refused piece on the text's own line (raw HTML, entities, images, links
  anywhere but handbook pages, https: and mailto:);
- built anyway (the check switched off in this process only), no page, title, navigation or
  search entry has an element, attribute or URL scheme from the corpus, and braces and Jinja
  are shown as written."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT, html_pages

from macros.content import load
from macros.content.fields import LABEL_FIELDS
from macros.content.load import load_handbook
from macros.content.problems import ContentError
from macros.content.texts import content_files, walk
from macros.content.yamlfile import read_yaml
from macros.languages import CODES

# (string, what check says about it: a phrase of its message, or None when it is shown as written)
CORPUS = [
    ("<script>alert(1)</script>", "<script>"),
    ("[x](javascript:alert(1))", "javascript:alert(1)"),
    ("[d](data:text/html;base64,PGI+)", "data:text/html;base64,PGI+"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ('<a href="javascript:alert(1)">a</a>', "<a "),
    ("![i](https://example.org/i.png)", "![i]"),
    ("<https://example.org/auto>", "https://example.org/auto"),
    ("&lt;b&gt;", "&lt;"),
    ("&#106;avascript", "&#106;"),
    ("{{ 7*7 }}", None),
    ("{% if true %}jinja{% endif %}", None),
    ("{: onclick=alert(1) }", None),
    ("{ #anker .klasse }", None),
    ("' \" ` \\ | # ! *", None),
]
HOSTILE = " ".join(text for text, _ in CORPUS)
LONG = "Lang " * 500  # 2,500 characters: longer than any text may be
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


def hostile_copy(tmp_path: Path) -> tuple[Path, list[tuple[str, int]]]:
    """content/ with every text in every language replaced by the corpus (the first text of
    each file by the long string as well); the (file, line) of each replaced text."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    places = []
    for path in content_files(content):
        file = read_yaml(path)
        texts = list(walk(file.data))
        for index, (_, mapping) in enumerate(texts):
            for lang in list(mapping):
                mapping[lang] = HOSTILE + (" " + LONG if index == 0 else "")
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        path.write_text(first + "\n" + yaml.safe_dump(file.data, allow_unicode=True,
                                                      sort_keys=False, width=10**6),
                        encoding="utf-8")
        written = read_yaml(path)
        places += [(path.relative_to(tmp_path).as_posix(), written.line_of((*location, lang)))
                   for location, mapping in texts for lang in mapping]
    return content, places


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_copy(tmp_path_factory.mktemp("hostile"))


def test_check_names_every_refused_piece_on_its_line(hostile):
    content, places = hostile
    with pytest.raises(ContentError) as caught:
        load_handbook(content)
    by_place: dict[tuple[str, int], list[str]] = {}
    for problem in caught.value.problems:
        by_place.setdefault((problem.file, problem.line), []).append(problem.message)
    assert "Traceback" not in caught.value.report()
    for place in places:
        said = " | ".join(by_place.get(place, []))
        for _, phrase in CORPUS:
            if phrase:
                assert phrase in said, f"{place[0]}:{place[1]} does not name {phrase!r}: {said}"
        for _, phrase in CORPUS:
            if phrase is None:
                assert "7*7" not in said  # braces and Jinja are text, not a mistake


class Elements(HTMLParser):
    """Every element with its attributes, and the text, of one HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.script = tag == "script"

    def handle_endtag(self, tag):
        self.script = False

    def handle_data(self, data):
        if self.script:
            self.elements.append(("script-text", {"text": data}))
        else:
            self.text.append(data)


def live_problems(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.elements:
        if tag == "script-text":
            if "alert(1)" in attrs["text"] and not attrs["text"].lstrip().startswith("[{"):
                found.append("a script with alert(1)")
            continue
        if tag == "img":
            found.append(f"<img {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(BAD_SCHEMES):
                found.append(f"<{tag} {name}={value}>")
            if name in ("href", "src") and value and "example.org" in value:
                found.append(f"<{tag} {name}={value}> (a link or image the check refuses)")
    return found


def test_no_hostile_string_is_live_anywhere_in_the_built_site(hostile, tmp_path, monkeypatch):
    content, _ = hostile
    # Bypass check's refusal of these texts, to show that the pages are safe without it.
    monkeypatch.setattr(load, "text_rule_problems", lambda *args: [])
    from macros.build_context import BuildContext
    from macros.site.build import build_languages

    site = tmp_path / "site"
    assert build_languages(site, BuildContext(content_dir=content)) == 0
    pages = {lang: html_pages(site, lang) for lang in CODES}
    assert all(pages.values())
    for lang in CODES:
        for page in pages[lang]:
            html = page.read_text(encoding="utf-8")
            assert not live_problems(html), (page, live_problems(html))
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            assert "<" not in title, (page, title)
        index = json.loads((site / lang / "search" / "search_index.json").read_text("utf-8"))
        for doc in index["docs"]:
            for field in ("title", "text"):
                assert not live_problems(doc[field]), (doc["location"], live_problems(doc[field]))
        home = Elements()
        home.feed((site / lang / "index.html").read_text(encoding="utf-8"))
        text = " ".join(home.text)
        for literal in ("{{ 7*7 }}", "{% if true %}jinja{% endif %}", "{: onclick=alert(1) }",
                        "<script>alert(1)</script>", "&lt;b&gt;"):
            assert literal in text, f"{literal!r} is not shown as written on the home page"
        assert "\\!" not in text and "\\[" not in text, "a Markdown escape shows on the page"


def test_the_scripts_pass_each_label_exactly_the_placeholders_check_allows():
    """LABEL_FIELDS is what `check` holds labels.yml to; the scripts fill labels themselves."""
    scripts = "\n".join(path.read_text(encoding="utf-8") for path in
                        (ROOT / "docs" / "pages" / "assets" / "javascripts").glob("*.js"))
    calls = re.findall(r"fill\(t\.(\w+),\s*\{([^}]*)\}", scripts)
    assert calls
    for key, values in calls:
        names = tuple(re.findall(r"(\w+)\s*:", values))
        assert key in LABEL_FIELDS and set(names) <= set(LABEL_FIELDS[key]), (key, names)
