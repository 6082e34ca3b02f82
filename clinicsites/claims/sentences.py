"""Sentences and words: pysbd finds where sentences end, simplemma's English dictionary gives words their lemmas.

Both are pure Python and ship their data inside the wheel (no download, so a build stays offline). Reading
simplemma's whole dictionary takes most of a second, so the rules keep only the part they can use (``lemma_table``:
the inflected forms of the words the rules name), compiled once per rules file and kept in the cache folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def tokens(text: str, lemmas: dict[str, str] | None = None) -> list[Token]:
    """The words of ``text`` in lower case, each with its lemma from ``lemmas`` (else as written)."""
    lemmas = lemmas or {}
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group(0).lower()
        found.append(Token(word, lemmas.get(word, word), match.start(), match.end()))
    return found


def lemma_table(words: set[str]) -> dict[str, str]:
    """Every English form simplemma's dictionary knows whose lemma is one of ``words`` ("treats" -> "treat")."""
    # Imported here: only compiling new rules reads the dictionary (importing simplemma alone takes a while).
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    english = DefaultDictionaryFactory().get_dictionary("en")
    wanted = {w for w in words if _LATIN_WORD.match(w)}
    stored = getattr(english, "_dict", None)
    if isinstance(stored, dict):  # simplemma 2 keeps bytes: choose before decoding, not after (most of the time)
        chosen = {w.encode() for w in wanted}
        return {form.decode(): lemma.decode() for form, lemma in stored.items() if lemma in chosen and form != lemma}
    return {form: lemma for form, lemma in english.items() if lemma in wanted and form != lemma}


def possessives(table: dict[str, str], words: set[str]) -> dict[str, str]:
    """The possessive of every English word the rules name and of its forms, read as the word: "brain's" as "brain"."""
    found = {f"{word}'s": word for word in words if _LATIN_WORD.match(word) and not word.endswith("'s")}
    return {**found, **{f"{form}'s": lemma for form, lemma in table.items() if not form.endswith("'s")}}


def urdu_forms(words: set[str]) -> dict[str, str]:
    """The oblique and plural forms of the Urdu ``words`` (simplemma has no Urdu): "موٹاپے" and "موٹاپوں" read as
    "موٹاپا", "مسئلے" as "مسئلہ", "گولیاں" as "گولی", "جوڑوں" as "جوڑ"; a form the rules name itself keeps its own."""
    forms = {}
    for word in sorted(w for w in words if len(w) >= 3 and _ARABIC_SCRIPT.match(w)):
        if word[-1] in "اہ":
            made = (word[:-1] + "ے", word[:-1] + "وں")
        elif word[-1] == "ی":
            made = (word + "اں", word + "وں")
        else:
            made = (word + "وں",)
        forms.update({form: word for form in made if form not in words and form not in forms})
    return forms


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


def _segmenter(lang: str):
    """pysbd's segmenter for ``lang``, keeping the text as it is (no cleaning), so pieces can be found in it."""
    import pysbd  # here: a build whose files are all in the parse cache never needs it

    return pysbd.Segmenter(language=lang, clean=False)
