"""``./run listings``: the files a clinic group uploads to keep its listings elsewhere the same as clinics.yaml."""

from __future__ import annotations

from ..listings import files
from . import run


def main(clinics: str, output: str = "listings", debug: bool = False) -> int:
    """Write the listing files for the confirmed facts in ``clinics`` into ``output``; return the exit code."""
    return run(lambda: print("\n".join(files.write_all(clinics, output).lines())), debug)
