"""Every built page of a language in headless Chromium, loaded once and checked at every width,
recording at once what the accessibility, privacy and Content-Security-Policy tests each
assert on: axe-core's WCAG 2.1 A/AA violations, the language the page declares, dialogs
without a name, the page's width, policy violations and script errors, every request the
browser made and the cookies it was given. axe and the page load are the slow part of a
browser test; doing them once for all of these tests (instead of once per test), and loading
each page once for every width, keeps the suite fast, and each test still asserts on its own.
`conftest.tour` takes each language's tours once per test session.

Every axe rule runs on every page at every width, but one: `color-contrast`, most of axe's time
(2.2 s of 2.4 s on the largest page), runs once per kind of page (page_kind), language and
width, on the kind's largest page. Contrast depends on the stylesheets and the kinds of element
a page has, which pages of one kind share (one template), not on each page's words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# The screens the tests take: a desktop window, a phone held upright, a projector (as a
# facilitator shows a session). The tours check every page at the first two widths.
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844},
           "projector": {"width": 1920, "height": 1080}}
WIDTHS = {name: SCREENS[name]["width"] for name in ("desktop", "phone")}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Recorded in every page before its own scripts run (Playwright's init scripts are not
# subject to the page's policy).
RECORD_POLICY_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") +
                           " " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


def axe_script() -> str:
    """axe-core from the PyPI package axe-playwright-python (its bundled axe.min.js): no CDN."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE = axe_script()


def every_page(site: Path, lang: str) -> list[Path]:
    """Every HTML file of one language, the 404 page included: new pages are covered as they
    are added, without a list to keep up to date."""
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) >= 3, f"only {pages} in {site / lang}"
    return pages


def url_of(server: str, site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return f"{server}/{relative.removesuffix('index.html')}"


def page_kind(site: Path, path: Path) -> str:
    """The kind of a built page, by where it is: the home page, a section's index (`ovelser/`),
    a page inside a section (`ovelser/*`), a page inside one of those (`utskrift/*/*`), 404."""
    parts = path.relative_to(site).parts[1:]  # below the language's folder
    if parts[-1] != "index.html":
        return parts[-1]
    folders = parts[:-1]
    return "home" if not folders else folders[0] + "/" + "*/" * (len(folders) - 1)


def contrast_pages(site: Path, lang: str) -> set[Path]:
    """The pages whose contrast a tour checks: the largest page of each kind."""
    largest: dict[str, Path] = {}
    for path in every_page(site, lang):
        kind = page_kind(site, path)
        if kind not in largest or path.stat().st_size > largest[kind].stat().st_size:
            largest[kind] = path
    return set(largest.values())


def wcag_violations(page, contrast: bool = True) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now, one readable line each (axe is
    put into the page once per page load); without `contrast`, every rule but color-contrast."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    if not contrast:
        options["rules"] = {"color-contrast": {"enabled": False}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}: "
        + node["failureSummary"].replace("\n", " ")
        for rule in result["violations"] for node in rule["nodes"]
    ]


def wait_until_answered(page, in_flight: set, timeout_ms: int = 10_000) -> None:
    """Wait until every request in `in_flight` (kept by the context's request events) has its
    answer; Playwright delivers the events while the page waits."""
    for _ in range(timeout_ms // 20):
        if not in_flight:
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"no answer within {timeout_ms} ms: {[r.url for r in in_flight]}")


@dataclass
class Visit:
    """One page as Chromium showed it."""

    path: str  # below the site: nb/anbefalinger/x/index.html
    lang: str  # document.documentElement.lang
    wcag: list[str]  # axe's violations
    unnamed_dialogs: int  # [role=dialog] without aria-label or aria-labelledby
    scroll_width: int  # document.documentElement.scrollWidth, in CSS pixels
    policy: list[str]  # policy violations and script errors
    contrast: bool  # axe's color-contrast rule ran too (contrast_pages)


@dataclass
class Tour:
    """Every page of one language at one width, then a search from the home page."""

    lang: str
    width: int
    server: str  # the local server it was taken from: http://127.0.0.1:<port>
    visits: list[Visit] = field(default_factory=list)
    root_policy: list[str] = field(default_factory=list)  # the root's language chooser
    requested: list[str] = field(default_factory=list)  # every URL the browser asked for
    search_results: int = 0  # results for "ledergruppe"
    search_wcag: list[str] = field(default_factory=list)  # axe, with the results open
    cookies: list = field(default_factory=list)
    document_cookie: str = ""


