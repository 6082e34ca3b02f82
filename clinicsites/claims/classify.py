"""One block of text, sentence by sentence, against the rules: which categories of claim each sentence makes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import normalise
from .rules import Category, Rules
from .sentences import Token, split, tokens

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_URDU_NEGATIONS = frozenset({"نہیں", "نہ"})
_BEFORE = 3  # words before a phrase that can negate it ("there is no cure", "does not replace surgery")


@dataclass(frozen=True)
class Finding:
    """A sentence that makes a claim: where it is in the block, the category and the words that made it."""

    start: int
    end: int
    sentence: str
    category: Category
    words: str


def classify(text: str, rules: Rules) -> list[Finding]:
    """Every claim in ``text`` (one block), one finding per sentence and category, in the order of the text."""
    text = normalise(text)
    toks = tokens(text, rules.lemmas)
    # A phrase whose rule needs another one the block lacks cannot make a claim in any sentence of it.
    n = len(toks)
    found = [
        (rule, i, j)
        for rule, i, j in rules.triggers.find(toks)
        if (not rule.needs or _needs(rule, toks, i, j, 0, n)) and not _excepted(rule, toks, i, j, 0, n)
    ]
    if not found:
        return []  # most blocks: no phrase of any rule, so no need to find their sentences
    findings = []
    for start, end in split(text):
        lo = next((i for i, t in enumerate(toks) if t.start >= start), len(toks))
        hi = next((i for i in range(lo, len(toks)) if toks[i].start >= end), len(toks))
        inside = [(rule, i, j) for rule, i, j in found if lo <= i and j <= hi]
        if inside:
            findings += _sentence(text, start, end, toks, lo, hi, inside, rules)
    return findings


def _sentence(text: str, start: int, end: int, toks: list[Token], lo: int, hi: int, found, rules: Rules):
    if _asks(text[start:end], toks[lo:hi], rules):
        return []
    hedged = None
    hits: dict[str, Finding] = {}
    for rule, i, j in found:
        category = rule.category
        if category.name in hits or _negated(toks, i, j, lo, hi, rules):
            continue
        if _excepted(rule, toks, i, j, lo, hi):
            continue
        if rule.needs and not _needs(rule, toks, i, j, lo, hi):
            continue
        if rule.unless and rule.unless.search(toks, lo, hi):
            continue
        if category.hedged:
            hedged = rules.hedges.search(toks, lo, hi) if hedged is None else hedged
            if hedged:
                continue
        words = text[toks[i].start : toks[j - 1].end]
        hits[category.name] = Finding(start, end, " ".join(text[start:end].split()), category, words)
    return list(hits.values())


def _excepted(rule, toks: list[Token], i: int, j: int, lo: int, hi: int) -> bool:
    """Whether a longer phrase that makes no claim ("lower back", "who treats you") covers the phrase."""
    return bool(rule.exceptions) and any(a < j and i < b for _, a, b in rule.exceptions.find(toks, lo, hi))


def _needs(rule, toks: list[Token], i: int, j: int, lo: int, hi: int) -> bool:
    """Whether the sentence also says what the rule needs, outside the phrase; with ``near``, within that many
    words after it (before it in Urdu, where the verb comes after its object)."""
    found = [(a, b) for _, a, b in rule.needs.find(toks, lo, hi) if b <= i or a >= j]
    if not rule.near:
        return bool(found)
    if rule.either_side:
        return any((b <= i and i - b <= rule.near) or (a >= j and a - j <= rule.near) for a, b in found)
    if _ARABIC_SCRIPT.match(toks[i].text):
        return any(b <= i and i - b <= rule.near for a, b in found)
    return any(a >= j and a - j <= rule.near for a, b in found)


def _asks(sentence: str, toks: list[Token], rules: Rules) -> bool:
    """A plain question ("Can dry needling cure sciatica?") asks; it claims nothing."""
    return bool(toks) and sentence.rstrip().endswith(("?", "؟")) and toks[0].text in rules.questions


def _negated(toks: list[Token], i: int, j: int, lo: int, hi: int, rules: Rules) -> bool:
    """Whether a negation comes just before the phrase, or (Urdu, where it follows the verb) just after it."""
    before = toks[max(lo, i - _BEFORE) : i]
    if any(t.text in rules.negations or t.text.endswith("n't") for t in before):
        return True
    # "کوئی ... نہیں" is how Urdu says "no ...": there the negation is the claim ("no side effects").
    if _ARABIC_SCRIPT.match(toks[j - 1].text) and toks[i].text != "کوئی":
        return any(t.text in _URDU_NEGATIONS for t in toks[j : min(hi, j + 2)])
    return False
