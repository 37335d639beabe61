"""Shared by the self-assessment tests: the real statements, and answer codes made in Python
from the documented format (so the JavaScript is checked against an independent version)."""

from __future__ import annotations

from pathlib import Path

from node_module import NodeModule
from tour import WIDTHS

from macros.content.load import load_handbook
from macros.render.assessment import STORAGE_KEY  # noqa: F401  (the pages' own key, re-exported)

ROOT = Path(__file__).resolve().parent.parent

HANDBOOK = load_handbook()
ASSESSMENT = HANDBOOK.self_assessment
FACTORS = [s.factor_id for s in ASSESSMENT.statements]
# The statements as the form shows them: under each recommendation, in its factors' order
# (`check` holds the file to that order; the tests take it from the model, as the page does).
IN_PAGE_ORDER = [statement for rec in HANDBOOK.recommendations for factor in rec.factors
                 for statement in ASSESSMENT.statements if statement.factor_id == factor.id]
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


PHONE = WIDTHS["phone"]  # CSS pixels, as the tours take a phone


BROKEN_WORDS = """table => {
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  return broken;
}"""

# Every line of a left-aligned cell starts at the cell's edge: a second line that begins with a
# link's margin ("Øvelser ·" / " Sjekkliste") looks like a stray space. A cell that shows its
# column's name before its text (on a phone, as "::before") starts its first line after it.
INDENTED_LINES = """table => {
  const found = [];
  for (const cell of table.querySelectorAll("th, td")) {
    const style = getComputedStyle(cell);
    if (!["left", "start"].includes(style.textAlign)) continue;
    const labelled = getComputedStyle(cell, "::before").content !== "none";
    const edge = cell.getBoundingClientRect().left + parseFloat(style.borderLeftWidth)
      + parseFloat(style.paddingLeft);
    const range = document.createRange();
    range.selectNodeContents(cell);
    // The lines, each with where its first box starts: a box is on a line when its middle is
    // (a badge such as "Stor uenighet" is taller than the text beside it).
    const lines = [];
    for (const rect of range.getClientRects()) {
      if (!rect.width) continue;
      const middle = (rect.top + rect.bottom) / 2;
      const line = lines.find((l) => l.top <= middle && middle <= l.bottom);
      if (line) line.left = Math.min(line.left, rect.left);
      else lines.push({ top: rect.top, bottom: rect.bottom, left: rect.left });
    }
    lines.sort((a, b) => a.top - b.top);
    for (const [index, line] of lines.entries()) {
      if (labelled && index === 0) continue;
      const inset = line.left - edge;
      if (inset > 1) found.push(`${cell.textContent.trim()}: ${inset.toFixed(1)} px in`);
    }
  }
  return found;
}"""

# On a phone: each cell but the recommendation's names its column before its text (the
# column's head, as "Gjennomsnitt (1–5): 2,0"), and the table is no wider than its box.
PHONE_LAYOUT = """table => {
  const heads = [...table.querySelectorAll("thead th")].map(th => th.textContent);
  const unlabelled = [];
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.cells].forEach((cell, column) => {
      const label = getComputedStyle(cell, "::before").content;
      const shown = cell.tagName === "TD" && label !== "none"
        && cell.dataset.label === heads[column];
      if (cell.tagName === "TD" && !shown) unlabelled.push(`${heads[column]}: ${label}`);
    });
  }
  const box = table.parentElement;
  return {unlabelled, overflow: box.scrollWidth - box.clientWidth};
}"""


def phone_problems(table) -> list[str]:
    """What a reader of a results table (a Playwright locator) on a phone would find wrong: a
    cell that does not name its column, the table wider than its box, a word broken, a line
    that starts indented."""
    layout = table.evaluate(PHONE_LAYOUT)
    wider = [f"{layout['overflow']} px wider than its box"] if layout["overflow"] else []
    return (layout["unlabelled"] + wider + [f"broken: {word}" for word in
                                           table.evaluate(BROKEN_WORDS)]
            + table.evaluate(INDENTED_LINES))
