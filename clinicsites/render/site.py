"""Write one site in one language: its Markdown pages, the pages the theme makes from facts, and its feed."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .. import output
from ..clinics.local import LOCAL_NUMBER, local_facts
from ..content import images
from ..content.pagelinks import KEYED
from ..content.references import resolve_link
from . import i18n, keys, meta, photos, seo, sitefiles
from .context import site_context, site_settings
from .pages import Page
from .pelican_api import pages_of
from .plan import Plan
from .theme import render


class Site:
    """The pages of ``plan``'s site in ``lang``, written into ``files`` (shared by the owner's languages)."""

    def __init__(self, shared, plan: Plan, lang: str, files: output.SiteFiles):
        self.theme, self.plan, self.lang, self.files = shared.theme, plan, lang, files
        # The clinic as this language shows it: its name, town and labels in the language where it has them.
        self.owner = plan.owner.in_language(lang, shared.theme.gettext) if plan.owner else None
        self.prefix = plan.prefix(lang)
        sources = plan.sources[lang]
        self.language = i18n.Language(lang, self.owner.address.country if self.owner and self.owner.address else None)
        self.settings = site_settings(shared.theme.settings, plan, lang, self.owner)
        self.root = Path(shared.library.root)
        # {filename} links name files; a translation or an override answers for the file it stands for.
        rels = {}
        for key, src in sources.items():
            for stands_for in _stands_for(shared.library, src, key):
                rels[stands_for] = key
        # Every image the site shows, in the sizes and formats browsers want (render/photos.py).
        markdown_images = {rel for src in sources.values() for rel in _images(src)}
        cache_folder = shared.theme.settings["CACHE_PATH"]
        self.images = {rel: photos.prepare(rel, self.root, cache_folder)
                       for rel in sorted(markdown_images | set(keys.photos_of(plan)))}  # fmt: skip
        addresses = {"filename": {}, "static": {rel: self.images[rel].fallback for rel in markdown_images}}
        # The theme's language is this site's (build_site called use_language): "your local emergency number" in it.
        self.country = local_facts(self.owner, lang, shared.theme.gettext(LOCAL_NUMBER))
        values = {"clinic": self.owner, "brand": plan.brand, "country": self.country}
        self.pages: dict = {}
        for key, src in sources.items():
            hidden = partial(_hidden_links, plan, rels, src)  # worked out only for a page that is rendered
            self.pages[key] = page = Page(src, self.settings, values, hidden, addresses, self.prefix)
            if self.owner is not None and not self.prefix:  # notes are written in the clinic's main language
                page.note = self.owner.note(*key)
        addresses["filename"].update({rel: self.pages[key].url for rel, key in rels.items()})
        # Links to a page not in this language lead to it in the main language, where it is.
        for other in plan.languages:
            for key, src in plan.sources[other].items():
                if key not in sources:
                    for rel in _stands_for(shared.library, src, key):
                        addresses["filename"].setdefault(rel, plan.prefix(other) + _address(self.settings, src))
        self.context = site_context(self.settings, plan, lang, self.language, list(self.pages.values()), self.owner)
        self.context["IMAGES"] = self.images
        self.context["country"] = self.country
        self.context["LOGO"] = plan.brand.logo
        urgent_note = self.theme.emergency_note(self.country)
        for page in self.pages.values():
            page.images = (self.images, addresses["static"])
            page.urgent_note = urgent_note
            page.shown = shared.theme.parts.bodies  # what every clinic's copy of a shared body repeats
        self.meta = meta.PageMeta(plan, lang, self.language, shared.theme.gettext, shared.theme.parts.faqs)

    def write_all(self) -> int:
        """Render every page of the site; return how many."""
        for image in self.images.values():
            for address, path in image.files:
                if address not in self.files.files:  # the owner's other languages show the same images
                    self.files.put(address, Path(path).read_bytes())
        for key, page in self.pages.items():
            self._write_page(key, page)
        written = len(self.pages)
        for template, name in self.plan.fact_pages:
            if self.plan.has(self.lang, ("fact", template)):
                self._write_fact(template, self.prefix + name)
                written += 1
        if self.owner is not None and self.plan.has(self.lang, ("fact", "news")):
            written += self._write_news()
            sitefiles.write_feed(self.settings, self.context, self.files, self.plan.url, self.prefix)
        if self.owner is not None and not self.prefix:
            # Pages missing from the site answer with links that work from any depth.
            url = seo.link(self.plan.url, self.settings).rstrip("/")
            render(self.files, "404.html", self.theme.template("404"), {**self.context, "SITEURL": url},
                   relative=False, theme=self.theme, page_name="404",
                   **self.meta.for_template("404", "404.html"))  # fmt: skip
            written += 1
        for page in self.pages.values():
            self.meta.note_dates(page)
        return written

    def write_changed(self, old: dict[str, str], new: dict[str, str]) -> int:
        """Same site key: render only the Markdown pages whose keys changed (and the feed, if a post did)."""
        changed = [(key, page) for key, page in self.pages.items()
                   if old.get(_page_key(self.lang, key)) != new[_page_key(self.lang, key)]]  # fmt: skip
        for key, page in changed:
            self._write_page(key, page)
        if self.context["FEED_URL"] and any(page.kind == "article" for _, page in changed):
            sitefiles.write_feed(self.settings, self.context, self.files, self.plan.url, self.prefix)
        return len(changed)

    def _write_page(self, key, page: Page) -> None:
        """Render a Markdown page's body for this site, then the page around it."""
        page.show(self.theme.parts.root(page.save_as))
        variables = self.meta.for_content(key, page)
        render(self.files, page.save_as, self.theme.template(page.template), self.context, theme=self.theme,
               **{"article" if page.kind == "article" else "page": page}, **variables)  # fmt: skip
        page.hide()

    def _write_fact(self, template: str, name: str) -> None:
        render(self.files, name, self.theme.template(template), self.context, theme=self.theme,
               page_name=template, **self.meta.for_template(template, name))  # fmt: skip

    def _write_news(self) -> int:
        articles = self.context["articles"]
        per_page = self.settings["PAGINATED_TEMPLATES"].get("news") or self.settings["DEFAULT_PAGINATION"]
        news = pages_of(f"{self.prefix}news/index.html", f"{self.prefix}news/", articles, self.settings, per_page)
        for variables in news:
            name = variables["articles_page"].save_as
            render(self.files, name, self.theme.template("news"), self.context, theme=self.theme,
                   page_name="news", **variables, **self.meta.for_template("news", name))  # fmt: skip
        return len(news)

    def close(self) -> None:
        # Pages point at the context and the context at the pages: break the cycle so a worker
        # frees each site's pages at once instead of at the next full garbage collection.
        self.context.clear()
        self.pages.clear()


def _page_key(lang: str, key) -> str:
    return f"{lang}:{key[0]}/{key[1]}"


def _stands_for(library, src, key) -> list[str]:
    """The content paths a {filename} link may use for this page: its own file, its original, the shared file it
    replaces."""
    rels = [src.rel, f"{KEYED}{key[0]}/{key[1]}"] + ([src.original_rel] if src.original_rel else [])
    if key in library.shared:
        rels.append(library.shared[key].rel)
        rels += [t.rel for t in library.shared[key].translations.values()]
    return rels


def _hidden_links(plan: Plan, rels: dict, src) -> frozenset[str]:
    """The {filename} targets of ``src``'s links that this site does not show (their links become text)."""
    targets = {link.target for link in src.parsed.links if not link.target.startswith("#")}
    return frozenset(t for t in targets if resolve_link(src.rel, t) not in rels and
                     not _elsewhere(plan, resolve_link(src.rel, t)))  # fmt: skip


def _elsewhere(plan: Plan, rel: str) -> bool:
    """Whether a linked file is published by this owner in another language (the link then leads there)."""
    return any(rel in (src.rel, f"{KEYED}{key[0]}/{key[1]}") for lang in plan.languages
               for key, src in plan.sources[lang].items())  # fmt: skip


def _address(settings: dict, src) -> str:
    kind = {"pages": "PAGE", "conditions": "CONDITION", "benefits": "BENEFIT", "posts": "ARTICLE"}[src.section]
    return settings[f"{kind}_URL"].format(
        slug=src.slug, lang=settings["DEFAULT_LANG"], date=src.parsed.meta.get("date")
    )


def _images(src) -> dict[str, str]:
    return images.image_files({src.key: src})
