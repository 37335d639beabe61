"""One declaration per kind of content: its files, schema, model builder, cross-checks, what `new`
writes, its pages, the macro that renders each, and its entry in the navigation. The loader
(load.py), `new` (new_file.py), `rename`, the site's pages and navigation (site/pages.py) and the
printed handbook's parts all read KINDS; nothing else lists the kinds.

A new kind is one entry in KINDS (its schema in content/schema/, a builder, and `Pages` if it
has pages) plus its template: an item page without a macro of its own is rendered by the macro
`kind_page` from macros/render/templates/<kind>.md.j2, with the item as `item`. The order of
KINDS is the order of loading and checking (a kind's checks may use the kinds before it) and
of the navigation."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from macros import addresses
from macros.content import builders, cross_checks
from macros.content.checklists import checklists
from macros.content.model import Handbook
from macros.messages import message


@dataclass(frozen=True)
class New:
    """What `new KIND` writes: the file name (formatted with id, number, recommendation) and the
    header comment's first words; `name` is the friendly name `new` and `rename` also accept."""

    name: str
    summary: str
    file_name: str = "{id}.yml"
    needs_recommendation: bool = False
    new_id: str = "ny"  # the file name until the editor chooses an id


def _label(key: str) -> Callable[[Handbook, str], str]:
    return lambda handbook, lang: handbook.labels(key, lang)


@dataclass(frozen=True)
class Page:
    """A page of a kind that is not one of its items (an index, the programme), with the macro
    that renders it and its title in the navigation."""

    path: str  # below docs_dir (macros/addresses.py)
    macro: str
    title: Callable[[Handbook, str], str]


@dataclass(frozen=True)
class Pages:
    """The pages a kind makes: `fixed` ones (its index, first), and one per item (items,
    in the navigation's order, with the title the navigation shows), grouped in the navigation
    under `section` (a label key) or, without one, its fixed page alone."""

    fixed: tuple[Page, ...] = ()
    macro: str | None = None  # renders one item, given its id; None: kind_page (see above)
    items: Callable[[Handbook], Iterable] | None = None  # default: the kind's items
    item_id: Callable[[object], str] = lambda item: item.id
    item_page: Callable[[object], str] = lambda item: item.page
    title: Callable[[Handbook, object, str], str] | None = None  # in the navigation
    nav_order: Callable[[Handbook, str], Callable] | None = None  # sort key of the items
    section: str | None = None  # label key of the navigation's section
    nav_in: str | None = None  # the kind in whose section its pages are listed (after its fixed)
    search_boost: int | None = None  # rank the kind's pages higher in search
    part: str | None = None  # its part of the printed handbook (utskrift/<part>/)


@dataclass(frozen=True)
class Kind:
    name: str
    pattern: str  # glob below content/
    schema: str  # file name in content/schema/
    build: Callable[[dict, object], object]  # (data, path) -> model
    single: bool = False  # exactly one file, not a folder of them
    field: str | None = None  # the Handbook field it fills; None: Handbook.more[name]
    order: Callable[[object], object] | None = None  # sort key of the items
    checks: tuple[Callable, ...] = ()  # cross_checks.py, in order: (loader, book)
    handbook_checks: tuple[Callable, ...] = ()  # checks of the whole Handbook (its pages)
    new: New | None = None  # many-file kinds without one: `new <name>`, "{id}.yml"
    pages: Pages | None = None


def check_redirects(loader, handbook: Handbook) -> None:
    """Every old page of content/redirects.yml is gone (a redirect would hide a page) and leads
    to a page that exists."""
    path = loader.path_of("redirects")
    pages = all_pages(handbook)
    for old, new in handbook.redirects.items():
        if old in pages:
            loader.problem(path, loader.line(path, (old,)), message("redirects.page_exists",
                                                                     old=old))
        if new not in pages:
            close = difflib.get_close_matches(new, sorted(pages), n=1)
            hint = (message("hint.did_you_mean", suggestion=close[0]) if close
                    else message("hint.use_one_of", options=", ".join(sorted(pages))))
            loader.problem(path, loader.line(path, (old,)),
                           message("redirects.no_page", old=old, new=new, hint=hint))


