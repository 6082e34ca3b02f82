"""What each page tells search engines: breadcrumbs, structured data, and dates for the sitemap."""

from __future__ import annotations

from ..clinics.model import Brand, Clinic
from . import seo

#: Index pages: the template, its breadcrumb label and its address within the clinic's site.
SECTIONS = {
    "conditions": ("Conditions", "conditions/"),
    "benefits": ("Benefits", "benefits/"),
    "news": ("News", "news/"),
    "contact": ("Contact", "contact/"),
}


class PageMeta:
    """Per-page template variables for one clinic: ``crumbs`` (name, address) and ``structured_data``."""

    def __init__(self, clinic: Clinic, brand: Brand, clinic_url: str, root_url: str):
        self.clinic, self.url, self.root = clinic, clinic_url, root_url
        self.clinic_node = seo.clinic_data(clinic, brand, clinic_url, root_url)
        self.lastmod: dict[str, str] = {}  # page address -> YYYY-MM-DD, for sitemap.xml

    def for_content(self, obj) -> dict:
        """Variables for a Markdown page, condition, benefit or post."""
        parent = {"condition": "conditions", "benefit": "benefits", "article": "news"}.get(obj.kind)
        crumbs = self._crumbs(parent, (obj.title, obj.url))
        self.note_dates(obj)
        url = self.url + obj.url
        nodes = [seo.breadcrumb_data(self._absolute(crumbs))]
        if obj.kind == "article":
            nodes.append(self._article(obj, url))
        else:
            health = obj.kind in ("condition", "benefit")
            nodes.append(
                seo.webpage_data(
                    "MedicalWebPage" if health else "WebPage",
                    obj.heading,
                    obj.description,
                    url,
                    self.url + "#clinic",
                    obj.title if obj.kind == "condition" else None,
                    self.lastmod.get(obj.url),
                )
            )
            nodes.append(seo.faq_data(obj.content) if getattr(obj, "faq", False) else None)
        return {
            "crumbs": crumbs,
            "structured_data": seo.to_script(seo.graph(*nodes)),
            "og_type": "article" if obj.kind == "article" else "website",
        }

    def note_dates(self, obj) -> None:
        """Remember a page's last change (updated, else published) for the sitemap."""
        modified = getattr(obj, "updated", None) or getattr(obj, "date", None)
        if modified:
            self.lastmod[obj.url] = modified.date().isoformat()

    def for_template(self, template: str) -> dict:
        """Variables for the pages the theme makes from clinic facts (home, indexes, contact, 404)."""
        if template == "index":
            nodes = [self.clinic_node, seo.website_data(self.clinic, self.url)]
            return {"crumbs": [], "structured_data": seo.to_script(seo.graph(*nodes)), "og_type": "website"}
        if template == "404":
            return {"crumbs": [], "structured_data": None, "og_type": None, "noindex": True}
        crumbs = self._crumbs(template)
        nodes = [seo.breadcrumb_data(self._absolute(crumbs)), self.clinic_node if template == "contact" else None]
        return {"crumbs": crumbs, "structured_data": seo.to_script(seo.graph(*nodes)), "og_type": "website"}

    def _crumbs(self, section: str | None, last: tuple[str, str] | None = None) -> list[tuple[str, str]]:
        crumbs = [("Home", "")]
        if section:
            crumbs.append(SECTIONS[section])
        if last:
            crumbs.append(last)
        return crumbs

    def _absolute(self, crumbs):
        return [(name, self.url + address) for name, address in crumbs]

    def _article(self, obj, url: str) -> dict:
        data = {
            "@type": "BlogPosting",
            "@id": url + "#post",
            "headline": obj.heading,
            "description": obj.description,
            "url": url,
            "datePublished": obj.date.date().isoformat(),
            "inLanguage": self.clinic.language,
            "author": {"@id": self.url + "#clinic"},
            "publisher": {"@id": self.url + "#clinic"},
        }
        if getattr(obj, "updated", None):
            data["dateModified"] = obj.updated.date().isoformat()
        return data
