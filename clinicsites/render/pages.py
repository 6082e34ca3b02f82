"""One Markdown page as one clinic's site shows it: its address, front matter and body, rendered for the clinic.

Addresses come from Pelican's URL settings in pelicanconf.py (``PAGE_URL``, ``CONDITION_SAVE_AS``,
``ARTICLE_URL``...), formatted with the page's ``slug``, ``date`` and ``lang``, as Pelican does. Front
matter values with clinic tags (a title naming the town) are rendered the first time they are used: a
rebuild of one page need not render every other page's title for every clinic.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from markupsafe import Markup

from ..content.references import resolve_link
from . import cards, faq, links, photos
from .pelican_api import aware

#: Kind of page by content section, and the template that shows each kind.
KINDS = {"pages": "page", "conditions": "condition", "benefits": "benefit", "posts": "article"}
_LAZY = ("title", "description", "headline")


class Page:
    """A page of one clinic's site made from a Markdown source (content/library.py ``Source``)."""

    def __init__(self, src, settings: dict, values: dict, hidden_links, addresses: dict, prefix: str = ""):
        self.source = src
        self.kind = KINDS[src.section]
        self.template = self.kind
        self.slug = src.slug
        self.owner = src.owner
        self._values = values  # what clinic tags see: {"clinic": ..., "brand": ...}
        self._hidden_links = hidden_links  # () -> the {filename} targets this clinic does not show
        self._addresses = addresses  # {"filename": {content path: address}, "static": {...}} of the clinic's site
        self._rendered: dict[str, str | None] = {}
        self._content = ""
        meta = src.parsed.meta
        self.order = meta.get("order")
        self.region = meta.get("region")
        self.lung_risk = bool(meta.get("lung_risk"))  # the collapsed-lung warning (partials/lung_risk.html)
        self.faq = meta.get("faq", False)
        self.related_conditions = meta.get("related_conditions") or ()
        self.related_benefits = meta.get("related_benefits") or ()
        self.related_conditions_pages: list[Page] = []
        self.related_benefits_pages: list[Page] = []
        self.updated = meta.get("updated")
        self.reviewed = meta.get("reviewed")
        self.reviewed_by = meta.get("reviewed_by")  # {"name", "credentials"}: only then is the page "reviewed"
        self.evidence = meta.get("evidence")
        changes = [d.date() if isinstance(d, datetime.datetime) else d for d in (self.reviewed, self.updated) if d]
        self.last_changed = max(changes) if changes else None  # "Last updated" when no reviewer is named
        self.sources = meta.get("sources") or ()
        self.lang = settings["DEFAULT_LANG"]
        self.date = aware(meta["date"], settings["TIMEZONE"]) if meta.get("date") else None
        self._date_format = settings["DATE_FORMATS"].get(self.lang, settings["DEFAULT_DATE_FORMAT"])
        fmt = {"slug": self.slug, "lang": self.lang, "date": self.date or datetime.datetime.now()}
        # A site in another language than the owner's main one lives in a folder of its own ("ur/").
        self.url = prefix + settings[f"{self.kind.upper()}_URL"].format(**fmt)
        self.save_as = prefix + settings[f"{self.kind.upper()}_SAVE_AS"].format(**fmt)
        #: A translation no fluent speaker has checked yet: published noindex, with a note saying so.
        self.unreviewed = bool(src.lang) and not meta.get("translation_reviewed")
        self.author = settings["AUTHOR"]  # the feed's author of each post
        self.note: str | None = None  # the clinic's own words on a shared page (clinics.yaml notes)
        self.images = None  # (ImageSet by content path, address by content path) of the site
        self.urgent_note = ""  # HTML closing each urgent card: who to call in an emergency (render/site.py)
        self.shown = None  # one build's bodies by what they are made from

    @cached_property
    def _hidden(self) -> frozenset[str]:
        # Most of a site's pages are not rendered again after a small edit: work out their links' targets only
        # for a page that is.
        return self._hidden_links()

    @cached_property
    def locale_date(self) -> str | None:
        """The date as the site's language writes it (Pelican's ``locale_date``), worked out only for a template
        that shows it: most pages of most sites are built without it."""
        return self.date.strftime(self._date_format) if self.date else None

    def _field(self, name: str) -> str | None:
        if name not in self._rendered:
            template = self.source.parsed.fields.get(name)
            self._rendered[name] = template.render(self._values) if template else self.source.parsed.meta.get(name)
        return self._rendered[name]

    title = property(lambda self: self._field("title"))
    description = property(lambda self: self._field("description"))
    headline = property(lambda self: self._field("headline"))

    @property
    def heading(self) -> str:
        """The page's H1 and browser title."""
        return self.headline or self.title

    @property
    def summary(self) -> str:
        return self.description

    @property
    def content(self) -> Markup:
        """The body as shown on the page being written (see ``resolve``)."""
        return Markup(self._content)

    def body(self) -> str:
        """The Markdown body rendered for this clinic, with links to pages it does not show unwrapped."""
        html = self.source.parsed.body.render(self._values)
        return links.unwrap(html, self._hidden) if self._hidden else html

    def show(self, siteurl: str) -> None:
        """Render the body for the page being written, its links leading back to the site's root by ``siteurl``."""
        body = self.source.parsed.body
        # A body with clinic tags or images is this clinic's own. One without either, at the same depth, whose links
        # lead to the same addresses, is the same HTML in every clinic.
        if self.shown is None or body.static is None or self.source.parsed.images:
            self._content = self._show(siteurl)
            return
        bodies = self.shown
        rels = bodies.get(("links", id(body)))
        if rels is None:
            rels = bodies[("links", id(body))] = tuple(
                resolve_link(self.source.rel, link.target)
                for link in self.source.parsed.links
                if not link.target.startswith("#")
            )
        found_in = self._addresses["filename"]
        # The urgent cards end with the clinic's country's emergency numbers: part of what makes two bodies alike.
        key = (id(body), siteurl, tuple(found_in.get(rel) for rel in rels), frozenset(self._hidden), self.urgent_note)
        found = bodies.get(key)
        if found is None:
            found = bodies[key] = self._show(siteurl)
        self._content = found

    def _show(self, siteurl: str) -> str:
        html = links.replace(self.body(), self.source.rel, siteurl, self._addresses, relative=True)
        if self.images:
            html = photos.replace_images(html, self.images[0], self.images[1], siteurl)
        html = cards.wrap(html, self.urgent_note)
        return faq.accordion(html) if self.faq else html

    @property
    def contents(self) -> list[tuple[str, str]]:
        """(anchor, heading) of each section of the body being written, for a contents list."""
        return cards.headings(self._content)

    def hide(self) -> None:
        """Drop the rendered body: pages stay listed, their HTML need not stay in memory."""
        self._content = ""

    def get_content(self, siteurl: str) -> str:
        """The body with absolute links, for the feed (Pelican's writer asks for it by this name)."""
        return links.replace(self.body(), self.source.rel, siteurl, self._addresses, relative=False)
