"""One block of text, sentence by sentence, against the rules: which categories of claim each sentence makes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .clauses import negated, supposed
from .normalise import normalise
from .rules import Category, Rules
from .sentences import Token, split, tokens

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_ANSWER = 4  # an answer's "yes" comes within its first words ("In our experience, yes")


@dataclass(frozen=True)
class Finding:
    """A sentence that makes a claim: where it is in the block, the line it starts on (counted from the block's
    first), the category and the words that made it."""

    start: int
    end: int
    sentence: str
    category: Category
    words: str
    line: int = 0


def classify(text: str, rules: Rules, lead: str = "") -> list[Finding]:
    """Every claim in ``text`` (one block), one finding per sentence and category, in the order of the text. A list
    item is read with its list's ``lead``-in, whose own claims are its own (only the item's phrases count here)."""
    text = normalise(text)
    skip = 0
    if lead:
        prefix = " ".join(normalise(lead).split()) + " "
        text, skip = prefix + text, len(prefix)
    toks = tokens(text, rules.lemmas)
    n = len(toks)
    spans = _Spans(toks)
    # A phrase whose rule needs another one the block lacks cannot make a claim in any sentence of it.
    listed = rules.listed.find(toks) if lead.endswith(":") else ()  # a list's lead-in ends with a colon
    found = [
        (rule, i, j)
        for phrases in (rules.triggers.find(toks), listed) for rule, i, j in phrases
        if toks[j - 1].end > skip
        and (not rule.needs or _needs(rule, spans, i, j, 0, n)) and not _excepted(rule, spans, i, j, 0, n)
    ]  # fmt: skip
    if not found:
        return []  # most blocks: no phrase of any rule, so no need to find their sentences
    findings = []
    for starts, end in _units(text, split(text), toks, rules):
        start = starts[0]
        lo = next((i for i, t in enumerate(toks) if t.start >= start), n)
        hi = next((i for i in range(lo, n) if toks[i].start >= end), n)
        inside = [(rule, i, j) for rule, i, j in found if lo <= i and j <= hi]
        if inside:
            item = next((k for k in range(lo, hi) if toks[k].start >= skip), hi)  # where the list item starts
            later = [next((k for k in range(lo, hi) if toks[k].start >= s), hi) for s in starts[1:]]
            # A question answered no ("Proven? Not yet: ...", "Absolutely not.") denies what it asks.
            asked = zip([lo, *later], later, strict=False)
            denied = [(a, b) for a, b in asked if any(t.text in rules.negations for t in toks[b : min(b + 2, hi)])]
            inside = [(rule, i, j) for rule, i, j in inside if not any(a <= i < b for a, b in denied)]
            findings += _sentence(text, start, end, spans, lo, hi, inside, rules, item, {lo, item, *later})
    if skip:  # where each is in the item, not in the lead-in before it
        findings = [replace(f, start=max(0, f.start - skip), end=max(0, f.end - skip)) for f in findings]
    return findings


class _Spans:
    """Where each set of phrases is found in a block's words, between two of them: found once in the whole block,
    asked often. (A phrase is matched as short as it can be, so one that fits between two words is found so.)"""

    def __init__(self, toks: list[Token]):
        self.toks, self._found = toks, {}

    def __call__(self, phrases, lo: int, hi: int) -> list[tuple[int, int]]:
        found = self._found.get(id(phrases))
        if found is None:
            found = self._found[id(phrases)] = [(a, b) for _, a, b in phrases.find(self.toks)]
        return [(a, b) for a, b in found if lo <= a and b <= hi]


def _units(text: str, sentences: list[tuple[int, int]], toks: list[Token], rules: Rules):
    """The sentences, each question read with the sentence after it when that one answers it: a question that is
    no plain question ("Back pain? Not any more.", "Runner's knee? Shin splints? Needling gets you moving.") or one
    answered yes ("Can it cure fibromyalgia? In our experience, yes."). Yields (where each sentence starts, end)."""
    starts: list[int] = []
    for n, (start, end) in enumerate(sentences):
        starts.append(start)
        if n + 1 < len(sentences) and text[start:end].rstrip().endswith(("?", "\u061f")):
            firsts = [t for t in toks if start <= t.start < end][:1]
            answer = [t.text for t in toks if sentences[n + 1][0] <= t.start < sentences[n + 1][1]][:_ANSWER]
            if not _asks(text[start:end], firsts, rules) or any(word in rules.answers for word in answer):
                continue
        yield starts, end
        starts = []


def _sentence(text, start, end, spans: _Spans, lo: int, hi: int, found, rules: Rules, item: int, opening: set):
    """The claims of one sentence: words ``lo`` to ``hi``, of which those before ``item`` are a list's lead-in;
    ``opening``: the words that open it (its list item's, and in a question read with its answer, each sentence's)."""
    toks = spans.toks
    if _asks(text[start:end], [toks[k] for k in opening if k < hi], rules):
        return []
    hedged = None
    hits: dict[str, Finding] = {}
    disclaimed = _disclaimed(toks, spans(rules.disclaimers, lo, hi), lo, hi, rules) if rules.disclaimers else []
    hypothetical = supposed(text, toks, spans, lo, hi, rules) if rules.conditionals else []
    for rule, i, j in found:
        category = rule.category
        if category.name in hits or (rule.opens and i not in opening) or any(a <= i < b for a, b in disclaimed):
            continue
        if any(a <= i < b for a, b in hypothetical) or negated(text, toks, i, j, lo, hi, rules, item):
            continue
        if _excepted(rule, spans, i, j, lo, hi):
            continue
        if rule.needs and not _needs(rule, spans, i, j, lo, item if rule.listed else hi):  # listed: in the lead-in
            continue
        if rule.unless and spans(rule.unless, lo, hi):
            continue
        if category.hedged and not rule.listed:  # a list of conditions is a claim however it is introduced
            hedged = bool(spans(rules.hedges, lo, hi)) if hedged is None else hedged
            if hedged:
                continue
        words = text[toks[i].start : toks[j - 1].end]
        line = text.count("\n", 0, toks[lo].start)
        hits[category.name] = Finding(start, end, " ".join(text[start:end].split()), category, words, line)
    return list(hits.values())


def _excepted(rule, spans: _Spans, i: int, j: int, lo: int, hi: int) -> bool:
    """Whether a longer phrase that makes no claim ("lower back", "who treats you") covers the phrase."""
    return bool(rule.exceptions) and any(a < j and i < b for a, b in spans(rule.exceptions, lo, hi))


def _needs(rule, spans: _Spans, i: int, j: int, lo: int, hi: int) -> bool:
    """Whether the sentence also says what the rule needs, beside the phrase; with ``near``, within that many
    words after it (``side: before``: before it; Urdu, where the verb comes after its object, the other way)."""
    # Outside the phrase's own first and last words: in a gap of it ("never ... again") is outside too.
    found = [(a, b) for a, b in spans(rule.needs, lo, hi) if not (a <= i < b or a < j <= b)]
    if not rule.near:
        return bool(found)
    before = any(b <= i and i - b <= rule.near for a, b in found)
    after = any(a >= j and a - j <= rule.near for a, b in found)
    if rule.side == "either":
        return before or after
    return before if (rule.side == "before") != bool(_ARABIC_SCRIPT.match(spans.toks[i].text)) else after


def _asks(sentence: str, firsts: list[Token], rules: Rules) -> bool:
    """A plain question ("Can dry needling cure sciatica?", a list item "does it improve circulation?") asks; it
    claims nothing. ``firsts``: the sentence's first word, and its list item's."""
    return sentence.rstrip().endswith(("?", "؟")) and any(t.text in rules.questions for t in firsts)


def _disclaimed(toks: list[Token], found, lo: int, hi: int, rules: Rules) -> list[tuple[int, int]]:
    """The stretches of a sentence the disclaimers ``found`` in it cover ("we cannot promise ...", "X does not mean
    Y", "people ask whether ..."): both ways from each, up to a contrast ("but", "لیکن") or the sentence's ends."""
    covered = []
    for a, b in found:
        start = next((k + 1 for k in range(a - 1, lo - 1, -1) if toks[k].text in rules.contrasts), lo)
        end = next((k for k in range(b, hi) if toks[k].text in rules.contrasts), hi)
        covered.append((start, end))
    return covered
