"""Rendering of the programme: the programme page (both paths), one page per session with its
timed agenda, and each session's links into the planner and run mode (pure functions)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urljoin

from macros.addresses import PROGRAMME, SESSION
from macros.content.model import AgendaItem, Handbook, Module
from macros.render.markup import render_text
from macros.render.template import href, render_template

RUN = "run=1"  # in a plan's address: the session page opens run mode at once


@dataclass(frozen=True)
class Row:
    """An agenda item with its place in the session: from..to minutes after the start."""

    item: AgendaItem
    start: int
    end: int


def rows(module: Module) -> list[Row]:
    result, at = [], 0
    for item in module.agenda:
        result.append(Row(item, at, at + item.minutes))
        at += item.minutes
    return result


def agenda_token(module: Module, position: int) -> str:
    """An agenda item that is not an exercise or a break, in a plan's address: `<session>.<n>`."""
    return f"{module.id}.{position + 1}"


def plan_hash(module: Module) -> str:
    """The session as a plan for the planner (samling/#…): its recommendation, its length and
    its items (exercises by id, breaks as :minutes, the rest as agenda tokens)."""
    items = [item.exercise_id if item.exercise_id
             else f":{item.minutes}" if item.kind == "break"
             else agenda_token(module, position)
             for position, item in enumerate(module.agenda)]
    parts = [("r", module.recommendation_id), ("len", module.duration_minutes),
             ("i", ",".join(items))]
    return "&".join(f"{key}={value}" for key, value in parts if value)


@dataclass(frozen=True)
class Links:
    planner: str  # relative to the page
    run: str
    planner_address: str  # the full address when the build knows the site's, else ""
    run_address: str


def session_links(module: Module, here: str, page_url: str = "") -> Links:
    base = str(href(here, SESSION)) + "#" + plan_hash(module)
    run = f"{base}&{RUN}"
    return Links(base, run, urljoin(page_url, base) if page_url else "",
                 urljoin(page_url, run) if page_url else "")


def agenda_steps(handbook: Handbook, lang: str, here: str) -> list[dict]:
    """The programme's agenda items that are neither exercises nor breaks, as the planner and
    run mode read exercises: one step each, titled by their kind (else the session's title)."""
    t = handbook.labels.for_language(lang)
    steps = []
    for module in handbook.programme.sessions if handbook.programme else ():
        for position, item in enumerate(module.agenda):
            if item.exercise_id or item.kind == "break":
                continue
            title = t.get(f"agenda_{item.kind}") or module.title[lang]
            text = html.unescape(str(render_text(item.text[lang], "plain")))
            steps.append({"id": agenda_token(module, position), "agenda": True,
                          "title": html.unescape(str(render_text(title, "plain"))),
                          "url": str(href(here, module.page)), "minutes": item.minutes,
                          "min": 1, "max": 999, "recommendations": [],
                          "steps": [{"minutes": item.minutes, "text": text, "silent": False}]})
    return steps


def _values(handbook: Handbook, lang: str, here: str, page_url: str) -> dict:
    return dict(programme=handbook.programme, rows=rows, exercise=handbook.exercise,
                recommendation=handbook.recommendation,
                links=lambda module: session_links(module, here, page_url))


def render_programme(handbook: Handbook, lang: str, here: str = PROGRAMME, *,
                     url: str = "") -> str:
    """The programme page: both paths, each session with its agenda. `url` is the page's
    public address when the build knows it, so that printed links are full addresses."""
    programme = handbook.programme
    paths = [(programme.title, programme.intro, programme.modules)]
    if programme.short:
        paths.append((programme.short.title, programme.short.intro, programme.short.modules))
    return render_template("programme.md.j2", handbook, lang, here, paths=paths,
                           total=lambda modules: sum(m.duration_minutes for m in modules),
                           **_values(handbook, lang, here, url))


def render_programme_session(handbook: Handbook, module: Module, lang: str,
                             here: str | None = None, *, url: str = "") -> str:
    """A session's own page: one printed sheet to run the session from."""
    here = here or module.page
    path = next(p for p in ((handbook.programme.title, handbook.programme.modules),
                            *(((handbook.programme.short.title, handbook.programme.short.modules),)
                              if handbook.programme.short else ()))
                if module in p[1])
    return render_template("programme_session_page.md.j2", handbook, lang, here, module=module,
                           number=path[1].index(module) + 1, path_title=path[0],
                           **_values(handbook, lang, here, url))
