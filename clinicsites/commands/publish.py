"""``./run publish``: every site with publishconf.py for GitHub Pages, refused while anything is a placeholder."""

from __future__ import annotations

import sys

from .. import build as engine
from . import run
from .build import summary


def main(clinics: str, output: str, publish_conf: str = "publishconf.py", base_url: str | None = None,
         pages_url: str | None = None, allow_sample_facts: bool = False, preview: bool = False,
         allow_placeholders: bool = False, debug: bool = False) -> int:  # fmt: skip
    """Publish into ``output``; return the exit code. ``allow_placeholders`` is the old name of
    ``allow_sample_facts``: a placeholder address is now published only as a ``preview``."""
    if allow_placeholders:
        print("publish: --allow-placeholders is now --allow-sample-facts; a placeholder address is published only "
              "as a preview kept out of search engines, with --preview", file=sys.stderr)  # fmt: skip

    def action():
        report = engine.publish(clinics, output, publish_conf, base_url, allow_sample_facts or allow_placeholders,
                                preview=preview, pages_url=pages_url or None)  # fmt: skip
        print(summary(report, preview=False))

    return run(action, debug)
