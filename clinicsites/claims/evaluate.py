"""How well the rules do on labelled sentences: recall and false positives per language and category.

Each corpus file (``corpus/claims-*-<lang>.yaml``) is a list of sentences labelled ``risky`` (with the category of
claim they make) or ``careful`` (with the category they come closest to, or ``none``), and the form they take on a
site. Every entry goes through the path a build takes: a tiny Markdown page (paragraph, heading, list, table,
title, alt text) or clinics.yaml (a clinic's name, a practitioner's bio) is written around it and scanned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..clinics.fields import Checker, Choice, Text
from ..clinics.shapes import Field, ListOf, Mapping
from ..clinics.yamlsource import load_file
from ..errors import InputError, display_path
from . import load_rules, name_warnings, scan, scan_yaml
from .rules import Rules

#: What the suite requires of each language, over every corpus file present.
MIN_RECALL = 0.90
MAX_FALSE_POSITIVES = 0.03
FORMS = ("paragraph", "heading", "list", "table", "title", "name", "bio", "alt")
#: The categories regulators use, which corpus files are labelled with (claims.yaml may add more).
CATEGORIES = ("absolute", "efficacy", "scope", "comparison", "safety", "authority", "speed", "numbers", "testimonial",
              "mechanism", "superiority")  # fmt: skip


@dataclass
class Tally:
    """Counts for one language and category: risky entries flagged under it or another, careful ones flagged."""

    risky: int = 0
    caught: int = 0
    elsewhere: int = 0
    careful: int = 0
    flagged: int = 0
    names: int = 0
    missed: list = field(default_factory=list)
    alarms: list = field(default_factory=list)
    warned: list = field(default_factory=list)  # names that make a claim on their own: warned, never refused

    def add(self, other: Tally) -> None:
        for name in ("risky", "caught", "elsewhere", "careful", "flagged", "names"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.alarms += other.alarms
        self.warned += other.warned

    @property
    def recall(self) -> float | None:
        return self.caught / self.risky if self.risky else None

    @property
    def false_positives(self) -> float | None:
        return self.flagged / self.careful if self.careful else None


def corpus_files(folder: Path) -> list[Path]:
    """The corpus files in ``folder``: development and held-out sets, every language."""
    return sorted(Path(folder).glob("claims-*.yaml"))


def language(path: Path) -> str:
    """The language a corpus file is in, from its name (``claims-dev-ur.yaml`` is Urdu)."""
    return path.stem.rsplit("-", 1)[-1]


def load(path: Path, rules: Rules) -> list[dict]:
    """The entries of one corpus file; a malformed entry is bad input with its line."""
    spec = ListOf(Mapping({
        "text": Field(Text(max_length=2000, quoted=True), required=True),  # a quoted review loads as written
        "label": Field(Choice(["risky", "careful"]), required=True),
        "category": Field(Choice([*CATEGORIES, *(c for c in rules.categories if c not in CATEGORIES), "none"]),
                          required=True),
        "form": Field(Choice(FORMS), default="paragraph"),
    }), min_items=1)  # fmt: skip
    doc = load_file(path, display_path(path))
    checker = Checker(doc)
    entries = spec.check(doc.data, (), checker)
    if checker.problems:
        raise InputError(checker.problems)
    return [{**entry, "line": doc.line((n,))} for n, entry in enumerate(entries)]


def flagged(entry: dict, rules: Rules) -> set[str]:
    """The categories a build refuses the entry under, written into the kind of file its form lives in."""
    return _read(entry, rules)[0]


def warned(entry: dict, rules: Rules) -> set[str]:
    """The categories a build warns about in the entry: a name that makes a claim on its own (never refused)."""
    return _read(entry, rules)[1]


def _read(entry: dict, rules: Rules) -> tuple[set[str], set[str]]:
    text, form = entry["text"], entry["form"]
    quoted = json.dumps(text, ensure_ascii=False)
    warnings = []
    if form in ("name", "bio"):
        person = f"    practitioners:\n      - name: Sample Person\n        bio: {quoted}\n" if form == "bio" else ""
        clinics = (f"brand:\n  name: Group\nclinics:\n  - slug: one\n    name: {quoted if form == 'name' else 'One'}\n"
                   f"{person}")  # fmt: skip
        hits = scan_yaml(clinics, "clinics.yaml", rules)
        warnings = name_warnings(clinics, "clinics.yaml", rules)  # the warning path runs too, and must never raise
    else:
        body = {
            "heading": f"## {text}\n",
            "list": text if text.lstrip().startswith(("-", "*", "1.")) else f"- {text}\n",
            "table": f"| Question | Answer |\n|---|---|\n| {text.replace(chr(10), ' ')} | Ask us. |\n",
            "alt": f"![{text}](images/photo.jpg)\n",
            "title": "Text.\n",
        }.get(form, text + "\n")
        title = quoted if form == "title" else '"Corpus"'
        hits = scan(f"---\ntitle: {title}\ndescription: Corpus.\n---\n\n{body}", "corpus.md", rules)
    return {hit.rule.name for hit in hits if not hit.allowed}, {hit.rule.name for hit in warnings}


def measure(path: Path, rules: Rules) -> dict[str, Tally]:
    """Counts per category (and "all") for one corpus file."""
    tallies: dict[str, Tally] = {}
    for entry in load(path, rules):
        found, warnings = _read(entry, rules)
        one = Tally(names=int(entry["form"] == "name"))
        if warnings:  # a name is never refused, so a warning is no false positive: it is listed apart
            one.warned.append((entry["line"], entry["text"], sorted(warnings)))
        if entry["label"] == "risky":
            one.risky = 1
            one.caught = int(entry["category"] in found)
            one.elsewhere = int(bool(found) and not one.caught)
            if not one.caught:
                one.missed.append((entry["line"], entry["text"], sorted(found)))
        else:
            one.careful, one.flagged = 1, int(bool(found))
            if found:
                one.alarms.append((entry["line"], entry["text"], sorted(found)))
        for key in (entry["category"], "all"):
            tallies.setdefault(key, Tally()).add(one)
    return tallies


def run(folder: Path, verbose: bool = True, rules: Rules | None = None) -> tuple[str, bool]:
    """The evaluation table for every corpus file and each language in total, and whether every language passes."""
    rules = load_rules() if rules is None else rules
    files = corpus_files(folder)
    if not files:
        raise InputError(f"{folder}: expected corpus files named claims-<set>-<lang>.yaml, found none")
    lines, totals = [], {}
    for path in files:
        tallies = measure(path, rules)
        lines += _table(display_path(path), tallies, rules, verbose)
        for key, tally in tallies.items():
            totals.setdefault(language(path), {}).setdefault(key, Tally()).add(tally)
    passed = True
    for lang, tallies in sorted(totals.items()):
        lines += _table(f"total, {lang}", tallies, rules, False)
        whole = tallies["all"]
        ok = (whole.recall or 0) >= MIN_RECALL and (whole.false_positives or 0) <= MAX_FALSE_POSITIVES
        passed = passed and ok
        verdict = "pass" if ok else "FAIL"
        lines.append(f"{lang}: recall {_pct(whole.recall)} (needs {MIN_RECALL:.0%}), false positives "
                     f"{_pct(whole.false_positives)} (at most {MAX_FALSE_POSITIVES:.0%}): {verdict}")  # fmt: skip
        lines.append("")
    return "\n".join(lines), passed


def _table(title: str, tallies: dict[str, Tally], rules: Rules, verbose: bool) -> list[str]:
    lines = [title, f"  {'category':<13}{'risky':>6}{'recall':>8}{'other':>7}{'careful':>8}{'false+':>8}"]
    for key in [*CATEGORIES, *(c for c in rules.categories if c not in CATEGORIES), "none", "all"]:
        t = tallies.get(key)
        if t:
            lines.append(f"  {key:<13}{t.risky:>6}{_pct(t.recall):>8}{t.elsewhere:>7}{t.careful:>8}"
                         f"{_pct(t.false_positives):>8}")  # fmt: skip
    whole = tallies.get("all")
    if whole and whole.names:
        lines.append(f"  names {whole.names}, warned about {len(whole.warned)} (a name is warned about, never refused)")
    if verbose and whole:
        lines += [f"  missed {n}: {text!r} {found}" for n, text, found in whole.missed]
        lines += [f"  false alarm {n}: {text!r} {found}" for n, text, found in whole.alarms]
        lines += [f"  name warned {n}: {text!r} {found}" for n, text, found in whole.warned]
    return [*lines, ""]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"
