"""The built site on a free port of 127.0.0.1, for printing PDFs and for the browser tests.

It serves the site as GitHub Pages does: under a path (`/repo/` for a project site, `/` at a
host's root), and a missing address gets the root's 404.html with status 404."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, mount: str, **kwargs):
        self.mount = mount  # "/" or "/repo/"
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """Only addresses below the mount path are in the site; others point nowhere."""
        route = urlsplit(path).path
        if not (route + "/").startswith(self.mount):
            return str(Path(self.directory) / ".not-in-the-site")
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection before the answer is sent (a page left, a tab
        closed) is normal: no traceback for that. Other errors are printed as before."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(site_dir: Path, path: str = "/"):
    """Serve site_dir under `path` ("/" or "/repo/") while the block runs; yields the site's
    base URL without a trailing slash (http://127.0.0.1:PORT or http://127.0.0.1:PORT/repo)."""
    mount = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    handler = functools.partial(_SiteHandler, directory=str(site_dir), mount=mount)
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{mount.rstrip('/')}"
    finally:
        httpd.shutdown()
        httpd.server_close()
