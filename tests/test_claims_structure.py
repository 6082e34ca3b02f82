"""Claims made by structure: the conditions a clinic lists, and "Last reviewed" without a named reviewer."""

import json
import re

from conftest import REPO, build_project

from clinicsites import build as engine
from clinicsites import commands
from clinicsites.clinics import load_config
from clinicsites.clinics.scaffold import new_entry

NECK = "content/shared/conditions/neck-pain.md"


def structured_data(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for block in found for node in json.loads(block).get("@graph", [])]


def check(project) -> list[str]:
    checked = engine.check(project / "clinics.yaml", REPO / "pelicanconf.py",
                           {"PATH": str(project / "content"), "CACHE_PATH": str(project / ".cache")})  # fmt: skip
    return checked.own_text


def test_a_clinic_that_chooses_no_conditions_shows_none_and_check_says_so(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace("    conditions: [knee-pain, neck-pain]\n", ""))
    assert "north: shows no shared condition pages (list the ones its own pages name under conditions: in " \
           "clinics.yaml)" in check(project)  # fmt: skip
    build_project(project)
    north, south = project / "output/north", project / "output/south"
    assert not (north / "conditions").exists()
    home = (north / "index.html").read_text()
    assert "Problems people ask us about" not in home and "conditions/" not in home
    # The other clinic shows what it chose, and only that.
    assert {p.parent.name for p in (south / "conditions").glob("*/index.html")} == {"neck-pain"}
    assert "Problems people ask us about" in (south / "index.html").read_text()


def test_a_new_clinic_shows_no_conditions_until_it_chooses_them(tmp_path):
    entry = new_entry("lafayette", "Lafayette Sample Clinic", "Lafayette", "US", "+1 202 555 0142")
    assert "conditions" not in entry and "benefits" not in entry
    clinics = tmp_path / "clinics.yaml"
    clinics.write_text((REPO / "tests/fixture/clinics.yaml").read_text().replace(
        "    conditions: [knee-pain, neck-pain]\n    benefits: [pain-reduction]\n", ""))  # fmt: skip
    north = load_config(clinics).clinic("north")
    assert north.conditions == () and north.benefits == ()
    assert not north.includes("conditions", "neck-pain")


def test_a_page_without_a_named_reviewer_says_last_updated_and_claims_no_review(project):
    neck = project / NECK
    neck.write_text(neck.read_text().replace("region: neck\n", "region: neck\nreviewed: 2026-10-01\n"))
    build_project(project)
    html = (project / "output/north/conditions/neck-pain/index.html").read_text()
    assert "Last updated on October 1, 2026." in html and "Last reviewed" not in html
    page = next(n for n in structured_data(html) if n["@type"] == "MedicalWebPage")
    assert "lastReviewed" not in page and "reviewedBy" not in page and page["dateModified"] == "2026-10-01"


def test_a_page_that_names_its_reviewer_says_who_reviewed_it(project):
    neck = project / NECK
    neck.write_text(neck.read_text().replace("region: neck\n", "region: neck\nreviewed: 2026-10-01\nreviewed_by:\n"
                                             "  name: Dr A. Example\n  credentials: PT, DPT\n"))  # fmt: skip
    build_project(project)
    html = (project / "output/north/conditions/neck-pain/index.html").read_text()
    assert "Last reviewed by Dr A. Example, PT, DPT, on October 1, 2026." in html and "Last updated" not in html
    page = next(n for n in structured_data(html) if n["@type"] == "MedicalWebPage")
    assert page["lastReviewed"] == "2026-10-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dr A. Example", "honorificSuffix": "PT, DPT"}


def test_a_reviewer_needs_a_name_credentials_and_a_date(project, capsys):
    neck = project / NECK
    original = neck.read_text()
    line = original.split("\n").index("region: neck") + 2  # the line after region: in the file
    for added, expected in (
        ("reviewed_by:\n  name: Dr A. Example\n", "reviewed_by.credentials: expected text, got nothing (this field "
                                                   "is required)"),
        ("reviewed_by:\n  name: Dr A. Example\n  credentials: PT\n", "reviewed_by: expected reviewed: beside it, "
                                                                     "the date the named person reviewed the page"),
    ):  # fmt: skip
        neck.write_text(original.replace("region: neck\n", "region: neck\n" + added))
        code = commands.run(lambda: build_project(project))
        err = capsys.readouterr().err.splitlines()
        assert code == 2 and not (project / "output").exists()
        assert err[0] == f"{NECK}:{line}: {expected}"
