"""Render one clinic's site: its Markdown pages, the pages the theme makes from its facts, feed and sitemap."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import output
from ..clinics.model import Config
from ..content import images
from ..content.library import Library, resolve_link
from . import keys, meta, seo, sitefiles
from .context import clinic_context, clinic_settings
from .pages import Page
from .pelican_api import pages_of, relative_root
from .theme import Theme, render, rendering

#: Pages the theme makes from clinic facts alone: (template, output file).
FACT_PAGES = (
    ("index", "index.html"),
    ("conditions", "conditions/index.html"),
    ("benefits", "benefits/index.html"),
    ("contact", "contact/index.html"),
)


@dataclass
class Shared:
    """What every clinic of a build shares: made once per process (inherited by forked workers)."""

    theme: Theme
    config: Config
    library: Library
    engine: str  # render/keys.py engine_key

    def __getstate__(self):
        # A worker that is not forked makes its own theme (a Jinja environment does not pickle).
        return {**self.__dict__, "theme": self.theme.settings}

    def __setstate__(self, state):
        self.__dict__.update(state, theme=Theme(state["theme"]))


@dataclass(frozen=True)
class Job:
    """Build one clinic's site into ``target``; with ``full``, render every page whatever changed."""

    clinic: str  # slug
    target: output.Target
    full: bool = False


def build_clinic(shared: Shared, job: Job) -> output.Written:
    """Build one clinic's site. Unless ``job.full``, only pages whose keys changed are rendered again; either
    way only files whose bytes changed are written."""
    config, library = shared.config, shared.library
    clinic = config.clinic(job.clinic)
    sources = library.for_clinic(clinic)
    site_key = keys.site_key(shared.engine, clinic, config.brand, sources, library.root)
    page_keys = keys.page_keys(sources)
    files = job.target.open(full=job.full)
    previous = files.previous
    whole = previous is None or job.full or previous.site != site_key
    if not whole and previous.pages == page_keys:
        return files.unchanged()
    site = _ClinicSite(shared, clinic, sources, files)
    try:
        with rendering(clinic):
            rendered = site.write_all() if whole else site.write_changed(previous.pages, page_keys)
        return files.finish(site_key, page_keys, rendered)
    except BaseException:
        files.discard()
        raise
    finally:
        site.close()


class _ClinicSite:
    """One clinic's pages, context and search-engine details while its site is written."""

    def __init__(self, shared: Shared, clinic, sources: dict, files: output.SiteFiles):
        self.theme, self.clinic, self.files = shared.theme, clinic, files
        brand, root = shared.config.brand, shared.library.root
        self.settings = clinic_settings(shared.theme.settings, clinic)
        self.url, root_url = seo.clinic_url(self.settings, brand, clinic), seo.root_url(self.settings, brand)
        # {filename} links name files; an override answers for the shared file it replaces.
        rels = {shared.library.shared[key].rel: key for key in sources if key in shared.library.shared}
        rels.update({src.rel: key for key, src in sources.items()})
        self.images = images.image_files(sources)
        self.root = Path(root)
        addresses: dict[str, dict[str, str]] = {"filename": {}, "static": self.images}
        values = {"clinic": clinic, "brand": brand}
        self.pages: dict = {}
        for key, src in sources.items():
            hidden = {t for t, _ in src.parsed.links if resolve_link(src.rel, t) not in rels}
            self.pages[key] = Page(src, self.settings, values, hidden, addresses)
        addresses["filename"].update({rel: self.pages[key].url for rel, key in rels.items()})
        self.context = clinic_context(self.settings, brand, clinic, self.url, root_url, list(self.pages.values()))
        self.meta = meta.PageMeta(clinic, brand, self.url, root_url)

    def write_all(self) -> int:
        """Render every page and file of the site; return how many pages."""
        for rel, address in self.images.items():
            self.files.put(address, (self.root / rel).read_bytes())
        for page in self.pages.values():
            self._write_page(page)
        written = len(self.pages)
        for template, name in FACT_PAGES:
            render(
                self.files,
                name,
                self.theme.template(template),
                self.context,
                page_name=template,
                **self.meta.for_template(template),
            )
            written += 1
        written += self._write_news()
        # Pages missing from their own site answer with links that work from any depth.
        render(
            self.files,
            "404.html",
            self.theme.template("404"),
            {**self.context, "SITEURL": self.url.rstrip("/")},
            relative=False,
            page_name="404",
            **self.meta.for_template("404"),
        )
        written += 1
        # Every page's lastmod is known once all content pages are made, so the sitemap comes last.
        for page in self.pages.values():
            self.meta.note_dates(page)
        sitefiles.write_feed(self.settings, self.context, self.files, self.url)
        sitefiles.write_clinic_files(self.files, self.clinic, self.url, self.meta.lastmod)
        for name, data in self.theme.static_files():
            self.files.put(name, data)
        self.files.complete()
        return written

    def write_changed(self, old: dict[str, str], new: dict[str, str]) -> int:
        """Same site key: render only the Markdown pages whose keys changed (and the feed, if a post did)."""
        changed = [
            page
            for (section, slug), page in self.pages.items()
            if old.get(f"{section}/{slug}") != new[f"{section}/{slug}"]
        ]
        for page in changed:
            self._write_page(page)
        if any(page.kind == "article" for page in changed):  # the feed carries every post in full
            sitefiles.write_feed(self.settings, self.context, self.files, self.url)
        return len(changed)

    def _write_page(self, page: Page) -> None:
        """Render a Markdown page's body for this clinic, then the page around it."""
        page.show(relative_root(page.save_as))
        render(
            self.files,
            page.save_as,
            self.theme.template(page.template),
            self.context,
            **{"article" if page.kind == "article" else "page": page},
            **self.meta.for_content(page),
        )
        page.hide()

    def _write_news(self) -> int:
        articles = self.context["articles"]
        per_page = self.settings["PAGINATED_TEMPLATES"].get("news") or self.settings["DEFAULT_PAGINATION"]
        news = pages_of("news/index.html", "news/", articles, self.settings, per_page)
        for variables in news:
            render(
                self.files,
                variables["articles_page"].save_as,
                self.theme.template("news"),
                self.context,
                page_name="news",
                **variables,
                **self.meta.for_template("news"),
            )
        return len(news)

    def close(self) -> None:
        # Pages point at the context and the context at the pages: break the cycle so a worker
        # frees each clinic's pages at once instead of at the next full garbage collection.
        self.context.clear()
        self.pages.clear()
