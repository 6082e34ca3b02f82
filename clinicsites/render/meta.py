"""What each page tells search engines and patients about itself: breadcrumbs, structured data, whether to index
it (or where its indexed copy is), its other languages, and dates for the sitemap."""

from __future__ import annotations

from . import i18n, seo
from .pelican_api import relative_root
from .plan import Plan

#: Index pages: their breadcrumb label and address within the site (after the language folder).
SECTIONS = {"conditions": ("Conditions", "conditions/"), "benefits": ("Benefits", "benefits/"),
            "news": ("News", "news/"), "contact": ("Contact", "contact/"), "search": ("Search", "search/")}  # fmt: skip
_PARENT = {"condition": "conditions", "benefit": "benefits", "article": "news"}


class PageMeta:
    """Per-page template variables for one site (an owner in one language)."""

    def __init__(self, plan: Plan, lang: str, language: i18n.Language, gettext=None, faqs: dict | None = None):
        self.plan, self.lang, self.language = plan, lang, language
        # FAQPage data by the page's HTML: every clinic's copy of a shared FAQ is the same (one build's dict).
        self._faqs = {} if faqs is None else faqs
        self._ = gettext or (lambda text: text)
        self.prefix = plan.prefix(lang)
        self.url = plan.url  # the owner's root
        self.site = plan.url + self.prefix
        owner = plan.owner
        self.clinic_node = seo.clinic_data(owner, plan.brand, plan.url, plan.root_url) if owner else None
        if self.clinic_node:
            self.clinic_node["availableLanguage"] = [i18n.locale(t).get_display_name("en") for t in plan.languages]
        self.lastmod: dict[str, str] = {}  # page address -> YYYY-MM-DD, for sitemap.xml
        self.indexed: dict[str, tuple] = {}  # page address -> hreflang alternates, for sitemap.xml

    def for_content(self, key, page) -> dict:
        """Variables for a Markdown page, condition, benefit or post."""
        crumbs = self._crumbs(_PARENT.get(page.kind), (page.title, page.url))
        self.note_dates(page)
        url = self.url + page.url
        nodes = [seo.breadcrumb_data(self._absolute(crumbs))]
        if page.kind == "article":
            nodes.append(self._article(page, url))
        else:
            health = page.kind in ("condition", "benefit") or (page.owner is None and bool(page.sources))
            nodes.append(seo.webpage_data("MedicalWebPage" if health else "WebPage", page.heading, page.description,
                                          url, self._publisher(), page.title if page.kind == "condition" else None,
                                          _changed(page) or self.lastmod.get(page.url), self.lang,
                                          _reviewed(page)))  # fmt: skip
            nodes.append(self._faq(page.content) if page.faq else None)
        return {"crumbs": crumbs, "structured_data": seo.to_script(seo.graph(*nodes)),
                "og_type": "article" if page.kind == "article" else "website",
                **self._indexing(key, page.url, page.save_as)}  # fmt: skip

    def for_template(self, template: str, name: str) -> dict:
        """Variables for the pages the theme makes from facts (home, indexes, contact, news, 404)."""
        address = name[: -len("index.html")] if name.endswith("index.html") else name
        if template == "404":
            return {"crumbs": [], "structured_data": None, "og_type": None, "noindex": True, "canonical": None,
                    "alternates": (), "translations": (), "page_url": self.url + name}  # fmt: skip
        indexing = self._indexing(("fact", template), address, name)
        if template in ("index", "guide"):
            website = seo.website_data(self.plan.owner or self.plan.brand, self.site, self.lang)
            nodes = [self.clinic_node, website]
            return {"crumbs": [], "structured_data": seo.to_script(seo.graph(*nodes)), "og_type": "website",
                    **indexing}  # fmt: skip
        crumbs = self._crumbs(template)
        nodes = [seo.breadcrumb_data(self._absolute(crumbs)), self.clinic_node if template == "contact" else None]
        return {"crumbs": crumbs, "structured_data": seo.to_script(seo.graph(*nodes)), "og_type": "website",
                **indexing}  # fmt: skip

    def _faq(self, html: str) -> dict | None:
        if html not in self._faqs:
            self._faqs[html] = seo.faq_data(html)
        return self._faqs[html]

    def note_dates(self, page) -> None:
        """Remember a page's last change (updated, else published) for the sitemap."""
        modified = getattr(page, "updated", None) or getattr(page, "date", None)
        if modified:
            self.lastmod[page.url] = modified.date().isoformat()

    def _indexing(self, key, address: str, name: str) -> dict:
        """Whether the page is indexed (else its canonical copy, or noindex), its hreflang alternates, and the
        language switcher's links."""
        plan, here = self.plan, relative_root(name)
        others = [lang for lang in plan.languages if plan.has(lang, key)]
        switch = tuple((i18n.Language(lang).name, lang, f"{here}/{self._address_in(lang, address)}", lang == self.lang)
                       for lang in others) if len(others) > 1 else ()  # fmt: skip
        page_url = self.url + address
        if plan.indexed(self.lang, key):
            # hreflang links only between copies search engines index, and only if there are two or more.
            alternates = tuple((lang, self.url + self._address_in(lang, address))
                               for lang in others if plan.indexed(lang, key))  # fmt: skip
            alternates = alternates if len(alternates) > 1 else ()
            self.indexed[address] = alternates
            return {"noindex": False, "canonical": None, "alternates": alternates, "translations": switch,
                    "page_url": page_url}  # fmt: skip
        canonical = plan.canonical(self.lang, key, address)
        return {"noindex": canonical is None, "canonical": canonical, "alternates": (), "translations": switch,
                "page_url": page_url}  # fmt: skip

    def _address_in(self, lang: str, address: str) -> str:
        """The same page's address in another language of the site."""
        return self.plan.prefix(lang) + address[len(self.prefix) :]

    def _crumbs(self, section: str | None, last: tuple[str, str] | None = None) -> list[tuple[str, str]]:
        crumbs = [(self._("Home"), self.prefix)]
        # The guide has no list pages; a language a clinic adds may lack one.
        if section and self.plan.owner is not None and self.plan.has(self.lang, ("fact", section)):
            label, address = SECTIONS[section]
            crumbs.append((self._(label), self.prefix + address))
        if last:
            crumbs.append(last)
        return crumbs

    def _absolute(self, crumbs):
        return [(name, self.url + address) for name, address in crumbs]

    def _publisher(self) -> str:
        return self.url + "#clinic" if self.plan.owner else self.plan.root_url + "#brand"

    def _article(self, page, url: str) -> dict:
        data = {"@type": "BlogPosting", "@id": url + "#post", "headline": page.heading, "description": page.description,
                "url": url, "datePublished": page.date.date().isoformat(), "inLanguage": self.lang,
                "author": {"@id": self._publisher()}, "publisher": {"@id": self._publisher()}}  # fmt: skip
        if getattr(page, "updated", None):
            data["dateModified"] = page.updated.date().isoformat()
        return data


def _reviewed(page) -> tuple[str, dict] | None:
    """The day and the person, when the page names who reviewed it."""
    if getattr(page, "reviewed_by", None) and getattr(page, "reviewed", None):
        return page.reviewed.isoformat(), page.reviewed_by
    return None


def _changed(page) -> str | None:
    return page.last_changed.isoformat() if getattr(page, "last_changed", None) else None
