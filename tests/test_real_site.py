"""The real clinics.yaml and content: every clinic gets a complete site with its own facts, and nothing that is a
placeholder (a sample name, address or phone) is ever published as if it were real."""

import re
from pathlib import Path

import pytest
import yaml

from clinicsites import build as engine
from clinicsites.clinics import load_config

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "clinics.yaml")
RAW = {c["slug"]: c for c in yaml.safe_load((REPO / "clinics.yaml").read_text())["clinics"]}
SAMPLES = [c for c in CONFIG.clinics if c.sample]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("real") / "output"
    engine.build(REPO / "clinics.yaml", output, REPO / "pelicanconf.py")
    return output


def pages(site, clinic):
    return sorted((site / clinic.slug).rglob("*.html"))


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_every_clinic_has_every_page_type_and_only_its_own_phone(site, clinic):
    root = site / clinic.slug
    lists = [f"{section}/index.html" for section in ("conditions", "benefits") if RAW[clinic.slug].get(section)]
    for page in [*lists, "index.html", "404.html", "contact/index.html", "news/index.html", "about/index.html", "faq/index.html", "safety/index.html", "cost/index.html",
                 "first-visit/index.html", "what-is-dry-needling/index.html", "theme/css/style.css"]:  # fmt: skip
        assert (root / page).is_file(), page
    others = [c for c in CONFIG.clinics if c.slug != clinic.slug and c.phone]
    for page in pages(site, clinic):
        html = page.read_text()
        if clinic.phone:
            assert f'href="{clinic.phone.tel_url}"' in html, page
        for other in others:
            assert other.phone.tel_url not in html, page


@pytest.mark.parametrize("clinic", SAMPLES, ids=lambda c: c.slug)
def test_a_sample_fact_is_never_published_and_every_page_says_so_first(site, clinic):
    raw = RAW[clinic.slug]
    withheld = []
    if "phones" in clinic.sample:
        withheld += [str(p["number"] if isinstance(p, dict) else p) for p in raw["phones"]]
        withheld += ["tel:+1202555"]
    if "address" in clinic.sample:
        withheld += [raw["address"]["locality"]]
    if "name" in clinic.sample:
        withheld += [raw["name"]]
    for page in pages(site, clinic):
        html = page.read_text()
        for value in withheld:
            assert value not in html, (page, value)
        body = html[html.index("<body") :]
        assert body.index('class="notice-sample"') < body.index("<header"), page
        assert '<meta name="robots" content="noindex">' in html, page
    assert not (site / clinic.slug / "sitemap.xml").exists()
    assert f"/{clinic.slug}/sitemap.xml" not in (site / "sitemap.xml").read_text()
    assert "Preview: details not confirmed yet" in (site / "index.html").read_text()


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_titles_say_what_the_page_is_and_name_the_town_only_where_it_is_the_clinics(site, clinic):
    for name in ("index.html", "contact/index.html"):
        title = re.search(r"<title>(.*?)</title>", (site / clinic.slug / name).read_text()).group(1)
        assert clinic.town is None or clinic.town in title, (name, title)
    for page in (site / clinic.slug / "conditions").glob("*/index.html"):
        title = re.search(r"<title>(.*?)</title>", page.read_text()).group(1)
        heading = title.split(" | ")[0]
        assert heading.startswith("Dry needling ") and (not clinic.town or clinic.town not in heading), (page, title)


def test_each_shared_page_is_indexed_once_in_the_guide(site):
    guide = site / "guide/conditions/neck-pain/index.html"
    assert '<link rel="canonical" href="http://127.0.0.1:8000/guide/conditions/neck-pain/">' in guide.read_text()
    assert "http://127.0.0.1:8000/guide/conditions/neck-pain/" in (site / "guide/sitemap.xml").read_text()
    assert "http://127.0.0.1:8000/guide/sitemap.xml" in (site / "sitemap.xml").read_text()
    # A clinic with sample facts is left out of search engines altogether; any other points to the guide.
    copy = (site / "baton-rouge/conditions/neck-pain/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in copy


@pytest.mark.parametrize("clinic", CONFIG.clinics, ids=[c.slug for c in CONFIG.clinics])
def test_each_clinic_shows_exactly_the_conditions_and_benefits_it_chose(site, clinic):
    # A list of conditions is a health claim: a clinic's site has the shared pages its clinics.yaml entry lists,
    # and no other (counted from the file itself, not from the engine's model).
    for section in ("conditions", "benefits"):
        chosen = set(RAW[clinic.slug].get(section) or ())
        built = {p.parent.name for p in (site / clinic.slug / section).glob("*/index.html")}
        assert built == chosen, section
    home = (site / clinic.slug / "index.html").read_text()
    assert ("Problems people ask us about" in home) == bool(RAW[clinic.slug].get("conditions"))
    assert "Dry needling is used for these problems" not in home


def test_the_guide_lists_every_condition_with_what_the_evidence_says(site):
    conditions = sorted(p.stem for p in (REPO / "content/shared/conditions").glob("*.md") if "." not in p.stem)
    assert len(conditions) >= 18
    guide = (site / "guide/index.html").read_text()
    assert "Conditions people ask about" in guide
    for slug in conditions:
        evidence = yaml.safe_load((REPO / f"content/shared/conditions/{slug}.md").read_text().split("---")[1])[
            "evidence"
        ]
        assert f'href="./conditions/{slug}/"' in guide and evidence.replace("'", "&#39;") in guide, slug
        assert (site / "guide/conditions" / slug / "index.html").is_file(), slug


@pytest.mark.parametrize(
    "clinic",
    [c for c in CONFIG.clinics if RAW[c.slug].get("conditions")],
    ids=[c.slug for c in CONFIG.clinics if RAW[c.slug].get("conditions")],
)
def test_every_body_map_region_lists_conditions_that_have_pages(site, clinic):
    html = (site / clinic.slug / "conditions/index.html").read_text()
    body_map = html[html.index('<nav class="body-map"') :]
    svg = body_map[body_map.index("<svg") : body_map.index("</svg>")]
    regions = re.findall(r'<a href="#region-([a-z-]+)"', svg)
    listed = set()
    for region in regions:
        section = html.split(f'id="region-{region}"', 1)[1].split("</section>", 1)[0]
        links = re.findall(r'href="\.\./conditions/([a-z0-9-]+)/"', section)
        assert links, region
        for slug in links:
            assert (site / clinic.slug / "conditions" / slug / "index.html").is_file(), slug
        listed.update(links)
    # Every condition on the site is reachable from the map or from the whole-body list.
    built = {p.parent.name for p in (site / clinic.slug / "conditions").glob("*/index.html")}
    whole_body = re.findall(r'href="\.\./conditions/([a-z0-9-]+)/"', html.split('id="region-whole-body"', 1)[1])
    assert built == listed | set(whole_body)


def test_health_pages_end_with_sources_and_the_next_step(site):
    html = (site / "baton-rouge/conditions/neck-pain/index.html").read_text()
    assert html.count("<h1") == 1
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert len(headings) == len(set(headings)), headings
    assert '<section class="care-card urgent" aria-labelledby="when-to-see-a-doctor-instead">' in html
    # No page names a reviewer yet, so none claims a review: "Last updated", and no lastReviewed for search engines.
    assert "Sources and updates" in html and "Last updated on November 30, 2026." in html
    assert "Last reviewed" not in html and "lastReviewed" not in html and '"dateModified":"2026-11-30"' in html
    assert html.index("Before you book") < html.index("Sources and updates") < html.index('id="next-step"')
