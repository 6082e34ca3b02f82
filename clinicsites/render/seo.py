"""Structured data (schema.org JSON-LD) and the absolute addresses search engines see."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markupsafe import Markup

from ..clinics.model import Brand, Clinic
from ..clinics.services import service_data
from . import faq

SCHEMA = "https://schema.org"


#: Domains reserved for examples (RFC 2606): never where a real site lives.
_EXAMPLE = ("example.com", "example.net", "example.org", "example.edu", "example", "invalid", "test", "localhost")


def placeholder_url(url: str) -> bool:
    """Whether ``url`` is on a domain reserved for examples (``example.github.io`` included)."""
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    return host in _EXAMPLE or labels[-1] in ("example", "invalid", "test", "localhost") or labels[0] == "example" or \
        any(host.endswith("." + domain) for domain in _EXAMPLE)  # fmt: skip


def root_url(settings: dict, brand: Brand) -> str:
    """Absolute address of the output root, ending in /: the local preview, or the published one: ``BASE_URL``
    (``./run publish --base-url``), else clinics.yaml's, unless that is a placeholder and ``PAGES_URL``
    (``--pages-url``, the address GitHub Pages reports) is set."""
    preview = settings.get("PREVIEW_URL") or settings.get("BASE_URL")
    if not preview and settings.get("PAGES_URL") and placeholder_url(brand.url):
        preview = settings["PAGES_URL"]
    return preview.rstrip("/") + "/" if preview else brand.url


def link(url: str, settings: dict) -> str:
    """``url`` as a link between the output's sites: from the server's root in a preview, so the preview works
    on any host and port (./run serve --port 8001, the tests' servers); absolute when published, where a
    clinic with its own domain links back to the group's."""
    if not settings.get("PREVIEW_URL"):
        return url
    return urlsplit(url).path


def clinic_url(settings: dict, brand: Brand, clinic: Clinic) -> str:
    """Absolute address of a clinic's home page, ending in /; its own domain wins when publishing."""
    if clinic.domain and not settings.get("PREVIEW_URL"):
        return f"https://{clinic.domain}/"
    return f"{root_url(settings, brand)}{clinic.slug}/"


def to_script(data) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' escaped, so no clinic text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 are valid in JSON but end lines in older JavaScript parsers.
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def clinic_data(clinic: Clinic, brand: Brand, url: str, root: str) -> dict | None:
    """MedicalClinic (or Physiotherapy) with the facts the clinic has confirmed (the model holds no sample values);
    none at all while the clinic's name is a sample, so search engines are never told a placeholder name. Its
    specialty and services are those clinics.yaml declares, and none when it declares none."""
    if clinic.is_sample("name"):
        return None
    data = {
        "@type": ["MedicalClinic", "Physiotherapy"] if clinic.type == "Physiotherapy" else "MedicalClinic",
        "@id": url + "#clinic",
        "name": clinic.name,
        "url": url,
        "parentOrganization": brand_data(brand, root),
    }
    if clinic.specialty:
        data["medicalSpecialty"] = [f"{SCHEMA}/{name}" for name in clinic.specialty]
    if clinic.services:
        data["availableService"] = service_data(clinic.services)
    if clinic.phone:
        data["telephone"] = clinic.phone.e164
    if clinic.address:
        address = {
            "@type": "PostalAddress",
            "addressLocality": clinic.address.locality,
            "addressCountry": clinic.address.country,
        }
        for key, value in (
            ("streetAddress", clinic.address.street),
            ("addressRegion", clinic.address.region),
            ("postalCode", clinic.address.postal_code),
        ):
            if value:
                address[key] = value
        data["address"] = address
        if clinic.geo:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": clinic.geo.lat, "longitude": clinic.geo.lng}
    if clinic.email:
        data["email"] = clinic.email
    if clinic.hours:
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"{SCHEMA}/{day.name.capitalize()}",
                "opens": r.opens,
                "closes": r.closes,
            }
            for day in clinic.hours
            for r in day.ranges
        ]
    if clinic.special_hours:
        data["specialOpeningHoursSpecification"] = [
            # schema.org marks a closed day as opening and closing at 00:00.
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": s.date.isoformat(),
                "validThrough": s.date.isoformat(),
                "opens": r.opens,
                "closes": r.closes,
            }
            for s in clinic.special_hours
            for r in (s.ranges or [_Closed()])
        ]
    if clinic.same_as:
        data["sameAs"] = list(clinic.same_as)
    if clinic.booking_url:
        data["potentialAction"] = {"@type": "ReserveAction", "target": clinic.booking_url}
    return data


