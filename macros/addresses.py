"""The address book: where every page lives below docs_dir, its address, and the relative link
from one page to another page or file; the same paths in every language. The one place that
names page paths and does link maths. It is on the ground floor (it imports nothing of the
package), so content, render, site and cli all ask here: the models' `page` properties, the
templates (`pages`, `link()`), the build, `rename` and the tests."""

import posixpath

HOME = "index.md"
OVERVIEW = "anbefalinger/index.md"
EXERCISE_INDEX = "ovelser/index.md"
PROGRAMME = "program/index.md"
CHECKLISTS = "sjekklister/index.md"
PRINT = "utskrift.md"
REFLECTION_INDEX = "refleksjon/index.md"
SELF_ASSESSMENT = "egenvurdering/index.md"
GROUP_ASSESSMENT = "egenvurdering/gruppe/index.md"
PRIVACY = "egenvurdering/personvern/index.md"  # who can learn what about the answers
SESSION = "samling/index.md"
GUIDE = "veileder/index.md"
INTRODUCTION = "innledning"  # the printed handbook's first part (utskrift/innledning/)

# The fixed pages by name, for templates: `link(pages.exercises)`.
PAGES = {
    "home": HOME,
    "overview": OVERVIEW,
    "exercises": EXERCISE_INDEX,
    "programme": PROGRAMME,
    "checklists": CHECKLISTS,
    "print": PRINT,
    "reflection": REFLECTION_INDEX,
    "self_assessment": SELF_ASSESSMENT,
    "group_assessment": GROUP_ASSESSMENT,
    "privacy": PRIVACY,
    "session": SESSION,
    "guide": GUIDE,
}

# The sections other pages link to, by name, for templates (`#{{ anchors.checklist }}`) and
# the scripts' data: the same ids in every language.
ANCHORS = {
    "factors": "fremmer",  # a recommendation's promoting factors
    "exercises": "ovelser",  # a recommendation's exercises
    "checklist": "sjekkliste",  # a recommendation's checklist section
    "reflection": "refleksjon",  # a recommendation's reflection section
}


def _item_page(folder: str):
    """The page of each item of a section: <folder>/<id>.md."""
    return lambda item_id: f"{folder}/{item_id}.md"


part_page = _item_page(PRINT.removesuffix(".md"))  # prints one part alone: utskrift/ovelser.md
recommendation_page = _item_page("anbefalinger")
exercise_page = _item_page("ovelser")
programme_session_page = _item_page("program")
reflection_page = _item_page("refleksjon")  # by the recommendation's id
checklist_page = _item_page("sjekklister")


def checklist_of(page: str) -> str | None:
    """The id of the checklist whose page this is (checklist_page's inverse), else None."""
    before, after = checklist_page("\0").split("\0")
    name = page.removeprefix(before).removesuffix(after)
    if page == before + name + after and name and "/" not in name and name != "index":
        return name
    return None


def checklist_pdf(checklist_id: str, lang: str) -> str:
    """Path of a checklist's PDF below the language's site root."""
    return f"pdf/sjekkliste-{checklist_id}-{lang}.pdf"


BOOKLET_NAME = "samarbeid-i-ledergruppa"
# The booklet's PDFs' name until the handbook took its own (2026-12-07); `pdf` still writes it.
OLD_BOOKLET_NAME = "velfungerende-ledergruppe"


def booklet_pdf(lang: str, part: str | None = None, name: str = BOOKLET_NAME) -> str:
    """Path of the printed handbook's PDF (or one part's) below the language's site root."""
    return f"pdf/{name}{'-' + part if part else ''}-{lang}.pdf"


def page_url(page: str) -> str:
    """A page's address below its language's root, with directory URLs (sjekklister/x/)."""
    return page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"


def page_html(page: str) -> str:
    """The file the build writes for a page, below the language's site root."""
    return page_url(page) + "index.html"


def markdown_link(here: str, target: str) -> str:
    """A relative link from page `here` to `target`, both paths below docs_dir, for Markdown:
    MkDocs turns a link to a .md file into the page's address."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def resolve(here: str, link: str) -> str:
    """The path below docs_dir that a relative Markdown link on page `here` points at
    (markdown_link's inverse)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), link))


def url(here: str, target: str) -> str:
    """A relative URL from page `here` to page or file `target` (paths below docs_dir), for raw
    HTML and scripts, where MkDocs does not rewrite links: pages end in a folder (`x/`)."""
    def folder(path: str) -> str:
        return page_url(path) if path.endswith(".md") else path

    base = folder(here)
    base = base if base.endswith("/") else posixpath.dirname(base) + "/"
    relative = posixpath.relpath(folder(target) or ".", base.rstrip("/") or ".")
    return relative + "/" if folder(target).endswith("/") or target.endswith(".md") else relative


def same_page_in(here: str, code: str) -> str:
    """A relative URL from page `here` to the same page in language `code`: the language
    sites are sibling folders."""
    folder = posixpath.dirname(here)
    depth = len(folder.split("/")) if folder else 0
    return "../" * (depth + 1) + f"{code}/" + (folder + "/" if folder else "")
