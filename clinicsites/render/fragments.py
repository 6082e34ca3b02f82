"""``{% cache key, ... %}``: render a piece of the theme once per clinic, reuse it on every page.

The header, contact block and footer are the same on every page of a clinic at
the same depth, yet rendering them took about a third of each page's time.
The tag caches its body's HTML under the key the template gives, for as long as
the template context's site (``SITE_URL`` and language) stays the same: the next
site starts with an empty cache, so nothing leaks from one clinic's site, or one
language, into another. A key must name every value that varies between
pages of one clinic and that the body shows (``SITEURL`` for relative links,
the current page for ``aria-current``).
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup


class FragmentCache(Extension):
    tags = frozenset({"cache"})

    def __init__(self, environment):
        super().__init__(environment)
        self._owner: object = None
        self._cache: dict[tuple, Markup] = {}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_render", [nodes.ContextReference(), nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def forget(self) -> None:
        """Start empty: a new build may render the same site from changed pages."""
        self._owner, self._cache = None, {}

    def _render(self, context, key: tuple, caller) -> Markup:
        if getattr(self.environment, "parts_probing", False):
            return caller()  # a render with stand-ins (render/parts.py) keeps nothing
        owner = (context.get("SITE_URL"), context.get("DEFAULT_LANG"))  # a site: one owner in one language
        if owner != self._owner:
            self._owner, self._cache = owner, {}
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = caller()
        return found
