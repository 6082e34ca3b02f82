"""``./run bench``: build N synthetic clinics with the real theme and content; print the figures (``--against
hugo``: the same clinics with Hugo and Pagefind too, side by side)."""

from __future__ import annotations

from .. import bench as benchmark
from ..peer import compare
from . import run, usage

PEERS = ("hugo",)


def main(clinics: int = 100, json: str | None = None, preview_only: bool = False, against: str | None = None) -> int:
    """Run the benchmark, only the preview's rebuild after a post edit, or the comparison with a peer."""
    if against is not None:
        if against not in PEERS:
            return usage(f'bench: --against: expected one of {", ".join(PEERS)}, got "{against}"')
        return run(lambda: compare.run(int(clinics)))
    if preview_only:
        return run(lambda: benchmark.preview_only(int(clinics)))
    return run(lambda: benchmark.run(int(clinics), json))
