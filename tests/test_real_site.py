"""The real clinics.yaml and content: every clinic gets a complete site with its own facts."""

import re
from pathlib import Path

import pytest

from clinicsites import build as engine
from clinicsites.config import load_config

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
    for page in ["index.html", "404.html", "contact/index.html", "conditions/index.html", "benefits/index.html",
                 "news/index.html", "about/index.html", "faq/index.html", "safety/index.html",
                 "first-visit/index.html", "what-is-dry-needling/index.html", "theme/css/style.css"]:
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
