"""Links from a page to other pages, in every form an owner writes them, turned into one: a ``{filename}`` link.

- ``{filename}/shared/conditions/neck-pain.md`` names a file from the content folder, ``{filename}../x.md`` from
  the Markdown file's own folder (Pelican's syntax);
- ``safety.md``, ``../conditions/neck-pain.md``: a link to a ``.md`` file names the file from the Markdown file's
  folder, as on GitHub and as ``{filename}`` does;
- ``../conditions/neck-pain/``, ``knee-pain/``: any other relative address is resolved from the page's published
  address, as a browser resolves it; it becomes ``{filename}@conditions/neck-pain``, naming the page by section
  and slug, so it is checked and published like the others (left as text on a site that does not show it);
- ``#anchor`` leads to a heading of the same page, ``page#anchor`` (any form above) to one of that page.

An address of the site's own pages (``../contact/``) is left as written; one from the top of the site
(``/conditions/x/``) is refused, as a site is published under ``/<slug>/`` and maybe at its own domain.
"""

from __future__ import annotations

import datetime
import html as htmllib
import posixpath
import re
import string
from typing import NamedTuple
from urllib.parse import urlsplit

from ..errors import Problem, closest

#: Content sections and the Pelican URL setting that gives each one's addresses.
URL_SETTINGS = {"conditions": "CONDITION_URL", "benefits": "BENEFIT_URL", "posts": "ARTICLE_URL", "pages": "PAGE_URL"}
#: Addresses of the pages each site makes itself (home, indexes, contact, search), and folders of its own files.
SITE_PAGES = {"", "index.html", "conditions/", "benefits/", "news/", "contact/", "search/"}
SITE_FOLDERS = ("theme/", "feeds/", "images/", "news/")
KEYED = "@"  # {filename}@conditions/neck-pain: a page named by section and slug
_HREF = re.compile(r"""(<a\b[^>]*?\shref=)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


class Link(NamedTuple):
    target: str  # after {filename}: a content path, or @section/slug; with any #fragment
    line: int
    written: str  # as the owner wrote it, for messages


def is_page_link(href: str) -> bool:
    """Whether an href leads to a page of the site: {filename}, an anchor, or a relative address."""
    if href.startswith(("{filename}", "#")):
        return True
    return bool(href) and not href.startswith(("//", "{", "?")) and not re.match(r"[a-zA-Z][a-zA-Z0-9+.\-]*:", href)


class Addresses:
    """Where a section's pages are published (pelicanconf.py's URL settings), and back."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.patterns = [(section, _pattern(settings[name])) for section, name in URL_SETTINGS.items()]

    def of(self, section: str, slug: str, date=None) -> str:
        """The address of a page, from the site's root (``conditions/neck-pain/``)."""
        fmt = {"slug": slug, "lang": self.settings["DEFAULT_LANG"], "date": date or datetime.date.today()}
        return self.settings[URL_SETTINGS[section]].format(**fmt)

    def key(self, address: str) -> tuple[str, str] | None:
        """(section, slug) of the page published at ``address`` (from the site's root), if any."""
        for section, pattern in self.patterns:
            match = pattern.fullmatch(address)
            if match:
                return section, match.group("slug")
        return None


def _pattern(url: str) -> re.Pattern:
    parts = []
    for literal, name, _, _ in string.Formatter().parse(url):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(?P<slug>[^/]+)" if name == "slug" else "[^/]+")
    return re.compile("".join(parts) + "(?:index\\.html)?")


def normalise(href: str, own_address: str, addresses: Addresses) -> str | None:
    """The {filename} target a page link stands for; None for an address of the site's own pages."""
    if href.startswith("{filename}"):
        return href.removeprefix("{filename}")
    if href.startswith("#"):
        return href
    parts = urlsplit(href)
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if href.startswith("/"):  # refused (references.py), with the page it names as a link that works
        key = addresses.key(parts.path.lstrip("/"))
        return f"{KEYED}/{key[0]}/{key[1]}" if key else f"{KEYED}/"
    if parts.path.endswith(".md"):
        return parts.path + fragment
    # As a browser does: from the page's folder, never above the site's root. A page in another language sits
    # in a folder of its own (ur/), which links between pages of the same language never leave.
    resolved = posixpath.normpath(posixpath.join(own_address, parts.path or "."))
    if resolved.startswith(".."):
        return f"{KEYED}../{fragment}"  # above the site's root: out of the site (it lives under /<slug>/)
    resolved = "" if resolved == "." else resolved + ("/" if parts.path.endswith("/") or parts.path in ("", ".", "..")
                                                      else "")  # fmt: skip
    if resolved in SITE_PAGES:
        return None
    key = addresses.key(resolved)
    if key is None and resolved.startswith(SITE_FOLDERS):
        return None
    return f"{KEYED}{key[0]}/{key[1]}{fragment}" if key else f"{KEYED}?/{resolved}{fragment}"


def rewrite(page_html: str, targets: dict[str, str]) -> str:
    """Put each page link's {filename} target in place of the href the owner wrote."""
    if not targets:
        return page_html

    def swap(match: re.Match) -> str:
        value = next(v for v in match.groups()[1:] if v is not None)
        target = targets.get(htmllib.unescape(value))
        if target is None or target.startswith("#") or value.startswith("{filename}"):
            return match.group(0)
        return f'{match.group(1)}"{htmllib.escape("{filename}" + target)}"'

    return _HREF.sub(swap, page_html)


def same_page(links: list[Link], ids: frozenset[str], path: str) -> list[Problem]:
    """``#anchor`` links must name an id of the page's own headings."""
    problems = []
    for link in links:
        if link.target.startswith("#") and link.target[1:] not in ids:
            problems.append(Problem(path, link.line, "link", missing_anchor(link.written, link.target[1:], ids)))
    return problems


def missing_anchor(written: str, anchor: str, ids, page: str = "the page") -> str:
    hint = closest(anchor, ids)
    fixed = written.rsplit("#", 1)[0] + f"#{hint}"
    known = f"; did you mean '{fixed}'?" if hint else (f"; its headings' anchors are: {', '.join(sorted(ids))}"
                                                      if ids else "; it has no headings to link to")  # fmt: skip
    return f'expected the anchor of a heading on {page}, got "{written}"{known}'
