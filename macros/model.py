"""Typed models of the handbook's content. Built once by `load.load_handbook`; renderers read these,
never raw YAML dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Text:
    """One text in every language of the handbook."""

    nb: str
    da: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, data: dict) -> Text:
        return cls(nb=data["nb"].strip(), da=data["da"].strip())


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
        return f"anbefalinger/{self.id}.md"


@dataclass(frozen=True)
class Site:
    """The texts of the home page."""

    title: Text
    tagline: Text
    intro: Text
    audience: Text
    how_to_use: Text
    source: Text
    left_out: Text
    privacy: Text


@dataclass(frozen=True)
class Labels:
    """Interface strings (headings, navigation, buttons) by key."""

    texts: dict[str, Text]

    def __call__(self, key: str, lang: str) -> str:
        return self.texts[key][lang]

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: text[lang] for key, text in self.texts.items()}


@dataclass(frozen=True)
class SearchSynonyms:
    """Per language: a word readers search for -> the handbook's words search also looks for."""

    nb: dict[str, tuple[str, ...]] = field(default_factory=dict)
    da: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, lang: str) -> dict[str, tuple[str, ...]]:
        return getattr(self, lang)


@dataclass(frozen=True)
class Handbook:
    site: Site
    labels: Labels
    recommendations: tuple[Recommendation, ...]
    search_synonyms: SearchSynonyms = field(default_factory=SearchSynonyms)
    factors: dict[str, Factor] = field(init=False)

    def __post_init__(self) -> None:
        factors = {f.id: f for rec in self.recommendations for f in rec.factors}
        object.__setattr__(self, "factors", factors)

    def recommendation(self, rec_id: str) -> Recommendation:
        for rec in self.recommendations:
            if rec.id == rec_id:
                return rec
        raise KeyError(f"Unknown recommendation: {rec_id}")
