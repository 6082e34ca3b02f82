"""How far a word reaches in its sentence: a negation to the end of its clause, across an aside or a list; a
condition ("if") over its own clause only.

A clause ends at a comma, semicolon, colon, bracket, dash or a question's mark, and before a clause word ("and",
"but", "which"). Two kinds of comma do not end one: those around a short aside that opens with an aside word ("No
needle, however fine, is entirely without risk": the negation reaches "without risk") and those between the items
of a list ("We do not offer it for fertility, hormone or weight problems": the negation reaches every item).
"""

from __future__ import annotations

import re

from .sentences import Token

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_URDU_NEGATIONS = frozenset({"نہیں", "نہ"})
_REACH = 6  # words before a phrase, in its clause, that can negate it ("there is no good evidence that it prevents")
# Between two words: a clause ends there (a question's mark too, in a question read with its answer: "Not sure?
# Needling cures back pain." denies nothing).
CLAUSE_END = re.compile(r"[,;:()\u2014?\u061f]| - ")
_COMMA = re.compile(r"\A[\s\"'*_]*,[\s\"'*_]*\Z")  # a comma alone between two words (emphasis and quotes aside)
_LIST_WORDS = frozenset({"and", "or", "nor", "اور", "یا"})  # what joins a list's last item
# Words that open a clause, not a list item: "No waiting, honestly, and it's completely safe" lists nothing.
_SUBJECTS = frozenset({"it", "it's", "we", "we're", "we'll", "you", "you're", "you'll", "they", "they're", "he", "she",
                       "i", "i'm", "there", "there's", "this", "that", "that's", "یہ", "وہ", "ہم", "آپ"})  # fmt: skip
_ASIDE = 4  # most words of an aside between commas
_ITEM = 3  # most words of an item in the middle of a list
_LAST_ITEM = 4  # most words of a list's last item


def negated(text: str, toks: list[Token], i: int, j: int, lo: int, hi: int, rules, item: int) -> bool:
    """Whether a negation comes before the phrase ``toks[i:j]`` in its clause ("there is no good evidence that it
    prevents"; a list's lead-in reaches into its items: "not used for: - anxiety"), or (Urdu, where it follows the
    verb) just after it, whatever script the phrase is in ("100% محفوظ نہیں")."""
    discount = 0  # words that do not count towards the reach: an aside's, a list's later items
    k, passed = i - 1, -1  # passed: the comma that opens an aside already read past
    while k >= lo:
        ends = k + 1 != item and k != passed and _ends(text, toks, k)
        if ends or toks[k].text in rules.clauses:
            opened = _aside_opens(text, toks, k, lo, rules) if ends else None
            if opened is not None:
                discount += k - opened + 1
                k = passed = opened - 1
                continue
            if not _in_list(text, toks, k, lo, hi, rules):
                break
            discount = i - k + (toks[k].text in _LIST_WORDS)  # the reach is counted to the list's first item
        if _negation(toks[k], rules):
            # A negation reaches six words, or the whole clause it opens ("no treatment that ... is risk-free");
            # after "not only", "don't suffer" it is rhetoric, and the claim stands.
            first = k == lo or _ends(text, toks, k - 1) or toks[k - 1].text in rules.clauses
            if i - k - discount <= _REACH or first:
                # "نہ کوئی خطرہ" (no risk at all): a phrase of "کوئی" (any) after the negation is its claim, not denied
                return toks[k + 1].text not in rules.rhetoric and not (k + 1 == i and toks[i].text == "کوئی")
        k -= 1
    # "کوئی ... نہیں" is how Urdu says "no ...": there the negation is the claim ("no side effects").
    if toks[i].text != "کوئی" and j < hi and _ARABIC_SCRIPT.match(toks[j].text):
        return any(t.text in _URDU_NEGATIONS for t in toks[j : min(hi, j + 2)])
    return False


