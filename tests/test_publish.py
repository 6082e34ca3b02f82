"""invoke publish: absolute addresses, structured data, sitemaps and feeds search engines can read."""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import REPO

from clinicsites import build as engine

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
EXTRA = """
    geo: {lat: 30.45, lng: -91.18}
    type: Physiotherapy
    specialty: [Physiotherapy]
    services: [dry-needling]
    same_as: ["https://maps.example.com/north"]
    special_hours:
      - {date: "2026-12-25", hours: closed, note: Christmas Day}
"""


class Page(HTMLParser):
    """What a search engine reads from a page: head links and metas, JSON-LD, breadcrumb texts, and the texts of its
    h2 headings and of its summaries (a FAQ's questions)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.links, self.metas, self.ld, self.crumbs, self.h2 = {}, {}, [], [], []
        self._script = self._crumb = self._h2 = None
        self._in_breadcrumb = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link":
            self.links[a.get("rel")] = a.get("href")
        elif tag == "meta":
            self.metas[a.get("property") or a.get("name")] = a.get("content")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = ""
        elif tag == "nav" and a.get("aria-label") == "Breadcrumb":
            self._in_breadcrumb = True
        elif tag == "a" and self._in_breadcrumb:
            self._crumb = ""
        elif tag in ("h2", "summary"):
            self._h2 = ""

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.ld.append(json.loads(self._script))
            self._script = None
        elif tag == "nav":
            self._in_breadcrumb = False
        elif tag == "a" and self._crumb is not None:
            self.crumbs.append(self._crumb)
            self._crumb = None
        elif tag in ("h2", "summary") and self._h2 is not None:
            self.h2.append(self._h2.strip())
            self._h2 = None

    def handle_data(self, data):
        for name in ("_script", "_crumb", "_h2"):
            if getattr(self, name) is not None:
                setattr(self, name, getattr(self, name) + data)

    def nodes(self, kind):
        found = [n for doc in self.ld for n in doc.get("@graph", [doc])]
        return [n for n in found if kind == n["@type"] or kind in n["@type"]]


def publish(project, extra_north="", south_domain=None, name=None):
    text = (project / "clinics.yaml").read_text()
    text = text.replace(
        '      tuesday: "09:00-12:00, 13:00-17:00"\n', '      tuesday: "09:00-12:00, 13:00-17:00"\n' + extra_north
    )
    if south_domain:
        text = text.replace("    conditions: [neck-pain]", f"    conditions: [neck-pain]\n    domain: {south_domain}")
    if name:
        text = text.replace("name: Northside Needling", f"name: {json.dumps(name)}")
    (project / "clinics.yaml").write_text(text)
    output = project / "public"
    engine.build(project / "clinics.yaml", output, REPO / "publishconf.py", override={"PATH": str(project / "content")})
    return output


def pages(site):
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


#: The fixture's shared pages each clinic shows without a note of its own: with brand.shared_pages: noindex,
#: search engines are asked to leave these copies out. North's FAQ is its own page, so it is indexed. So are the
#: theme's lists of shared pages and the search page (render/plan.py).
THEME_LISTS = {"conditions/", "benefits/", "search/"}
SHARED_COPIES = {
    "north": {"about-treatment/", "conditions/neck-pain/", "conditions/knee-pain/", "benefits/pain-reduction/",
              *THEME_LISTS},
    "south": {"about-treatment/", "faq/", "conditions/neck-pain/", "benefits/pain-reduction/", *THEME_LISTS},
}  # fmt: skip


def indexed(site, slug):
    return [
        p
        for p in pages(site / slug)
        if p.relative_to(site / slug).as_posix().removesuffix("index.html") not in SHARED_COPIES[slug]
    ]


@pytest.fixture
def public(project):
    return publish(project, EXTRA)


def test_every_page_has_canonical_and_open_graph_under_the_base_url(public):
    for slug in ("north", "south"):
        for path in pages(public / slug):
            page = Page(path.read_text())
            address = path.relative_to(public / slug).as_posix().removesuffix("index.html")
            if address in SHARED_COPIES[slug]:
                assert page.metas["robots"] == "noindex" and "canonical" not in page.links, path
                continue
            assert page.links["canonical"] == f"https://example.org/sites/{slug}/{address}", path
            assert page.metas["og:url"] == page.links["canonical"]
            assert page.metas["og:title"] and page.metas["og:description"] and page.metas["twitter:card"] == "summary"


def test_a_clinic_note_makes_its_copy_of_a_shared_page_its_own(project):
    note = "    notes:\n      conditions:\n        neck-pain: We see many office workers with stiff necks.\n"
    public = publish(project, note)
    page = Page((public / "north/conditions/neck-pain/index.html").read_text())
    assert page.links["canonical"] == "https://example.org/sites/north/conditions/neck-pain/"
    assert (
        "We see many office workers with stiff necks." in (public / "north/conditions/neck-pain/index.html").read_text()
    )
    assert "https://example.org/sites/north/conditions/neck-pain/" in (public / "north/sitemap.xml").read_text()


def test_home_describes_the_clinic_for_search_engines(public):
    page = Page((public / "north/index.html").read_text())
    (clinic,) = page.nodes("MedicalClinic")
    assert clinic["@type"] == ["MedicalClinic", "Physiotherapy"]
    assert clinic["@id"] == "https://example.org/sites/north/#clinic"
    assert clinic["name"] == "Northside Needling" and clinic["url"] == "https://example.org/sites/north/"
    assert clinic["telephone"] == "+12025550111"
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Fiction Road",
        "addressLocality": "Northtown",
        "addressRegion": "LA",
        "addressCountry": "US",
    }
    assert clinic["geo"] == {"@type": "GeoCoordinates", "latitude": 30.45, "longitude": -91.18}
    assert {(h["dayOfWeek"], h["opens"], h["closes"]) for h in clinic["openingHoursSpecification"]} == {
        ("https://schema.org/Monday", "09:00", "17:00"),
        ("https://schema.org/Tuesday", "09:00", "12:00"),
        ("https://schema.org/Tuesday", "13:00", "17:00"),
    }
    assert clinic["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-25",
            "opens": "00:00",
            "closes": "00:00",
        }
    ]
    # Only what clinics.yaml declares: specialty: [Physiotherapy], services: [dry-needling].
    assert clinic["medicalSpecialty"] == ["https://schema.org/Physiotherapy"]
    assert [(s["@type"], s["name"]) for s in clinic["availableService"]] == [("MedicalTherapy", "Dry needling")]
    assert clinic["sameAs"] == ["https://maps.example.com/north"]
    assert clinic["parentOrganization"]["name"] == "Test Group"
    (website,) = page.nodes("WebSite")
    assert website["url"] == clinic["url"]
    contact = Page((public / "north/contact/index.html").read_text())
    assert contact.nodes("MedicalClinic") == [clinic]


def test_breadcrumb_data_matches_the_visible_breadcrumb_on_every_page(public):
    for path in pages(public / "north") + pages(public / "south"):
        page = Page(path.read_text())
        if path.parent.name in ("north", "south"):
            assert page.crumbs == [] and page.nodes("BreadcrumbList") == [], path
            continue
        (trail,) = page.nodes("BreadcrumbList")
        assert [i["name"] for i in trail["itemListElement"]] == page.crumbs, path
        address = f"https://example.org/sites/{path.relative_to(public).as_posix().removesuffix('index.html')}"
        assert trail["itemListElement"][-1]["item"] == address, path


def test_condition_pages_are_medical_web_pages_about_the_condition(public):
    page = Page((public / "north/conditions/neck-pain/index.html").read_text())
    (web,) = page.nodes("MedicalWebPage")
    assert web["about"] == {"@type": "MedicalCondition", "name": "Neck pain"}
    assert web["url"] == "https://example.org/sites/north/conditions/neck-pain/"


def test_faq_data_holds_exactly_the_visible_questions_and_answers(public):
    page = Page((public / "south/faq/index.html").read_text())
    (faq,) = page.nodes("FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == [h for h in page.h2 if h.endswith("?")]
    assert faq["mainEntity"][1]["acceptedAnswer"]["text"] == "Most people have two to four, a week apart."
    # North's own FAQ page asks no questions, so it claims none.
    assert Page((public / "north/faq/index.html").read_text()).nodes("FAQPage") == []


def test_sitemaps_list_exactly_the_built_pages(public):
    index = ET.parse(public / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    assert [e.text for e in index.iter(f"{SITEMAP_NS}loc")] == [
        "https://example.org/sites/north/sitemap.xml",
        "https://example.org/sites/south/sitemap.xml",
    ]
    for slug in ("north", "south"):
        urls = ET.parse(public / slug / "sitemap.xml").getroot()
        listed = {e.find(f"{SITEMAP_NS}loc").text: e.findtext(f"{SITEMAP_NS}lastmod") for e in urls}
        built = {
            f"https://example.org/sites/{p.relative_to(public).as_posix().removesuffix('index.html')}"
            for p in indexed(public, slug)
        }
        assert set(listed) == built
    assert listed["https://example.org/sites/south/news/hello/"] == "2026-10-01"
    assert (public / "robots.txt").read_text().endswith("Sitemap: https://example.org/sites/sitemap.xml\n")
    assert (public / ".nojekyll").exists() and not (public / "CNAME").exists()


def test_news_feed_is_atom_with_absolute_links(public):
    feed = ET.parse(public / "north/news/atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/sites/north/news/open/"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Northside Needling"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/sites/north/news/atom.xml"
    home = Page((public / "north/index.html").read_text())
    assert home.links["alternate"] == "https://example.org/sites/north/news/atom.xml"


def test_a_clinic_with_its_own_domain_is_canonical_there(project):
    public = publish(project, south_domain="south.example.com")
    page = Page((public / "south/contact/index.html").read_text())
    assert page.links["canonical"] == "https://south.example.com/contact/"
    assert (public / "south/CNAME").read_text() == "south.example.com\n"
    assert "Sitemap: https://south.example.com/sitemap.xml" in (public / "south/robots.txt").read_text()
    assert "https://south.example.com/news/hello/" in (public / "south/sitemap.xml").read_text()
    # The group's sitemap index lists only sitemaps on its own host.
    assert "south" not in (public / "sitemap.xml").read_text()


def test_brand_domain_is_written_to_cname(project):
    text = (
        (project / "clinics.yaml")
        .read_text()
        .replace(
            "  base_url: https://example.org/sites",
            "  base_url: https://example.org/sites\n  domain: clinics.example.net",
        )
    )
    (project / "clinics.yaml").write_text(text)
    public = publish(project)
    assert (public / "CNAME").read_text() == "clinics.example.net\n"
    page = Page((public / "north/index.html").read_text())
    assert page.links["canonical"] == "https://clinics.example.net/north/"


@pytest.mark.parametrize("name", ['North </script><script>alert("x")</script>', 'Tom & Jerry\'s "Good" <Clinic>'])
def test_clinic_text_cannot_break_out_of_structured_data(project, name):
    public = publish(project, name=name)
    for path in pages(public / "north"):
        html = path.read_text()
        assert "<script>alert" not in html, path
        page = Page(html)
        for clinic in page.nodes("MedicalClinic"):
            assert clinic["name"] == name
    home = Page((public / "north/index.html").read_text())
    assert home.nodes("MedicalClinic")[0]["name"] == name and home.nodes("WebSite")[0]["name"] == name


def test_feed_carries_each_post_in_full_and_follows_an_edit(public, project):
    def content():
        feed = ET.parse(public / "north/news/atom.xml").getroot()
        return feed.find(f"{ATOM}entry/{ATOM}content").text

    assert "North clinic news." in content()
    post = project / "content/clinics/north/posts/2026-11-01-open.md"
    post.write_text(post.read_text().replace("North clinic news.", "North clinic news, now longer."))
    engine.build(project / "clinics.yaml", public, REPO / "publishconf.py", override={"PATH": str(project / "content")})
    assert "North clinic news, now longer." in content()
