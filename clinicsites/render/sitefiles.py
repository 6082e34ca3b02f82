"""Files beside the pages: sitemaps (with each page's other languages), robots.txt, news feeds, CNAME, .nojekyll."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..clinics.model import Clinic, Config
from . import seo
from .pelican_api import atom_feed
from .plan import GUIDE, guide_languages, indexes_anything

_URLSET = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')  # fmt: skip
_INDEX = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def sitemap_xml(base: str, indexed: dict[str, tuple], lastmod: dict[str, str]) -> str:
    """A sitemaps.org urlset of the pages search engines should index, each with its other languages."""
    rows = []
    for address in sorted(indexed):
        row = f"  <url><loc>{escape(base + address)}</loc>"
        if lastmod.get(address):
            row += f"<lastmod>{lastmod[address]}</lastmod>"
        for lang, url in indexed[address]:
            row += f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(url)}"/>'
        if indexed[address]:
            row += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(indexed[address][0][1])}"/>'
        rows.append(row + "</url>")
    return _URLSET + "\n".join(rows) + "\n</urlset>\n"


def robots_txt(sitemap_url: str | None, unindexed: bool = False) -> str:
    """Crawlers welcome, pointed at the sitemap (if the site has one); or, for a preview published under a
    placeholder address, asked to keep out of every page."""
    if unindexed:
        return "User-agent: *\nDisallow: /\n"
    return "User-agent: *\nAllow: /\n" + (f"\nSitemap: {sitemap_url}\n" if sitemap_url else "")


def write_site_files(files, owner: Clinic | None, url: str, metas: list, unindexed: bool = False) -> None:
    """sitemap.xml for a clinic or the guide (every language's indexed pages); robots.txt and CNAME too when a
    clinic is served at its own domain. A site with nothing to index (placeholders, a preview, only unreviewed
    languages) has no sitemap."""
    indexed, lastmod = {}, {}
    for meta in metas:
        indexed.update(meta.indexed)
        lastmod.update(meta.lastmod)
    if indexed:
        files.put("sitemap.xml", sitemap_xml(url, indexed, lastmod).encode("utf-8"))
    if owner is not None and owner.domain:
        files.put("CNAME", (owner.domain + "\n").encode("utf-8"))
        files.put("robots.txt", robots_txt(url + "sitemap.xml" if indexed else None, unindexed).encode("utf-8"))


def write_feed(settings: dict, context: dict, files, site_url: str, prefix: str) -> None:
    """A clinic's news in one language as an Atom feed with each post in full and absolute links."""
    path = settings.get("NEWS_FEED_ATOM")
    if not path:
        return
    # Pelican joins feed addresses onto FEED_DOMAIN and SITEURL; both are this clinic's absolute address.
    feed_settings = {**settings, "RELATIVE_URLS": False}
    feed_context = {**context, "SITEURL": site_url.rstrip("/"), "FEED_DOMAIN": site_url,
                    "SITESUBTITLE": f"News from {context['clinic'].name}"}  # fmt: skip
    files.put(prefix + path, atom_feed(context["articles"], feed_context, feed_settings, prefix + path))


def write_root_files(files, config: Config, settings: dict) -> None:
    """sitemap.xml (an index of the clinics' and the guide's sitemaps), robots.txt, .nojekyll and CNAME. A preview
    under a placeholder address has no sitemap index, and its robots.txt asks crawlers to keep out."""
    root_url = seo.root_url(settings, config.brand)
    unindexed = bool(settings.get("UNINDEXED_PREVIEW"))
    # A sitemap index may only list sitemaps on its own host: clinics at their own domain have their own robots.txt.
    sites = [seo.clinic_url(settings, config.brand, c) for c in config.clinics
             if indexes_anything(settings, c, c.languages)]  # fmt: skip
    if config.has_guide and indexes_anything(settings, None, guide_languages(config)):
        sites.insert(0, f"{root_url}{GUIDE}/")
    if not unindexed:
        rows = [f"  <sitemap><loc>{escape(u)}sitemap.xml</loc></sitemap>" for u in sites if u.startswith(root_url)]
        files.put("sitemap.xml", (_INDEX + "\n".join(rows) + "\n</sitemapindex>\n").encode("utf-8"))
    files.put("robots.txt", robots_txt(None if unindexed else root_url + "sitemap.xml", unindexed).encode("utf-8"))
    # GitHub Pages would run Jekyll over the output otherwise, hiding files that start with "_".
    files.put(".nojekyll", b"")
    if config.brand.domain:
        files.put("CNAME", (config.brand.domain + "\n").encode("utf-8"))
