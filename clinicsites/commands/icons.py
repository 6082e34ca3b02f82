"""``./run icons``: regenerate the theme's icon macros from the pinned lucide-static package (after npm ci)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import icons
from . import EXIT_OK

TARGET = Path("themes/clinic/templates/partials/icons.html")
SOURCE = Path("node_modules/lucide-static")


def main() -> int:
    """Write the macros and copy the icons' licence beside the theme."""
    TARGET.write_text(icons.macro(SOURCE / "icons"), encoding="utf-8")
    shutil.copy(SOURCE / "LICENSE", "themes/clinic/ICONS-LICENSE.txt")
    print(f"Wrote {TARGET}")
    return EXIT_OK
