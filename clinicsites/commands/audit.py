"""``./run audit``: build, serve on 127.0.0.1 and run the quality gates; print the figures."""

from __future__ import annotations

import os
import tempfile
from urllib.parse import urlsplit

from .. import build as engine
from .. import serve as server
from ..checks import audit as gates
from ..settings import load_settings
from . import EXIT_FAILED, EXIT_OK, run, usage
from .build import summary


def main(clinics: str, output: str | None = None, port: int | None = None, lighthouse: bool = False,
         debug: bool = False) -> int:  # fmt: skip
    """Audit ``output`` (or a fresh build of ``clinics``); exit 1 when a gate fails."""
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        if not output:
            # Built for the port it is served on, so its absolute links (404 pages, feeds) lead somewhere.
            port = server.free_port()
            output = os.path.join(tmp, "output")
            preview = {"PREVIEW_URL": f"http://{server.HOST}:{port}/"}
            code = run(lambda: print(summary(engine.build(clinics, output, override=preview))), debug)
            if code:
                return code
        elif not os.path.isfile(os.path.join(output, "index.html")):
            return usage(f"audit: {output}/index.html not found; build first or leave out --output")
        elif port is None:
            port = urlsplit(load_settings().get("PREVIEW_URL") or "").port or 0
        try:
            report = gates.run(output, lighthouse=lighthouse, port=int(port),
                               progress=lambda step: print(step, flush=True))  # fmt: skip
        except OSError as exc:
            return usage(f"audit: cannot serve on port {port} ({exc.strerror}); stop `./run serve` or pass --port")
    print(gates.table(report))
    return EXIT_OK if report.ok else EXIT_FAILED
