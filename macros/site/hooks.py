"""MkDocs hooks: the only place that talks to MkDocs' plugin API besides page_macros.py (mkdocs-macros).
They load the content (failing the build with every problem, one per line), set the navigation,
add the generated pages, swap in the stemming search worker, and watch content/ when serving."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from macros.content.load import load_handbook
from macros.content.model import Handbook
from macros.content.problems import ContentError
from macros.project import CONTENT_DIR, PACKAGE_DIR
from macros.render.booklet import FOOTER_CSS, footer_css
from macros.site.pages import generated_pages, navigation, not_in_navigation
from macros.site.search import (
    SYNONYMS_SCRIPT,
    name_search_dialog,
    synonyms_script,
    use_stemming_worker,
)

_state: dict[str, Handbook] = {}


def on_config(config):
    try:
        _state["handbook"] = load_handbook()
    except ContentError as error:
        raise PluginError("\n" + error.report()) from None
    config.nav = navigation(_state["handbook"], config.theme["language"])
    return config


def on_files(files, config):
    handbook = _state["handbook"]
    hidden = not_in_navigation(handbook)
    for path, source in generated_pages(handbook).items():
        inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=source, inclusion=inclusion))
    lang = config.theme["language"]
    files.append(File.generated(config, FOOTER_CSS, content=footer_css(handbook, lang)))
    synonyms = handbook.search_synonyms[lang]
    files.append(File.generated(config, SYNONYMS_SCRIPT, content=synonyms_script(synonyms)))
    return files


def on_template_context(context, template_name, config):
    """The 404 page is served at any depth, so its links must be absolute. MkDocs makes them
    absolute from site_url, or from "/" without one, which misses the language folder: every
    link and stylesheet would point outside the site. Without a site_url we assume what `build`
    lays out: the language sites at /nb/ and /da/ on their host."""
    if template_name == "404.html":
        from urllib.parse import urlsplit

        lang = config.theme["language"]
        root = urlsplit(config.site_url).path.rstrip("/") if config.site_url else f"/{lang}"
        context["base_url"] = root
        context["labels"] = _state["handbook"].labels.for_language(lang)
    return context


def on_post_page(output, page, config):
    return name_search_dialog(use_stemming_worker(output))


def on_post_template(output, template_name, config):
    """The 404 page is a theme template, not a page: give it the same search."""
    if template_name == "404.html":
        return name_search_dialog(use_stemming_worker(output))
    return output


def on_serve(server, config, builder):
    server.watch(str(CONTENT_DIR))
    server.watch(str(PACKAGE_DIR))
    return server
