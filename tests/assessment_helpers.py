"""Shared by the self-assessment tests: the real statements, and answer codes made in Python
from the documented format (so the JavaScript is checked against an independent version)."""

from __future__ import annotations

from macros.content.load import load_handbook

HANDBOOK = load_handbook()
ASSESSMENT = HANDBOOK.self_assessment
FACTORS = [s.factor_id for s in ASSESSMENT.statements]
VERSION = ASSESSMENT.version
STORAGE_KEY = "velfungerende-ledergruppe.egenvurdering"


def answer_code(digits: str, role: str = "X", version: int = VERSION) -> str:
    """LG<version>-<T|M|X>-<a digit per statement, 0 = unanswered>-<ISO 7064 MOD 97-10>."""
    body = f"{version}{ {'X': 0, 'T': 1, 'M': 2}[role]}{digits}"
    check = 98 - int(body + "00") % 97
    return f"LG{version}-{role}-{digits}-{check:02d}"


def digits_with(changes: dict[int, int], rest: int = 3) -> str:
    return "".join(str(changes.get(i, rest)) for i in range(len(FACTORS)))


def recommendation_of(factor_id: str) -> str:
    return HANDBOOK.factors[factor_id].recommendation_id
