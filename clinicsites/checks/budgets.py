"""Page weight: what a page loads before anyone touches it (HTML, stylesheets, scripts, fonts), gzip-compressed.

Two budgets: HTML + CSS + JS + fonts under 30 KB for every page, and, for a language whose script needs a
font of its own (Urdu's, linked from ``css/lang-<lang>.css``), those fonts under 100 KB apart from the rest.
A script a page imports only when the visitor acts (search's index, on the first letter typed) is not
loaded with the page, so it is not counted.
"""

from __future__ import annotations

import gzip
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

#: DESIGN.md: "HTML + CSS of a page under 30 KB compressed"; KB read as 1000 bytes, the stricter reading.
BUDGET = 30_000
#: Fonts for a language's script, counted apart (issue 15: "font files counted separately, ≤ 100 KB").
LANGUAGE_FONT_BUDGET = 100_000
#: zlib's default level, which is what static hosts (GitHub Pages among them) typically serve.
LEVEL = 6
_LANGUAGE_CSS = re.compile(r"(?:^|/)lang-[a-z]{2,3}\.css$")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?\.(?:woff2?|ttf|otf))["']?\s*\)""")


class PageWeight(NamedTuple):
    page: str  # relative to the output folder
    html: int  # gzip bytes, inline scripts and styles included
    css: int  # gzip bytes of the same-site stylesheets it links, each counted once
    stylesheets: tuple[str, ...]
    missing: tuple[str, ...]  # linked files not in the output (the link checker reports them too)
    js: int = 0  # gzip bytes of the same-site scripts it loads
    fonts: int = 0  # bytes of the fonts its stylesheets name (already compressed), but a language's own
    language_fonts: int = 0  # bytes of the fonts named by css/lang-<lang>.css

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.fonts

    @property
    def over(self) -> bool:
        return self.total >= BUDGET or self.language_fonts > LANGUAGE_FONT_BUDGET

    def __str__(self) -> str:
        text = (
            f"{self.page}: {self.total / 1000:.1f} KB gzipped (HTML {self.html / 1000:.1f} KB + "
            f"CSS {self.css / 1000:.1f} KB + JS {self.js / 1000:.1f} KB + fonts {self.fonts / 1000:.1f} KB), "
            f"budget {BUDGET / 1000:g} KB"
        )
        if self.language_fonts:
            text += f"; language fonts {self.language_fonts / 1000:.1f} KB, budget {LANGUAGE_FONT_BUDGET / 1000:g} KB"
        return text


class _Loads(HTMLParser):
    """The stylesheets and scripts a page loads as it opens."""

    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def gzip_size(data: bytes) -> int:
    """Bytes sent for ``data`` with gzip at the usual level (fixed mtime, so sizes repeat exactly)."""
    return len(gzip.compress(data, compresslevel=LEVEL, mtime=0))


def stylesheets(html: str) -> list[str]:
    """The href of every <link rel="stylesheet"> in a page, in order."""
    return _loads(html).stylesheets


def _loads(html: str) -> _Loads:
    parser = _Loads()
    parser.feed(html)
    return parser


class _Weigher:
    """Sizes of the files pages load, each measured once however many pages load it."""

    def __init__(self, root: Path, site_url: str | None):
        self.root, self.site_url = root, site_url
        self.sizes: dict[Path, int] = {}
        self.fonts: dict[Path, tuple[list[Path], list[str]]] = {}

    def files(self, page: Path, hrefs: list[str]) -> tuple[list[Path], list[str]]:
        """The same-site files ``hrefs`` name from ``page`` (each once), and the hrefs with no file."""
        found, missing = [], []
        for href in dict.fromkeys(hrefs):
            if self.site_url and href.startswith(self.site_url):
                href = "/" + href[len(self.site_url) :].lstrip("/")
            target = _local_file(self.root, page, href)
            if target is None:
                logger.debug("%s: %s is not on this site; not counted", page, href)
            elif target.is_file():
                found.append(target)
            else:
                missing.append(href)
        return found, missing

    def size(self, target: Path, compress: bool = True) -> int:
        if target not in self.sizes:
            data = target.read_bytes()
            self.sizes[target] = gzip_size(data) if compress else len(data)
        return self.sizes[target]

    def fonts_of(self, stylesheet: Path) -> tuple[list[Path], list[str]]:
        """The font files a stylesheet's @font-face rules name (all of them: the worst case)."""
        if stylesheet not in self.fonts:
            urls = _CSS_URL.findall(stylesheet.read_text(encoding="utf-8", errors="replace"))
            self.fonts[stylesheet] = self.files(stylesheet, urls)
        return self.fonts[stylesheet]

    def weigh(self, page: Path) -> PageWeight:
        data = page.read_bytes()
        loads = _loads(data.decode("utf-8", "replace"))
        css, missing = self.files(page, loads.stylesheets)
        scripts, missing_js = self.files(page, loads.scripts)
        fonts: dict[Path, bool] = {}  # font -> named by a language's stylesheet
        for sheet in css:
            found, gone = self.fonts_of(sheet)
            missing += gone
            for font in found:
                fonts[font] = fonts.get(font, False) or bool(_LANGUAGE_CSS.search(sheet.as_posix()))
        return PageWeight(
            page.relative_to(self.root).as_posix(),
            gzip_size(data),
            sum(self.size(t) for t in css),
            tuple(t.relative_to(self.root).as_posix() for t in css),
            tuple(missing + missing_js),
            sum(self.size(t) for t in scripts),
            sum(self.size(f, compress=False) for f, own in fonts.items() if not own),
            sum(self.size(f, compress=False) for f, own in fonts.items() if own),
        )


def weigh(root: Path | str, site_url: str | None = None) -> list[PageWeight]:
    """Weigh every .html page under ``root``, heaviest first.

    ``site_url`` is the absolute address the site was built for (its 404 pages link absolutely); files
    under it count as the site's own.
    """
    root = Path(root).resolve()
    weigher = _Weigher(root, site_url)
    weights = [weigher.weigh(page) for page in sorted(root.rglob("*.html"))]
    return sorted(weights, key=lambda w: (-w.total, w.page))


def over_budget(weights: list[PageWeight]) -> list[PageWeight]:
    """Pages whose HTML, CSS, JS and fonts together reach the budget, or whose language fonts exceed theirs."""
    return [w for w in weights if w.over]


def _local_file(root: Path, page: Path, href: str) -> Path | None:
    """The file a same-site href names; None for another host or anything outside the output folder."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("data:"):
        return None
    path = unquote(parts.path)
    target = (root / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_relative_to(root) else None
