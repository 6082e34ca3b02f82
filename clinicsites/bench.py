"""invoke bench: build N synthetic clinics with the real theme and shared content, print the figures."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from . import build as engine
from .clinics import load_config

POSTS_PER_CLINIC = 5
REPEATS = 3
THEME = Path(__file__).parent.parent / "themes" / "clinic"


def make_input(root: Path, clinics: int, content: Path = Path("content")) -> Path:
    """Write a deterministic clinics.yaml and content tree for ``clinics`` synthetic clinics."""
    shutil.copytree(content / "shared", root / "content" / "shared")
    entries = []
    for i in range(clinics):
        slug = f"clinic-{i:04d}"
        entries.append(
            {
                "slug": slug,
                "name": f"Synthetic Clinic {i}",
                "address": {
                    "street": f"{100 + i} Example Street",
                    "locality": f"Town {i % 97}",
                    "region": "LA",
                    "postal_code": f"{70000 + i % 999:05d}",
                    "country": "US",
                },
                # 555-0100..0199 are reserved for fiction: never a real clinic's number.
                "phones": [{"number": f"+1 202 555 {100 + i % 100:04d}", "whatsapp": i % 3 == 0}],
                "timezone": "America/Chicago",
                "hours": {"monday": "09:00-17:00", "wednesday": "09:00-13:00, 14:00-18:00", "friday": "08:00-12:00"},
                # Every shared page, as every clinic showed before a clinic had to choose (the same work to time).
                "conditions": "all",
                "benefits": "all",
            }
        )
        posts = root / "content" / "clinics" / slug / "posts"
        posts.mkdir(parents=True)
        for n in range(POSTS_PER_CLINIC):
            (posts / f"2026-0{1 + n}-15-update-{n}.md").write_text(
                f'---\ntitle: Update {n} from clinic {i}\ndescription: "News {n} for patients in '
                '{{ clinic.address.locality }}."\n'
                f"date: 2026-0{1 + n}-15\n---\n\n"
                f"Post {n}. Call [{{{{ clinic.phone }}}}]({{{{ clinic.phone.tel_url }}}}).\n",
                encoding="utf-8",
            )
    data = {
        "brand": {"name": "Benchmark Group", "base_url": "https://example.org/bench", "language": "en"},
        "clinics": entries,
    }
    path = root / "clinics.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(clinics: int, json_path: str | None = None, naive_up_to: int = 100) -> dict:
    """Time full and incremental builds (medians of REPEATS) and, for small N, the naive approach."""
    # Under the working folder, not /tmp: on these machines /tmp is several times slower to write.
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=".") as tmp:
        root = Path(tmp).resolve()
        clinics_file = make_input(root, clinics)
        theme = root / "theme"
        shutil.copytree(THEME, theme)
        # A parse cache of its own: the first build starts cold, as on a fresh clone.
        override = {"PATH": str(root / "content"), "THEME": str(theme), "CACHE_PATH": str(root / "cache")}

        def timed(full=False, output="output", search=True) -> tuple[float, int]:
            started = time.perf_counter()
            report = engine.build(clinics_file, root / output, override=override, full=full, search=search)
            return time.perf_counter() - started, report.pages

        cold, pages = timed(full=True)  # parses every file: the parse cache is empty
        # Every page rendered again over the previous output: only changed bytes are written.
        fulls = [timed(full=True) for _ in range(REPEATS)]
        full = statistics.median(t for t, _ in fulls)
        shutil.rmtree(root / "output")
        empty, _ = timed(full=True)  # parsed files cached, but every file created on disk
        # The same without the search indexes (Pagefind, one run per site): what the pages alone cost.
        bare = statistics.median(timed(True, f"bare-{n}", search=False)[0] for n in range(REPEATS))
        rss = peak_rss_mb()
        edits = time_edits(clinics_file, root, theme, override)
        post = root / "content/clinics/clinic-0000/posts/2026-01-15-update-0.md"
        edits["preview_edit_post_s"] = preview_edit(clinics_file, root, override, post)
        naive = naive_build(clinics_file, root, override) if clinics <= naive_up_to else None
    figures = {
        "clinics": clinics,
        "pages": pages,
        "full_s": round(full, 3),
        "pages_per_s": round(pages / full, 1),
        "cold_full_s": round(cold, 3),
        "empty_output_full_s": round(empty, 3),
        "empty_output_no_search_s": round(bare, 3),
        "peak_rss_mb": round(rss, 1),
        **{k: round(v, 3) for k, v in edits.items()},
        "naive_s": round(naive, 3) if naive else None,
    }
    print(
        f"clinics {clinics}, pages {pages}; full build over the last output, median of {REPEATS}: {full:.2f} s "
        f"({pages / full:,.0f} pages/s); into an empty folder: {empty:.2f} s ({bare:.2f} s without search indexes, "
        f"median of {REPEATS}); first build, nothing cached: "
        f"{cold:.2f} s; peak RSS of any one process: {rss:.0f} MB"
    )
    print(
        f"rebuild after editing one post: {edits['edit_post_s']:.2f} s; one shared condition page: "
        f"{edits['edit_shared_s']:.2f} s; one template: {edits['edit_template_s']:.2f} s (medians of {REPEATS})"
    )
    print(
        f"preview (./run serve) rebuild after editing one post, parsed content kept in memory: "
        f"{edits['preview_edit_post_s']:.2f} s (median of {REPEATS})"
    )
    if naive:
        print(
            f"one separate single-clinic run per clinic (2 at a time): {naive:.2f} s; "
            f"this engine is {naive / full:.1f}x faster"
        )
    else:
        print(f"naive comparison not run (only for {naive_up_to} clinics or fewer)")
    if json_path:
        Path(json_path).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def time_edits(clinics_file: Path, root: Path, theme: Path, override: dict, output: str = "output",
               search: bool = True, suffix: str = "") -> dict:  # fmt: skip
    """Median rebuild times after editing one post, one shared condition page and one template (``search``: with
    the search indexes, as ``./run build`` makes them; without, as the preview rebuilds)."""
    post = root / "content/clinics/clinic-0000/posts/2026-01-15-update-0.md"
    shared = root / "content/shared/conditions/neck-pain.md"
    template = theme / "templates/partials/action_panel.html"
    found = {}
    for name, path in (("edit_post_s", post), ("edit_shared_s", shared), ("edit_template_s", template)):
        times = []
        for n in range(REPEATS):
            with open(path, "a", encoding="utf-8") as file:
                file.write(f"\n{{# edit {n} #}}\n" if path.suffix == ".html" else f"\nedit {n}\n")
            started = time.perf_counter()
            engine.build(clinics_file, root / output, override=override, search=search)
            times.append(time.perf_counter() - started)
        found[name + suffix] = statistics.median(times)
    return found


def preview_edit(clinics_file: Path, root: Path, override: dict, post: Path) -> float:
    """Median time of the preview's rebuild after a post edit: only that clinic, no search index, in this process.

    ``./run serve`` stays running, so what it parsed stays in memory; here the earlier builds of this process
    stand in for its first build.
    """
    slug = post.relative_to(root / "content" / "clinics").parts[0]
    times = []
    for n in range(REPEATS):
        with open(post, "a", encoding="utf-8") as file:
            file.write(f"\npreview edit {n}\n")
        started = time.perf_counter()
        engine.build(clinics_file, root / "output", override=override, only=slug, search=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def preview_only(clinics: int) -> float:
    """Build N clinics once (no search indexes, as the figure does not depend on them), then time preview edits."""
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=".") as tmp:
        root = Path(tmp).resolve()
        clinics_file = make_input(root, clinics)
        override = {"PATH": str(root / "content"), "THEME": str(THEME), "CACHE_PATH": str(root / "cache")}
        started = time.perf_counter()
        report = engine.build(clinics_file, root / "output", override=override, full=True, search=False)
        first = time.perf_counter() - started
        post = root / "content/clinics/clinic-0000/posts/2026-01-15-update-0.md"
        median = preview_edit(clinics_file, root, override, post)
    print(
        f"clinics {clinics}, pages {report.pages}; first build without search indexes: {first:.1f} s; "
        f"preview rebuild after editing one post: {median:.2f} s (median of {REPEATS})"
    )
    return median


def naive_build(clinics_file: Path, root: Path, override: dict) -> float:
    """One fresh process per clinic, each parsing all the shared content again: the plain-Pelican way.

    Each run has an empty parse cache of its own, so nothing parsed is shared between clinics.
    """
    config = load_config(clinics_file)
    script = (
        "import sys; from clinicsites import build; "
        "build.build(sys.argv[1], sys.argv[2], only=sys.argv[3], override={'PATH': sys.argv[4], "
        "'THEME': sys.argv[5], 'CACHE_PATH': sys.argv[6]}, full=True, jobs=1)"
    )
    commands = [
        [
            sys.executable,
            "-c",
            script,
            str(clinics_file),
            str(root / "naive" / c.slug),
            c.slug,
            override["PATH"],
            override["THEME"],
            str(root / "naive-cache" / c.slug),
        ]
        for c in config.clinics
    ]
    started = time.perf_counter()
    running: list[subprocess.Popen] = []
    for command in commands:
        if len(running) == 2:  # two at a time, as the engine uses both cores
            running.pop(0).wait()
        running.append(subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}))
    for process in running:
        process.wait()
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    """The largest resident set of this process or any worker it waited for, in MB."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
