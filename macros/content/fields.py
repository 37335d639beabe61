"""Placeholders in texts: `{name}` is filled in, every other brace is shown as written.

Two kinds:
- counts, in any text: `{recommendations}`, `{factors}`, `{exercises}`, `{checklists}` and
  `{study_recommendations}` become the number in words in the text's language (from
  content/number-words.yml), capitalised when written with a capital: `{Recommendations}`;
- values the code passes to an interface string (content/labels.yml): `{number}` of `{total}`
  and the like, listed per label in LABEL_FIELDS, the one record of what the code passes
  (the site's scripts included; tests/test_text_safety.py holds the scripts to it).

`check` refuses a name that the text cannot use, with the names it can."""

from __future__ import annotations

import re

# {name}, not part of {{ … }}: a name of letters and underscores.
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]+)\}(?!\})")

COUNTS = ("recommendations", "factors", "exercises", "checklists", "study_recommendations")

LABEL_FIELDS = {
    # filled by macros/render (Python)
    "recommendation_number": ("number", "total"),
    "sa_statement_number": ("number", "total"),
    "persons": ("min", "max"),
    "reflection_title": ("title",),
    "checklist_for": ("title",),
    # filled by docs/pages/assets/javascripts/*.js with fill(t.KEY, {…}) (labels.yml and
    # session.yml)
    "add_named": ('name',),
    "exercise_facts": ('max', 'min', 'minutes',),
    "fits": ('minutes',),
    "focus_weakest": ('names',),
    "followup_summary": ('name',),
    "imported": ('count',),
    "link_unknown": ('count',),
    "minutes_short": ('minutes',),
    "move_down": ('name',),
    "move_up": ('name',),
    "over": ('minutes',),
    "part_of": ('number', 'total',),
    "remove": ('name',),
    "step_of": ('number', 'total',),
    "summary_followup": ('date', 'time',),
    "total": ('end', 'minutes', 'start',),
    "ga_compare_intro": ('after', 'before', 'earlier', 'later',),
    "ga_compare_title": ('earlier', 'later',),
    "ga_duplicate": ("first", "line"),
    "booklet_page_of": ("page", "pages"),
    "booklet_edition": ("date",),
    "ga_held_back_help": ('group', 'spread',),
    "ga_input_cut": ('count', 'maximum',),
    "ga_more_problems": ('count',),
    "ga_result_of": ('count', 'date',),
    "ga_result_other_version": ('file',),
    "ga_result_unreadable": ('file',),
    "ga_round_error_full": ('maximum',),
    "ga_round_error_too_few": ('count', 'minimum',),
    "ga_round_error_missing": ('count', 'numbers', 'size',),
    "ga_round_mine": ('answered', 'total',),
    "ga_round_key_tag": ('tag',),
    "ga_round_set": ('count', 'fingerprint',),
    "ga_round_member": ('number', 'tag',),
    "ga_round_leave_out": ('number',),
    "ga_round_key_bad": ('code', 'line',),
    "ga_round_share_bad": ('code', 'line',),
    "ga_round_other_edition": ('current', 'edition', 'line',),
    "ga_round_duplicate": ('first', 'line',),
    "ga_compare_refused": ('earlier', 'later', 'statement',),
    "ga_small_group": ('count', 'minimum',),
    "ga_source_codes": ('count',),
    "ga_source_round": ('count',),
    "sa_import_change": ('from', 'number', 'to',),
    "sa_import_preview": ('count',),
    "sa_import_role": ('from', 'to',),
    "sa_progress": ("answered", "total"),
    "sa_answered_of": ("answered", "total"),
    "sa_imported": ("count",),
    "ga_other_edition": ("line", "edition", "current"),
    "ga_bad_code": ("line", "code"),
    "ga_duplicates": ("count",),
    "ga_count": ("count",),
    "ga_too_few": ("minimum",),
    "ga_roles_too_few": ("minimum",),
    "ga_projector_of": ("number", "total"),
    "ga_projector_count": ("count",),
    "ga_projector_compare": ("date",),
    "offline_progress": ("done", "total"),
    "offline_pdfs": ("count",),
}


def fields_in(text: str) -> list[str]:
    return FIELD.findall(text)


def fill(template: str, **values: object) -> str:
    """`template` with each {name} given in `values` replaced; all else as written."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        lower = name[0].lower() + name[1:]
        if name[0].isupper() and lower in values:
            text = str(values[lower])
            return text[:1].upper() + text[1:]
        return match.group(0)

    return FIELD.sub(value, template)


def allowed(label_key: str | None) -> tuple[str, ...]:
    """The names a text may use: the counts, and for a label what the code passes it."""
    names = COUNTS + (LABEL_FIELDS.get(label_key, ()) if label_key else ())
    return names + tuple(name[0].upper() + name[1:] for name in COUNTS)


def number_in_words(number: int, words: dict[int, str]) -> str:
    """`number` as a word from the language's table, or in digits beyond it."""
    return words.get(number, str(number))
