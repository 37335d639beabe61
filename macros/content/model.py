"""Typed models of the handbook's content. Built once by `load.load_handbook`; renderers read these,
never raw YAML dicts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from macros import addresses
from macros.languages import CODES


class Text(Mapping):
    """One text in the handbook's languages: language code -> text, over the registry
    (macros/languages.yml). A language still in progress may be missing."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        unknown = set(texts) - set(CODES)
        if unknown:
            raise KeyError(f"not a language of the handbook: {sorted(unknown)}")
        self._texts = {code: texts[code] for code in CODES if code in texts}

    def __getitem__(self, lang: str) -> str:
        return self._texts[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(tuple(self._texts.items()))

    def __repr__(self) -> str:
        return f"Text({self._texts!r})"

    @classmethod
    def of(cls, data: dict) -> Text:
        return cls({code: data[code].strip() for code in CODES if isinstance(data.get(code), str)})


@dataclass(frozen=True)
class Factor:
    """A promoting factor: what makes the collaboration in a recommendation work."""

    id: str
    text: Text
    recommendation_id: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    number: int
    title: Text
    lead: Text
    body: Text
    factors: tuple[Factor, ...]
    source: Path

    @property
    def page(self) -> str:
        """Path of the recommendation's page below docs_dir, the same in every language."""
        return addresses.recommendation_page(self.id)


@dataclass(frozen=True)
class ChecklistItem:
    """A statement a group ticks and rates (in place / partly / not yet)."""

    id: str
    text: Text


@dataclass(frozen=True)
class ChecklistSection:
    """A part of a checklist; `title` is None when the checklist has a single, untitled part."""

    id: str
    title: Text | None
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """A checklist to tick on screen and on paper: a meeting checklist from
    content/checklists/*.yml (with its source), or one made from promoting factors."""

    id: str
    title: Text
    intro: Text
    sections: tuple[ChecklistSection, ...]
    source: Path | None = None

    @property
    def page(self) -> str:
        return addresses.checklist_page(self.id)

    def pdf(self, lang: str) -> str:
        """Path of its PDF below the language's site root."""
        return addresses.checklist_pdf(self.id, lang)

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


@dataclass(frozen=True)
class Role:
    """A role the handbook speaks of, as each country names it (term and text per language)."""

    id: str
    term: Text
    text: Text


@dataclass(frozen=True)
class Roles:
    """The short glossary of roles in a municipality, on the home page; `note` points readers of
    the recommendations to it."""

    title: Text
    intro: Text
    note: Text
    link: Text
    items: tuple[Role, ...]


@dataclass(frozen=True)
class Site:
    """The texts of the home page."""

    title: Text
    tagline: Text
    intro: Text
    audience: Text
    how_to_use: Text
    source: Text
    independence: Text  # independent of the source's authors; what is the handbook's own
    privacy: Text
    roles: Roles
    left_out: Text | None = None  # why recommendations of the study are left out, if any are
    study_recommendations: int | None = None  # how many the study has, when some are left out


@dataclass(frozen=True)
class Labels:
    """Interface strings (headings, navigation, buttons) by key."""

    texts: dict[str, Text]

    def __call__(self, key: str, lang: str) -> str:
        return self.texts[key][lang]

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: text[lang] for key, text in self.texts.items()}


@dataclass(frozen=True)
class Step:
    minutes: int
    text: Text
    silent: bool = False  # people write on their own, in silence


@dataclass(frozen=True)
class Tip:
    problem: Text
    remedy: Text


@dataclass(frozen=True)
class Exercise:
    """An exercise a leadership group runs in one of its meetings."""

    id: str
    title: Text
    purpose: Text
    recommendation_ids: tuple[str, ...]
    factor_ids: tuple[str, ...]
    participants: str  # whole-group | top-management | pairs | two-members
    group_min: int
    group_max: int
    preparation_minutes: int
    duration_minutes: int
    materials: tuple[Text, ...]
    preparation: tuple[Text, ...]
    steps: tuple[Step, ...]
    tips: tuple[Tip, ...]
    variations: dict[str, Text]  # short, large_group, remote
    follow_up: Text
    source: Path
    credit: Text | None = None  # where a borrowed method comes from

    @property
    def page(self) -> str:
        return addresses.exercise_page(self.id)


@dataclass(frozen=True)
class AgendaItem:
    """One part of a programme session: what the group does for how many minutes."""

    kind: str  # opening | review | activity | exercise | break | closing
    minutes: int
    text: Text | None = None  # what the group does (a break or an exercise may do without)
    exercise_id: str | None = None


