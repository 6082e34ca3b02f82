"""Quality gates on the real site (valid HTML, working links, axe, reflow, page weight, reproducible builds),
and small pages with known faults that prove each checker can fail.

The tools come from `npm ci` (vnu.jar, axe-core) and Debian (java, chromium). Where one is missing the test
is skipped on a developer's machine but fails in CI (CI is set), so CI never passes by checking nothing.
"""

import gzip
import os
import random
import textwrap
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from clinicsites import build as engine
from clinicsites import serve as server
from clinicsites.checks import audit, axe, budgets, layout, lighthouse, links, pagetypes, tools, vnu
from clinicsites.clinics import load_config

REPO = Path(__file__).resolve().parent.parent
CLINICS = load_config(REPO / "clinics.yaml").clinics
SLUGS = [c.slug for c in CLINICS]


def _shows(clinic, kind: str, lang: str | None = None) -> bool:
    """Whether a clinic's site has a page of this kind: condition and benefit pages only where it chose some (and,
    in another language, where one of them is translated)."""
    section = "conditions" if kind.startswith("condition") else "benefits" if kind.startswith("benefit") else None
    if section is None:
        return True
    chosen = getattr(clinic, section)
    if lang is None:
        return bool(chosen)
    return any((REPO / f"content/shared/{section}/{slug}.{lang}.md").is_file() for slug in chosen)


PAGES = (
    [("", kind) for kind, _ in pagetypes.ROOT_TYPES]
    + [(c.slug, kind) for c in CLINICS for kind in pagetypes.TYPE_NAMES if _shows(c, kind)]
    # Each clinic's other languages: their home and a translated condition page.
    + [
        (c.slug, f"{kind}-{lang}")
        for c in CLINICS
        for lang in c.languages[1:]
        for kind, _ in pagetypes.LANGUAGE_TYPES
        if _shows(c, kind, lang)
    ]
)


def need(*finders):
    """Find the tools a test needs: skip without them locally, fail in CI."""
    try:
        return [find() for find in finders]
    except tools.ToolMissing as exc:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{exc} (.ci/run installs it; CI must run every quality gate)")
        pytest.skip(str(exc))


