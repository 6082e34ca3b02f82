"""Serve a built output folder on 127.0.0.1, as GitHub Pages would: for previews (``invoke serve``) and checks."""

from __future__ import annotations

import functools
import http.server
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)
HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files only: no directory listings, request lines to the debug log."""

    def end_headers(self):
        # LinkChecker waits 0.1-0.6 s between requests to a host unless the host answers with a header of this
        # name (any value); then only its maxrequestspersecond setting limits it.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def list_directory(self, path):
        # A folder without index.html is a broken link on GitHub Pages; a listing would hide it.
        self.send_error(404, "File not found")

    def send_error(self, code, message=None, explain=None):
        """Answer a missing page with the site's own 404.html, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        logger.debug("%s %s", self.address_string(), format % args)


def free_port() -> int:
    """A port nothing listens on now, to build a site for (its absolute links) before serving it there."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def serve(root: Path | str, port: int = 0) -> Iterator[str]:
    """Serve ``root`` on ``port`` (any free one by default) while the block runs; yield its base URL, ending in /.

    Files are looked up on each request, so ``root`` may be built (or swapped in) after the server starts.
    """
    handler = functools.partial(QuietHandler, directory=str(Path(root).resolve()))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="clinicsites-server", daemon=True)
    thread.start()
    url = f"http://{HOST}:{server.server_address[1]}/"
    logger.debug("serving %s on %s", root, url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
