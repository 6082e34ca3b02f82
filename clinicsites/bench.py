"""invoke bench: build N synthetic clinics with the real theme and shared content, print the figures."""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from . import build as engine

POSTS_PER_CLINIC = 5
REPEATS = 3


def make_input(root: Path, clinics: int, content: Path = Path("content")) -> Path:
    """Write a deterministic clinics.yaml and content tree for ``clinics`` synthetic clinics."""
    shutil.copytree(content / "shared", root / "content" / "shared")
    entries = []
    for i in range(clinics):
        slug = f"clinic-{i:04d}"
        entries.append({
            "slug": slug,
            "name": f"Synthetic Clinic {i}",
            "address": {"street": f"{100 + i} Example Street", "locality": f"Town {i % 97}", "region": "LA",
                        "postal_code": f"{70000 + i % 999:05d}", "country": "US"},
            # 555-0100..0199 are reserved for fiction: never a real clinic's number.
            "phones": [{"number": f"+1 202 555 {100 + i % 100:04d}", "whatsapp": i % 3 == 0}],
            "timezone": "America/Chicago",
            "hours": {"monday": "09:00-17:00", "wednesday": "09:00-13:00, 14:00-18:00", "friday": "08:00-12:00"},
        })
        posts = root / "content" / "clinics" / slug / "posts"
        posts.mkdir(parents=True)
        for n in range(POSTS_PER_CLINIC):
            (posts / f"2026-0{1 + n}-15-update-{n}.md").write_text(
                f"---\ntitle: Update {n} from clinic {i}\ndescription: \"News {n} for patients in "
                "{{ clinic.address.locality }}.\"\n" f"date: 2026-0{1 + n}-15\n---\n\n"
                f"Post {n}. Call [{{{{ clinic.phone }}}}]({{{{ clinic.phone.tel_url }}}}).\n",
                encoding="utf-8")
    data = {"brand": {"name": "Benchmark Group", "base_url": "https://example.org/bench", "language": "en"},
            "clinics": entries}
    path = root / "clinics.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(clinics: int, json_path: str | None = None) -> dict:
    """Run full builds REPEATS times and print the median figures."""
    with tempfile.TemporaryDirectory(prefix="clinic-bench-") as tmp:
        root = Path(tmp)
        clinics_file = make_input(root, clinics)
        override = {"PATH": str(root / "content")}
        times, pages = [], 0
        for _ in range(REPEATS):
            started = time.perf_counter()
            report = engine.build(clinics_file, root / "output", override=override)
            times.append(time.perf_counter() - started)
            pages = report.pages
    full = statistics.median(times)
    rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    figures = {
        "clinics": clinics, "pages": pages, "full_s": round(full, 3), "pages_per_s": round(pages / full, 1),
        "peak_rss_mb": round(rss, 1), "edit_post_s": None, "edit_shared_s": None, "edit_template_s": None,
        "naive_s": None,
    }
    print(f"clinics {clinics}  pages {pages}  full build median of {REPEATS}: {full:.2f} s "
          f"({pages / full:,.0f} pages/s)  peak RSS per process: {rss:.0f} MB")
    print("incremental builds and the one-Pelican-run-per-clinic comparison: not measured yet")
    if json_path:
        Path(json_path).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures
