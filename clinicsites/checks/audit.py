"""Run every quality gate over one built output folder and sum them up as a table (``invoke audit``)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import serve as server
from . import axe, budgets, layout, links, pagetypes, tools, vnu, widths
from . import lighthouse as lh

logger = logging.getLogger(__name__)

#: Lighthouse audits a kind of page fails by design, by category: a 404 page says noindex, so search engines
#: do not list it, and Lighthouse's SEO category counts that against it.
ON_PURPOSE = {"404": {"seo": {"is-crawlable"}}}
#: So does every page the build keeps out of search engines on purpose, which says so in its HTML: a clinic
#: whose facts are not confirmed yet, a translation not yet reviewed, a clinic's copy of a shared page under
#: `shared_pages: noindex` (tests/test_publishing_rules.py and test_i18n.py check which pages those are).
NOINDEX = {"seo": {"is-crawlable"}}
_ROBOTS_NOINDEX = re.compile(r'<meta name="robots" content="[^"]*noindex')


@dataclass
class Gate:
    name: str
    figure: str = ""
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class Report:
    output: Path
    pages: int  # HTML files in the output
    sampled: int  # pages of each kind that axe (and Lighthouse) opened
    gates: list[Gate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.gates)


def run(
    output: Path | str, lighthouse: bool = False, progress: Callable[[str], None] = lambda _: None, port: int = 0
) -> Report:
    """Check ``output`` with vnu, LinkChecker, axe and reflow, the budgets, and optionally Lighthouse.

    Serve it on ``port``: the one its absolute links (404 pages, feeds) were built for, if any.
    """
    output = Path(output).resolve()
    html = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    sample, missing = pagetypes.sample(output)
    report = Report(output, len(html), len(sample))
    with server.serve(output, port) as base:
        report.gates += _run(["vnu"], progress, _vnu, output)
        report.gates += _run(["links"], progress, _links, base, html)
        report.gates += _run(["axe", "reflow"], progress, _axe, base, sample, missing)
        report.gates += _run(["budgets"], progress, _budgets, output, base)
        report.gates += _run(["phone"], progress, _phone, base, sample)
        report.gates += _run(["widths", "targets"], progress, _widths, base, sample)
        if lighthouse:
            report.gates += _run(["lighthouse"], progress, lighthouse_gate, base, sample, progress, output, 2)
    return report


def _run(names: list[str], progress, check, *args) -> list[Gate]:
    """Run one check, which returns (figure, failures) for each gate it names; a crash fails them all."""
    progress(f"{' and '.join(names)}...")
    started = time.perf_counter()
    try:
        gates = [Gate(name, figure, failures) for name, (figure, failures) in zip(names, check(*args), strict=True)]
    except tools.ToolMissing as exc:
        gates = [Gate(name, "not run", [str(exc)]) for name in names]
    except Exception as exc:  # a tool that crashed is a failed gate, not a crashed audit
        logger.debug("%s failed", names[0], exc_info=True)
        gates = [Gate(name, "not run", [f"{type(exc).__name__}: {exc}"]) for name in names]
    gates[0].seconds = time.perf_counter() - started
    return gates


def _vnu(output: Path):
    errors = vnu.check(output)
    yield f"{len(errors)} errors", [str(e) for e in errors]


def _links(base: str, html: list[str]):
    # Nothing links to a 404 page, so each starts a crawl of its own.
    starts = [base + "index.html"] + [base + p for p in html if p.endswith("404.html")]
    result = links.check(*starts)
    reached = set(result.found)
    unreached = [p for p in html if "/" + p not in reached and "/" + p.removesuffix("index.html") not in reached]
    yield (
        f"{len(result.broken)} broken ({result.checked} URLs; {len(html) - len(unreached)}/{len(html)} pages)",
        [str(b) for b in result.broken] + [f"{p}: no link leads to this page" for p in unreached],
    )


def _axe(base: str, sample, missing: list[str]):
    absent = [f"{kind}: no such page" for kind in missing]
    with axe.browser() as chromium:
        results = axe.check_pages(chromium, [base + p.url for p in sample])
    violations, wide = absent, []
    for page, result in zip(sample, results, strict=True):
        violations += [f"{page.label}: {v}" for v in result.violations]
        violations += [f"{page.label}: requested {url} (not this server; blocked)" for url in result.external]
        if not result.reflows:
            wide.append(f"{page.label}: {result.scroll_width} px wide at 320 px: {', '.join(result.too_wide)}")
    yield f"{sum(len(r.violations) for r in results)} violations", violations
    yield f"{len(wide)} pages too wide at 320 px", wide


def _budgets(output: Path, base: str):
    weights = budgets.weigh(output, base)
    heaviest = weights[0] if weights else None
    failures = [str(w) for w in budgets.over_budget(weights)]
    failures += [f"{w.page}: {href} not found" for w in weights for href in w.missing]
    fonts = max(weights, key=lambda w: w.language_fonts, default=None)
    figure = f"max {heaviest.total / 1000:.1f} KB gzip ({heaviest.page})" if heaviest else "no pages"
    if fonts and fonts.language_fonts:
        figure += f", language fonts max {fonts.language_fonts / 1000:.1f} KB ({fonts.page})"
    yield figure, failures


def _phone(base: str, sample):
    with axe.browser() as chromium:
        results = layout.check_pages(chromium, [base + page.url for page in sample])
    failures = [f"{page.label}: {problem}" for page, r in zip(sample, results, strict=True) for problem in r.problems()]
    tallest = max((r.header for r in results), default=0)
    images = max((r.image_bytes for r in results), default=0)
    yield f"header max {tallest} px, images max {images / 1000:.0f} KB at 375 px", failures


def _widths(base: str, sample):
    urls = [base + page.url for page in sample]
    with axe.browser() as chromium:
        swept, measured = widths.check_widths(chromium, urls), widths.check_targets(chromium, urls)
    wide = [f"{page.label}: {p}" for page, r in zip(sample, swept, strict=True) for p in r.problems]
    small = [f"{page.label}: {t}" for page, r in zip(sample, measured, strict=True) for t in r.small]
    yield f"{len(widths.WIDTHS)} widths from {widths.WIDTHS[0]} to {widths.WIDTHS[-1]} px", wide
    yield f"{len(small)} targets under {widths.MIN_TARGET} px at 375 and 1280 px", small


def _lighthouse_scores(base: str, sample, progress, workers: int) -> list:
    """Each page's scores: ``workers`` audits at a time, then, alone, the median of three for any page whose
    performance fell short (two audits at once on two cores can slow each other down)."""
    shares = [sample[w::workers] for w in range(workers)]  # each worker audits its share in one browser
    with ThreadPoolExecutor(workers) as pool:
        audited = list(pool.map(lambda share: lh.run_many([base + page.url for page in share]), shares))
    by_page = {id(page): result for share, found in zip(shares, audited, strict=True)
               for page, result in zip(share, found, strict=True)}  # fmt: skip
    results = [by_page[id(page)] for page in sample]
    for i, (page, result) in enumerate(zip(sample, results, strict=True)):
        progress(f"lighthouse {i + 1}/{len(sample)}: {page.label}")
        if result.scores.get("performance") != 100 and workers > 1:
            results[i] = lh.run_median(base + page.url)
    return results


def lighthouse_gate(base: str, sample, progress, output: Path | None = None, workers: int = 1):
    # Every page shares the theme, so one fault usually costs every page the same points: group by finding.
    lowest, by_scores, by_finding, excused = dict.fromkeys(lh.CATEGORIES, 100), {}, {}, set()
    if workers == 1:
        results = []
        for i, page in enumerate(sample, 1):
            progress(f"lighthouse {i}/{len(sample)}: {page.label}")
            results.append(lh.run_median(base + page.url))
    else:
        results = _lighthouse_scores(base, sample, progress, workers)
    for page, result in zip(sample, results, strict=True):
        allowed = ON_PURPOSE.get(page.kind) or (NOINDEX if output and _noindex(output / page.path) else {})
        # A category whose only lost points are ones the page gives up on purpose is not held against it.
        lost = {c: {f.audit for f in result.failed if f.category == c} for c in allowed}
        waived = {c for c in allowed if lost[c] and lost[c] <= allowed[c]}
        counted = {c: v for c, v in result.scores.items() if c not in waived}
        for name, score in counted.items():
            lowest[name] = min(lowest[name], score)
        below = ", ".join(f"{c} {v}" for c, v in counted.items() if v < 100)
        if below:
            by_scores.setdefault(below, []).append(page.label)
        for finding in result.failed:
            if finding.category in waived:
                excused.add(f"{page.kind}: {finding.category} {result.scores[finding.category]} ({finding.audit})")
            elif counted[finding.category] < 100:  # an audit can lose a little and its category still round to 100
                by_finding.setdefault(str(finding).replace(base, "/"), []).append(page.label)
    failures = [f"{below} on {_pages(labels)}" for below, labels in by_scores.items()]
    failures += [f"    {finding} on {_pages(labels)}" for finding, labels in by_finding.items()]
    note = f"; not counted, on purpose: {', '.join(sorted(excused))}" if excused else ""
    yield "lowest " + ", ".join(f"{k} {v}" for k, v in lowest.items()) + note, failures


def _noindex(page: Path) -> bool:
    return bool(_ROBOTS_NOINDEX.search(page.read_text(encoding="utf-8")))


def _pages(labels: list[str]) -> str:
    return f"{len(labels)} page(s): {', '.join(labels[:4])}{', ...' if len(labels) > 4 else ''}"


def table(report: Report) -> str:
    """The figures as a few aligned lines, then every failure under its gate's name."""
    lines = [
        f"Audited {report.output}: {report.pages} HTML pages; {report.sampled} sampled for axe/Lighthouse.",
        f"{'gate':<11} {'result':<6} {'seconds':>7}  figure",
    ]
    for gate in report.gates:
        seconds = f"{gate.seconds:.1f}" if gate.seconds else ""
        lines.append(f"{gate.name:<11} {'pass' if gate.ok else 'FAIL':<6} {seconds:>7}  {gate.figure}")
    for gate in report.gates:
        if gate.failures:
            lines.append(f"\n{gate.name}: {len(gate.failures)} problem(s)")
            lines += [f"  {f}" for f in gate.failures]
    lines.append("\nAll gates pass." if report.ok else "\nSome gates failed.")
    return "\n".join(lines)
