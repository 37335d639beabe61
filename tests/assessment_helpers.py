"""Shared by the self-assessment tests: the real statements, and answer codes made in Python
from the documented format (so the JavaScript is checked against an independent version)."""

from __future__ import annotations

from pathlib import Path

from node_module import NodeModule

from macros.content.load import load_handbook
from macros.render.assessment import STORAGE_KEY  # noqa: F401  (the pages' own key, re-exported)

ROOT = Path(__file__).resolve().parent.parent

HANDBOOK = load_handbook()
ASSESSMENT = HANDBOOK.self_assessment
FACTORS = [s.factor_id for s in ASSESSMENT.statements]
EDITION = ASSESSMENT.edition


def text_check(body: str) -> str:
    """ISO 7064 MOD 97-10 over each character's code (mod 100) written as two digits."""
    digits = "".join(f"{ord(c) % 100:02d}" for c in body)
    return f"{98 - int(digits + '00') % 97:02d}"


def answer_code(digits: str, role: str = "X", edition: str = EDITION) -> str:
    """LG-<edition>-<T|M|X>-<a digit per statement, 0 = unanswered>-<check over the rest>."""
    body = f"LG-{edition}-{role}-{digits}"
    return f"{body}-{text_check(body)}"


def numbered_code(digits: str, number: int, role: str = "X") -> str:
    """A code of the numbered editions before the fingerprint: LG<number>-<role>-<digits>-<MOD
    97-10 over the number, the role as a digit and the answers>."""
    body = f"{number}{ {'X': 0, 'T': 1, 'M': 2}[role]}{digits}"
    return f"LG{number}-{role}-{digits}-{98 - int(body + '00') % 97:02d}"


def other_edition(edition: str = EDITION) -> str:
    """An edition that is not this one."""
    return "ZZZZ" if edition != "ZZZZ" else "YYYY"


def digits_with(changes: dict[int, int], rest: int = 3) -> str:
    return "".join(str(changes.get(i, rest)) for i in range(len(FACTORS)))


def recommendation_of(factor_id: str) -> str:
    return HANDBOOK.factors[factor_id].recommendation_id


CORE = NodeModule(ROOT / "docs/pages/assets/javascripts/assessment-core.js")
STATEMENTS = [{"factor": s.factor_id, "recommendation": recommendation_of(s.factor_id)}
              for s in ASSESSMENT.statements]
RECOMMENDATIONS = [{"id": r.id, "number": r.number} for r in HANDBOOK.recommendations]


def node(body: str, **data):
    """Run JavaScript in Node with `core` (the very assessment-core.js the pages load) and
    `data` (the keyword arguments) defined; `body` returns the result, handed back as JSON."""
    return CORE.run(body, **data)


def core(fn: str, *args):
    """One call of a function of assessment-core.js."""
    return node("return core[data.fn](...data.args);", fn=fn, args=list(args))


# In Chromium: answering the self-assessment page, and reading which answers it shows.
def answer(page, answers):
    for factor, value in answers.items():
        page.locator(f'input[name="sa-{factor}"][value="{value}"]').check()


def checked(page) -> dict[str, int]:
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('fieldset[data-factor] input:checked')]
        .map(input => [input.name.slice(3), Number(input.value)]))""")
