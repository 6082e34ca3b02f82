"""``./run publish``: every site with publishconf.py for GitHub Pages, refused while anything is a placeholder."""

from __future__ import annotations

from .. import build as engine
from . import run
from .build import summary


def main(clinics: str, output: str, publish_conf: str = "publishconf.py", base_url: str | None = None,
         allow_placeholders: bool = False, debug: bool = False) -> int:  # fmt: skip
    """Publish into ``output``; return the exit code."""

    def action():
        print(summary(engine.publish(clinics, output, publish_conf, base_url, allow_placeholders), preview=False))

    return run(action, debug)
