"""``./run check``: validate clinics.yaml and all content without building anything."""

from __future__ import annotations

from .. import build as engine
from . import run


def main(clinics: str, debug: bool = False) -> int:
    """Check ``clinics`` and every page; print how much of each clinic's site is its own."""

    def action():
        checked = engine.check(clinics)
        print(f"{checked.config.path}: {len(checked.config.clinics)} clinic(s) and all content are valid.")
        for line in checked.own_text:
            print(f"  {line}")

    return run(action, debug)
