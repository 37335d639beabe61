"""Where the fixed pages live below docs_dir: the same paths in every language. Pages per
content item (a recommendation, an exercise, …) take their path from their model's `page`."""

HOME = "index.md"
OVERVIEW = "anbefalinger/index.md"
EXERCISE_INDEX = "ovelser/index.md"
PROGRAMME = "program/index.md"
CHECKLISTS = "sjekklister/index.md"
PRINT = "utskrift.md"
REFLECTION_INDEX = "refleksjon/index.md"
SELF_ASSESSMENT = "egenvurdering/index.md"
GROUP_ASSESSMENT = "egenvurdering/gruppe/index.md"
SESSION = "samling/index.md"

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
    "session": SESSION,
}


def booklet_pdf(lang: str, part: str | None = None) -> str:
    """Path of the printed handbook's PDF (or one part's) below the language's site root."""
    return f"pdf/velfungerende-ledergruppe{'-' + part if part else ''}-{lang}.pdf"
