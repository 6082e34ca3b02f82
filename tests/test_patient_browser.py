"""What a patient sees in a browser (issue 23), in Debian's headless Chromium: no page scrolls sideways and the
clinic's name is whole at any width, every control is big enough to tap, and "Open now" tells the truth by the
clinic's clock; then small pages with known faults that prove the width and target checks can fail."""

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import build_project
from test_quality import page

from clinicsites import build as engine
from clinicsites import serve as server
from clinicsites.checks import axe, pagetypes, tools, widths

REPO = Path(__file__).resolve().parent.parent


def need_chromium():
    try:
        tools.chromium()
    except tools.ToolMissing as exc:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{exc} (.ci/run installs it)")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def chromium():
    need_chromium()
    with axe.browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def sampled(tmp_path_factory, chromium):
    """One page of every kind of every real clinic (and the directory, guide, other languages), served."""
    output = tmp_path_factory.mktemp("browser") / "output"
    engine.build(REPO / "clinics.yaml", output, REPO / "pelicanconf.py", search=False)
    sample, missing = pagetypes.sample(output)
    assert not missing and len(sample) > 30
    with server.serve(output) as base:
        yield [(p.label, base + p.url) for p in sample]


def test_no_page_scrolls_sideways_or_cuts_the_clinics_name_from_320_to_1920_px(sampled, chromium):
    results = widths.check_widths(chromium, [url for _, url in sampled])
    found = [f"{label}: {problem}" for (label, _), r in zip(sampled, results, strict=True) for problem in r.problems]
    assert not found, "\n".join(found)


def test_every_control_outside_running_text_is_at_least_44_px_square(sampled, chromium):
    results = widths.check_targets(chromium, [url for _, url in sampled])
    found = [f"{label}: {small}" for (label, _), r in zip(sampled, results, strict=True) for small in r.small]
    assert not found, "\n".join(found)


# "Open now" by the clinic's clock --------------------------------------------------------------------------------

HOURS = """    timezone: America/Chicago
    hours:
      monday: "09:00-17:00"
      tuesday: "09:00-12:00, 13:00-17:00"
      saturday: "10:00-14:00"
    special_hours:
      - date: 2026-12-28
        hours: closed
        note: Staff training
"""
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture(scope="module")
def north(tmp_path_factory, chromium):
    """The fixture's north clinic with hours in Chicago's time zone, served."""
    import shutil

    from conftest import FIXTURE

    root = tmp_path_factory.mktemp("hours") / "project"
    shutil.copytree(FIXTURE, root)
    clinics = root / "clinics.yaml"
    text = clinics.read_text()
    start = text.index("    hours:\n")
    end = text.index("  - slug: south")
    clinics.write_text(text[:start] + HOURS + text[end:])
    build_project(root)
    with server.serve(root / "output") as base:
        yield base + "north/"


def status_at(chromium, url: str, when: datetime.datetime, javascript: bool = True) -> list[str]:
    context = chromium.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=javascript,
                                   timezone_id="Asia/Tokyo")  # fmt: skip  # the patient's own zone must not matter
    try:
        tab = context.new_page()
        tab.clock.set_fixed_time(when)
        tab.goto(url)
        return [e.inner_text() for e in tab.locator("[data-open-status]").all() if e.is_visible()]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((2026, 12, 7, 10, 30), "Open now · closes 5:00 PM"),  # a Monday morning
        ((2026, 12, 8, 12, 15), "Closed · opens at 1:00 PM"),  # Tuesday's lunch break
        ((2026, 12, 7, 18, 0), "Closed · opens tomorrow 9:00 AM"),  # Monday evening
        ((2026, 12, 8, 17, 0), "Closed · opens Saturday 10:00 AM"),  # Tuesday at closing time
        ((2026, 12, 27, 20, 0), "Closed · opens Tuesday 9:00 AM"),  # Sunday evening; Monday the 28th is closed
        ((2026, 12, 14, 0, 5), "Closed · opens at 9:00 AM"),  # just after midnight, Monday
    ],
)
def test_open_now_says_what_the_clinics_clock_says(chromium, north, local, expected):
    when = datetime.datetime(*local, tzinfo=CHICAGO)
    expected = expected.replace(" AM", "\u202fAM").replace(" PM", "\u202fPM")  # as CLDR writes times in en-US
    for address in ("", "contact/"):
        assert status_at(chromium, north + address, when) == [expected], (address, when)


def test_open_now_shows_nothing_without_javascript_and_leaves_no_gap(chromium, north):
    when = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=CHICAGO)
    assert status_at(chromium, north, when, javascript=False) == []
    context = chromium.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(north)
    assert tab.locator("[data-open-status]").first.bounding_box() is None, "the empty line takes no room"
    context.close()


# The checks can fail --------------------------------------------------------------------------------------------

HEADER = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_width_check_catches_sideways_scroll_a_cut_name_and_overlapping_controls(tmp_path, chromium):
    page(
        tmp_path,
        "bad.html",
        """
        <header><div class="header-row" style="display: flex">
          <a class="site-name" style="width: 120px"><span style="display: block; overflow: hidden; white-space: nowrap;
             text-overflow: ellipsis" class="name">A very long clinic name that cannot fit</span></a>
          <a class="menu" href="#m" style="margin-left: -60px; flex: none; width: 80px">Menu</a>
        </div></header>
        <main><h1>Bad</h1><div style="width: 1000px">wide</div></main>
        """,
        head=HEADER,
    )
    page(tmp_path, "good.html", '<header><div class="header-row"><a class="site-name"><span class="name">Fine</span></a>'
                                "</div></header><main><h1>Good</h1></main>", head=HEADER)  # fmt: skip
    with server.serve(tmp_path) as url:
        bad, good = widths.check_widths(chromium, [url + "bad.html", url + "good.html"], widths=(320, 980, 1100))
    problems = "\n".join(bad.problems)
    assert "scrolls sideways (1008 px wide) at 320-980 px (2 widths)" in problems  # the box and the body's margin
    assert "the clinic's name is cut off at 320-1100 px (3 widths)" in problems
    assert "site-name overlaps menu" in problems
    assert not good.problems, good


def test_target_check_catches_small_controls_but_not_links_in_running_text(tmp_path, chromium):
    page(
        tmp_path,
        "targets.html",
        """
        <main><h1>Targets</h1>
        <p>Read <a href="#a">this inline link</a> in a sentence.</p>
        <ul><li><a href="#b" style="display: inline-block; padding: 2px">Chip</a></li></ul>
        <ul><li style="position: relative; height: 120px"><a href="#c" class="stretched">Card</a></li></ul>
        <details><summary style="display: block; min-height: 48px">Question</summary>
          <a href="#d" style="display: inline-block; min-height: 20px">Hidden until opened</a></details>
        <svg width="40" height="40"><a href="#e"><circle cx="20" cy="20" r="15"/></a></svg>
        </main>
        """,
        head="<style>.stretched::before { content: ''; position: absolute; inset: 0 }</style>" + HEADER,
    )
    with server.serve(tmp_path) as url:
        (result,) = widths.check_targets(chromium, [url + "targets.html"])
    small = "\n".join(result.small)
    assert '"Chip"' in small and '"Hidden until opened"' in small and small.count("a ") >= 3
    assert "inline link" not in small and '"Card"' not in small and "Question" not in small
    assert "at 375 px: a" in small and "at 1280 px: a" in small
    assert any(s.endswith("30 × 30 px") for s in result.small), "an SVG link is measured as drawn"