PAGE_AT_REST = """async () => {
  // The page at rest: transitions that run at load or on a resize (Material's) have ended.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const rest = Promise.all(document.getAnimations().map(a => a.finished.catch(() => 0)));
  await Promise.race([rest, new Promise(done => setTimeout(done, 2000))]);
  return {
    lang: document.documentElement.lang,
    width: document.documentElement.scrollWidth,
    unnamed: [...document.querySelectorAll("[role=dialog]")].filter(dialog =>
        !(dialog.getAttribute("aria-label") || dialog.getAttribute("aria-labelledby"))).length,
  };
}"""


def take_tours(browser, server: str, site: Path, lang: str) -> dict[int, Tour]:
    """The tour of one language at every width in WIDTHS, in one browser context (service
    worker on, as a reader has it). Each page is loaded once, at the first width, and checked
    there; then the window takes each other width in turn (as a phone turned, or a window
    narrowed: Material's layout follows its media queries), and the page is checked again
    once at rest. Loading each page once for every width spares a page load and axe's
    set-up per page and width (the tours take about a fifth less CPU). What the browser asks
    for is recorded in the tour of the width it had at the time."""
    sizes = list(WIDTHS.values())
    tours = {width: Tour(lang, width, server) for width in sizes}
    current = tours[sizes[0]]
    context = browser.new_context(viewport={"width": sizes[0], "height": 900})
    context.add_init_script(RECORD_POLICY_VIOLATIONS)
    in_flight: set = set()  # requests asked for and not yet answered (or failed)

    def asked(request) -> None:
        current.requested.append(request.url)
        in_flight.add(request)

    def answered(request) -> None:
        in_flight.discard(request)

    context.on("request", asked)
    context.on("requestfinished", answered)
    context.on("requestfailed", answered)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text
            else None)

    def policy_problems() -> list[str]:
        found = page.evaluate("window.__violations") + errors
        errors.clear()
        page.evaluate("window.__violations = []")
        return found

    def at(width: int) -> Tour:
        nonlocal current
        if current.width != width:
            page.set_viewport_size({"width": width, "height": 900})
            current = tours[width]
        return current

    try:
        page.goto(f"{server}/")  # the language chooser sends the reader on
        page.wait_for_url(re.compile(r"/[a-z]{2,3}/$"))
        page.wait_for_load_state("networkidle")
        root_policy = policy_problems()
        for tour in tours.values():
            tour.root_policy = root_policy
        contrasted = contrast_pages(site, lang)
        for path in every_page(site, lang):
            at(sizes[0])
            page.goto(url_of(server, site, path))  # waits for `load`
            for width in sizes:
                tour = at(width)
                wcag = wcag_violations(page, contrast=path in contrasted)
                facts = page.evaluate(PAGE_AT_REST)
                # Every request the page makes on its own is answered before we move on, so
                # that each is recorded and none is cut off by the next page. (Waiting for
                # `networkidle` would add its 500 ms of quiet to every page; a request made
                # later than that is recorded all the same, on the next page, and the tour
                # ends with a `networkidle` wait.)
                wait_until_answered(page, in_flight)
                tour.visits.append(Visit(path.relative_to(site).as_posix(), facts["lang"], wcag,
                                         facts["unnamed"], facts["width"], policy_problems(),
                                         path in contrasted))
        for width in sizes:
            search_from_home(page, server, at(width))
        for tour in tours.values():
            tour.cookies = context.cookies()
            tour.document_cookie = page.evaluate("document.cookie")
    finally:
        context.close()
    return tours


def search_from_home(page, server: str, tour: Tour) -> None:
    """Search the home page for "ledergruppe" as a reader at the tour's width does."""
    page.goto(f"{server}/{tour.lang}/")
    if tour.width < 960:
        page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.press_sequentially("ledergruppe", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    tour.search_results = page.locator(".md-search-result__item").count()
    page.wait_for_timeout(400)  # let the overlay's fade-in end: axe reads the colours
    tour.search_wcag = wcag_violations(page)
