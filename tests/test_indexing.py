"""Which pages search engines are asked to index, on the real clinics with their names confirmed: a clinic's own
pages, never the theme's lists of shared pages or its search page, never anything in a language no fluent speaker
has checked; and each sitemap lists exactly the pages that are indexed."""

import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import REPO

from clinicsites import build as engine
from clinicsites.render import catalogue, i18n

BASE = "https://acme.github.io/clinic-sites/"
CONFIRMED = (REPO / "clinics.yaml").read_text(encoding="utf-8").replace("    sample: [name]\n", "")
SITES = ("baton-rouge", "rawalpindi", "ms-thera-cure", "guide")
LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
NOINDEX = '<meta name="robots" content="noindex">'
NOTICE = 'class="notice-translation"'


def publish(root, theme=None):
    """Publish the confirmed clinics under BASE (with another theme as publish would: its settings, a full build)."""
    clinics = root / "clinics.yaml"
    clinics.write_text(CONFIRMED, encoding="utf-8")
    if theme:
        override = {"THEME": str(theme), "BASE_URL": BASE}
        engine.build(clinics, root / "public", REPO / "publishconf.py", override=override, full=True)
    else:
        engine.publish(clinics, root / "public", REPO / "publishconf.py", base_url=BASE, allow_sample_facts=True)
    return root / "public"


def address(site, path):
    return BASE + path.relative_to(site).as_posix().removesuffix("index.html")


def indexed_pages(site, name):
    """Pages of a site a search engine may index: no noindex, and a canonical link naming the page itself."""
    found = set()
    for path in sorted((site / name).rglob("*.html")):
        html = path.read_text()
        if NOINDEX not in html and f'<link rel="canonical" href="{address(site, path)}">' in html:
            found.add(address(site, path))
    return found


def sitemap(site, name):
    path = site / name / "sitemap.xml"
    return {e.text for e in ET.parse(path).getroot().iter(LOC)} if path.is_file() else set()


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("indexing"))


@pytest.mark.parametrize("name", SITES)
def test_each_sitemap_lists_exactly_the_indexed_pages(public, name):
    assert sitemap(public, name) == indexed_pages(public, name)
    listed = {e.text for e in ET.parse(public / "sitemap.xml").getroot().iter(LOC)}
    assert (f"{BASE}{name}/sitemap.xml" in listed) == bool(indexed_pages(public, name))


@pytest.mark.parametrize(("slug", "shared"), [("baton-rouge", "neck-pain"), ("rawalpindi", "chronic-pain")])
def test_a_clinic_indexes_its_own_pages_and_not_the_lists_of_shared_ones(public, slug, shared):
    indexed = indexed_pages(public, slug)
    for own in ("", "contact/", "about/", "news/"):
        assert f"{BASE}{slug}/{own}" in indexed, own
    listings = [page for page in ("conditions/", "benefits/", "search/") if (public / slug / page).is_dir()]
    assert "conditions/" in listings and "search/" in listings  # each clinic lists the conditions it chose
    for listing in listings:
        html = (public / slug / listing / "index.html").read_text()
        assert NOINDEX in html and 'rel="canonical"' not in html, listing
    page = (public / slug / f"conditions/{shared}/index.html").read_text()
    assert f'<link rel="canonical" href="{BASE}guide/conditions/{shared}/">' in page


def test_unreviewed_urdu_is_never_indexed_and_says_so_first(public):
    urdu = sorted((public / "rawalpindi/ur").rglob("*.html")) + sorted((public / "guide/ur").rglob("*.html"))
    assert len(urdu) >= 20 and public / "guide/ur/index.html" in urdu and public / "rawalpindi/ur/index.html" in urdu
    for path in urdu:
        html = path.read_text()
        assert NOINDEX in html and 'rel="canonical"' not in html, path
        assert NOTICE in html and html.index(NOTICE) < html.index("<main"), path
    for name in ("rawalpindi", "guide"):
        assert not any("/ur/" in url for url in sitemap(public, name))
        home = (public / name / "index.html").read_text()
        assert NOTICE not in home and 'hreflang="ur"' not in home.split("<body")[0]


def test_a_reviewed_catalogue_lets_the_theme_pages_in_its_language_be_indexed(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    po = i18n.catalogue(theme, "ur")
    po.write_text(po.read_text(encoding="utf-8").replace('"X-Reviewed: no\\n"', '"X-Reviewed: yes\\n"'), "utf-8")
    public = publish(tmp_path, theme)
    indexed = indexed_pages(public, "rawalpindi")
    assert {f"{BASE}rawalpindi/ur/", f"{BASE}rawalpindi/ur/contact/"} <= indexed
    assert f"{BASE}guide/ur/" in indexed_pages(public, "guide")
    # The Urdu pages' own text is still an unreviewed translation: kept out, and saying so.
    translated = (public / "rawalpindi/ur/conditions/myofascial-pain-syndrome/index.html").read_text()
    assert NOINDEX in translated and NOTICE in translated
    assert NOTICE not in (public / "rawalpindi/ur/index.html").read_text()
    assert f"{BASE}rawalpindi/ur/" in sitemap(public, "rawalpindi")


def test_refreshing_the_catalogues_keeps_each_review_mark_and_starts_new_ones_unreviewed(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "themes/clinic", theme)
    catalogue.update(theme, ["ur", "fr"])
    assert '"X-Reviewed: no\\n"' in i18n.catalogue(theme, "ur").read_text(encoding="utf-8")
    assert not i18n.reviewed(theme, "ur") and not i18n.reviewed(theme, "fr") and i18n.reviewed(theme, "en-US")
    po = i18n.catalogue(theme, "fr")
    po.write_text(po.read_text(encoding="utf-8").replace('"X-Reviewed: no\\n"', '"X-Reviewed: yes\\n"'), "utf-8")
    catalogue.update(theme, ["ur", "fr"])
    assert i18n.reviewed(theme, "fr") and po.read_text(encoding="utf-8").count("X-Reviewed") == 1
