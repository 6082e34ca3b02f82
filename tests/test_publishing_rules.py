"""Before the sites go public: a real https:// address, sample facts hidden only when asked, a placeholder address
only in a preview kept out of search engines, and no placeholder published as a real fact."""

import re
import subprocess
import sys

import pytest
from conftest import REPO

from clinicsites.publishing import placeholder_url

CLINICS = (REPO / "clinics.yaml").read_text(encoding="utf-8")


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "clinicsites.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def line_of(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def html_pages(site):
    return sorted(site.rglob("*.html"))


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
    assert lines[0].startswith(f'clinics.yaml:{line_of(CLINICS, "  base_url:")}: brand.base_url: '
                               '"https://example.github.io/clinic-sites" is a placeholder address')  # fmt: skip
    assert "--preview" in lines[0] and "--pages-url" in lines[0]
    sample = line_of(CLINICS, "sample: [address, phones]")
    assert any(line.startswith(f"clinics.yaml:{sample}: clinic ms-thera-cure: has facts that are not confirmed "
                               "(address, phones)") and "--allow-sample-facts" in line for line in lines)  # fmt: skip
    assert lines[-1] == "4 problems found; nothing was written."


def test_the_old_flag_allows_sample_facts_but_never_a_placeholder_address(tmp_path):
    result = run("publish", "--output", str(tmp_path / "site"), "--allow-placeholders")
    assert result.returncode == 2 and not (tmp_path / "site").exists()
    assert "--allow-placeholders is now --allow-sample-facts" in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("clinics.yaml:")]
    assert len(problems) == 1 and problems[0].startswith(
        f"clinics.yaml:{line_of(CLINICS, '  base_url:')}: brand.base_url:"
    )


def test_a_preview_under_a_placeholder_address_is_kept_out_of_search_engines_everywhere(tmp_path):
    site, clinics = tmp_path / "site", tmp_path / "clinics.yaml"
    # Rawalpindi also at a domain of its own (its folder then has a robots.txt of its own).
    clinics.write_text(
        CLINICS.replace("    languages: [en, ur]\n", "    languages: [en, ur]\n    domain: rwp.acme.org\n")
    )
    result = run("publish", "--clinics", str(clinics), "--output", str(site), "--allow-sample-facts", "--preview")
    assert result.returncode == 0, result.stderr
    assert (site / "rawalpindi/robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    pages = html_pages(site)
    assert site / "index.html" in pages and site / "guide/index.html" in pages and len(pages) > 100
    for page in pages:
        html = page.read_text()
        assert '<meta name="robots" content="noindex">' in html, page
        assert 'rel="canonical"' not in html and "hreflang=" not in html.split("<body")[0], page
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not list(site.rglob("sitemap.xml")), "no sitemap of pages that are not to be indexed"


def test_sample_facts_hidden_under_a_real_address(tmp_path):
    site = tmp_path / "site"
    result = run("publish", "--output", str(site), "--allow-sample-facts", "--base-url",
                 "https://acme.github.io/clinics")  # fmt: skip
    assert result.returncode == 0, result.stderr
    home = (site / "rawalpindi/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in home  # still a preview: kept out of search engines
    guide = (site / "guide/conditions/neck-pain/index.html").read_text()
    assert '<link rel="canonical" href="https://acme.github.io/clinics/guide/conditions/neck-pain/">' in guide
    assert (site / "robots.txt").read_text().endswith("Sitemap: https://acme.github.io/clinics/sitemap.xml\n")


@pytest.mark.parametrize(
    ("brand", "expected"),
    [
        ("https://example.github.io/clinic-sites", "https://acme.github.io/clinic-sites/"),  # a placeholder: Pages'
        ("https://clinics.acme.org", "https://clinics.acme.org/"),  # real: the brand's own
    ],
    ids=["placeholder brand.base_url", "real brand.base_url"],
)
def test_the_pages_address_is_used_while_brand_base_url_is_a_placeholder(tmp_path, brand, expected):
    clinics = tmp_path / "clinics.yaml"
    clinics.write_text(CLINICS.replace("https://example.github.io/clinic-sites", brand), encoding="utf-8")
    site = tmp_path / "site"
    result = run("publish", "--clinics", str(clinics), "--output", str(site), "--allow-sample-facts", "--pages-url",
                 "https://acme.github.io/clinic-sites")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f'<link rel="canonical" href="{expected}guide/">' in (site / "guide/index.html").read_text()
    assert f"<loc>{expected}guide/sitemap.xml</loc>" in (site / "sitemap.xml").read_text()


@pytest.mark.parametrize(
    ("flag", "value", "hint"),
    [
        ("--base-url", "acme.github.io/clinic-sites", '; write it as "https://acme.github.io/clinic-sites"'),
        (
            "--base-url",
            "http://acme.github.io/clinic-sites",
            '; write it as "https://acme.github.io/clinic-sites" once '
            "you have checked that it opens that way: a page sent without encryption can be read or changed on the way "
            "to a patient's phone",
        ),
        ("--base-url", "https://acme.github.io/clinic sites", ""),
        ("--base-url", "https://", ""),
        ("--pages-url", "/clinic-sites", ""),
    ],
)
def test_a_published_address_must_be_absolute_https_with_a_host(tmp_path, flag, value, hint):
    result = run("publish", "--output", str(tmp_path / "site"), "--allow-sample-facts", flag, value)
    assert result.returncode == 2 and not (tmp_path / "site").exists()
    assert result.stderr.splitlines()[0] == (
        f"./run publish: {flag}: expected an absolute https:// address with a host, such as "
        f'https://<owner>.github.io/<repository>, got "{value}"{hint}'
    )


@pytest.mark.parametrize("value", ["http://acme.github.io/clinic-sites", "acme.github.io/clinic-sites",
                                   "https://acme.github.io/clinic sites"])  # fmt: skip
def test_brand_base_url_must_be_absolute_https_with_a_host(tmp_path, value):
    clinics = tmp_path / "clinics.yaml"
    clinics.write_text(CLINICS.replace("https://example.github.io/clinic-sites", value), encoding="utf-8")
    result = run("check", "--clinics", str(clinics))
    assert result.returncode == 2
    line = line_of(CLINICS, "  base_url:")
    assert re.search(rf"clinics\.yaml:{line}: brand\.base_url: expected an absolute https:// address with a host",
                     result.stderr), result.stderr  # fmt: skip


def test_withdrawing_sample_from_facts_that_still_look_like_samples_is_refused_naming_each_line(tmp_path):
    text = CLINICS.replace("    sample: [address, phones]\n", "")
    clinics = tmp_path / "clinics.yaml"
    clinics.write_text(text, encoding="utf-8")
    # Even a preview with every permission: the facts would be shown as the clinic's own.
    result = run("publish", "--clinics", str(clinics), "--output", str(tmp_path / "site"), "--allow-sample-facts",
                 "--preview")  # fmt: skip
    assert result.returncode == 2 and not (tmp_path / "site").exists()
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(clinics))]
    located = {int(line.split(":")[1]): line for line in problems}
    assert set(located) == {line_of(text, "Sample Town"), line_of(text, "+1 202-555-0100"),
                            line_of(text, "Sample number")}, problems  # fmt: skip
    assert 'clinics[1].address.locality: "Sample Town" looks like a placeholder' in located[line_of(text, "Sample T")]
    assert "555-0100 to 555-0199 are reserved for fiction" in located[line_of(text, "+1 202-555-0100")]
    assert "clinics[1].phones[0].label" in located[line_of(text, "Sample number")]
