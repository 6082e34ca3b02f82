"""Translated pages: ``neck-pain.ur.md`` beside ``neck-pain.md``, as Pelican names them.

A translation has its own title, description, headline and body, and whether a fluent speaker has
reviewed it; everything else (address, body region, related pages, sources, dates) is the original's.
It must use the same clinic tags as the original, so each clinic's facts appear in every language.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from ..clinics.kinds import LANGUAGE_PATTERN
from ..errors import Problem
from . import frontmatter

_TRANSLATION = re.compile(rf"(?P<stem>.+)\.(?P<lang>{LANGUAGE_PATTERN})\.md")
#: Front matter a translation keeps from its original.
_INHERITED_LINES = ("order", "region", "related_conditions", "related_benefits", "faq", "date", "sources")


def language_of(name: str) -> str | None:
    """The language of a translation's file name (``faq.ur.md`` -> ``ur``); None for an original."""
    match = _TRANSLATION.fullmatch(name)
    return match.group("lang") if match else None


def attach(pending: list, into: dict, failed: list) -> list[Problem]:
    """Give each translation its original's front matter and slug, and the original its translations."""
    by_rel = {src.rel: src for src in into.values()}
    broken = {rel for _, _, rel in failed}
    problems = []
    for tr in pending:
        folder, name = posixpath.split(tr.rel)
        original_rel = f"{folder}/{_TRANSLATION.fullmatch(name).group('stem')}.md"
        original = by_rel.get(original_rel)
        if original is None:
            if original_rel not in broken:
                expected = posixpath.basename(original_rel)
                message = f"expected its original, {expected}, beside it (a translation is named after its original)"
                problems.append(Problem(tr.path, 1, "translation", message))
            continue
        wanted, used = _tags(original), _tags(tr)
        if wanted != used:
            line = next((ln for src, ln in tr.parsed.tags if src not in wanted), 1)
            expected, got = ", ".join(sorted(wanted)) or "none", ", ".join(sorted(used)) or "none"
            message = f"expected the same clinic tags as the original ({expected}), got {got}"
            problems.append(Problem(tr.path, line, "translation", message))
            continue
        inherited = {k: v for k, v in original.parsed.meta.items() if k not in frontmatter.OWN_WORDS}
        meta = {**inherited, **{k: v for k, v in tr.parsed.meta.items() if v is not None}}
        lines = {**{k: v for k, v in original.parsed.lines.items() if k in _INHERITED_LINES}, **tr.parsed.lines}
        # Its front matter is now partly its original's: what the site key covers of it follows.
        front = frontmatter.digest(meta, tr.parsed.fields, tr.parsed.links)
        parsed = dataclasses.replace(tr.parsed, meta=meta, lines=lines, front=front)
        translated = dataclasses.replace(tr, slug=original.slug, original_rel=original.rel, parsed=parsed)
        original.translations[tr.lang] = translated
    return problems


def _tags(src) -> set[str]:
    return {" ".join(source.split()) for source, _ in src.parsed.tags}
