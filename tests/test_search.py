"""Static search as patients use it (Pagefind), queried in Chromium: with no guide, each clinic's index holds every
page it shows; with the guide, shared pages are found in the guide's index and shown at the clinic's own copies."""

import mimetypes
from types import SimpleNamespace

import pytest
from conftest import REPO, build_project, with_guide

from clinicsites import build as engine
from clinicsites import serve
from clinicsites.checks import axe, tools


@pytest.fixture
def built(project):
    build_project(project)
    return project / "output"


def search(output, path, query, javascript=True, sites=None):
    """Open a search page with ``?q=query``: the result links, their excerpts, the links listed for browsing, and
    whether that list is hidden. With ``sites`` (address -> folder), pages are served from those folders instead of
    a local server, as if at those addresses."""
    from playwright.sync_api import sync_playwright

    with serve.serve(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium()), args=list(axe.LAUNCH_ARGS))
        context = browser.new_context(java_script_enabled=javascript)
        for address, folder in (sites or {}).items():
            context.route(address + "**", _static_host(address, folder))
        page = context.new_page()
        page.goto((path if sites else base + path) + (f"?q={query}" if query else ""))
        if javascript and query:
            page.wait_for_selector("#results li, #results p", timeout=15_000)
        found = SimpleNamespace(
            links=[a.get_attribute("href") for a in page.query_selector_all("#results a")],
            excerpts=[p.inner_text() for p in page.query_selector_all("#results li p")],
            listed=[a.get_attribute("href") for a in page.query_selector_all("#all-pages a")],
            hidden=page.evaluate("document.getElementById('all-pages').hidden"),
        )
        browser.close()
    return found


def _static_host(address, folder):
    """Answer requests for ``address``... from ``folder``, as a static host with CORS headers (GitHub Pages) does."""

    def answer(route):
        name = route.request.url.split("?")[0][len(address) :]
        path = folder / (name + "index.html" if name.endswith("/") or not name else name)
        if not path.is_file():
            return route.fulfill(status=404)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(
            status=200, headers={"access-control-allow-origin": "*", "content-type": kind}, body=path.read_bytes()
        )

    return answer


def test_a_query_finds_the_condition_on_its_own_clinic_only(built):
    found = search(built, "north/search/", "knee")
    assert found.links[0] == "/north/conditions/knee-pain/" and found.hidden
    assert all(url.startswith("/north/") for url in found.links)
    # South shows no knee page (only its about page mentions knees), and never another clinic's pages.
    assert search(built, "south/search/", "knee").links == ["/south/about-treatment/"]


def test_the_chrome_around_pages_is_not_indexed(built):
    # The brand's name is only in each page's footer; "Front desk" only in its contact details.
    assert search(built, "north/search/", "Group").links == []


def test_without_javascript_the_search_page_lists_every_page(built):
    found = search(built, "north/search/", "knee", javascript=False)
    assert found.links == [] and not found.hidden
    assert {"../conditions/knee-pain/", "../conditions/neck-pain/", "../about-treatment/", "../news/open/"} <= set(
        found.listed
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
    assert search(built, "north/search/", "hamstrings").links == ["/north/news/open/"]


@pytest.fixture
def guide(project):
    with_guide(project)
    build_project(project)
    return project / "output"


@pytest.mark.parametrize(("site", "query"), [("east/", "stiff"), ("east/ur/", "گردن")], ids=["en", "ur"])
def test_a_clinic_finds_a_shared_condition_and_its_own_post_on_its_own_site(guide, site, query):
    found = search(guide, site + "search/", query)
    # The condition is the guide's (indexed once), the post the clinic's: both shown on the clinic's site.
    assert {f"/{site}conditions/neck-pain/", f"/{site}news/welcome/"} <= set(found.links), found.links
    assert all(url.startswith(f"/{site}") for url in found.links) and found.hidden
    assert found.excerpts and not any("Related pages" in text for text in found.excerpts)


def test_a_shared_page_the_clinic_does_not_show_is_not_found_there(guide):
    # South shows neck pain but not knee pain: the guide's knee page is not offered, nor another clinic's copy;
    # its about page, which mentions knees, is, at South's own copy.
    assert search(guide, "south/search/", "knee").links == ["/south/about-treatment/"]
    assert search(guide, "south/search/", "trapezius").links == ["/south/conditions/neck-pain/"]


def test_without_javascript_the_search_page_still_lists_every_page_with_a_guide(guide):
    found = search(guide, "east/ur/search/", "گردن", javascript=False)
    assert not found.hidden and {"../../ur/conditions/neck-pain/", "../../ur/news/welcome/"} <= set(found.listed)


def test_a_clinic_at_its_own_domain_reaches_the_guide_at_the_groups_address(project):
    with_guide(project)
    public = project / "public"
    engine.build(project / "clinics.yaml", public, REPO / "publishconf.py", override={"PATH": str(project / "content")})
    # The clinic's folder at the root of its own domain; the guide at the group's published address.
    sites = {"https://east.example/": public / "east", "https://example.org/sites/guide/": public / "guide"}
    found = search(public, "https://east.example/search/", "stiff", sites=sites)
    assert {"/conditions/neck-pain/", "/news/welcome/"} <= set(found.links), found.links
