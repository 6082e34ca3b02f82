"""``./run clean``: remove the built output folder (only one a build made)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..output import check_replaceable
from . import run


def main(output: str) -> int:
    """Remove ``output`` if it holds a build; return the exit code."""
    return run(lambda: (check_replaceable(Path(output)), shutil.rmtree(output, ignore_errors=True)))
