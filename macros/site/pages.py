"""The site's page tree, from the declarations of the kinds of content (macros/content/kinds.py):
which pages there are, and the navigation. Every page is generated, none is written by hand:
one macro call each, so a new content file (or a new kind) is a new page without anyone writing
Markdown, and the page paths stay in the address book (macros/addresses.py) alone."""

from __future__ import annotations

from macros.addresses import PRINT, part_page
from macros.content.kinds import all_pages, items, part_ids, with_pages
from macros.content.model import Handbook
from macros.render.markup import render_text

# The printed handbook duplicates every other page: keep it out of search.
NOT_IN_SEARCH = "---\nsearch:\n  exclude: true\n---\n"


def generated_pages(handbook: Handbook) -> dict[str, str]:
    """Page path below docs_dir -> the page's Markdown source."""
    pages = {}
    for kind in with_pages(handbook):
        declared = kind.pages
        boost = (f"---\nsearch:\n  boost: {declared.search_boost}\n---\n"
                 if declared.search_boost else "")
        for page in declared.fixed:
            pages[page.path] = f"{{{{ {page.macro}() }}}}\n"
        for item in items(handbook, kind):
            call = (f'{declared.macro}("{declared.item_id(item)}")' if declared.macro
                    else f'kind_page("{kind.name}", "{declared.item_id(item)}")')
            pages[declared.item_page(item)] = f"{boost}{{{{ {call} }}}}\n"
    pages[PRINT] = NOT_IN_SEARCH + "{{ print_page() }}\n"
    # One page per part, to print only some parts; reached from the print page, not the nav.
    for part in part_ids(handbook):
        pages[part_page(part)] = NOT_IN_SEARCH + f'{{{{ print_page("{part}") }}}}\n'
    assert set(pages) == all_pages(handbook)
    return pages


def navigation(handbook: Handbook, lang: str) -> list:
    """The nav for one language, in MkDocs' `nav` format: each kind's section (or its one page)
    in the order of the kinds, then the printed handbook. Titles are HTML in the theme (and
    Jinja to mkdocs-macros), so they go through render_text as plain, escaped text."""
    def title(text: str) -> str:
        return str(render_text(text, "plain"))

    kinds = with_pages(handbook)
    fixed = {kind.name: [{title(page.title(handbook, lang)): page.path}
                         for page in kind.pages.fixed] for kind in kinds}
    for kind in kinds:  # listed in another kind's section, after that kind's fixed pages
        if kind.pages.nav_in in fixed:
            fixed[kind.pages.nav_in] += fixed.pop(kind.name)
    nav = []
    for kind in kinds:
        declared = kind.pages
        if kind.name not in fixed:
            continue
        shown = items(handbook, kind)
        if declared.nav_order:
            shown = sorted(shown, key=declared.nav_order(handbook, lang))
        entries = fixed[kind.name] + [
            {title(declared.title(handbook, item, lang)): declared.item_page(item)}
            for item in shown]
        nav += [{title(handbook.labels(declared.section, lang)): entries}] if declared.section \
            else entries
    nav.append({title(handbook.labels("nav_print", lang)): PRINT})
    return nav


def not_in_navigation(handbook: Handbook) -> set[str]:
    """Generated pages that the navigation leaves out on purpose."""
    return {part_page(part) for part in part_ids(handbook)}
