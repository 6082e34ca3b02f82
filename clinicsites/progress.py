"""A progress bar for long builds on a terminal; nothing when piped or in CI, where the summary line suffices."""

from __future__ import annotations

import os
import sys

#: Builds of fewer clinics finish before a bar would be worth drawing.
BAR_FROM = 5


def terminal_bar(total: int):
    """Return a function to call once per clinic built, drawing a bar on stderr; or None."""
    if total < BAR_FROM or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="clinic", file=sys.stderr, leave=False, dynamic_ncols=True)

    def step() -> None:
        bar.update()
        if bar.n >= total:
            bar.close()

    return step
