"""``./run screenshots``: picture each page type of each clinic at 375, 768 and 1280 px in Debian's Chromium."""

from __future__ import annotations

import os
import tempfile

from .. import build as engine
from ..checks import screenshots as shots
from . import EXIT_OK, run
from .build import summary


def main(clinics: str, folder: str = "screenshots", output: str | None = None, full: bool = False,
         only: str = "") -> int:  # fmt: skip
    """Build (unless ``output`` is given) and photograph; ``only`` keeps pages whose label has one of its parts."""
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        if not output:
            output = os.path.join(tmp, "output")
            code = run(lambda: print(summary(engine.build(clinics, output), preview=False)))
            if code:
                return code
        wanted = [part.strip() for part in only.split(",")]
        files = shots.take(output, folder, full_page=full, only=lambda page: any(w in page.label for w in wanted))
    print(f"Wrote {len(files)} pictures into {folder}/")
    return EXIT_OK
