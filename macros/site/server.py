"""The one local web server of the tool, the tests and bench: the built site on a free port of
127.0.0.1, for printing PDFs, the browser tests, another host in the tests, and bench's
measurements. (`serve` uses MkDocs' live-reload server, for its reloading, with the same 404
page: not_found_page.)

It serves the site as GitHub Pages does: under a path (`/repo/` for a project site, `/` at a
host's root), and a missing address gets the root's 404.html with status 404. With `cdn`, it
answers as a static host behind a CDN would (bench): text gzipped, hashed assets cached for a
year, the rest revalidated (Last-Modified / If-Modified-Since -> 304), and it logs the body
bytes it sends."""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import re
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(js|css)$")  # Material's assets, named by content
COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def not_found_page(site_dir: Path) -> bytes | None:
    """What a missing address gets: the site's root 404.html, if the site has one."""
    page = site_dir / "404.html"
    return page.read_bytes() if page.exists() else None


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, mount: str, log: list | None, **kwargs):
        self.mount = mount  # "/" or "/repo/"
        self.log = log  # (path, status, body bytes sent) of each answer: as a CDN would answer
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """Only addresses below the mount path are in the site; others point nowhere."""
        route = urlsplit(path).path
        if not (route + "/").startswith(self.mount):
            return str(Path(self.directory) / ".not-in-the-site")
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        body = not_found_page(Path(self.directory)) if code == 404 else None
        if body is None:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.log is None:
            return super().do_GET()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            self.log.append((self.path, 404, 0))
            return None
        modified = int(path.stat().st_mtime)
        since = self.headers.get("If-Modified-Since")
        cache = "public, max-age=31536000, immutable" if HASHED.search(path.name) else "no-cache"
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= modified:
            self.send_response(304)
            self.send_header("Cache-Control", cache)
            self.end_headers()
            self.log.append((self.path, 304, 0))
            return None
        body = path.read_bytes()
        self.send_response(200)
        if path.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(modified, usegmt=True))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)
        self.log.append((self.path, 200, len(body)))
        return None


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection before the answer is sent (a page left, a tab
        closed) is normal: no traceback for that. Other errors are printed as before."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(site_dir: Path, path: str = "/", *, cdn_log: list | None = None):
    """Serve site_dir under `path` ("/" or "/repo/") while the block runs; yields the site's
    base URL without a trailing slash (http://127.0.0.1:PORT or http://127.0.0.1:PORT/repo).
    With `cdn_log`, answer as a CDN would and log each answer there."""
    mount = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    handler = functools.partial(_SiteHandler, directory=str(site_dir), mount=mount, log=cdn_log)
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{mount.rstrip('/')}"
    finally:
        httpd.shutdown()
        httpd.server_close()
