"""Before the sites go public: no placeholder address or fact, and each clinic told how much of its site is its own."""

import subprocess
import sys

from conftest import REPO

from clinicsites import build as engine
from clinicsites.publishing import placeholder_url


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "clinicsites.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def test_example_domains_are_placeholders_and_real_ones_are_not():
    for url in (
        "https://example.github.io/clinic-sites",
        "https://example.org/x",
        "https://clinics.example.com",
        "http://localhost:8000/",
        "https://site.test",
    ):
        assert placeholder_url(url), url
    for url in ("https://acme.github.io/clinic-sites", "https://batonrougedryneedling.com/"):
        assert not placeholder_url(url), url


def test_publish_refuses_placeholders_naming_each_with_its_line(tmp_path):
    result = run("publish", "--output", str(tmp_path / "site"))
    assert result.returncode == 2 and not (tmp_path / "site").exists()
    lines = result.stderr.splitlines()
    assert lines[0].startswith('clinics.yaml:13: brand.base_url: "https://example.github.io/clinic-sites" is a '
                               "placeholder address")  # fmt: skip
    assert any(line.startswith("clinics.yaml:56: clinic ms-thera-cure: has facts that are not confirmed "
                               "(address, phones)") for line in lines)  # fmt: skip
    assert lines[-1] == "4 problems found; nothing was written."


def test_publish_with_allow_placeholders_and_a_real_address(tmp_path):
    result = run("publish", "--output", str(tmp_path / "site"), "--allow-placeholders", "--base-url",
                 "https://acme.github.io/clinics")  # fmt: skip
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site/rawalpindi/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in home  # still a preview: kept out of search engines
    guide = (tmp_path / "site/guide/conditions/neck-pain/index.html").read_text()
    assert '<link rel="canonical" href="https://acme.github.io/clinics/guide/conditions/neck-pain/">' in guide


def test_check_reports_how_much_of_each_clinic_is_its_own(project):
    clinics = project / "clinics.yaml"
    clinics.write_text(clinics.read_text().replace(
        "    hours:\n",
        "    notes:\n      conditions:\n        neck-pain: We see many office workers with stiff necks here.\n"
        "    access: {parking: Free parking behind the building., step_free: true}\n    email: desk@north.example\n"
        "    hours:\n", 1))  # fmt: skip
    lines = engine.check(clinics, REPO / "pelicanconf.py", {"PATH": str(project / "content")}).own_text
    north, south = lines
    assert north.startswith("north: ") and "of its indexed text is its own" in north and "6 local facts" in north
    assert "warning: own text below" not in north
    assert (
        south.startswith("south: ") and "warning:" in south and "local facts below brand.min_local_facts (6)" in south
    )