class _Closed:
    opens = closes = "00:00"


def brand_data(brand: Brand, root: str) -> dict:
    return {"@type": "Organization", "@id": root + "#brand", "name": brand.name, "url": root}


def website_data(owner, url: str, lang: str) -> dict:
    """The WebSite of a clinic (or of the brand's guide) in one language."""
    publisher = url.split("#")[0] + "#clinic" if isinstance(owner, Clinic) else None
    data = {"@type": "WebSite", "@id": url + "#website", "name": owner.name, "url": url, "inLanguage": lang}
    if publisher:
        data["publisher"] = {"@id": publisher}
    return data


def breadcrumb_data(crumbs: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute URL) pairs, in the order the page shows them."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url} for i, (name, url) in enumerate(crumbs, 1)
        ],
    }


def webpage_data(
    kind: str,
    title: str,
    description: str,
    url: str,
    clinic_id: str,
    about: str | None = None,
    modified=None,
    lang: str | None = None,
    reviewed: tuple[str, dict] | None = None,
) -> dict:
    """MedicalWebPage for health content (about a MedicalCondition on condition pages), WebPage otherwise."""
    data = {
        "@type": kind,
        "@id": url + "#page",
        "name": title,
        "description": description,
        "url": url,
        "publisher": {"@id": clinic_id},
    }
    if lang:
        data["inLanguage"] = lang
    if about:
        data["about"] = {"@type": "MedicalCondition", "name": about}
    if reviewed and kind == "MedicalWebPage":
        # Only a page that names its reviewer says it was reviewed (an unnamed review would imply a clinical one).
        day, person = reviewed
        data["lastReviewed"] = day
        data["reviewedBy"] = {"@type": "Person", "name": person["name"], "honorificSuffix": person["credentials"]}
    elif modified:
        data["dateModified"] = modified
    return data


def faq_data(html: str) -> dict | None:
    """FAQPage from a page whose questions are <details> summaries (render/faq.py) or <h2> headings, each answered by
    the text after it."""
    parser = _FAQParser()
    parser.feed(html)
    pairs = [(" ".join(q.split()), " ".join("".join(a).split())) for q, a in parser.items if faq.is_question(q)]
    if not pairs:
        return None
    return {
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in pairs
        ],
    }


class _FAQParser(HTMLParser):
    """Collect (question, answer words): a <summary> or <h2> is a question, what follows it (up to the next question,
    heading or the end of its <details>) the answer."""

    _QUESTION = ("h1", "h2", "summary")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, list[str]]] = []
        self._in_question = False
        self._answering = False
        self._question = ""

    def handle_starttag(self, tag, attrs):
        if tag in self._QUESTION:
            self._in_question, self._answering, self._question = True, False, ""

    def handle_endtag(self, tag):
        if tag in self._QUESTION and self._in_question:
            self._in_question, self._answering = False, True
            self.items.append((self._question, []))
        elif tag == "details":
            self._answering = False

    def handle_data(self, data):
        if self._in_question:
            self._question += data
        elif self._answering and self.items:
            self.items[-1][1].append(data)


def graph(*nodes) -> dict:
    """One JSON-LD document holding every node of a page."""
    return {"@context": SCHEMA, "@graph": [n for n in nodes if n]}
