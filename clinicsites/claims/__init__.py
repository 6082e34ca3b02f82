"""Health claims in the text patients see, read sentence by sentence in English and Urdu against claims.yaml.

Every build and ``./run check`` refuse a sentence that makes a claim of a category regulators name (a cure, an
unhedged efficacy claim, a condition out of scope, a comparison with medicines or surgery, absolute safety, an
appeal to proof or popularity, speed and permanence, outcome figures, testimonials, invented mechanisms,
superiority), with the file, the line the sentence starts on, the sentence, why and what to write instead. A
person who has reviewed a sentence lets it pass with a marker in it (or at its end) that names the category and
gives a reason: ``{# claims-ok absolute: the guideline's published title #}`` (Markdown, templates) or
``# claims-ok superiority: the award's official name`` (a comment on a YAML value's line). Names (of clinics,
brands, practitioners) are not claims: clinic tags read as a neutral word, and name fields are only warned about.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, display_path
from . import sources
from .classify import classify
from .report import Hit, marker_problem, refuse
from .report import report as _report
from .rules import RULES_FILE, Category, Rules, compile_rules, load_rules, rules_digest, rules_file
from .yamlfields import name_blocks, text_blocks

__all__ = ["RULES_FILE", "Category", "Hit", "InputError", "Rules", "compile_rules", "everywhere", "load_rules",
           "name_warnings", "refuse", "report", "rules_digest", "rules_file", "scan", "scan_blocks", "scan_template",
           "scan_theme", "scan_yaml", "theme_hits", "theme_texts"]  # fmt: skip


def scan_blocks(blocks: list[sources.Block], path: str, rules: Rules | None = None) -> list[Hit]:
    """Every claim in ``blocks`` of the file ``path``, with the markers that let some pass."""
    rules = load_rules() if rules is None else rules
    hits = []
    for block in blocks:
        findings = classify(block.text, rules, block.lead)
        for rule, reason, _ in block.markers:
            if not reason or rule not in rules.categories:
                hits.append(marker_problem(path, block.line + block.text.count("\n", 0, _), rule, rules))
        for finding in findings:
            name = finding.category.name
            reasons = (reason for rule, reason, at in block.markers if rule == name and _belongs(at, finding, findings))
            allowed = next((reason for reason in reasons if reason), None)
            line = block.line + finding.line
            hits.append(Hit(path, line, finding.category, finding.sentence, allowed, finding.words))
    return hits


def _belongs(at: int, finding, findings) -> bool:
    """A marker belongs to the sentence it is in, or, between two, to the one before it."""
    if finding.start <= at < finding.end:
        return True
    before = [f for f in findings if f.start <= at]
    return bool(before) and max(before, key=lambda f: f.start).start == finding.start and at >= finding.end


def scan(text: str, path: str, rules: Rules | None = None) -> list[Hit]:
    """Every claim in a Markdown file's text (its front matter's titles and descriptions, and its body)."""
    return scan_blocks(sources.markdown(text.replace("\r\n", "\n")), path, rules)


def scan_template(text: str, path: str, rules: Rules | None = None) -> list[Hit]:
    """Claims in a theme template's own words: its text, translatable strings and alt text, not its tags."""
    return scan_blocks(sources.template(text), path, rules)


def scan_yaml(text: str, path: str, rules: Rules | None = None) -> list[Hit]:
    """Claims in the text fields of clinics.yaml (names are not claims: see name_warnings)."""
    return scan_blocks(text_blocks(text, path), path, rules)


def name_warnings(text: str, path: str, rules: Rules | None = None) -> list[Hit]:
    """Names in clinics.yaml that make a claim on their own (``The "Best" Clinic``): a warning, never an error."""
    return [hit for hit in scan_blocks(name_blocks(text, path), path, rules) if not hit.allowed]


def theme_hits(theme: Path, rules: Rules | None = None) -> list[Hit]:
    """Claims in every template of the theme, and in its translations (the msgstr of each catalogue)."""
    return scan_theme(theme_texts(theme), rules)


def theme_texts(theme: Path) -> list[tuple[str, str]]:
    """Each template of the theme, then each catalogue: (path as shown, text)."""
    files = sorted((Path(theme) / "templates").rglob("*.html"))
    files += sorted((Path(theme) / "translations").glob("*/LC_MESSAGES/*.po"))
    return [(display_path(f), f.read_text(encoding="utf-8")) for f in files]


def scan_theme(texts: list[tuple[str, str]], rules: Rules | None = None) -> list[Hit]:
    """Claims in the theme's ``texts`` (``theme_texts``)."""
    hits = []
    for path, text in texts:
        if path.endswith(".po"):
            hits += scan_blocks(sources.catalogue(text), path, rules)
        else:
            hits += scan_template(text, path, rules)
    return hits


def report(hits: list[Hit], rules: Rules | None = None) -> str:
    """Every claim found, and the counts per category."""
    return _report(hits, load_rules() if rules is None else rules)


def everywhere(settings: dict, clinics_file: Path) -> tuple[str, bool]:
    """The report over all content, the theme and the clinics file, and whether any claim is refused."""
    rules = load_rules(rules_file(settings), Path(settings["CACHE_PATH"]))
    hits = []
    for path in sorted(Path(settings["PATH"]).rglob("*.md")):
        hits += scan(path.read_text(encoding="utf-8"), display_path(path), rules)
    hits += theme_hits(Path(settings["THEME"]), rules)
    hits += scan_yaml(clinics_file.read_text(encoding="utf-8-sig"), display_path(clinics_file), rules)
    return report(hits, rules), any(not hit.allowed for hit in hits)
