"""``./run translations``: gather the theme's words into its gettext catalogues (then translate each msgstr)."""

from __future__ import annotations

from pathlib import Path

from ..render import catalogue
from ..settings import load_settings
from . import EXIT_OK


def main(add: str | None = None) -> int:
    """Refresh every language's catalogue, and start one for ``add``."""
    theme = Path(load_settings()["THEME"])
    folder = theme / "translations"
    languages = {p.name for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()} if folder.is_dir() else set()
    for path in catalogue.update(theme, sorted(languages | ({add} if add else set()))):
        print(f"Wrote {path}")
    return EXIT_OK
