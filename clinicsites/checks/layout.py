"""What a patient on a phone meets first, measured in headless Chromium at 375 × 667 CSS px.

For each page: the header's height; how far down the page's heading (its h1) starts; whether the page's primary
action (Call, Book, or Find a clinic) is on screen without scrolling; layout shift while loading (CLS); the bytes
of images a phone downloads when the whole page is scrolled through; whether any link, when focused as the Tab
key would, is hidden behind the fixed action bar (WCAG 2.4.11). Then the same page with JavaScript off: the
primary action must still be there, and the menu must open.
"""

from __future__ import annotations

import logging
import time
from typing import NamedTuple

logger = logging.getLogger(__name__)

PHONE = {"width": 375, "height": 667}
#: Issue 14's budgets.
MAX_HEADER = 120
#: Issue 23: notices, header and breadcrumbs leave the heading on the first screen, high up.
MAX_HEADING_TOP = 200
MAX_IMAGE_BYTES = 200_000
#: Seconds after load within which layout shifts are watched.
SETTLE = 1.0
#: What counts as a page's primary action: the header's button, the action bar's first button, or on the
#: directory (which has neither) the link to the first clinic.
PRIMARY = ".primary-action, .act-primary, .clinic-cards a"

# Every shift since the page started loading (buffered), but those just after a key press.
_CLS = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
        .observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => done(total)));
})"""
_FIRST_SCREEN = """selector => {
    const header = document.querySelector("header");
    const onScreen = e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && r.top >= 0 && r.bottom <= innerHeight;
    };
    const primary = [...document.querySelectorAll(selector)].find(onScreen);
    const h1 = document.querySelector("h1");
    return {header: header ? Math.round(header.getBoundingClientRect().height) : 0,
            heading: h1 ? Math.round(h1.getBoundingClientRect().top + scrollY) : null,
            primary: primary ? (primary.textContent || "").trim().replace(/\\s+/g, " ") : null};
}"""
# Focus each control in turn, as the Tab key would (the browser scrolls it into view, minding scroll-padding),
# and name those the fixed action bar then covers entirely (WCAG 2.4.11 allows partly).
_HIDDEN_FOCUS = """() => {
    const bar = document.querySelector(".action-bar");
    if (!bar || getComputedStyle(bar).display === "none") return [];
    const hidden = [];
    for (const e of document.querySelectorAll("a[href], button, summary, input, select, textarea, [tabindex]")) {
        if (bar.contains(e) || !e.getClientRects().length) continue;
        e.focus();
        if (document.activeElement !== e) continue;
        const r = e.getBoundingClientRect(), b = bar.getBoundingClientRect();
        if (r.top >= b.top && r.bottom <= b.bottom) hidden.push((e.textContent || e.tagName).trim().slice(0, 40));
    }
    document.activeElement.blur();
    return hidden;
}"""
_OPEN_MENU = """() => {
    const menu = document.querySelector("details.menu");
    if (!menu) return -1;
    return [...menu.querySelectorAll("a")].filter(a => a.getBoundingClientRect().height > 0).length;
}"""


class Layout(NamedTuple):
    url: str
    header: int  # px at 375
    heading: int | None  # px from the top of the page to its h1 at 375; None without one
    primary: str | None  # text of the primary action on the first screen, None if there is none
    cls: float
    image_bytes: int  # every image the page downloads at 375, scrolled to the end
    hidden_focus: tuple[str, ...]  # links a keyboard user reaches but cannot see
    no_js_primary: str | None
    no_js_menu_links: int  # links shown by opening the menu with JS off; -1: the page has no menu

    def problems(self) -> list[str]:
        found = []
        if self.header > MAX_HEADER:
            found.append(f"header {self.header} px tall at 375 px (at most {MAX_HEADER})")
        if self.heading is not None and self.heading > MAX_HEADING_TOP:
            found.append(f"the heading starts {self.heading} px down at 375 px (at most {MAX_HEADING_TOP})")
        if self.primary is None:
            found.append("no primary action on the first screen at 375 px")
        if self.cls > 0:
            found.append(f"layout shift {self.cls:.3f} while loading (expected 0)")
        if self.image_bytes > MAX_IMAGE_BYTES:
            found.append(f"images {self.image_bytes / 1000:.0f} KB at 375 px (at most {MAX_IMAGE_BYTES / 1000:g} KB)")
        found += [f"focused link hidden behind the action bar: {text}" for text in self.hidden_focus]
        if self.no_js_primary is None:
            found.append("no primary action on the first screen with JavaScript off")
        if self.no_js_menu_links == 0:
            found.append("the menu shows no links when opened with JavaScript off")
        return found


def check_pages(chromium, urls: list[str], batch: int = 12) -> list[Layout]:
    """Measure each page at phone size, with JavaScript and without.

    Pages load ``batch`` at a time, each in its own tab, so they settle together rather than one after another.
    """
    on = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    off = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    bare = off.new_page()
    results = []
    try:
        for start in range(0, len(urls), batch):
            opened = [_open(on, url) for url in urls[start : start + batch]]
            for url, page, first, images, loaded in opened:
                no_js, menu = _without_javascript(bare, url)
                # Headless Chromium paints late, and shifts before the first paint are not counted (nobody saw
                # them): give late ones (a web font, an image) a second after load, before anything is focused.
                page.bring_to_front()
                page.wait_for_timeout(max(0, SETTLE - (time.monotonic() - loaded)) * 1000)
                cls = page.evaluate(_CLS)
                hidden = tuple(dict.fromkeys(page.evaluate(_HIDDEN_FOCUS)))
                # Lazy images load as they come near the screen: scroll through the page, then let them arrive.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_function("[...document.images].every(i => i.complete)")
                page.close()
                results.append(
                    Layout(
                        url, first["header"], first["heading"], first["primary"], cls, sum(images), hidden, no_js, menu
                    )
                )
                logger.debug("%s: %s", url, results[-1])
    finally:
        on.close()
        off.close()
    return results


def _open(context, url: str):
    """Load ``url`` in a new tab and measure its first screen; the tab's image bytes keep adding up."""
    page = context.new_page()
    images: list[int] = []

    def count_image(response):
        if response.request.resource_type == "image" and response.ok:
            images.append(len(response.body()))

    page.on("response", count_image)
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise RuntimeError(f"{url}: HTTP {response.status if response else 'no response'}")
    return url, page, page.evaluate(_FIRST_SCREEN, PRIMARY), images, time.monotonic()


def _without_javascript(bare, url: str) -> tuple[str | None, int]:
    """The primary action on the first screen, and the links the opened menu shows, with JavaScript off."""
    bare.goto(url, wait_until="load")
    primary = bare.evaluate(_FIRST_SCREEN, PRIMARY)["primary"]
    summary = bare.locator("details.menu > summary")
    if summary.count():
        summary.first.click()
    return primary, bare.evaluate(_OPEN_MENU)
