"""Health claims in the text patients see: Markdown, the theme's templates and clinics.yaml, against claims.yaml.

Every build and ``./run check`` refuse a claim the rules name (an absolute promise, efficacy or superiority,
safety without its risks), with the file, line, phrase, why and what to write instead. A person who has
reviewed a sentence can let it pass with a marker on the same line that names the rule and gives a reason:
``{# claims-ok absolute: the guideline's published title #}`` (Markdown, templates) or
``# claims-ok superiority: the award's official name`` (YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import cache, memory
from .clinics.fields import Checker, Text
from .clinics.shapes import Dict, Field, ListOf, Mapping
from .clinics.yamlsource import load_file
from .errors import InputError, Problem, display_path

#: The rules file, at the top of the repository.
RULES_FILE = Path(__file__).resolve().parent.parent / "claims.yaml"
_MARKER = re.compile(r"claims-ok\s+(?P<rule>[\w-]+)\s*(?::\s*(?P<reason>[^#}\n]*))?")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_HTML_TAG = re.compile(r"<[^>]*>")

_RULE = Mapping({
    "why": Field(Text(max_length=300), required=True),
    "try": Field(Text(max_length=300), required=True),
    "phrases": Field(ListOf(Text(max_length=80), min_items=1), required=True),
    "unless": Field(ListOf(Text(max_length=80)), default=()),
    "except": Field(ListOf(Text(max_length=80)), default=()),
})  # fmt: skip
_RULES = Mapping({"rules": Field(Dict(Text(pattern=r"[a-z][a-z-]*", max_length=40), _RULE), required=True)})


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    suggestion: str
    pattern: re.Pattern
    unless: re.Pattern | None  # in the same sentence, makes a phrase acceptable
    exceptions: re.Pattern | None = None  # longer phrases that contain a phrase but are no claim ("treats you")


@dataclass(frozen=True)
class Hit:
    """One claim found: where, which rule and phrase, and the reviewer's reason if a marker lets it pass."""

    path: str
    line: int
    rule: Rule
    phrase: str
    allowed: str | None = None

    def problem(self) -> Problem:
        return Problem(self.path, self.line, "claims",
                       f'"{self.phrase}": {self.rule.why}; try: {self.rule.suggestion}')  # fmt: skip


def _words(phrases) -> str:
    """Whole-word alternatives; ``*`` at the end of a word matches any ending ("boost* immunity")."""
    parts = [re.escape(p).replace(r"\*", r"\w*") for p in phrases]
    return r"(?<![\w-])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w-])"


def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The rules in ``path``; a broken rules file is bad input like any other. Read again whenever it changes."""
    return _load_rules(Path(path), memory.file_stamp(path), display_path(path))


@memory.remember("claim-rules", 4)
def _load_rules(path: Path, stamp: tuple | None, shown: str) -> tuple[Rule, ...]:
    doc = load_file(path, shown)
    checker = Checker(doc)
    data = _RULES.check(doc.data, (), checker)
    if checker.problems:
        raise InputError(checker.problems)
    return tuple(
        Rule(name, spec["why"], spec["try"], re.compile(_words(spec["phrases"]), re.I),
             re.compile(_words(spec["unless"]), re.I) if spec["unless"] else None,
             re.compile(_words(spec["except"]), re.I) if spec["except"] else None)
        for name, spec in data["rules"].items()
    )  # fmt: skip


def rules_digest(path: Path = RULES_FILE) -> str:
    """What caches of checked files depend on: the rules' bytes."""
    return cache.digest(path.read_bytes()) if path.is_file() else ""


