"""``./run bench``: build N synthetic clinics with the real theme and content; print the figures."""

from __future__ import annotations

from .. import bench as benchmark
from . import run


def main(clinics: int = 100, json: str | None = None, preview_only: bool = False) -> int:
    """Run the benchmark (or only the preview's rebuild after a post edit); return the exit code."""
    if preview_only:
        return run(lambda: benchmark.preview_only(int(clinics)))
    return run(lambda: benchmark.run(int(clinics), json))
