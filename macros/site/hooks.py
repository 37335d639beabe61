"""MkDocs hooks: the only place that talks to MkDocs' plugin API besides page_macros.py
(mkdocs-macros).
They load the content (failing the build with every problem, one per line), set the navigation,
add the generated pages, swap in the stemming search worker, give every page its
Content-Security-Policy (macros/site/csp.py, always last), and watch content/ when serving."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.content.load import load_handbook
from macros.content.model import Handbook
from macros.content.problems import ContentError
from macros.project import CONTENT_DIR, PACKAGE_DIR
from macros.site.csp import with_policy
from macros.site.pages import generated_pages, navigation
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
    for path, source in generated_pages(_state["handbook"]).items():
        files.append(File.generated(config, path, content=source))
    synonyms = _state["handbook"].search_synonyms[config.theme["language"]]
    files.append(File.generated(config, SYNONYMS_SCRIPT, content=synonyms_script(synonyms)))
    return files


def _not_found_root(config) -> str:
    """Where the 404 page's language site lives, absolute: from site_url, or else what `build`
    lays out (the language sites at /nb/ and /da/ on their host)."""
    from urllib.parse import urlsplit

    lang = config.theme["language"]
    return urlsplit(config.site_url).path.rstrip("/") if config.site_url else f"/{lang}"


def on_template_context(context, template_name, config):
    """The 404 page is served at any depth, so its links must be absolute. MkDocs makes them
    absolute from site_url, or from "/" without one, which misses the language folder: every
    link and stylesheet would point outside the site."""
    if template_name == "404.html":
        context["base_url"] = _not_found_root(config)
        context["labels"] = _state["handbook"].labels.for_language(config.theme["language"])
    return context


def on_post_page(output, page, config):
    return with_policy(name_search_dialog(use_stemming_worker(output)))


def on_post_template(output, template_name, config):
    """The 404 page is a theme template, not a page: give it the same search and policy. Its
    base (`/nb`) gets the slash Material's scripts need to resolve the search index inside the
    language site (`/nb/search/…`, not `/search/…`)."""
    if template_name == "404.html":
        root = _not_found_root(config)
        output = output.replace(f'"base": "{root}"', f'"base": "{root}/"', 1)
        output = output.replace(f'new URL("{root}",location)', f'new URL("{root}/",location)', 1)
        return with_policy(name_search_dialog(use_stemming_worker(output)))
    return output


def on_serve(server, config, builder):
    server.watch(str(CONTENT_DIR))
    server.watch(str(PACKAGE_DIR))
    return server
