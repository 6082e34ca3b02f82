"""Page weight: each page's HTML plus the stylesheets it links, gzip-compressed, against the budget."""

from __future__ import annotations

import gzip
import logging
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

#: DESIGN.md: "HTML + CSS of a page under 30 KB compressed"; KB read as 1000 bytes, the stricter reading.
BUDGET = 30_000
#: zlib's default level, which is what static hosts (GitHub Pages among them) typically serve.
LEVEL = 6


class PageWeight(NamedTuple):
    page: str  # relative to the output folder
    html: int  # gzip bytes
    css: int  # gzip bytes of the same-site stylesheets it links, each counted once
    stylesheets: tuple[str, ...]
    missing: tuple[str, ...]  # linked stylesheets not in the output (the link checker reports them too)

    @property
    def total(self) -> int:
        return self.html + self.css

    def __str__(self) -> str:
        return (
            f"{self.page}: {self.total / 1000:.1f} KB gzipped (HTML {self.html / 1000:.1f} KB + "
            f"CSS {self.css / 1000:.1f} KB) > {BUDGET / 1000:g} KB"
        )


class _Stylesheets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def gzip_size(data: bytes) -> int:
    """Bytes sent for ``data`` with gzip at the usual level (fixed mtime, so sizes repeat exactly)."""
    return len(gzip.compress(data, compresslevel=LEVEL, mtime=0))


def stylesheets(html: str) -> list[str]:
    """The href of every <link rel="stylesheet"> in a page, in order."""
    parser = _Stylesheets()
    parser.feed(html)
    return parser.hrefs


def weigh(root: Path | str, site_url: str | None = None) -> list[PageWeight]:
    """Weigh every .html page under ``root``, heaviest first.

    ``site_url`` is the absolute address the site was built for (its 404 pages link absolutely); stylesheets
    under it count as the site's own.
    """
    root = Path(root).resolve()
    sizes: dict[Path, int] = {}
    weights = []
    for page in sorted(root.rglob("*.html")):
        data = page.read_bytes()
        found, missing = [], []
        for href in dict.fromkeys(stylesheets(data.decode("utf-8", "replace"))):
            if site_url and href.startswith(site_url):
                href = "/" + href[len(site_url) :].lstrip("/")
            target = _local_file(root, page, href)
            if target is None:
                logger.debug("%s: %s is not on this site; not counted", page, href)
            elif target.is_file():
                found.append(target)
            else:
                missing.append(href)
        for target in found:
            if target not in sizes:
                sizes[target] = gzip_size(target.read_bytes())
        weights.append(
            PageWeight(
                page.relative_to(root).as_posix(),
                gzip_size(data),
                sum(sizes[t] for t in found),
                tuple(t.relative_to(root).as_posix() for t in found),
                tuple(missing),
            )
        )
    return sorted(weights, key=lambda w: (-w.total, w.page))


def over_budget(weights: list[PageWeight], budget: int = BUDGET) -> list[PageWeight]:
    """Pages whose HTML and CSS together reach the budget."""
    return [w for w in weights if w.total >= budget]


def _local_file(root: Path, page: Path, href: str) -> Path | None:
    """The file a same-site href names; None for another host or anything outside the output folder."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    target = (root / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_relative_to(root) else None
