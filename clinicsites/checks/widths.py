"""Every width from a small phone to a wide desktop, and every tap target, measured in headless Chromium.

Widths: each page is loaded once and its window resized through ``WIDTHS`` (every 60 px from 320 to 1920, and
each side of the stylesheet's breakpoints). At each width the page must not scroll sideways, and the header
must show the clinic's name in full: not cut off, not hidden behind or overlapping another control, every
control inside the window.

Tap targets: at phone and desktop width, with every ``<details>`` opened, each link, button and summary must
be at least 44 × 44 CSS px (WCAG 2.5.8 asks 24; the budgets ask 44), except a link inside running text (an inline
link beside other words in the same block). A link stretched over its card is measured as the card.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

logger = logging.getLogger(__name__)

#: The stylesheet's breakpoints in px (30, 40, 48, 60 em at 16 px, the body map's 900 px), each with a pixel
#: on either side, and every 60 px from a small phone to a wide desktop.
BREAKPOINTS = (480, 640, 768, 900, 960)
WIDTHS = tuple(sorted({*range(320, 1921, 60), *(w + d for w in BREAKPOINTS for d in (-1, 0, 1)), 1024, 1366, 1920}))
HEIGHT = 800
MIN_TARGET = 44
TARGET_VIEWPORTS = ({"width": 375, "height": 667}, {"width": 1280, "height": 800})

_AT_WIDTH = """() => {
    const problems = [], width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) problems.push(`scrolls sideways (${scroll} px wide)`);
    const row = document.querySelector(".header-row"), name = document.querySelector(".site-name .name");
    if (!row) return problems;
    const seen = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    if (name) {
        const r = name.getBoundingClientRect();
        // Cut off: the name, or a box around it, clips what overflows it (or clamps its lines).
        let clipped = false;
        for (let e = name; e && e !== row; e = e.parentElement) {
            const s = getComputedStyle(e);
            const clips = s.overflowX !== "visible" || s.overflowY !== "visible" || s.webkitLineClamp !== "none";
            if (clips && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) clipped = true;
        }
        if (!seen(name)) problems.push("the clinic's name is not shown");
        else if (clipped) problems.push("the clinic's name is cut off");
        else if (r.left < 0 || r.right > width) problems.push("the clinic's name runs off the screen");
    }
    const parts = [...row.children].filter(seen);
    const label = e => (e.className || e.tagName).toString().split(" ")[0];
    for (const [i, a] of parts.entries()) {
        const r = a.getBoundingClientRect();
        if (r.left < -0.5 || r.right > width + 0.5) problems.push(`${label(a)} is cut off by the window's edge`);
        for (const b of parts.slice(i + 1)) {
            const s = b.getBoundingClientRect();
            if (r.left < s.right - 0.5 && s.left < r.right - 0.5 && r.top < s.bottom - 0.5 && s.top < r.bottom - 0.5)
                problems.push(`${label(a)} overlaps ${label(b)}`);
        }
    }
    return problems;
}"""

_TARGETS = """minimum => {
    document.querySelectorAll("details").forEach(d => d.open = true);
    const block = e => { let p = e.parentElement;
        while (p && getComputedStyle(p).display.startsWith("inline")) p = p.parentElement; return p; };
    const name = e => (e.getAttribute("aria-label") || e.textContent || e.tagName).trim()
        .replace(/\\s+/g, " ").slice(0, 50);
    const small = [];
    for (const e of document.querySelectorAll("a[href], button, summary, input, select, textarea")) {
        const style = getComputedStyle(e);
        let r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || style.visibility === "hidden") continue;
        if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0) continue;  // off screen: the skip link, unfocused
        // A link in running text: inline, with words of its own block around it.
        if (style.display === "inline" && !(e instanceof SVGElement)) {
            const around = block(e).textContent.replace(e.textContent, "");
            if (/[\\p{L}\\p{N}]/u.test(around)) continue;
        }
        // A link stretched over its card (a ::before covering the positioned card) is as big as the card.
        const before = getComputedStyle(e, "::before");
        if (before.position === "absolute" && before.content !== "none" && e.offsetParent)
            r = e.offsetParent.getBoundingClientRect();
        if (r.width < minimum - 0.5 || r.height < minimum - 0.5)
            small.push(`${e.tagName.toLowerCase()} "${name(e)}" ${Math.round(r.width)} × ${Math.round(r.height)} px`);
    }
    return small;
}"""


class WidthResult(NamedTuple):
    url: str
    problems: tuple[str, ...]  # "at 1000 px: the clinic's name is cut off", each problem at its narrowest width


class TargetResult(NamedTuple):
    url: str
    small: tuple[str, ...]  # "at 375 px: a "Neck pain" 120 × 30 px"


def check_widths(chromium, urls: list[str], widths=WIDTHS) -> list[WidthResult]:
    """Resize each page through ``widths``; report each problem once, with the widths it was seen at."""
    context = chromium.new_context(viewport={"width": widths[0], "height": HEIGHT})
    page = context.new_page()
    results = []
    try:
        for url in urls:
            page.set_viewport_size({"width": widths[0], "height": HEIGHT})
            _load(page, url)
            seen: dict[str, list[int]] = {}
            for width in widths:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                for problem in page.evaluate(_AT_WIDTH):
                    seen.setdefault(problem, []).append(width)
            results.append(WidthResult(url, tuple(f"{problem} at {_spans(at)}" for problem, at in seen.items())))
            logger.debug("%s: %s", url, results[-1].problems)
    finally:
        context.close()
    return results


def check_targets(chromium, urls: list[str]) -> list[TargetResult]:
    """Measure every link, button and summary of each page at phone and desktop width."""
    found: dict[str, list[str]] = {url: [] for url in urls}
    for viewport in TARGET_VIEWPORTS:
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        try:
            for url in urls:
                _load(page, url)
                found[url] += [f"at {viewport['width']} px: {t}" for t in page.evaluate(_TARGETS, MIN_TARGET)]
        finally:
            context.close()
    return [TargetResult(url, tuple(small)) for url, small in found.items()]


def _load(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise RuntimeError(f"{url}: HTTP {response.status if response else 'no response'}")


def _spans(widths: list[int]) -> str:
    """[960, 1000, 1024] -> "960-1024 px" (the widths tried in between that passed are not told apart)."""
    return f"{widths[0]} px" if len(widths) == 1 else f"{widths[0]}-{widths[-1]} px ({len(widths)} widths)"
