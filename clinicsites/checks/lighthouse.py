"""Lighthouse (mobile, its default) on Debian's Chromium: the four category scores of a page."""

from __future__ import annotations

import json
import logging
import subprocess
import tempfile
from pathlib import Path
from typing import NamedTuple

from . import tools

logger = logging.getLogger(__name__)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class Finding(NamedTuple):
    """A weighted audit that cost its category points."""

    category: str
    audit: str
    detail: str

    def __str__(self) -> str:
        return f"{self.category}: {self.audit}: {self.detail}"


class Scores(NamedTuple):
    url: str
    scores: dict[str, int]  # category -> 0..100
    failed: tuple[Finding, ...]

    @property
    def perfect(self) -> bool:
        return all(self.scores.get(c) == 100 for c in CATEGORIES)


#: One Node process and one browser for a list of pages (start-up is paid once), with shorter quiet periods
#: and no full-page picture (the HTML report's only), so each page waits less.
SCRIPT = Path(__file__).with_name("lighthouse_many.mjs")


def run_many(urls: list[str], timeout: float = 120) -> list[Scores]:
    """Audit pages one after another with the pinned Lighthouse under Node 22, in a fresh browser profile."""
    if not urls:
        return []
    tools.lighthouse_cli()  # the package, or a clear message to run `npm ci`
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        flags = " ".join((*tools.CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"))
        command = [str(tools.node22()), str(SCRIPT), str(tools.chromium()), flags, ",".join(CATEGORIES), tmp, *urls]
        logger.debug("running %s", command)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * len(urls), check=False)
        reports = [Path(tmp) / f"{n}.json" for n in range(len(urls))]
        if done.returncode or not all(r.is_file() for r in reports):
            raise RuntimeError(f"lighthouse exited with {done.returncode} on {urls}: {done.stderr.strip()[-2000:]}")
        return [parse(json.loads(r.read_text(encoding="utf-8")), url) for r, url in zip(reports, urls, strict=True)]


def run(url: str) -> Scores:
    """Audit one page."""
    return run_many([url])[0]


def run_median(url: str, runs: int = 3) -> Scores:
    """Audit a page; if its performance is under 100, audit it ``runs`` times in all and keep the median run.

    Performance is timed on a shared 2-core machine and varies from run to run; Lighthouse's documentation
    advises the median of several runs.
    """
    first = run(url)
    if first.scores.get("performance") == 100 or runs < 2:
        return first
    results = sorted([first, *run_many([url] * (runs - 1))], key=lambda s: s.scores.get("performance", 0))
    return results[len(results) // 2]


def parse(report: dict, url: str) -> Scores:
    """Read scores ×100 and the audits that cost points from a Lighthouse JSON report."""
    for warning in report.get("runWarnings") or ():
        logger.warning("%s: lighthouse: %s", url, warning)
    scores, failed = {}, []
    for name, category in report["categories"].items():
        score = category.get("score")
        # A category Lighthouse could not score (an error in its run) counts as 0, never as a pass.
        scores[name] = round(score * 100) if score is not None else 0
        for ref in category["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failed.append(Finding(name, ref["id"], _detail(audit)))
    return Scores(url, scores, tuple(failed))


def _detail(audit: dict) -> str:
    items = (audit.get("details") or {}).get("items") or []
    found = [
        " ".join(
            filter(
                None,
                (
                    i.get("description"),
                    (i.get("sourceLocation") or {}).get("url") or i.get("url"),
                    (i.get("node") or {}).get("snippet"),
                ),
            )
        )
        for i in items[:3]
        if isinstance(i, dict)
    ]
    text = audit.get("displayValue") or audit.get("title", "")
    return f"{text} ({'; '.join(f for f in found if f)})" if any(found) else text
