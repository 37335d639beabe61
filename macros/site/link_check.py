"""`check`'s links, on the site's floor: every link in a text to a page of the handbook finds its
page, and its #anchor on that page, in the text's language, as the build makes them (the pages
are rendered through the page macros themselves: macros/site/targets.py). The content's own
checks are macros/content/load.py; `check`, the build and `rename` (given it by the command
line) load the content through load_checked, which adds these."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from macros.content.kinds import all_pages
from macros.content.load import Loader, is_text, load_with_files
from macros.content.markup import LINK, link_target_kind
from macros.content.model import Handbook
from macros.content.problems import ContentError, Problem
from macros.content.validate import where
from macros.content.yamlfile import find
from macros.languages import LANGUAGES
from macros.messages import message
from macros.site.targets import Targets, home_page

_checked: dict[tuple, list[Problem]] = {}


def load_checked(content_dir: Path) -> Handbook:
    """load_handbook, with every link resolved; raise ContentError listing every problem."""
    handbook, files = load_with_files(content_dir)
    key = (Path(content_dir), id(handbook))
    if key not in _checked:
        loader = Loader(Path(content_dir))
        loader.files = files  # as load_handbook parsed them
        _check_links(loader, handbook)
        _checked.clear()
        _checked[key] = loader.problems
    if _checked[key]:
        raise ContentError(_checked[key])
    return handbook


def _close(wanted: str, options, show=lambda option: option) -> str:
    """"did you mean …?" with the closest option, else the options."""
    options = sorted(options)
    close = difflib.get_close_matches(wanted, options, n=1, cutoff=0.5)
    return (message("hint.did_you_mean", suggestion=show(close[0])) if close
            else message("hint.use_one_of", options=", ".join(show(o) for o in options)))


def _check_links(loader: Loader, handbook: Handbook) -> None:
    """Every link in a text to a page of the handbook finds its page, and its #anchor on that
    page, in the text's language, as the build will make them (macros/site/targets.py);
    a link to #anchor alone finds it on every page that shows the text."""
    targets = Targets(handbook, loader.content_dir)
    pages = all_pages(handbook)
    published = {language.code for language in LANGUAGES if not language.in_progress}
    same_page: dict[str, list[tuple[Path, int | None, str]]] = {}  # anchor -> where written
    for path, file in loader.files.items():
        home = home_page(handbook, path)
        for location, texts in find(file.data, is_text):
            for lang, text in texts.items():
                if lang not in published:
                    continue
                spot = (*location, lang)
                start, name = file.line_of(spot), where(spot)
                for match in LINK.finditer(text):
                    line = start and start + (file.block_start(spot)
                                              and 1 + text.count("\n", 0, match.start()))
                    target = match.group(2)
                    if link_target_kind(target) != "page":
                        continue
                    page, _, anchor = target.partition("#")
                    if page and page not in pages:
                        loader.problem(path, line, message(
                            "link.no_page", where=name, page=page, hint=_close(page, pages)))
                        continue
                    if not anchor:
                        continue
                    if not page:
                        same_page.setdefault(anchor, []).append((path, line, name))
                        if home is None:
                            loader.problem(path, line, message(
                                "link.anchor_no_page", where=name, anchor=anchor))
                            continue
                    shown_on = page or home
                    ids = targets.ids(lang, shown_on)
                    if anchor not in ids:
                        loader.problem(path, line, message(
                            "link.no_anchor", where=name, page=shown_on, anchor=anchor,
                            hint=_close(anchor, ids, lambda a, on=shown_on: f"{on}#{a}")))
    if not same_page or loader.problems:
        return
    # A text shown on other pages too (a recommendation's lead on the overview): its #anchor
    # must be on each of them. The booklet rewrites such links itself.
    link_to = re.compile(r"\]\(#(" + "|".join(map(re.escape, same_page)) + r")\)")
    for lang in sorted(published):
        for page in targets.pages():
            if targets.is_booklet(page):
                continue
            for anchor in dict.fromkeys(link_to.findall(targets.markdown(lang, page))):
                if anchor in targets.ids(lang, page):
                    continue
                for path, line, name in same_page[anchor]:
                    if name.endswith(f".{lang}"):
                        loader.problem(path, line, message(
                            "link.anchor_elsewhere", where=name, page=page, anchor=anchor))
