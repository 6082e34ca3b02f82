"""Phrases over words: the small pattern language of claims.yaml, and a set of phrases found in one pass.

A phrase is words separated by spaces. A word matches a token written so or whose lemma it is ("treat" matches
"treats"); ``a|b`` is either word, ``word*`` any word whose spelling or lemma starts so ("relieve*" matches
"relieving"), ``#`` a number, ``#%`` a percentage, ``_`` any one word and ``...`` up to three words. An item may
list several phrases separated by `` | `` (space, bar, space).
"""

from __future__ import annotations

from dataclasses import dataclass

from .normalise import normalise
from .sentences import Token, tokens

_GAP = 3  # most words "..." stands for
_HEAD = 3  # letters of a prefix its phrases are indexed by


@dataclass(frozen=True)
class Word:
    """One position of a phrase: the literal words and prefixes it accepts, or a number, any word, a gap."""

    kind: str  # "word", "number", "percent", "any", "gap"
    literals: frozenset = frozenset()
    prefixes: tuple = ()

    def matches(self, token: Token) -> bool:
        if self.kind == "word":
            return (token.text in self.literals or token.lemma in self.literals
                    or any(token.text.startswith(p) or token.lemma.startswith(p) for p in self.prefixes))  # fmt: skip
        if self.kind == "number":
            return token.text[:1].isdigit() and not token.text.endswith("%")
        if self.kind == "percent":
            return token.text[:1].isdigit() and token.text.endswith("%")
        return True


def parse(item: str) -> list[tuple[Word, ...]]:
    """The phrases of one claims.yaml item; raise ValueError saying what is wrong with one."""
    phrases = []
    for text in normalise(item).split(" | "):
        words = []
        for part in text.replace("-", " ").split():  # "pain-free" is read as "pain free"
            words.append(_word(part))
        while words and words[-1].kind == "gap":
            words.pop()
        if not words or words[0].kind in ("gap", "any"):
            raise ValueError(f'"{text.strip()}" must start with a word or a number')
        phrases.append(tuple(words))
    return phrases


def _word(part: str) -> Word:
    if part == "...":
        return Word("gap")
    if part == "_":
        return Word("any")
    if part in ("#", "#%"):
        return Word("number" if part == "#" else "percent")
    literals, prefixes = set(), []
    for alternative in part.lower().split("|"):
        if alternative.endswith("*") and len(alternative) > 1:
            prefixes.append(alternative[:-1])
        else:
            literals.update(t.text for t in tokens(alternative))
    if not literals and not prefixes:
        raise ValueError(f'"{part}" has no word in it')
    return Word("word", frozenset(literals), tuple(prefixes))


class PhraseSet:
    """Phrases, each with a payload, found in a list of tokens without trying every phrase at every word.

    Phrases are indexed by their first word: a literal by the word itself, a prefix by its first letters (up to
    ``_HEAD``), a number in a list of its own; a token only tries the phrases its own spelling or lemma can start.
    """

    def __init__(self, entries: list[tuple[tuple[Word, ...], object]]):
        self.by_word: dict[str, list] = {}
        self.by_head: dict[str, list] = {}
        self.numbers: list = []
        for entry in entries:
            first = entry[0][0]
            for literal in first.literals:
                self.by_word.setdefault(literal, []).append(entry)
            for prefix in first.prefixes:
                self.by_head.setdefault(prefix[:_HEAD], []).append(entry)
            if first.kind in ("number", "percent"):
                self.numbers.append(entry)
        # What a word must be, or start with, to start a phrase here (a number: its first digit).
        self._starts = frozenset(
            [*self.by_word, *(head[:1] for head in self.by_head), *("0123456789" if self.numbers else ())]
        )

    def __bool__(self) -> bool:
        return bool(self.by_word or self.by_head or self.numbers)

    def candidates(self, token: Token) -> list:
        """The phrases ``token`` can start: by its spelling, its lemma, their first letters, or as a number."""
        found = list(self.by_word.get(token.text, ()))
        if token.lemma != token.text:
            found += self.by_word.get(token.lemma, ())
        if self.by_head:
            for n in range(1, min(_HEAD, len(token.text)) + 1):
                found += self.by_head.get(token.text[:n], ())
            if token.lemma[:_HEAD] != token.text[:_HEAD]:  # "relieving" starts a phrase its lemma "relieve" starts
                for n in range(1, min(_HEAD, len(token.lemma)) + 1):
                    found += self.by_head.get(token.lemma[:n], ())
        if self.numbers and token.text[:1].isdigit():
            found += self.numbers
        return found

    def find(self, toks: list[Token], lo: int = 0, hi: int | None = None):
        """Yield (payload, first token, token after the last) for every phrase found in ``toks[lo:hi]``."""
        hi = len(toks) if hi is None else hi
        starts = self._starts
        for i in range(lo, hi):
            token = toks[i]
            # Most words start no phrase of a set: tell so from a set of first words and first letters.
            if not (token.text in starts or token.lemma in starts or token.text[:1] in starts
                    or token.lemma[:1] in starts):  # fmt: skip
                continue
            seen = set()
            for words, payload in self.candidates(token):
                if id(words) in seen:
                    continue
                seen.add(id(words))
                end = _match(words, toks, i, hi)
                if end is not None:
                    yield payload, i, end

    def search(self, toks: list[Token], lo: int = 0, hi: int | None = None) -> bool:
        return next(self.find(toks, lo, hi), None) is not None


def _match(words: tuple[Word, ...], toks: list[Token], i: int, hi: int) -> int | None:
    """The token after the phrase if ``words`` match from token ``i`` on (gaps as short as possible)."""
    if not words:
        return i
    word = words[0]
    if word.kind == "gap":
        for skip in range(_GAP + 1):
            end = _match(words[1:], toks, i + skip, hi)
            if end is not None:
                return end
        return None
    if i >= hi or not word.matches(toks[i]):
        return None
    return _match(words[1:], toks, i + 1, hi)