def supposed(text: str, toks: list[Token], spans, lo: int, hi: int, rules) -> list[tuple[int, int]]:
    """The stretches a condition supposes rather than states: from "if" ("اگر") to the end of its clause (to "then",
    "تو"; past a list's commas): "If his pain has eased, he can train" claims nothing. A wish is no supposition: "If
    you want to be pain-free for good, call us" makes its claim."""
    found = []
    for k in range(lo, hi):
        if toks[k].text in rules.conditionals:
            end = k + 1
            while end < hi and toks[end].text not in rules.consequents:
                if _ends(text, toks, end - 1) and not _in_list(text, toks, end - 1, lo, hi, rules):
                    break
                end += 1
            if not spans(rules.wishes, k, end):
                found.append((k, end))
    return found


def _negation(token: Token, rules) -> bool:
    return token.text in rules.negations or token.text.endswith("n't")


def _ends(text: str, toks: list[Token], k: int) -> bool:
    """Whether a clause ends between word ``k`` and the next."""
    return k + 1 < len(toks) and bool(CLAUSE_END.search(text, toks[k].end, toks[k + 1].start))


def _comma(text: str, toks: list[Token], k: int) -> bool:
    """Whether a comma alone stands between word ``k`` and the next."""
    return k >= 0 and k + 1 < len(toks) and bool(_COMMA.match(text[toks[k].end : toks[k + 1].start]))


def _aside_opens(text: str, toks: list[Token], k: int, lo: int, rules) -> int | None:
    """Where the short aside that a comma after word ``k`` closes starts (its first word, an aside word such as
    "however", "even", "including"), or None."""
    if not _comma(text, toks, k):
        return None
    for m in range(k, max(lo, k - _ASIDE + 1) - 1, -1):
        if m < k and _ends(text, toks, m):
            return None
        if toks[m].text in rules.asides and m - 1 >= lo and _comma(text, toks, m - 1):
            return m
    return None


def _in_list(text: str, toks: list[Token], k: int, lo: int, hi: int, rules) -> bool:
    """Whether the comma after word ``k``, or the word ``k`` itself ("and"), is inside a list of short items
    ("fertility, hormone or weight problems"; "anxiety, depression and sleep"): a list has a comma between two
    items of at most three words and a last item, after "and", "or", "nor", of at most four words."""
    if toks[k].text in _LIST_WORDS:  # "and" joins the last item: a short item after a comma must come before it
        before = _item_before(text, toks, k if not _comma(text, toks, k - 1) else k - 1, lo)
        return before and _last_item(text, toks, k + 1, hi, rules)
    if not _comma(text, toks, k):
        return False
    s, middle = k + 1, 0
    while s < hi:
        if toks[s].text in _LIST_WORDS:  # ", and" (a serial comma): the item before must itself follow a comma
            return (middle > 0 or _item_before(text, toks, k, lo)) and _last_item(text, toks, s + 1, hi, rules)
        e = s
        while e < hi and e - s < _ITEM and toks[e].text not in _LIST_WORDS and not _ends(text, toks, e):
            e += 1
        if e < hi and toks[e].text in _LIST_WORDS:  # the item s .. e - 1, then "or"
            return _last_item(text, toks, e + 1, hi, rules)
        if e < hi and e - s < _ITEM and _comma(text, toks, e) and toks[e].text not in rules.clauses:
            middle, s = middle + 1, e + 1  # the item s .. e, then a comma
            continue
        return False
    return False


def _item_before(text: str, toks: list[Token], k: int, lo: int) -> bool:
    """Whether the words up to ``k`` after a comma make a short list item (at most three words)."""
    for m in range(k, max(lo, k - _ITEM) - 1, -1):
        if m < k and _ends(text, toks, m):
            return _comma(text, toks, m)
    return False


def _last_item(text: str, toks: list[Token], s: int, hi: int, rules) -> bool:
    """Whether a list's last item of at most four words starts at word ``s`` and ends its clause."""
    if s >= hi or toks[s].text in _SUBJECTS:
        return False
    for e in range(s, min(hi, s + _LAST_ITEM)):
        if toks[e].text in rules.clauses and e > s:
            return True
        if _ends(text, toks, e):
            return True
    return s < hi and hi - s <= _LAST_ITEM
