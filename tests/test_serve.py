"""`serve` shows every language and rebuilds when a content file changes (live reload)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import CONTENT, ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_shows_both_languages_and_reloads_on_content_change(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = free_port()
    env = {**os.environ, "HANDBOOK_NO_VENV": "1", "HANDBOOK_CONTENT_DIR": str(content)}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "handbook.py"), "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        page = f"{base}/da/anbefalinger/uenighet/"
        assert wait_for(lambda: "<html lang=\"da\"" in fetch(page), 90)
        assert '<html lang="nb"' in fetch(f"{base}/nb/anbefalinger/uenighet/")

        path = content / "recommendations" / "06-uenighet.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  da: Ledergruppen", "  da: Ændret Ledergruppen", 1),
                        encoding="utf-8")
        assert wait_for(lambda: "Ændret Ledergruppen" in fetch(page), 90), "no rebuild"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_with_a_site_address_serves_under_its_path():
    """`serve --site-url …/handbok/` previews the site where it will be published: below
    /handbok/, and a missing address gets the root's 404 page with status 404."""
    import urllib.error

    from conftest import LANGS, SITE_URL

    from macros.content.load import load_handbook

    port = free_port()
    env = {**os.environ, "HANDBOOK_NO_VENV": "1"}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "handbook.py"), "serve", "--port", str(port),
         "--site-url", SITE_URL],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/handbok"
    try:
        assert wait_for(lambda: f'<html lang="{LANGS[0]}"' in fetch(f"{base}/{LANGS[0]}/"), 90)
        for lang in LANGS:
            assert f'<html lang="{lang}"' in fetch(f"{base}/{lang}/")
            assert f'href="{SITE_URL}{lang}/"' in fetch(f"{base}/{lang}/")  # canonical
        try:
            fetch(f"{base}/{LANGS[0]}/finnes/ikke/")
            raise AssertionError("a missing address answered 200")
        except urllib.error.HTTPError as error:
            assert error.code == 404
            text = error.read().decode("utf-8")
        for lang in LANGS:
            assert load_handbook().labels("not_found_title", lang) in text
            assert f'href="/handbok/{lang}/"' in text
    finally:
        server.terminate()
        server.wait(timeout=30)
