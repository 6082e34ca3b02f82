"""The real clinics.yaml and content: every clinic gets a complete site with its own facts."""

import re
from pathlib import Path

import pytest

from clinicsites import build as engine
from clinicsites.clinics import load_config

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "clinics.yaml")
FORBIDDEN = re.compile(r"\b(cures?|cured|guarantee[ds]?|proven|miracle)\b", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("real") / "output"
    engine.build(REPO / "clinics.yaml", output, REPO / "pelicanconf.py")
    return output


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_every_clinic_has_every_page_type_with_its_phone(site, clinic):
    root = site / clinic.slug
    for page in [
        "index.html",
        "404.html",
        "contact/index.html",
        "conditions/index.html",
        "benefits/index.html",
        "news/index.html",
        "about/index.html",
        "faq/index.html",
        "safety/index.html",
        "first-visit/index.html",
        "what-is-dry-needling/index.html",
        "theme/css/style.css",
    ]:
        assert (root / page).is_file(), page
    others = [c for c in CONFIG.clinics if c.slug != clinic.slug]
    for page in root.rglob("*.html"):
        html = page.read_text()
        assert f'href="{clinic.phone.tel_url}"' in html, page
        for other in others:
            assert other.phone.tel_url not in html, page


@pytest.mark.parametrize("clinic", [c for c in CONFIG.clinics if c.sample], ids=lambda c: c.slug)
def test_sample_values_are_labelled_on_every_page(site, clinic):
    for page in (site / clinic.slug).rglob("*.html"):
        assert "Sample details:" in page.read_text(), page


def test_directory_lists_every_real_clinic(site):
    html = (site / "index.html").read_text()
    for clinic in CONFIG.clinics:
        assert f'href="./{clinic.slug}/"' in html and clinic.town in html and clinic.phone.national in html


def test_content_makes_no_forbidden_claims():
    for path in (REPO / "content").rglob("*.md"):
        found = FORBIDDEN.findall(path.read_text())
        assert not found, f"{path}: {found}"


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_every_shared_condition_and_benefit_has_a_page_on_every_clinic_site(site, clinic):
    conditions = sorted(p.stem for p in (REPO / "content/shared/conditions").glob("*.md"))
    benefits = sorted(p.stem for p in (REPO / "content/shared/benefits").glob("*.md"))
    assert len(conditions) >= 18 and len(benefits) >= 12
    for slug in conditions:
        assert (site / clinic.slug / "conditions" / slug / "index.html").is_file(), slug
    for slug in benefits:
        assert (site / clinic.slug / "benefits" / slug / "index.html").is_file(), slug


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_contact_block_comes_first_and_titles_name_the_town(site, clinic):
    for page in (site / clinic.slug).rglob("*.html"):
        html = page.read_text()
        assert html.count('class="contact-block"') == 1, page
        assert html.index('class="contact-block"') < html.index("<main"), page
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert clinic.town in title or page.name == "404.html", (page, title)


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_every_body_map_region_lists_conditions_that_have_pages(site, clinic):
    html = (site / clinic.slug / "conditions/index.html").read_text()
    svg = html[html.index("<svg") : html.index("</svg>")]
    regions = re.findall(r'<a href="#region-([a-z-]+)"', svg)
    assert len(regions) >= 10
    listed = set()
    for region in regions:
        section = html.split(f'id="region-{region}"', 1)[1].split("<h3", 1)[0].split("</section>", 1)[0]
        links = re.findall(r'href="\.\./conditions/([a-z0-9-]+)/"', section)
        assert links, region
        for slug in links:
            assert (site / clinic.slug / "conditions" / slug / "index.html").is_file(), slug
        listed.update(links)
    # Every condition on the site is reachable from the map or from the whole-body list.
    built = {p.parent.name for p in (site / clinic.slug / "conditions").glob("*/index.html")}
    whole_body = re.findall(r'href="\.\./conditions/([a-z0-9-]+)/"', html.split('id="region-whole-body"', 1)[1])
    assert built == listed | set(whole_body)
