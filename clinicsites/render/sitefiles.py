"""Files beside the pages: sitemaps, robots.txt, the news feed, CNAME and .nojekyll."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..clinics.model import Clinic, Config
from . import seo
from .pelican_api import atom_feed

_URLSET = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
_INDEX = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def page_addresses(names) -> list[str]:
    """Every page among a site's file names as its address ("", "conditions/neck-pain/"); 404.html is left out."""
    return sorted(name[: -len("index.html")] for name in names if name == "index.html" or name.endswith("/index.html"))


def sitemap_xml(base: str, addresses: list[str], lastmod: dict[str, str]) -> str:
    """A sitemaps.org urlset of absolute addresses, with lastmod where the content gives a date."""
    rows = []
    for address in addresses:
        date = lastmod.get(address)
        row = f"  <url><loc>{escape(base + address)}</loc>"
        rows.append(row + (f"<lastmod>{date}</lastmod></url>" if date else "</url>"))
    return _URLSET + "\n".join(rows) + "\n</urlset>\n"


def robots_txt(sitemap_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def write_clinic_files(files, clinic: Clinic, clinic_url: str, lastmod: dict[str, str]) -> None:
    """sitemap.xml for the clinic (listing the pages put so far); robots.txt and CNAME too when it is
    served at its own domain."""
    files.put("sitemap.xml", sitemap_xml(clinic_url, page_addresses(files.files), lastmod).encode("utf-8"))
    if clinic.domain:
        files.put("CNAME", (clinic.domain + "\n").encode("utf-8"))
        files.put("robots.txt", robots_txt(clinic_url + "sitemap.xml").encode("utf-8"))


def write_feed(settings: dict, context: dict, files, clinic_url: str) -> None:
    """The clinic's news as an Atom feed with each post in full and absolute links."""
    path = settings.get("NEWS_FEED_ATOM")
    if not path:
        return
    # Pelican joins feed addresses onto FEED_DOMAIN and SITEURL; both are this clinic's absolute address.
    feed_settings = {**settings, "RELATIVE_URLS": False}
    feed_context = {
        **context,
        "SITEURL": clinic_url.rstrip("/"),
        "FEED_DOMAIN": clinic_url,
        "SITESUBTITLE": f"News from {context['clinic'].name}",
    }
    files.put(path, atom_feed(context["articles"], feed_context, feed_settings, path))


def write_root_files(files, config: Config, settings: dict) -> None:
    """sitemap.xml (an index of the clinics' sitemaps), robots.txt, .nojekyll and CNAME."""
    root_url = seo.root_url(settings, config.brand)
    # A sitemap index may only list sitemaps on its own host: clinics at their own domain have their own robots.txt.
    sites = [seo.clinic_url(settings, config.brand, c) for c in config.clinics]
    rows = [f"  <sitemap><loc>{escape(url)}sitemap.xml</loc></sitemap>" for url in sites if url.startswith(root_url)]
    files.put("sitemap.xml", (_INDEX + "\n".join(rows) + "\n</sitemapindex>\n").encode("utf-8"))
    files.put("robots.txt", robots_txt(root_url + "sitemap.xml").encode("utf-8"))
    # GitHub Pages would run Jekyll over the output otherwise, hiding files that start with "_".
    files.put(".nojekyll", b"")
    if config.brand.domain:
        files.put("CNAME", (config.brand.domain + "\n").encode("utf-8"))
