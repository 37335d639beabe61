"""From a content file's validated data to its typed model (macros/content/model.py): one builder
per kind, named in the kind's declaration (macros/content/kinds.py)."""

from __future__ import annotations

from pathlib import Path

from macros.content.model import (
    AgendaItem,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    Exercise,
    Factor,
    Guide,
    Labels,
    Module,
    Programme,
    ProgrammePath,
    Question,
    Recommendation,
    Reflection,
    Role,
    Roles,
    SearchSynonyms,
    SelfAssessment,
    Site,
    Statement,
    Step,
    Text,
    Tip,
)


def site(data: dict, path: Path) -> Site:
    roles = data["roles"]
    return Site(
        **{key: value if isinstance(value, int) else Text.of(value)
           for key, value in data.items() if key != "roles"},
        roles=Roles(
            title=Text.of(roles["title"]),
            intro=Text.of(roles["intro"]),
            note=Text.of(roles["note"]),
            link=Text.of(roles["link"]),
            items=tuple(Role(item["id"], Text.of(item["term"]), Text.of(item["text"]))
                        for item in roles["items"]),
        ),
    )


def number_words(data: dict, path: Path) -> dict[str, dict[int, str]]:
    return {lang: {index + 1: word.strip() for index, word in enumerate(words)}
            for lang, words in data.items()}


def labels(data: dict, path: Path) -> Labels:
    return Labels({key: Text.of(value) for key, value in data.items()})


def search_synonyms(data: dict, path: Path) -> SearchSynonyms:
    return SearchSynonyms({lang: {word: tuple(others) for word, others in words.items()}
                           for lang, words in data.items()})


def recommendation(data: dict, path: Path) -> Recommendation:
    factors = tuple(
        Factor(id=f["id"], text=Text.of(f["text"]), recommendation_id=data["id"])
        for f in data["factors"]
    )
    texts = {key: Text.of(data[key]) for key in ("title", "lead", "body")}
    return Recommendation(
        id=data["id"], number=data["number"], factors=factors, source=path, **texts
    )


def exercise(data: dict, path: Path) -> Exercise:
    return Exercise(
        id=data["id"],
        title=Text.of(data["title"]),
        purpose=Text.of(data["purpose"]),
        recommendation_ids=tuple(data["recommendations"]),
        factor_ids=tuple(data["factors"]),
        participants=data["participants"],
        group_min=data["group_size"]["min"],
        group_max=data["group_size"]["max"],
        preparation_minutes=data["preparation_minutes"],
        duration_minutes=data["duration_minutes"],
        materials=tuple(Text.of(item) for item in data["materials"]),
        preparation=tuple(Text.of(item) for item in data["preparation"]),
        steps=tuple(Step(step["minutes"], Text.of(step["text"]), step.get("silent", False))
                    for step in data["steps"]),
        tips=tuple(Tip(Text.of(tip["problem"]), Text.of(tip["remedy"])) for tip in data["tips"]),
        variations={key: Text.of(value) for key, value in data["variations"].items()},
        follow_up=Text.of(data["follow_up"]),
        source=path,
        credit=Text.of(data["credit"]) if "credit" in data else None,
    )


def _modules(data: list) -> tuple[Module, ...]:
    return tuple(
        Module(
            id=module["id"],
            kind=module["kind"],
            recommendation_id=module.get("recommendation"),
            title=Text.of(module["title"]) if "title" in module else None,
            aim=Text.of(module["aim"]),
            agenda=tuple(AgendaItem(item["kind"], item["minutes"],
                                    Text.of(item["text"]) if "text" in item else None,
                                    item.get("exercise"))
                         for item in module["agenda"]),
            between_sessions=Text.of(module["between_sessions"]),
            duration_minutes=module["duration_minutes"],
        )
        for module in data
    )


def programme(data: dict, path: Path) -> Programme:
    short = data.get("short")
    return Programme(Text.of(data["title"]), Text.of(data["intro"]),
                     _modules(data["modules"]), path,
                     ProgrammePath(Text.of(short["title"]), Text.of(short["intro"]),
                                   _modules(short["modules"])) if short else None)


def guide(data: dict, path: Path) -> Guide:
    return Guide(Text.of(data["title"]), Text.of(data["intro"]),
                 tuple(Guide.Section(section["id"], Text.of(section["title"]),
                                    Text.of(section["body"])) for section in data["sections"]),
                 path)


def reflection(data: dict, path: Path) -> Reflection:
    def questions(key: str) -> tuple[Question, ...]:
        return tuple(Question(q["id"], Text.of(q["text"])) for q in data[key])

    return Reflection(data["recommendation"], questions("leader"), questions("top_manager"),
                      questions("group"), path)


def self_assessment(data: dict, path: Path) -> SelfAssessment:
    return SelfAssessment(
        scale=tuple(Text.of(label) for label in data["scale"]),
        statements=tuple(Statement(s["factor"], Text.of(s["text"])) for s in data["statements"]),
        source=path,
    )


def checklist(data: dict, path: Path) -> Checklist:
    sections = tuple(
        ChecklistSection(
            id=section["id"],
            title=Text.of(section["title"]),
            items=tuple(ChecklistItem(id=item["id"], text=Text.of(item["text"]))
                        for item in section["items"]),
        )
        for section in data["sections"]
    )
    return Checklist(id=data["id"], title=Text.of(data["title"]),
                            intro=Text.of(data["intro"]), sections=sections, source=path)


def redirects(data: dict, path: Path) -> dict[str, str]:
    return dict(data)
