"""``./run bench --against hugo``: the engine and Hugo on the same synthetic clinics, side by side in one run.

Like with like: each first build goes into an empty folder with nothing cached (the engine's parse cache and
Hugo's cache both new), each full rebuild over that engine's own last output. The engine's search indexes are
its own (made in the build); Hugo's are Pagefind run once per clinic site after Hugo, as a Hugo user adds the
same search. Pages per second count each engine's HTML files in its output, an independent count.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from .. import bench
from .. import build as engine
from . import hugo

REPEATS = 3


def run(clinics: int) -> dict:
    """Time both engines on ``clinics`` synthetic clinics; print the table of figures and ratios."""
    binary = hugo.executable()
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=".") as tmp:
        root = Path(tmp).resolve()
        clinics_file = bench.make_input(root, clinics)
        theme = root / "theme"
        shutil.copytree(bench.THEME, theme)
        site = hugo.write_site(root, clinics_file, root / "content")
        slugs = sorted(p.name for p in (site / "content").iterdir() if p.is_dir())

        def ours(output: str, cache: str, full=True, search=True) -> float:
            override = {"PATH": str(root / "content"), "THEME": str(theme), "CACHE_PATH": str(root / cache)}
            started = time.perf_counter()
            engine.build(clinics_file, root / output, override=override, full=full, search=search)
            return time.perf_counter() - started

        def theirs(output: str, search: bool = False) -> float:
            started = time.perf_counter()
            hugo.build(binary, site, root / output)
            if search:
                hugo.pagefind(root / output, slugs)
            return time.perf_counter() - started

        f = _Figures()
        # First builds into empty folders, nothing cached, alternating the engines.
        f["ours_first"] = ours("ours", "cache")
        f["peak_rss_mb"] = bench.peak_rss_mb()  # the engine's processes only: Hugo has not run yet
        f["hugo_first"] = theirs("hugo-out")
        f["ours_first_bare"] = ours("ours-bare", "cache-bare", search=False)
        shutil.rmtree(site.parent / "hugo-cache", ignore_errors=True)
        f["hugo_pf_first"] = theirs("hugo-pf", search=True)
        # Full rebuilds over each engine's last output.
        f["ours_full"] = statistics.median(ours("ours", "cache") for _ in range(REPEATS))
        f["hugo_full"] = statistics.median(theirs("hugo-out") for _ in range(REPEATS))
        f["ours_pages"], f["hugo_pages"] = _html(root / "ours"), _html(root / "hugo-out")
        override = {"PATH": str(root / "content"), "THEME": str(theme), "CACHE_PATH": str(root / "cache")}
        f.update(bench.time_edits(clinics_file, root, theme, override, output="ours", search=False, suffix="_bare"))
        f.update(bench.time_edits(clinics_file, root, theme, override, output="ours"))
        f["clinics"] = clinics
    _print(f)
    return f


class _Figures(dict):
    """The figures, each printed as it is measured: a run of half an hour at N = 1,000 leaves what it measured."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}", flush=True)

    def update(self, other):
        for key, value in other.items():
            self[key] = value


def _html(folder: Path) -> int:
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def _print(f: dict) -> None:
    ours_rate, hugo_rate = f["ours_pages"] / f["ours_full"], f["hugo_pages"] / f["hugo_full"]
    first_rate = f["ours_pages"] / f["ours_first_bare"], f["hugo_pages"] / f["hugo_first"]
    rows = [
        ("first build, empty folder, search included", f"{f['ours_first']:.1f} s", "",
         f"{f['hugo_pf_first']:.1f} s", f"ours {f['hugo_pf_first'] / f['ours_first']:.2f}x as fast"),
        ("first build, empty folder, no search", f"{f['ours_first_bare']:.1f} s ({first_rate[0]:,.0f} pages/s)",
         f"{f['hugo_first']:.1f} s ({first_rate[1]:,.0f} pages/s)", "",
         f"{first_rate[0] / first_rate[1]:.2f}x Hugo's pages/s"),
        (f"full rebuild over the last output, median of {REPEATS}",
         f"{f['ours_full']:.2f} s ({ours_rate:,.0f} pages/s)",
         f"{f['hugo_full']:.2f} s ({hugo_rate:,.0f} pages/s)", "", f"{ours_rate / hugo_rate:.2f}x Hugo's pages/s"),
        ("one post / shared page / template edited, search included", f"{f['edit_post_s']:.2f} / "
         f"{f['edit_shared_s']:.2f} / {f['edit_template_s']:.2f} s", "", "", ""),
        ("the same edits without search indexes", f"{f['edit_post_s_bare']:.2f} / {f['edit_shared_s_bare']:.2f} / "
         f"{f['edit_template_s_bare']:.2f} s", "", "", ""),
    ]  # fmt: skip
    header = (f"N = {f['clinics']}", "ours", f"Hugo {hugo.HUGO_VERSION}, cached partials", "Hugo + Pagefind", "ratio")
    print(
        f"pages: ours {f['ours_pages']:,} HTML files, Hugo {f['hugo_pages']:,}; "
        f"peak RSS of any one process: {f['peak_rss_mb']:.0f} MB"
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