@dataclass(frozen=True)
class Module:
    """A session of a programme path, with its timed agenda."""

    id: str
    kind: str  # start | recommendation | focus | follow-up
    recommendation_id: str | None
    title: Text | None  # a recommendation session's title is its recommendation's (set on load)
    aim: Text
    agenda: tuple[AgendaItem, ...]
    between_sessions: Text
    duration_minutes: int

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The exercises the agenda uses, in order, each once."""
        return tuple(dict.fromkeys(item.exercise_id for item in self.agenda if item.exercise_id))

    @property
    def page(self) -> str:
        return addresses.programme_session_page(self.id)


@dataclass(frozen=True)
class ProgrammePath:
    """A short path: a few sessions for a group with little time."""

    title: Text
    intro: Text
    modules: tuple[Module, ...]


@dataclass(frozen=True)
class Programme:
    title: Text
    intro: Text
    modules: tuple[Module, ...]  # the full path
    source: Path
    short: ProgrammePath | None = None

    @property
    def sessions(self) -> tuple[Module, ...]:
        """Every session of every path: the full path, then the short one."""
        return self.modules + (self.short.modules if self.short else ())


@dataclass(frozen=True)
class Guide:
    """The facilitator's guide: how to run the programme (content/guide.yml), in sections
    that each have an anchor of their own on the page (veileder/#id)."""

    title: Text
    intro: Text
    sections: tuple[Guide.Section, ...]
    source: Path

    @dataclass(frozen=True)
    class Section:
        id: str
        title: Text
        body: Text

    @property
    def page(self) -> str:
        return addresses.GUIDE


@dataclass(frozen=True)
class Question:
    """A reflection question."""

    id: str
    text: Text


@dataclass(frozen=True)
class Reflection:
    """Reflection questions for one recommendation, for three audiences."""

    recommendation_id: str
    leader: tuple[Question, ...]
    top_manager: tuple[Question, ...]
    group: tuple[Question, ...]
    source: Path

    @property
    def page(self) -> str:
        return addresses.reflection_page(self.recommendation_id)


@dataclass(frozen=True)
class Statement:
    """A self-assessment statement about one promoting factor, rated 1-5."""

    factor_id: str
    text: Text


@dataclass(frozen=True)
class SelfAssessment:
    scale: tuple[Text, ...]  # five labels, 1 = strongly disagree ... 5 = strongly agree
    statements: tuple[Statement, ...]  # in the order of the answer code's digits
    source: Path

    @property
    def edition(self) -> str:
        """The statements' fingerprint, carried in every answer code: four characters (Crockford
        base 32) of a hash of the scale and of the statements' factors, order and texts in every
        language. So it is the same on every language's page (a code made in one is read in
        the others), and any edit to a statement gives a new edition, whose pages then tell a
        code from before apart from a broken one, with no number for an editor to raise."""
        canonical = json.dumps(
            {"scale": [[label.get(lang, "") for lang in CODES] for label in self.scale],
             "statements": [[s.factor_id, [s.text.get(lang, "") for lang in CODES]]
                            for s in self.statements]},
            ensure_ascii=False, separators=(",", ":"))
        number = int.from_bytes(hashlib.sha256(canonical.encode("utf-8")).digest()[:3], "big")
        return "".join(EDITION_ALPHABET[(number >> shift) & 31] for shift in (15, 10, 5, 0))


EDITION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U


@dataclass(frozen=True)
class SearchSynonyms:
    """Per language: a word readers search for -> the handbook's words search also looks for."""

    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def __getitem__(self, lang: str) -> dict[str, tuple[str, ...]]:
        return self.words.get(lang, {})


@dataclass(frozen=True)
class Handbook:
    site: Site
    labels: Labels
    recommendations: tuple[Recommendation, ...]
    exercises: tuple[Exercise, ...] = ()
    programme: Programme | None = None
    guide: Guide | None = None
    reflections: tuple[Reflection, ...] = ()
    self_assessment: SelfAssessment | None = None
    meeting_checklists: tuple[Checklist, ...] = ()
    search_synonyms: SearchSynonyms = field(default_factory=SearchSynonyms)
    session: Labels = field(default_factory=lambda: Labels({}))  # content/session.yml
    redirects: dict[str, str] = field(default_factory=dict)  # old page -> new page
    # The kinds declared without a field of their own (macros/content/kinds.py), by name.
    more: dict[str, object] = field(default_factory=dict)
    factors: dict[str, Factor] = field(init=False)

    def __post_init__(self) -> None:
        factors = {f.id: f for rec in self.recommendations for f in rec.factors}
        object.__setattr__(self, "factors", factors)

    def exercise(self, exercise_id: str) -> Exercise:
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(f"Unknown exercise: {exercise_id}")

    def exercises_for(self, rec_id: str) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if rec_id in e.recommendation_ids)

    def recommendation(self, rec_id: str) -> Recommendation:
        for rec in self.recommendations:
            if rec.id == rec_id:
                return rec
        raise KeyError(f"Unknown recommendation: {rec_id}")

    def reflection(self, rec_id: str) -> Reflection:
        for reflection in self.reflections:
            if reflection.recommendation_id == rec_id:
                return reflection
        raise KeyError(f"No reflection questions for: {rec_id}")
