"""Files beside the pages: sitemaps, robots.txt, the news feed, CNAME and .nojekyll."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from . import seo
from .model import Clinic, Config
from .writer import SiteFiles, ThreadedWriter

_URLSET = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
_INDEX = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def page_addresses(names) -> list[str]:
    """Every page among a site's file names as its address ("", "conditions/neck-pain/"), 404 and drafts left out."""
    found = [name[: -len("index.html")] for name in names if name == "index.html" or name.endswith("/index.html")]
    return sorted(a for a in found if not a.startswith("news/drafts/"))


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


def write_clinic_files(files: SiteFiles, clinic: Clinic, clinic_url: str, lastmod: dict[str, str]) -> None:
    """sitemap.xml for the clinic (listing the pages put so far); robots.txt and CNAME too when it is
    served at its own domain."""
    files.put("sitemap.xml", sitemap_xml(clinic_url, page_addresses(files.files), lastmod).encode("utf-8"))
    if clinic.domain:
        files.put("CNAME", (clinic.domain + "\n").encode("utf-8"))
        files.put("robots.txt", robots_txt(clinic_url + "sitemap.xml").encode("utf-8"))


def write_feed(settings: dict, context: dict, files: SiteFiles, clinic_url: str) -> str | None:
    """The clinic's news as an Atom feed with each post in full and absolute links; return its file name."""
    path = settings.get("NEWS_FEED_ATOM")
    if not path:
        return None
    # Pelican joins feed addresses onto FEED_DOMAIN and SITEURL; both are this clinic's absolute address.
    feed_settings = {**settings, "RELATIVE_URLS": False}
    feed_context = {**context, "SITEURL": clinic_url.rstrip("/"), "FEED_DOMAIN": clinic_url,
                    "SITESUBTITLE": f"News from {context['clinic'].name}"}
    articles = context["articles"][: settings.get("FEED_MAX_ITEMS")]
    # Post bodies are rendered when written and dropped after; the feed needs them once more.
    for article in articles:
        article._content = article.render_body()
    try:
        ThreadedWriter(files, feed_settings).write_feed(articles, feed_context, path, feed_type="atom")
    finally:
        for article in articles:
            article._content = ""
    return path


def write_root_files(root: Path, config: Config, settings: dict) -> list[str]:
    """sitemap.xml (an index of the clinics' sitemaps), robots.txt, .nojekyll and CNAME; return their names."""
    root_url = seo.root_url(settings, config.brand)
    # A sitemap index may only list sitemaps on its own host: clinics at their own domain have their own robots.txt.
    sites = [seo.clinic_url(settings, config.brand, c) for c in config.clinics]
    rows = [f"  <sitemap><loc>{escape(url)}sitemap.xml</loc></sitemap>" for url in sites if url.startswith(root_url)]
    (root / "sitemap.xml").write_text(_INDEX + "\n".join(rows) + "\n</sitemapindex>\n", encoding="utf-8")
    (root / "robots.txt").write_text(robots_txt(root_url + "sitemap.xml"), encoding="utf-8")
    # GitHub Pages would run Jekyll over the output otherwise, hiding files that start with "_".
    (root / ".nojekyll").write_text("", encoding="utf-8")
    names = ["sitemap.xml", "robots.txt", ".nojekyll"]
    if config.brand.domain:
        (root / "CNAME").write_text(config.brand.domain + "\n", encoding="utf-8")
        names.append("CNAME")
    return names
