"""Sentences and words: pysbd finds where sentences end, simplemma gives each English word its lemma.

Both are pure Python, ship their data inside the wheel and need no download, so a build stays offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd
import simplemma

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?\Z")
# A number (with its per cent sign), a word (with an apostrophe inside), or a sign that carries meaning.
_INNER_END = re.compile(r"[.!?؟۔](?=.)")  # a mark that may end a sentence, with text after it
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)*|[%★]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word: as written (lower case), its lemma, and where it is in the text."""

    text: str
    lemma: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text``, with their lemmas (English) or as written (Urdu and everything else)."""
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group(0).lower()
        found.append(Token(word, lemma(word), match.start(), match.end()))
    return found


def lemma(word: str) -> str:
    """The dictionary form of an English word ("treats" -> "treat"); any other word as it is."""
    if _LATIN_WORD.match(word):
        return simplemma.lemmatize(word, lang="en")
    return word


def split(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends; a line break inside a paragraph does not end one."""
    flat = text.replace("\n", " ")  # same length: offsets stay those of the text
    if not flat.strip():
        return []
    if not _INNER_END.search(flat.rstrip()):
        return [(0, len(flat))]  # no sentence end before the last character: one sentence, no need to ask pysbd
    pieces = _segmenter("ur").segment(flat) if _ARABIC_SCRIPT.search(flat) else [flat]
    # Urdu's segmenter ends sentences at ۔ and ؟ only; English sentences inside a mixed paragraph end at "."
    pieces = [part for piece in pieces for part in _segmenter("en").segment(piece)]
    spans, at = [], 0
    for piece in pieces:
        start = flat.find(piece, at)
        if start < 0:  # the segmenter changed the text; keep what is left as one sentence
            spans.append((at, len(flat)))
            break
        at = start + len(piece)
        if piece.strip():
            spans.append((start, at))
    return spans


def _segmenter(lang: str) -> pysbd.Segmenter:
    """pysbd's segmenter for ``lang``, keeping the text as it is (no cleaning), so pieces can be found in it."""
    return pysbd.Segmenter(language=lang, clean=False)
