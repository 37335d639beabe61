"""MkDocs hooks: the only place that talks to MkDocs' plugin API besides page_macros.py
(mkdocs-macros). They load the content (failing the build with every problem, one per line),
set the navigation, the languages and the site's public address, add the generated pages,
swap in the stemming search worker, give every page its Content-Security-Policy
(macros/site/csp.py, always last), and watch content/ when serving."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from macros import build_context
from macros.content.edition import edition_date
from macros.content.model import Handbook
from macros.content.problems import ContentError
from macros.languages import BY_CODE, LANGUAGES, Language
from macros.project import PACKAGE_DIR
from macros.render.booklet import FOOTER_CSS, footer_css
from macros.render.markup import render_text
from macros.site.csp import UnknownInlineScript, with_policy
from macros.site.link_check import load_checked
from macros.site.offline_copy import offline_config
from macros.site.pages import generated_pages, navigation, not_in_navigation
from macros.site.redirects import localize, redirect_files
from macros.site.search import (
    SYNONYMS_SCRIPT,
    name_search_dialog,
    synonyms_script,
    use_stemming_worker,
    write_vocabulary,
)
from macros.site.site_url import language_url
from macros.site.sitemap import finish_sitemap

_state: dict[str, Handbook] = {}


def site_language(config) -> Language:
    """The language of the site being built: its configuration is docs/<code>.yml (a config
    elsewhere, such as bench's, may name it as extra.language)."""
    code = config.extra.get("language") or Path(config.config_file_path).stem
    if code not in BY_CODE:
        raise PluginError(f"{config.config_file_path}: '{code}' is not a language in "
                          "macros/languages.yml (add it there, or name the file <code>.yml)")
    return BY_CODE[code]


@event_priority(100)  # before the search plugin reads its language
def on_config(config):
    """Everything about the language comes from the registry (macros/languages.yml): the theme's
    language, search's lunr language, the switch's list of languages, the interface strings
    Material lacks, and the description from content/site.yml."""
    language = site_language(config)
    context = build_context.of(config)
    try:
        _state["handbook"] = load_checked(context.content_dir)
    except ContentError as error:
        raise PluginError("\n" + error.report()) from None
    lang = language.code
    config.theme["language"] = language.theme
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            plugin.config.lang = [language.search]
    config.extra["language"] = lang
    # The page's <html lang> is Material's string "language": the content's code, whichever
    # theme code gives Material's other strings.
    config.extra["interface"] = {**language.interface, "language": lang}
    config.nav = navigation(_state["handbook"], lang)
    # <meta name="description">, from content like every other text (escaped: the theme
    # writes it into an attribute as it is).
    config.site_description = str(render_text(_state["handbook"].site.tagline[lang], "plain"))
    # The name in the header, the footer and every <title>, in the language (Samarbeid i
    # leiargruppa).
    config.site_name = str(render_text(_state["handbook"].site.title[lang], "plain"))
    config.copyright = config.site_name
    # The public address (--site-url): MkDocs then writes canonical links and a complete
    # sitemap; the templates make the hreflang alternates absolute.
    root = context.site_url
    config.site_url = language_url(root, lang) or None
    config.extra["site_root"] = root
    # The language switch and the alternates list every published language of the registry
    # (and this one, if it is built while still in progress).
    config.extra["languages"] = [{"code": other.code, "name": other.name} for other in LANGUAGES
                                 if not other.in_progress or other == language]
    # The old addresses of renamed pages (content/redirects.yml), for mkdocs-redirects; not in
    # the offline copy, which is new each time, so nobody has its old addresses.
    config.plugins["redirects"].config["redirect_maps"] = (
        {} if context.offline else dict(_state["handbook"].redirects))
    return config


def on_pre_build(config):
    """After every plugin's on_config (this module's runs first, for search's language): the
    offline copy's settings replace what Material's offline plugin set there."""
    offline_config(config)


@event_priority(50)  # before mkdocs-redirects looks for the pages its redirects lead to
def on_files(files, config):
    handbook = _state["handbook"]
    hidden = not_in_navigation(handbook)
    for path, source in generated_pages(handbook).items():
        inclusion = InclusionLevel.NOT_IN_NAV if path in hidden else InclusionLevel.UNDEFINED
        files.append(File.generated(config, path, content=source, inclusion=inclusion))
    lang = config.extra["language"]
    files.append(File.generated(config, FOOTER_CSS, content=footer_css(handbook, lang)))
    synonyms = handbook.search_synonyms[lang]
    files.append(File.generated(config, SYNONYMS_SCRIPT, content=synonyms_script(synonyms)))
    return files


def on_template_context(context, template_name, config):
    """The 404 page is served at any depth, so its links must be absolute. MkDocs makes them
    absolute from site_url (from the build's --site-url: right under any sub-path), or from "/"
    without one, which misses the language folder: every link and stylesheet would point
    outside the site. Without an address we assume what `build` lays out and `serve` serves:
    the language sites at /<lang>/ on their host."""
    if template_name == "404.html":
        context["base_url"] = _not_found_base(config)
        labels = _state["handbook"].labels.for_language(config.extra["language"])
        context["labels"] = {key: render_text(text, "plain") for key, text in labels.items()}
    return context


def _not_found_base(config) -> str:
    """The language site's path, without its final slash (MkDocs adds one): /nb, /repo/nb."""
    from urllib.parse import urlsplit

    lang = config.extra["language"]
    return urlsplit(config.site_url).path.rstrip("/") if config.site_url else f"/{lang}"


def _policy(output: str, config, where: str = "") -> str:
    """The Content-Security-Policy, on the hosted site. The offline copy (`offline`) has none:
    its search runs through the iframe-worker shim, which writes an inline script whose text
    changes each time (a timestamp), so no hash can allow it; from file:// the copy loads
    nothing from other hosts in any case. An inline script the policy does not know fails the
    build with one line naming the page (macros/site/csp.py)."""
    if build_context.of(config).offline:
        return output
    try:
        return with_policy(output, where)
    except UnknownInlineScript as error:
        raise PluginError(str(error)) from None


def on_post_page(output, page, config):
    return _policy(name_search_dialog(use_stemming_worker(output)), config, page.file.src_uri)


def on_post_template(output, template_name, config):
    """The 404 page is a theme template, not a page: give it the same search and policy.
    Material's script resolves the search index against the "base" in its configuration (and
    its storage scope against __md_scope), which must end in a slash to be read as the
    language's folder (`/nb/search/…`, not `/search/…`)."""
    if template_name == "404.html":
        base = _not_found_base(config)
        output = output.replace(f'"base": "{base}"', f'"base": "{base}/"', 1)
        output = output.replace(f'new URL("{base}",location)', f'new URL("{base}/",location)', 1)
        return _policy(name_search_dialog(use_stemming_worker(output)), config, template_name)
    return output


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config):
    write_vocabulary(Path(config.site_dir))
    has_address = bool(config.site_url)  # without one there is no sitemap, and no date to ask git
    finish_sitemap(Path(config.site_dir), has_address,
                   edition_date(build_context.of(config).content_dir) if has_address else None)
    # After mkdocs-redirects has written the pages at old addresses.
    lang = config.extra["language"]  # the content's language (theme.language is Material's)
    labels = _state["handbook"].labels.for_language(lang)
    for path in redirect_files(Path(config.site_dir),
                               config.plugins["redirects"].config["redirect_maps"]):
        if not path.exists():  # the plugin has warned, and the strict build fails
            continue
        page = localize(path.read_text(encoding="utf-8"), lang, labels["redirect_title"],
                        labels["redirect_text"])
        path.write_text(_policy(page, config, str(path.relative_to(config.site_dir))),
                        encoding="utf-8")


def on_serve(server, config, builder):
    server.watch(str(build_context.of(config).content_dir))
    server.watch(str(PACKAGE_DIR))
    return server