def _session_title(handbook: Handbook, session, lang: str) -> str:
    """"Samling 2: …", "Kort vei 1: …": the nav title is the page's <title>, so not its
    recommendation's alone."""
    programme = handbook.programme
    full = session in programme.modules
    modules = programme.modules if full else programme.short.modules
    name = handbook.labels("programme_session" if full else "short_path_session", lang)
    return f"{name} {modules.index(session) + 1}: {session.title[lang]}"


def _numbered(handbook: Handbook, rec_id: str, lang: str) -> str:
    rec = handbook.recommendation(rec_id)
    return f"{rec.number}. {rec.title[lang]}"


KINDS: tuple[Kind, ...] = (
    Kind("site", "site.yml", "site.schema.json", builders.site, single=True, field="site",
         pages=Pages(fixed=(Page(addresses.HOME, "home_page", _label("nav_home")),))),
    Kind("labels", "labels.yml", "labels.schema.json", builders.labels, single=True,
         field="labels"),
    Kind("number_words", "number-words.yml", "number-words.schema.json",
         builders.number_words, single=True, checks=(cross_checks.check_number_words,)),
    Kind("search_synonyms", "search-synonyms.yml", "search-synonyms.schema.json",
         builders.search_synonyms, single=True, field="search_synonyms"),
    Kind("recommendations", "recommendations/*.yml", "recommendation.schema.json",
         builders.recommendation, field="recommendations", order=lambda rec: rec.number,
         checks=(cross_checks.check_recommendations, cross_checks.check_left_out),
         new=New("recommendation", "One recommendation and its promoting factors.",
                 "{number:02d}-{id}.yml"),
         pages=Pages(
             fixed=(Page(addresses.OVERVIEW, "overview_page", _label("nav_overview")),),
             macro="recommendation_page", section="nav_recommendations", part="anbefalinger",
             title=lambda handbook, rec, lang: _numbered(handbook, rec.id, lang),
             # The recommendations are the heart of the handbook: rank them first in search.
             search_boost=3)),
    Kind("exercises", "exercises/*.yml", "exercise.schema.json", builders.exercise,
         field="exercises", order=lambda exercise: exercise.id,
         checks=(cross_checks.check_exercises, cross_checks.check_exercises_per_recommendation),
         new=New("exercise", "One exercise.", needs_recommendation=True, new_id="ny-ovelse"),
         pages=Pages(
             fixed=(Page(addresses.EXERCISE_INDEX, "exercise_index_page",
                         _label("nav_exercise_index")),),
             macro="exercise_page", section="nav_exercises", part="ovelser",
             title=lambda handbook, exercise, lang: exercise.title[lang],
             nav_order=lambda handbook, lang: lambda exercise: exercise.title[lang])),
    Kind("programme", "programme.yml", "programme.schema.json", builders.programme,
         single=True, field="programme",
         checks=(cross_checks.check_programme, cross_checks.check_programme_covers),
         pages=Pages(
             fixed=(Page(addresses.PROGRAMME, "programme_page",
                         _label("nav_programme_overview")),),
             macro="programme_session_page", items=lambda handbook: handbook.programme.sessions,
             section="nav_programme", part="program", title=_session_title)),
    Kind("guide", "guide.yml", "guide.schema.json", builders.guide, single=True, field="guide",
         pages=Pages(fixed=(Page(addresses.GUIDE, "guide_page",
                                 lambda handbook, lang: handbook.guide.title[lang]),),
                     nav_in="programme")),
    Kind("session", "session.yml", "session.schema.json", builders.labels, single=True,
         field="session",
         pages=Pages(fixed=(Page(addresses.SESSION, "session_page",
                                 lambda handbook, lang: handbook.session("nav", lang)),))),
    Kind("checklists", "checklists/*.yml", "meeting-checklist.schema.json", builders.checklist,
         field="meeting_checklists", checks=(cross_checks.check_meeting_checklists,),
         new=New("checklist", "A checklist.", new_id="ny-sjekkliste"),
         pages=Pages(
             # Full titles: the nav title is also the page's <title>, which must tell the
             # pages apart.
             fixed=(Page(addresses.CHECKLISTS, "checklists_page", _label("checklists_title")),),
             macro="checklist_page", items=checklists, section="nav_checklists",
             part="sjekklister", title=lambda handbook, checklist, lang: checklist.title[lang])),
    Kind("reflection", "reflection/*.yml", "reflection.schema.json", builders.reflection,
         field="reflections", checks=(cross_checks.check_reflections,),
         new=New("reflection", "Reflection questions for one recommendation.",
                 "{number:02d}-{recommendation}.yml", needs_recommendation=True),
         pages=Pages(
             fixed=(Page(addresses.REFLECTION_INDEX, "reflection_index_page",
                         _label("nav_reflection_index")),),
             macro="reflection_page", item_id=lambda reflection: reflection.recommendation_id,
             section="nav_reflection", part="refleksjon",
             title=lambda handbook, r, lang: _numbered(handbook, r.recommendation_id, lang))),
    Kind("self_assessment", "self-assessment.yml", "self-assessment.schema.json",
         builders.self_assessment, single=True, field="self_assessment",
         checks=(cross_checks.check_self_assessment,),
         pages=Pages(fixed=(
             Page(addresses.SELF_ASSESSMENT, "self_assessment_page",
                  _label("nav_self_assessment")),
             Page(addresses.GROUP_ASSESSMENT, "group_assessment_page",
                  _label("nav_group_assessment")),
             Page(addresses.PRIVACY, "privacy_page", _label("nav_privacy")),
         ), section="nav_self_assessment")),
    Kind("redirects", "redirects.yml", "redirects.schema.json", builders.redirects,
         single=True, field="redirects", handbook_checks=(check_redirects,)),
)