def page(folder: Path, name: str, body: str, head: str = "") -> Path:
    """Write a small, otherwise valid HTML page."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        textwrap.dedent(f"""\
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Test page</title>{head}</head>
        <body>
        {textwrap.dedent(body).strip()}
        </body>
        </html>
        """),
        encoding="utf-8",
    )
    return path


def listed(problems) -> str:
    return "\n" + "\n".join(str(p) for p in problems)


@pytest.fixture(scope="module")
def port():
    return server.free_port()


def build_real(output: Path, port: int) -> Path:
    """Build the real clinics.yaml as CI publishes it (publishconf.py, a full build), addressed to the test
    server, so every gate judges the pages patients get; the sample facts the real clinics still have are
    withheld, as --allow-sample-facts publishes them. ``./run publish`` itself refuses a plain http:// address,
    so the address is set as publish sets it (BASE_URL)."""
    engine.build(REPO / "clinics.yaml", output, REPO / "publishconf.py",
                 override={"BASE_URL": f"http://{server.HOST}:{port}/"}, full=True)  # fmt: skip
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory, port):
    return build_real(tmp_path_factory.mktemp("quality") / "output", port)


@pytest.fixture(scope="module")
def served(site, port):
    with server.serve(site, port) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    need(tools.chromium, tools.axe_script)
    with axe.browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def axe_results(site, served, chromium):
    """axe and reflow results for one page of each kind per clinic, by (slug, kind); one tab for all."""
    sample, _missing = pagetypes.sample(site)
    results = axe.check_pages(chromium, [served + p.url for p in sample])
    return {(p.clinic, p.kind): (p, r) for p, r in zip(sample, results, strict=True)}


@pytest.fixture(scope="module")
def layouts(site, served, chromium):
    """Phone layout figures for one page of each kind per clinic, by (slug, kind)."""
    sample, _missing = pagetypes.sample(site)
    results = layout.check_pages(chromium, [served + p.url for p in sample])
    return {(p.clinic, p.kind): (p, r) for p, r in zip(sample, results, strict=True)}


# The real site ------------------------------------------------------------------------------------------------


def test_every_page_is_valid_html(site):
    need(tools.java, tools.vnu_jar)
    errors = vnu.check(site)
    assert not errors, f"{len(errors)} error(s) from the Nu HTML Checker:" + listed(errors)


@pytest.fixture(scope="module")
def link_report(site, served):
    # Nothing links to a 404 page, so each starts a crawl of its own.
    starts = [served + "index.html"] + [served + p.relative_to(site).as_posix() for p in site.rglob("404.html")]
    return links.check(*starts)


def test_every_internal_link_and_anchor_works(link_report):
    assert not link_report.broken, f"{len(link_report.broken)} broken link(s):" + listed(link_report.broken)


def test_every_page_can_be_reached_by_following_links(site, link_report):
    every_page = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    reached = {p.removeprefix("/") for p in link_report.found}
    reached |= {p + "index.html" for p in reached if p.endswith("/") or not p}
    assert every_page <= reached, f"pages no link leads to: {sorted(every_page - reached)}"


@pytest.mark.parametrize("slug,kind", PAGES, ids=[f"{s}-{k}" if s else k for s, k in PAGES])
def test_no_axe_violations(axe_results, slug, kind):
    if (slug, kind) not in axe_results:
        pytest.fail(f"{slug}/{kind}: no such page in the output (see pagetypes.PAGE_TYPES)")
    sample, result = axe_results[slug, kind]
    assert not result.violations, f"{sample.path}: {len(result.violations)} axe violation(s):" + listed(
        result.violations
    )
    assert not result.external, f"{sample.path} requested other servers: {result.external}"


@pytest.mark.parametrize(("slug", "kind"), PAGES)
def test_phone_layout_header_primary_action_no_shift_light_images_visible_focus_and_no_js(layouts, slug, kind):
    sample, result = layouts[slug, kind]
    assert not result.problems(), f"{sample.path} at 375 px:" + listed(result.problems())


def test_every_sampled_page_reflows_at_320px(axe_results):
    wide = [f"{s.path}: {r.scroll_width} px: {', '.join(r.too_wide)}" for s, r in axe_results.values() if not r.reflows]
    assert not wide, "pages that scroll sideways at 320 CSS px:" + listed(wide)


def test_every_page_with_what_it_loads_is_under_30kb_gzipped(site, served):
    weights = budgets.weigh(site, served)
    assert len(weights) == len(list(site.rglob("*.html")))
    assert all(w.stylesheets for w in weights), [w.page for w in weights if not w.stylesheets]
    assert not budgets.over_budget(weights), "pages over budget:" + listed(budgets.over_budget(weights))
    assert not [w for w in weights if w.missing], [(w.page, w.missing) for w in weights if w.missing]


def test_two_builds_of_the_same_input_are_byte_identical(site, port, tmp_path):
    again = build_real(tmp_path / "again", port)
    first = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [name for name, path in first.items() if path.read_bytes() != second[name].read_bytes()]
    assert not differ, f"files that differ between two builds: {differ}"


# The checkers can fail --------------------------------------------------------------------------------------


def test_vnu_reports_each_error_with_its_file_and_line(tmp_path):
    need(tools.java, tools.vnu_jar)
    page(tmp_path, "good.html", "<main><h1>Fine</h1></main>")
    page(
        tmp_path,
        "sub/bad.html",
        """
        <main><h1>Broken</h1>
        <p><div>a block inside a paragraph</div></p>
        <img src="photo.png">
        <section><p>no heading: only a warning</p></section></main>
        """,
    )
    errors = vnu.check(tmp_path)
    assert [(e.file, e.line) for e in errors] == [("sub/bad.html", 6), ("sub/bad.html", 7)], listed(errors)
    assert "“p” end tag" in errors[0].message and "“alt” attribute" in errors[1].message
    with pytest.raises(FileNotFoundError):
        vnu.check(tmp_path / "missing")


def test_server_lifts_linkcheckers_rate_limit_and_lists_no_folders(tmp_path):
    page(tmp_path, "index.html", "<p>hi</p>")
    (tmp_path / "empty").mkdir()
    with server.serve(tmp_path) as url:
        with urllib.request.urlopen(url) as response:
            assert response.headers["LinkChecker"]
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(url + "empty/")


def test_linkchecker_reports_missing_pages_anchors_and_css_urls_but_not_other_hosts(tmp_path):
    page(
        tmp_path,
        "index.html",
        """
        <a href="good.html">fine</a>
        <a href="good.html#there">fine anchor</a>
        <a href="missing.html">missing page</a>
        <a href="good.html#nowhere">missing anchor</a>
        <a href="empty/">folder without index.html</a>
        <a href="https://example.invalid/">another host</a>
        <a href="tel:+12025550111">phone</a>
        """,
        head='<link rel="stylesheet" href="style.css">',
    )
    page(tmp_path, "good.html", '<h1 id="there">There</h1><a href="index.html">home</a>')
    (tmp_path / "empty").mkdir()
    (tmp_path / "style.css").write_text("body { background: url(gone.png) }\n")
    with server.serve(tmp_path) as url:
        report = links.check(url + "index.html")
    assert sorted((b.page, b.link) for b in report.broken) == [
        ("/index.html", "empty/"),
        ("/index.html", "good.html#nowhere"),
        ("/index.html", "missing.html"),
        ("/style.css", "gone.png"),
    ], listed(report.broken)
    assert {"/index.html", "/good.html", "/style.css"} <= set(report.found)


def test_axe_and_reflow_catch_contrast_alt_text_and_overflow(tmp_path, chromium):
    page(
        tmp_path,
        "bad.html",
        """
        <main><h1>Bad</h1>
        <p class="faint">Grey on white is hard to read.</p>
        <img src="photo.png">
        <div class="wide">A fixed 600 px box.</div>
        <img src="https://example.invalid/tracker.png" alt="">
        <img src="http://127.0.0.1:9/another-server.png" alt=""></main>
        """,
        head="<style>.faint { color: #aaa; background: #fff } .wide { width: 600px }</style>",
    )
    page(tmp_path, "good.html", "<main><h1>Good</h1><p>Plain text.</p></main>")
    with server.serve(tmp_path) as url:
        bad, good = axe.check_pages(chromium, [url + "bad.html", url + "good.html"])
    assert {"color-contrast", "image-alt"} <= {v.rule for v in bad.violations}, listed(bad.violations)
    assert len(next(v for v in bad.violations if v.rule == "color-contrast").targets) == 1  # the grey paragraph
    assert not bad.reflows and bad.scroll_width > 320 and bad.too_wide[0].startswith("div.wide")
    assert bad.external == ("https://example.invalid/tracker.png", "http://127.0.0.1:9/another-server.png")
    assert not good.violations and good.reflows and not good.external


PHONE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_layout_check_catches_tall_header_missing_action_shift_heavy_images_hidden_focus_and_js_only_menu(
    tmp_path, chromium
):
    from PIL import Image

    noise = random.Random(3).randbytes(600 * 600 * 3)
    Image.frombytes("RGB", (600, 600), noise).save(tmp_path / "heavy.png")  # about 1 MB: no compression helps
    filler = "<p>Text.</p>" * 40
    bad = page(
        tmp_path,
        "bad.html",
        f"""
        <header style="height: 200px"><details class="menu"><summary>Menu</summary></details></header>
        <main><h1>Below the fold</h1>{filler}<img src="heavy.png" alt="noise" width="300" height="300"></main>
        <a href="#x" style="position: absolute; top: 620px">far down</a>
        <nav class="action-bar" style="position: fixed; bottom: 0; left: 0; right: 0; height: 80px; background: #fff">
        <a href="#y">y</a></nav>
        <script>
          addEventListener("load", () => setTimeout(() =>
            document.querySelector("main").insertAdjacentHTML("afterbegin", "<p style='height:300px'>late</p>"), 600));
          document.querySelector("header").insertAdjacentHTML("beforeend", "<a class='primary-action' href='tel:+1'>Call</a>");
        </script>
        """,
        head=PHONE_VIEWPORT,
    )
    good = page(
        tmp_path,
        "good.html",
        """
        <header><a class="primary-action" href="tel:+1">Call</a>
        <details class="menu"><summary>Menu</summary><a href="#a">Home</a></details></header>
        <main><h1>Short page</h1></main>
        """,
        head=PHONE_VIEWPORT,
    )
    with server.serve(tmp_path) as url:
        bad_result, good_result = layout.check_pages(chromium, [url + bad.name, url + good.name])
    problems = "\n".join(bad_result.problems())
    assert "header 2" in problems and "(at most 120)" in problems
    assert bad_result.heading > 200 and "the heading starts" in problems
    assert bad_result.primary == "Call" and "first screen at 375 px" not in problems  # made by the script
    assert "no primary action on the first screen with JavaScript off" in problems
    assert bad_result.cls > 0 and "layout shift" in problems
    assert bad_result.image_bytes > 200_000 and "images" in problems
    assert bad_result.hidden_focus == ("far down",), bad_result
    assert "the menu shows no links when opened with JavaScript off" in problems
    assert not good_result.problems(), good_result


def test_budget_counts_same_site_css_once_per_page(tmp_path):
    # Random hex digits compress to about half, so 80 000 of them stay over 30 KB gzipped.
    heavy = f"/* {random.Random(1).randbytes(40_000).hex()} */\n"
    (tmp_path / "css").mkdir()
    (tmp_path / "css/heavy.css").write_text(heavy)
    (tmp_path / "css/light.css").write_text("body { margin: 0 }\n")
    page(tmp_path, "heavy/index.html", "<p>x</p>", head='<link rel="stylesheet" href="../css/heavy.css">')
    page(
        tmp_path,
        "light.html",
        "<p>x</p>",
        head='<link rel="stylesheet" href="/css/light.css">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/x.css"><link rel="stylesheet" href="gone.css">',
    )
    # A 404 page links absolutely, to the address the site was built for.
    page(tmp_path, "404.html", "<p>x</p>", head='<link rel="stylesheet" href="http://127.0.0.1:8000/css/heavy.css">')
    weights = {w.page: w for w in budgets.weigh(tmp_path, "http://127.0.0.1:8000/")}
    assert weights["heavy/index.html"].css == len(gzip.compress(heavy.encode(), 6, mtime=0)) > budgets.BUDGET
    assert [w.page for w in budgets.over_budget(list(weights.values()))] == ["404.html", "heavy/index.html"]
    assert weights["light.html"].stylesheets == ("css/light.css",) and weights["light.html"].missing == ("gone.css",)


def test_budget_counts_scripts_and_fonts_and_language_fonts_apart(tmp_path):
    noise = random.Random(2).randbytes
    (tmp_path / "css").mkdir()
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts/latin.woff2").write_bytes(noise(20_000))
    (tmp_path / "fonts/ur.woff2").write_bytes(noise(60_000))
    (tmp_path / "fonts/huge.woff2").write_bytes(noise(120_000))
    (tmp_path / "css/site.css").write_text('@font-face { src: url("../fonts/latin.woff2") format("woff2") }')
    (tmp_path / "css/lang-ur.css").write_text("@font-face { src: url(../fonts/ur.woff2) }")
    (tmp_path / "css/lang-ar.css").write_text("@font-face { src: url('../fonts/huge.woff2') }")
    (tmp_path / "app.js").write_text(f"/* {noise(12_000).hex()} */")
    page(tmp_path, "font.html", "<p>x</p>", head='<link rel="stylesheet" href="css/site.css">')
    page(tmp_path, "font-js.html", '<script src="app.js"></script>', head='<link rel="stylesheet" href="css/site.css">')
    page(tmp_path, "ur.html", "<p>x</p>", head='<link rel="stylesheet" href="css/lang-ur.css">')
    page(tmp_path, "ar.html", "<p>x</p>", head='<link rel="stylesheet" href="css/lang-ar.css">')
    weights = {w.page: w for w in budgets.weigh(tmp_path)}
    # A web font is part of the 30 KB; a script loaded with the page too.
    assert weights["font.html"].fonts == 20_000 and weights["font.html"].total < budgets.BUDGET
    assert weights["font-js.html"].js > 10_000 and weights["font-js.html"].total >= budgets.BUDGET
    # A language's own font is counted apart, against 100 KB.
    assert weights["ur.html"].fonts == 0 and weights["ur.html"].language_fonts == 60_000
    assert sorted(w.page for w in budgets.over_budget(list(weights.values()))) == ["ar.html", "font-js.html"]
    assert "language fonts 120.0 KB, budget 100 KB" in str(weights["ar.html"])


def test_every_page_kind_is_found_for_every_clinic(site):
    sample, missing = pagetypes.sample(site)
    assert not missing, f"page kinds with no page: {missing}"
    assert len(sample) == len(PAGES)


def test_audit_fails_a_gate_whose_tool_is_missing_and_lists_every_failure():
    def vnu_missing():
        raise tools.ToolMissing("vnu.jar not found: run `npm ci`")
        yield

    def two_gates():
        yield "0 errors", []
        yield "1 too wide", ["home: 400 px wide"]

    report = audit.Report(Path("out"), pages=3, sampled=2)
    report.gates = audit._run(["vnu"], print, vnu_missing) + audit._run(["axe", "reflow"], print, two_gates)
    assert [(g.name, g.ok) for g in report.gates] == [("vnu", False), ("axe", True), ("reflow", False)]
    text = audit.table(report)
    assert "vnu.jar not found: run `npm ci`" in text and "home: 400 px wide" in text
    assert text.endswith("Some gates failed.") and not report.ok


def test_lighthouse_scores_are_read_as_percentages_and_failed_audits_are_named():
    report = {
        "categories": {
            "performance": {"score": 1, "auditRefs": [{"id": "lcp", "weight": 25}]},
            "accessibility": {
                "score": 0.91,
                "auditRefs": [{"id": "color-contrast", "weight": 7}, {"id": "info-only", "weight": 0}],
            },
            "best-practices": {"score": None, "auditRefs": []},
            "seo": {"score": 1, "auditRefs": []},
        },
        "audits": {
            "lcp": {"score": 1},
            "info-only": {"score": 0},
            "color-contrast": {
                "score": 0,
                "title": "Low contrast",
                "details": {"items": [{"node": {"snippet": '<p class="faint">'}}]},
            },
        },
    }
    scores = lighthouse.parse(report, "http://127.0.0.1/")
    assert scores.scores == {"performance": 100, "accessibility": 91, "best-practices": 0, "seo": 100}
    assert [str(f) for f in scores.failed] == ['accessibility: color-contrast: Low contrast (<p class="faint">)']
    assert not scores.perfect


def test_audit_excuses_only_the_noindex_of_404_pages_from_lighthouse_seo(monkeypatch):
    noindex = lighthouse.Finding("seo", "is-crawlable", "Page is blocked from indexing")
    no_title = lighthouse.Finding("seo", "document-title", "No <title>")
    canned = {"404.html": (63, (noindex,)), "a/404.html": (50, (noindex, no_title)), "a/": (63, (noindex,))}
    scores = {"performance": 100, "accessibility": 100, "best-practices": 100}
    monkeypatch.setattr(
        lighthouse,
        "run_median",
        lambda url: lighthouse.Scores(
            url, {**scores, "seo": canned[url.removeprefix("http://x/")][0]}, canned[url.removeprefix("http://x/")][1]
        ),
    )
    sample = [
        pagetypes.SamplePage("", "404", "404.html"),
        pagetypes.SamplePage("a", "404", "a/404.html"),
        pagetypes.SamplePage("a", "home", "a/index.html"),
    ]
    ((figure, failures),) = audit.lighthouse_gate("http://x/", sample, lambda _: None)
    assert figure.startswith("lowest performance 100, accessibility 100, best-practices 100, seo 50")
    assert "not counted, on purpose: 404: seo 63 (is-crawlable)" in figure
    assert failures[:2] == ["seo 50 on 1 page(s): a/404", "seo 63 on 1 page(s): a/home"], failures
    assert "    seo: is-crawlable: Page is blocked from indexing on 2 page(s): a/404, a/home" in failures


#: Lighthouse takes about 8 s a page, so the suite audits every page type of the one clinic that has a second
#: language (its Urdu pages too) and the output's own pages; `./run audit --lighthouse` audits every clinic's.
LIGHTHOUSE_CLINIC = next(c.slug for c in CLINICS if len(c.languages) > 1)


@pytest.mark.alone
def test_lighthouse_scores_100_on_every_page_type(site, served):
    need(tools.chromium, tools.node22, tools.lighthouse_cli)
    sample = [p for p in pagetypes.sample(site)[0] if p.clinic in ("", LIGHTHOUSE_CLINIC)]
    assert {p.kind for p in sample} >= {*pagetypes.TYPE_NAMES, "home-ur", "condition-ur", "directory", "guide"}
    ((figure, failures),) = audit.lighthouse_gate(served, sample, lambda _: None, site, workers=2)
    assert not failures, figure + listed(failures)
