"""``./run fonts``: remake the Urdu pages' font files from Debian's fonts-noto-core."""

from __future__ import annotations

from pathlib import Path

from .. import fonts
from . import EXIT_OK

TARGET = Path("themes/clinic/static/fonts/ur")


def main() -> int:
    """Subset the font to the Arabic-script characters the Urdu pages use."""
    used = "".join(
        {ch for p in Path("content").rglob("*.ur.md") for ch in p.read_text(encoding="utf-8") if ch > "\u0600"}
    )
    for path in fonts.make(TARGET, used):
        print(f"Wrote {path} ({path.stat().st_size:,} bytes)")
    return EXIT_OK
