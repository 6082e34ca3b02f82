"""``./run claims``: every health claim in the content, theme and clinics.yaml, with counts per rule."""

from __future__ import annotations

from pathlib import Path

from .. import claims as rules
from ..settings import load_settings
from . import EXIT_BAD_INPUT, EXIT_OK, run


def main(clinics: str) -> int:
    """Print the report; exit 2 while any claim is refused."""
    refused = []

    def action():
        settings = load_settings()
        hits = []
        for path in sorted(Path(settings["PATH"]).rglob("*.md")):
            hits += rules.scan(path.read_text(encoding="utf-8"), str(path.relative_to(Path.cwd())))
        hits += rules.theme_hits(Path(settings["THEME"]))
        hits += rules.scan_yaml(Path(clinics).read_text(encoding="utf-8-sig"), clinics)
        print(rules.report(hits))
        refused.extend(hit for hit in hits if not hit.allowed)

    code = run(action)
    return code or (EXIT_BAD_INPUT if refused else EXIT_OK)
