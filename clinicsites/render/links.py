"""Turn ``{filename}`` and ``{static}`` links in a page's HTML into addresses, as Pelican's link syntax promises.

A link is resolved from the Markdown file's own place in the content folder (``{filename}/shared/...``
from the content root, ``{filename}../x.md`` from the file's folder) to the address of the page or
image in the clinic's site, keeping any ``#fragment`` or ``?query``.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin, urlparse, urlunparse

from ..content.references import resolve_link

# Pelican's INTRASITE_LINK_REGEX in the attributes that carry addresses; the sanitiser allows only these two kinds.
_LINK = re.compile(
    r"""(?P<markup><[^\>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)
                       (?P<quote>["\'])(?P<path>[{|](?P<what>filename|static)[|}](?P<value>.*?))(?P=quote)""",
    re.X,
)
_ANCHOR = re.compile(r'<a href="\{filename\}([^"]+)"[^>]*>(.*?)</a>', re.S)


def unwrap(html: str, targets: set[str]) -> str:
    """Keep the words of links to pages this clinic does not show, without the link."""
    return _ANCHOR.sub(lambda m: m.group(2) if m.group(1) in targets else m.group(0), html)


def replace(html: str, source_rel: str, siteurl: str, addresses: dict[str, dict[str, str]], relative: bool) -> str:
    """Replace each link in ``html`` (from the file at ``source_rel``) with the address of what it names.

    ``addresses`` maps ``"filename"`` and ``"static"`` to {content path: address in the site}; ``siteurl`` leads
    from the page to the site's root (``..``), or is the site's absolute address when ``relative`` is false.
    """
    if "{" not in html and "|" not in html:
        return html

    def address(match: re.Match) -> str:
        value = urlparse(match.group("value"))
        found = addresses[match.group("what")].get(resolve_link(source_rel, value.path))
        if found is None:
            return match.group(0)
        if relative:
            joined = os.path.join(siteurl, found).replace("\\", "/")
        else:
            joined = urljoin(siteurl if siteurl.endswith("/") else siteurl + "/", found)
        parts = list(value)
        parts[2] = joined
        return "".join((match.group("markup"), match.group("quote"), urlunparse(parts), match.group("quote")))

    return _LINK.sub(address, html)
