"""The pages and headings a build makes, so that `check` resolves every link in a text without
building: which pages exist (macros/site/pages.py), and the ids on each page in each language.
A page's Markdown is made as the build makes it, by the macro its source calls
(macros/site/page_macros.py), and turned into HTML with the site's Markdown extensions
(docs/shared/mkdocs.yml), as MkDocs does before it checks the anchors of links."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import markdown
import yaml

from macros import addresses, build_context
from macros.build_context import BuildContext
from macros.content.model import Handbook
from macros.project import SHARED_CONFIG

ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""")
CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")


class _Config(yaml.SafeLoader):
    """Reads the shared MkDocs configuration's tags (!ENV, the toc's slugify) as plain data."""


_Config.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def _extensions() -> tuple[list, dict]:
    """The site's Markdown extensions and their settings, from docs/shared/mkdocs.yml."""
    from pymdownx.slugs import slugify

    config = yaml.load(SHARED_CONFIG.read_text(encoding="utf-8"), Loader=_Config)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, {}))
        names.append(name)
        settings[name] = dict(options or {})
    if "toc" in settings:
        settings["toc"]["slugify"] = slugify(case="lower")
    return names, settings


class _MkDocsConfig(dict):
    """MkDocs' configuration: read by key, and `extra` as an attribute too."""

    @property
    def extra(self) -> dict:
        return self["extra"]


class _Env:
    """What mkdocs-macros gives the page macros: the configuration and the page being made."""

    def __init__(self, lang: str, content_dir: Path):
        self.conf = _MkDocsConfig({"extra": {"language": lang,
                                        build_context.KEY: BuildContext(content_dir)},
                              "site_url": None})
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=""), canonical_url="")
        self.macros: dict = {}

    def macro(self, function, name: str = ""):
        self.macros[name or function.__name__] = function
        return function


class Targets:
    """What a link may point at, for one handbook: its pages, and the ids on each page in each
    language (worked out only for the pages asked about)."""

    def __init__(self, handbook: Handbook, content_dir: Path):
        from macros.site.pages import generated_pages

        self.handbook = handbook
        self.content_dir = content_dir
        self.sources = generated_pages(handbook)
        self._envs: dict[str, _Env] = {}
        self._markdown: dict[tuple[str, str], str] = {}
        self._ids: dict[tuple[str, str], frozenset[str]] = {}

    def pages(self) -> list[str]:
        return sorted(self.sources)

    def _env(self, lang: str) -> _Env:
        if lang not in self._envs:
            from macros.site.page_macros import define_env

            self._envs[lang] = _Env(lang, self.content_dir)
            define_env(self._envs[lang])
        return self._envs[lang]

    def markdown(self, lang: str, page: str) -> str:
        """The page's Markdown in the language, as its macro makes it."""
        if (lang, page) not in self._markdown:
            env = self._env(lang)
            env.page.file.src_uri = page

            def call(found: re.Match) -> str:
                arguments = ast.literal_eval(f"({found.group(2)},)") if found.group(2) else ()
                return str(env.macros[found.group(1)](*arguments))

            self._markdown[(lang, page)] = CALL.sub(call, self.sources[page])
        return self._markdown[(lang, page)]

    def ids(self, lang: str, page: str) -> frozenset[str]:
        """Every id on the page in the language: its headings' and its elements'."""
        if (lang, page) not in self._ids:
            names, settings = _extensions()
            html = markdown.Markdown(extensions=names, extension_configs=settings).convert(
                self.markdown(lang, page))
            self._ids[(lang, page)] = frozenset(ID.findall(html))
        return self._ids[(lang, page)]

    @staticmethod
    def is_booklet(page: str) -> bool:
        return page == addresses.PRINT or page.startswith(addresses.PRINT.removesuffix(".md"))


def home_page(handbook: Handbook, source: Path) -> str | None:
    """The one page a content file's texts are on, for a link to `#anchor` on the same page,
    when the file has one (a recommendation, an exercise, a checklist …; the home page for
    site.yml); None for a file whose texts are on many pages (labels.yml)."""
    from macros.content.kinds import items, with_pages

    for kind in with_pages(handbook):
        for item in items(handbook, kind):
            if getattr(item, "source", None) == source:
                return kind.pages.item_page(item)
    single = {
        "programme.yml": addresses.PROGRAMME,
        "self-assessment.yml": addresses.SELF_ASSESSMENT,
        "site.yml": addresses.HOME,
        "guide.yml": addresses.GUIDE,
    }
    return single.get(source.name)
