"""``./run fonts``: remake the Urdu pages' font files and fallback faces from Debian's fonts-noto-core."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .. import build as engine
from .. import fonts
from ..settings import load_settings
from . import run

CLINICS = "clinics.yaml"


def main(clinics: str = CLINICS) -> int:
    """Build the sites, count the characters their Urdu pages show, subset the font to them and write the
    metric-matched fallback faces."""

    def action():
        with tempfile.TemporaryDirectory(prefix="fonts-") as tmp:
            engine.build(clinics, Path(tmp) / "output")
            counts = fonts.used_characters(Path(tmp) / "output")
        theme = Path(load_settings()["THEME"])
        for path in fonts.make(theme / "static/fonts/ur", "".join(sorted(counts))):
            print(f"Wrote {path} ({path.stat().st_size:,} bytes)")
        fonts.write_fallbacks(theme / "static/css/lang-ur.css", counts)
        print(f"Wrote the fallback faces into {theme / 'static/css/lang-ur.css'}")

    return run(action)
