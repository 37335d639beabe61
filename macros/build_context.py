"""What one build is for, decided once on the command line (macros/cli) and passed down, typed:
to the build (macros/site/build.py), which hands it to MkDocs' hooks and to the page macros in
the build's configuration (`extra`, under KEY). Nothing below the command line reads an
environment variable for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.project import CONTENT_DIR

KEY = "handbook_build"  # the key in MkDocs' config.extra


@dataclass(frozen=True)
class BuildContext:
    content_dir: Path = CONTENT_DIR  # the content/ to build
    site_url: str = ""  # the site's public address (macros/site/site_url.py), normalized, or ""
    pdfs: bool = False  # the build gets PDFs (`pdf`), so pages link to them
    offline: bool = False  # the copy that opens from a folder (`offline`)


def of(config) -> BuildContext:
    """The context of the build MkDocs runs with this config; a build started without one (a
    tool of its own, such as bench) gets the defaults."""
    return config.extra.get(KEY) or BuildContext()


DEFAULT = BuildContext()  # the project's content/, no address, no PDFs, the hosted site
