"""Pictures of the result: each page type of each clinic at phone, tablet and desktop widths, in Debian's Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import serve
from . import axe, pagetypes, tools

#: (name, width, height): an iPhone SE-sized phone, a tablet, a laptop.
VIEWPORTS = (("375", 375, 667), ("768", 768, 1024), ("1280", 1280, 800))


def take(
    output: Path | str,
    folder: Path | str,
    full_page: bool = False,
    javascript: bool = True,
    only: Callable[[pagetypes.SamplePage], bool] = lambda page: True,
) -> list[Path]:
    """Screenshot every sampled page of ``output`` at each width into ``folder``; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sample, _ = pagetypes.sample(output)
    written = []
    from playwright.sync_api import sync_playwright

    with serve.serve(output) as base, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(tools.chromium()), args=list(axe.LAUNCH_ARGS))
        try:
            for name, width, height in VIEWPORTS:
                context = chromium.new_context(
                    viewport={"width": width, "height": height}, java_script_enabled=javascript
                )
                page = context.new_page()
                for item in (p for p in sample if only(p)):
                    page.goto(base + item.url, wait_until="load")
                    target = folder / f"{item.label.replace('/', '-') or 'root'}-{name}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                context.close()
        finally:
            chromium.close()
    return written  # fmt: skip
