"""Hits: a claim found in a file, refused unless a reviewed marker lets it pass; the report ``./run claims`` prints."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError, Problem
from .rules import Category, Rules

_LONGEST = 220  # characters of a sentence quoted in a message


@dataclass(frozen=True)
class Hit:
    """One claim: where its sentence starts, its category (``rule``), the sentence, and a reviewer's reason."""

    path: str
    line: int
    rule: Category
    phrase: str  # the sentence as patients read it
    allowed: str | None = None
    words: str = ""  # the words that made it a claim

    def problem(self) -> Problem:
        sentence = self.phrase if len(self.phrase) <= _LONGEST else self.phrase[: _LONGEST - 1] + "…"
        said = f' ("{self.words}")' if self.words and self.words != sentence else ""
        message = f'"{sentence}": {self.rule.why}{said}; try: {self.rule.suggestion}'
        return Problem(self.path, self.line, "claims", message)


def marker_problem(path: str, line: int, rule: str, rules: Rules) -> Hit:
    """A marker without a reason, or naming no category, refused like a claim."""
    if rule in rules.categories:
        category = Category("marker", "a claims-ok marker needs a reason after its rule",
                            f'"claims-ok {rule}: why this sentence is acceptable"', False)  # fmt: skip
    else:
        category = Category("marker", f"a claims-ok marker names a category of claims.yaml: one of "
                            f"{', '.join(rules.categories)}", '"claims-ok <category>: why"', False)  # fmt: skip
    return Hit(path, line, category, f"claims-ok {rule}")


def refuse(hits: list[Hit]) -> None:
    """Raise InputError for the hits no marker lets pass."""
    problems = [hit.problem() for hit in hits if not hit.allowed]
    if problems:
        raise InputError(problems)


def report(hits: list[Hit], rules: Rules) -> str:
    """Every claim found, and the counts per category (those allowed by a marker, with their reasons)."""
    lines = []
    for hit in sorted(hits, key=lambda h: (h.path, h.line, h.rule.name)):
        status = f"allowed: {hit.allowed}" if hit.allowed else "REFUSED"
        lines.append(f'{hit.path}:{hit.line}: {hit.rule.name}: "{hit.phrase}" ({status})')
    counts: dict[str, list[int]] = {}
    for hit in hits:
        counts.setdefault(hit.rule.name, [0, 0])[0 if hit.allowed is None else 1] += 1
    lines.append("")
    lines.append(f"{'rule':<16} {'refused':>7} {'allowed':>7}")
    for name in [*rules.categories, *(["marker"] if "marker" in counts else [])]:
        refused, allowed = counts.get(name, [0, 0])
        lines.append(f"{name:<16} {refused:>7} {allowed:>7}")
    return "\n".join(lines)
