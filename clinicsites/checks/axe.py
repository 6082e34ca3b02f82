"""axe-core accessibility rules and a reflow test at 320 CSS px, both in one headless Chromium."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import urlsplit

from . import tools

logger = logging.getLogger(__name__)

#: WCAG 2.0, 2.1 and 2.2 levels A and AA, plus axe's best practices (landmarks, one h1, ...).
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
DESKTOP = {"width": 1280, "height": 800}
#: WCAG 1.4.10 Reflow: content must fit 320 CSS px without scrolling sideways.
REFLOW = {"width": 320, "height": 640}
#: No QUIC (UDP) attempts either: the pages are plain HTTP on loopback, and nothing else may be reached.
LAUNCH_ARGS = (*tools.CHROMIUM_FLAGS, "--disable-quic")

_RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(" "))})))"""
# The widest elements poking out past the right edge, named well enough to find in the template.
_REFLOW = """limit => {
    const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
    const wide = [...document.body.querySelectorAll("*")]
        .map(e => [e, e.getBoundingClientRect().right])
        .filter(([e, right]) => right > limit + 0.5)
        .sort((a, b) => b[1] - a[1]).slice(0, 3)
        .map(([e, right]) => `${name(e)} (right edge ${Math.round(right)} px)`);
    return {width: document.documentElement.scrollWidth, wide};
}"""


class Violation(NamedTuple):
    rule: str
    impact: str | None
    help: str
    targets: tuple[str, ...]  # CSS selectors of the failing elements

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help}: {', '.join(self.targets)}"


class PageResult(NamedTuple):
    url: str
    violations: tuple[Violation, ...]
    scroll_width: int  # document width at the 320 px viewport
    too_wide: tuple[str, ...]  # elements reaching past 320 px when the page scrolls sideways
    external: tuple[str, ...]  # requests to any other server (host or port), blocked

    @property
    def reflows(self) -> bool:
        return self.scroll_width <= REFLOW["width"]


@contextmanager
def browser() -> Iterator[object]:
    """Start Debian's Chromium once under Playwright (which never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    executable = tools.chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=list(LAUNCH_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


def check_pages(chromium, urls: list[str]) -> list[PageResult]:
    """Run axe on each page at desktop width, then measure its width at 320 px; one tab for all pages.

    Only the pages' own server (scheme, host and port of the first URL) answers; any other request is blocked
    and reported, so a page leaning on a CDN, or on a preview server that is not running, is caught.
    """
    axe_path = str(tools.axe_script())
    own = _origin(urls[0]) if urls else None
    context = chromium.new_context(viewport=DESKTOP)
    external: list[str] = []

    def own_server_only(route):
        # Nothing but the site under test may answer: a page that asks elsewhere is reported, not served.
        if _origin(route.request.url) == own:
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", own_server_only)
    page = context.new_page()
    results = []
    try:
        for url in urls:
            external.clear()
            page.set_viewport_size(DESKTOP)
            response = page.goto(url, wait_until="load")
            if response is None or not response.ok:
                raise RuntimeError(f"{url}: HTTP {response.status if response else 'no response'}")
            page.add_script_tag(path=axe_path)
            found = page.evaluate(_RUN_AXE, list(TAGS))
            page.set_viewport_size(REFLOW)
            reflow = page.evaluate(_REFLOW, REFLOW["width"])
            violations = tuple(Violation(v["id"], v["impact"], v["help"], tuple(v["targets"])) for v in found)
            results.append(
                PageResult(
                    url,
                    violations,
                    reflow["width"],
                    tuple(reflow["wide"]) if reflow["width"] > REFLOW["width"] else (),
                    tuple(dict.fromkeys(external)),
                )
            )
            logger.debug("%s: %d axe violation(s), %d px wide at 320", url, len(violations), reflow["width"])
    finally:
        context.close()
    return results


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port