BY_NAME = {kind.name: kind for kind in KINDS}

# The parts of the printed handbook after its introduction, in order, by kind.
BOOKLET = ("recommendations", "programme", "exercises", "reflection", "checklists")


def value(handbook: Handbook, kind: Kind):
    """What the handbook holds of a kind: its items (a tuple), or its one model (or None)."""
    return getattr(handbook, kind.field) if kind.field else handbook.more.get(kind.name)


def present(handbook: Handbook, kind: Kind) -> bool:
    """Whether the handbook has content of this kind (a kind may be optional: no reflection
    questions, no self-assessment); a kind without content makes no pages."""
    found = value(handbook, kind)
    return bool(found) if isinstance(found, tuple) else found is not None


def items(handbook: Handbook, kind: Kind) -> tuple:
    """The items that have a page each, in the kind's order."""
    if kind.pages.items is not None:
        return tuple(kind.pages.items(handbook))
    found = value(handbook, kind)
    return found if isinstance(found, tuple) else ()


def with_pages(handbook: Handbook) -> list[Kind]:
    return [kind for kind in KINDS if kind.pages and present(handbook, kind)]


def part_ids(handbook: Handbook) -> tuple[str, ...]:
    """Every part of the printed handbook one can print alone: the introduction, then a part
    per kind of BOOKLET that the handbook has."""
    return (addresses.INTRODUCTION, *(BY_NAME[name].pages.part for name in BOOKLET
                                      if present(handbook, BY_NAME[name])))


def all_pages(handbook: Handbook) -> set[str]:
    """Every page path of the site: each kind's, the printed handbook and its parts."""
    pages = {addresses.PRINT, *(addresses.part_page(part) for part in part_ids(handbook))}
    for kind in with_pages(handbook):
        pages.update(page.path for page in kind.pages.fixed)
        pages.update(kind.pages.item_page(item) for item in items(handbook, kind))
    return pages

