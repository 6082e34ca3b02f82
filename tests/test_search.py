"""Static search per clinic site (Pagefind): a real index of the fixture, queried in Chromium."""

import pytest
from conftest import build_project

from clinicsites import serve
from clinicsites.checks import axe, tools


@pytest.fixture
def built(project):
    build_project(project)
    return project / "output"


def search(output, path, query, javascript=True):
    from playwright.sync_api import sync_playwright

    with serve.serve(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium()), args=list(axe.LAUNCH_ARGS))
        page = browser.new_context(java_script_enabled=javascript).new_page()
        page.goto(base + path + (f"?q={query}" if query else ""))
        if javascript and query:
            page.wait_for_selector("#results li, #results p", timeout=15_000)
        found = [a.get_attribute("href") for a in page.query_selector_all("#results a")]
        listed = [a.get_attribute("href") for a in page.query_selector_all("#all-pages a")]
        hidden = page.evaluate("document.getElementById('all-pages').hidden")
        browser.close()
    return found, listed, hidden


def test_a_query_finds_the_condition_on_its_own_clinic_only(built):
    found, _, hidden = search(built, "north/search/", "knee")
    assert found[0] == "/north/conditions/knee-pain/" and hidden
    assert all(url.startswith("/north/") for url in found)
    found, _, _ = search(built, "south/search/", "knee")
    # South shows no knee page (only its about page mentions knees), and never another clinic's pages.
    assert found == ["/south/about-treatment/"]


def test_the_chrome_around_pages_is_not_indexed(built):
    # The brand's name is only in each page's footer; "Front desk" only in its contact details.
    assert search(built, "north/search/", "Group")[0] == []


def test_without_javascript_the_search_page_lists_every_page(built):
    found, listed, hidden = search(built, "north/search/", "knee", javascript=False)
    assert found == [] and not hidden
    assert {"../conditions/knee-pain/", "../conditions/neck-pain/", "../about-treatment/", "../news/open/"} <= set(
        listed
    )


def test_the_search_script_is_only_on_the_search_page(built):
    for page in (built / "north").rglob("*.html"):
        html = page.read_text()
        assert ("pagefind/pagefind.js" in html) == (page.parent.name == "search"), page
    assert (built / "north/pagefind/pagefind-entry.json").is_file()
    assert not list((built / "north/pagefind").glob("pagefind-ui*"))


def test_a_post_edit_rebuilds_only_that_clinics_index(project, built):
    before = {p: p.stat().st_mtime_ns for p in (built / "south/pagefind").rglob("*")}
    post = project / "content/clinics/north/posts/2026-11-01-open.md"
    post.write_text(post.read_text().replace("North clinic news.", "North clinic news about hamstrings."))
    build_project(project)
    assert {p: p.stat().st_mtime_ns for p in (built / "south/pagefind").rglob("*")} == before
    assert search(built, "north/search/", "hamstrings")[0] == ["/north/news/open/"]
