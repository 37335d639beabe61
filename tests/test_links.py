"""`links`: broken internal links and anchors in a built site, in every language, one line each;
`links --external` fetches links to other hosts (here a local server: the tests have no
internet). The real site's links are checked in test_site.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_handbook

from macros.site.server import serving


@pytest.fixture
def host(tmp_path):
    """Another host, on this machine: /ok.html exists, nothing else."""
    root = tmp_path / "other-host"
    root.mkdir()
    (root / "ok.html").write_text("<p>ok</p>")
    with serving(root) as server:
        yield server


def make_site(tmp_path: Path, nb_body: str, da_body: str = "<p>da</p>") -> Path:
    site = tmp_path / "site"
    for lang, body in (("nb", nb_body), ("da", da_body)):
        (site / lang / "side").mkdir(parents=True)
        (site / lang / "index.html").write_text(f'<html lang="{lang}"><body>{body}</body></html>')
        (site / lang / "side" / "index.html").write_text(
            f'<html lang="{lang}"><h2 id="fremmer">x</h2><a href="../">hjem</a></html>')
    (site / "index.html").write_text('<a href="nb/">nb</a> <a href="da/">da</a>')
    return site


def links(site: Path, *args: str):
    return run_handbook("links", "--site-dir", str(site), *args)


def test_good_links_and_anchors_pass(tmp_path):
    site = make_site(tmp_path, '<a href="side/#fremmer">a</a> <a href="../da/side/">da</a>'
                     ' <a href="#top" id="top">top</a> <a href="https://example.org/">ute</a>')
    result = links(site)
    assert result.returncode == 0, result.stderr
    assert "Every link works" in result.stdout


@pytest.mark.parametrize("body, expected", [
    ('<a href="sider/">x</a>', "nb/index.html: sider/ (no such page or file)"),
    ('<a href="side/#ovelser">x</a>', "nb/index.html: side/#ovelser (the page has no anchor"
     " #ovelser)"),
    ('<a href="../da/borte/">x</a>', "nb/index.html: ../da/borte/ (no such page or file)"),
    ('<img src="bilde.png" alt="">', "nb/index.html: bilde.png (no such page or file)"),
    ('<a href="#mangler">x</a>', "nb/index.html: #mangler (the page has no anchor #mangler)"),
], ids=["page", "anchor", "other-language", "image", "same-page-anchor"])
def test_broken_internal_link_is_one_line(tmp_path, body, expected):
    result = links(make_site(tmp_path, body))
    assert result.returncode == 1
    assert expected in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == "Broken links: 1."


def test_external_links_are_fetched_only_when_asked(tmp_path, host):
    site = make_site(tmp_path, f'<a href="{host}/ok.html">ok</a> <a href="{host}/gone">x</a>')
    assert links(site).returncode == 0
    result = links(site, "--external", "--timeout", "5")
    assert result.returncode == 1
    assert (f"nb/index.html: {host}/gone (the server answers 404 File not found; fix or remove"
            " the link)") in result.stderr
    assert "/ok.html" not in result.stderr


def test_links_without_a_built_site_says_what_to_run(tmp_path):
    result = links(tmp_path / "nothing")
    assert result.returncode == 2
    assert "(build it first: python3 scripts/handbook.py build)" in result.stderr
