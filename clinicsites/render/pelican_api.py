"""Everything the engine takes from Pelican, through its public interfaces, in one place.

- The theme's Jinja environment is made by ``pelican.generators.Generator``, exactly as a Pelican run
  makes it: theme and ``THEME_TEMPLATES_OVERRIDES`` loaders, the ``simple`` theme as fallback,
  ``JINJA_ENVIRONMENT``, ``JINJA_FILTERS``, ``JINJA_GLOBALS``, ``JINJA_TESTS``.
- News lists are split into pages by ``pelican.paginator.Paginator`` with ``PAGINATION_PATTERNS``.
- The Atom feed is made by ``pelican.writers.Writer.write_feed`` with no path, which returns the feed
  instead of writing it, so the engine decides whether its bytes changed.
- Relative addresses and time zones come from ``pelican.utils``.

Settings are read by ``pelican.settings.read_settings`` (build.py) and Markdown by a subclass of
``pelican.readers.MarkdownReader`` (content/reader.py). tests/test_pelican_api.py checks each behaviour
relied on here, so an upgrade of the pinned Pelican that changes one fails loudly.
"""

from __future__ import annotations

import datetime
import io

from pelican.generators import Generator
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, set_date_tzinfo
from pelican.writers import Writer


def template_generator(settings: dict) -> Generator:
    """A generator holding the theme's Jinja environment (``.env``) and finding its templates (``.get_template``,
    which tries each of ``TEMPLATE_EXTENSIONS``), as Pelican's generators do."""
    return Generator({}, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])


def relative_root(name: str) -> str:
    """From a file of the site (``conditions/x/index.html``) back to the site's root (``../..``)."""
    return path_to_url(get_relative_path(name))


def aware(date: datetime.datetime, timezone: str | None) -> datetime.datetime:
    """A date from front matter, in the site's time zone (as Pelican's content objects make it)."""
    return set_date_tzinfo(date, timezone)


def pages_of(name: str, url: str, items: list, settings: dict, per_page: int) -> list[dict]:
    """Split a list shown by ``name`` (at ``url``) into pages; for each, the variables Pelican gives the template:
    ``articles_paginator``, ``articles_page``, ``articles_previous_page``, ``articles_next_page``."""
    paginator = Paginator(name, url, items, settings, per_page)
    pages = [paginator.page(n) for n in range(1, paginator.num_pages + 1)]
    return [
        {
            "articles_paginator": paginator,
            "articles_page": page,
            "articles_previous_page": pages[i - 1] if i else None,
            "articles_next_page": pages[i + 1] if i + 1 < len(pages) else None,
        }
        for i, page in enumerate(pages)
    ]


def atom_feed(items: list, context: dict, settings: dict, path: str) -> bytes:
    """The Atom feed of ``items`` (objects with title, url, date, summary, author and ``get_content(siteurl)``)."""
    feed = Writer(settings["OUTPUT_PATH"], settings).write_feed(items, context, path=None, url=path, feed_type="atom")
    text = io.StringIO()
    feed.write(text, "utf-8")
    return text.getvalue().encode("utf-8")
