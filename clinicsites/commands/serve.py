"""``./run serve`` (and ``livereload``): preview every site, rebuilding on change and reloading the open page."""

from __future__ import annotations

from .. import preview
from . import EXIT_OK, setup_logging, usage


def main(clinics: str, output: str, port: int, host: str) -> int:
    """Serve until Ctrl+C; a port already in use is a usage mistake."""
    setup_logging()
    try:
        preview.run(clinics, output, int(port), host)
    except OSError as exc:
        return usage(f"serve: cannot listen on {host}:{port} ({exc.strerror}); is another preview running? "
                     "Try --port 8001")  # fmt: skip
    return EXIT_OK