def scan(text: str, path: str, first_line: int = 1, rules: tuple[Rule, ...] | None = None) -> list[Hit]:
    """Every claim in ``text`` (starting at file line ``first_line``), with the markers that let some pass."""
    rules = load_rules() if rules is None else rules
    hits = []
    for n, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        markers = {m.group("rule"): (m.group("reason") or "").strip() for m in _MARKER.finditer(line)}
        visible = _MARKER.sub("", line)
        for rule in rules:
            excepted = [m.span() for m in rule.exceptions.finditer(visible)] if rule.exceptions else []
            for match in rule.pattern.finditer(visible):
                if any(a <= match.start() and match.end() <= b for a, b in excepted):
                    continue
                if rule.unless and rule.unless.search(_sentence(visible, match.start())):
                    continue
                hits.append(Hit(path, n, rule, match.group(0), markers.get(rule.name) or None))
        for name, reason in markers.items():
            if not reason:
                hits.append(Hit(path, n, Rule("marker", "a claims-ok marker needs a reason after its rule",
                                              f'"claims-ok {name}: why this sentence is acceptable"', re.compile(""),
                                              None), f"claims-ok {name}"))  # fmt: skip
    return hits


def _sentence(text: str, at: int) -> str:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if end.start() >= at:
            return text[start : end.start()]
        start = end.end()
    return text[start:]


def scan_template(text: str, path: str) -> list[Hit]:
    """Claims in a theme template's own words: its text, not its tags or markup (markers are kept)."""

    def blank(match: re.Match) -> str:
        kept = " ".join(m.group(0) for m in _MARKER.finditer(match.group(0)))
        return kept + "\n" * match.group(0).count("\n")

    return scan(_HTML_TAG.sub(lambda m: "\n" * m.group(0).count("\n"), _JINJA.sub(blank, text)), path)


def scan_yaml(text: str, path: str) -> list[Hit]:
    """Claims in the values of a YAML file (comments are not shown to patients; markers in them count)."""
    return list(_scan_yaml(text, path, load_rules()))


@memory.remember("claims-in-yaml", 4)  # the same clinics.yaml and rules, build after build in a preview
def _scan_yaml(text: str, path: str, rules: tuple[Rule, ...]) -> tuple[Hit, ...]:
    lines = []
    for line in text.split("\n"):
        body, _, comment = line.partition(" #")
        value = body.split(": ", 1)[1] if ": " in body else body.lstrip(" -") if body.lstrip().startswith("- ") else ""
        lines.append(value + (" " + comment if "claims-ok" in comment else ""))
    return tuple(scan("\n".join(lines), path, rules=rules))


def theme_hits(theme: Path) -> list[Hit]:
    """Claims in every template of the theme, and in its translations (the msgstr lines of each catalogue)."""
    templates = sorted((Path(theme) / "templates").rglob("*.html"))
    hits = [hit for t in templates for hit in scan_template(t.read_text(encoding="utf-8"), display_path(t))]
    for po in sorted((Path(theme) / "translations").glob("*/LC_MESSAGES/*.po")):
        lines = [
            line if line.startswith(("msgstr", '"')) else "" for line in po.read_text(encoding="utf-8").split("\n")
        ]
        hits += scan("\n".join(lines), display_path(po))
    return hits


def refuse(hits: list[Hit]) -> None:
    """Raise InputError for the hits no marker lets pass."""
    problems = [hit.problem() for hit in hits if not hit.allowed]
    if problems:
        raise InputError(problems)


def report(hits: list[Hit]) -> str:
    """Every claim found, and the counts per rule (those allowed by a marker with their reasons)."""
    lines = []
    for hit in sorted(hits, key=lambda h: (h.path, h.line)):
        status = f"allowed: {hit.allowed}" if hit.allowed else "REFUSED"
        lines.append(f'{hit.path}:{hit.line}: {hit.rule.name}: "{hit.phrase}" ({status})')
    counts: dict[str, list[int]] = {}
    for hit in hits:
        counts.setdefault(hit.rule.name, [0, 0])[0 if hit.allowed is None else 1] += 1
    lines.append("")
    lines.append(f"{'rule':<16} {'refused':>7} {'allowed':>7}")
    for rule in load_rules():
        refused, allowed = counts.get(rule.name, [0, 0])
        lines.append(f"{rule.name:<16} {refused:>7} {allowed:>7}")
    return "\n".join(lines)
