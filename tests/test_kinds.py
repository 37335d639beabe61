"""A kind of content is one declaration (macros/content/kinds.py) plus its template: a throwaway
kind added so to a copy of the project is made by `new`, renamed by `rename`, and built into a
page per item in every language, listed in the navigation, with a redirect from its old address.
And every page the site has comes from a declaration: no page is written by hand."""

from __future__ import annotations

import json
import re

from language_copy import copy_project, run_in

from macros.content.schemas import described_in, written
from macros.languages import PUBLISHED
from macros.project import DOCS_DIR


def described(what: str) -> str:
    """A field description as `check` wants it: a line in each language the tool speaks (this
    throwaway kind's are alike; the real ones are each language's own words)."""
    return written(dict.fromkeys(described_in(), what))


SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "A word of the glossary (content/ordliste/*.yml)",
    "type": "object",
    "properties": {
        "id": {"$ref": "defs.schema.json#/$defs/id", "description": described("ordet sitt id")},
        "title": {"$ref": "defs.schema.json#/$defs/text", "description": described("ordet")},
        "body": {"$ref": "defs.schema.json#/$defs/text", "description": described("kva det tyder")},
    },
    "required": ["id", "title", "body"],
    "additionalProperties": False,
}

# The declaration: its model is a plain namespace, its page below ordliste/, no macro of its
# own (kind_page renders ordliste.md.j2).
DECLARATION = '''    Kind("ordliste", "ordliste/*.yml", "ordliste.schema.json",
         lambda data, path: __import__("types").SimpleNamespace(
             id=data["id"], title=Text.of(data["title"]), body=Text.of(data["body"]),
             page=f"ordliste/{data['id']}.md"),
         new=New("ordliste", "One word of the glossary."),
         pages=Pages(title=lambda handbook, word, lang: word.title[lang])),
'''

TEMPLATE = "# {{ item.title[lang] }}\n\n{{ item.body[lang] | md }}\n"


def test_a_new_kind_is_one_declaration_and_a_template(tmp_path):
    root = copy_project(tmp_path / "project")
    kinds = root / "macros" / "content" / "kinds.py"
    source = kinds.read_text(encoding="utf-8")
    anchor = '    Kind("redirects",'
    assert anchor in source
    source = source.replace(anchor, DECLARATION + anchor).replace(
        "from macros.content.model import Handbook\n",
        "from macros.content.model import Handbook, Text\n")
    kinds.write_text(source, encoding="utf-8")
    (root / "macros" / "render" / "templates" / "ordliste.md.j2").write_text(TEMPLATE, "utf-8")
    (root / "content" / "schema" / "ordliste.schema.json").write_text(json.dumps(SCHEMA), "utf-8")

    made = run_in(root, "new", "ordliste", "--id", "drofting")
    assert made.returncode == 0, made.stderr
    path = root / "content" / "ordliste" / "drofting.yml"
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == "# yaml-language-server: $schema=../schema/ordliste.schema.json"
    texts = {"title": "Drøfting", "body": "Å tenke høyt sammen før noe blir bestemt."}
    path.write_text(header + "\nid: drofting\n" + "".join(
        f"{key}:\n" + "".join(f"  {lang.code}: \"{text} ({lang.code})\"\n" for lang in PUBLISHED)
        for key, text in texts.items()), encoding="utf-8")

    renamed = run_in(root, "rename", "ordliste", "drofting", "drofte")
    assert renamed.returncode == 0, renamed.stderr
    assert (root / "content" / "ordliste" / "drofte.yml").exists()

    site = tmp_path / "site"
    built = run_in(root, "build", "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    for lang in PUBLISHED:
        page = (site / lang.code / "ordliste" / "drofte" / "index.html").read_text("utf-8")
        assert re.search(rf"<h1[^>]*>Drøfting \({lang.code}\)", page)
        assert f"Å tenke høyt sammen før noe blir bestemt. ({lang.code})" in page
        home = (site / lang.code / "index.html").read_text("utf-8")
        nav = re.search(r'<a href="ordliste/drofte/" class="md-nav__link">(.*?)</a>', home, re.S)
        assert nav and f"Drøfting ({lang.code})" in nav.group(1), "not in the navigation"
        old = (site / lang.code / "ordliste" / "drofting" / "index.html").read_text("utf-8")
        assert "../drofte/" in old  # the redirect from the old address


def test_every_page_comes_from_a_declared_kind():
    """Pages are made one way: generated from the declarations, none written in docs/pages/."""
    assert not list((DOCS_DIR / "pages").rglob("*.md"))
