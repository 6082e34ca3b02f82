"""Text as patients read it: entities decoded, typographic variants folded, numbers written as digits.

Every function here keeps the text's line breaks where they were, so a sentence's line in the file can still be
counted from the newlines before it.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that look like a hyphen, a space or a quote to a reader but not to a pattern.
_FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u2014": " - ", "\u2015": " - ",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u0640": None,  # Arabic tatweel, a stretch with no meaning
    # Urdu written with Arabic code points (common keyboards): the letters Urdu text uses.
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0647": "\u06c1", "\u06c0": "\u06c1",
    "\u066a": "%", "\u060c": ",", "\u061b": ";", "\u06d4": "\u06d4",
    **{chr(0x06F0 + d): str(d) for d in range(10)}, **{chr(0x0660 + d): str(d) for d in range(10)},
})  # fmt: skip
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")  # Arabic-script vowel signs: optional in Urdu

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_URDU_NUMBERS = {"سو": 100, "ننانوے": 99, "پچانوے": 95, "نوے": 90, "اسی": 80, "ستر": 70, "ساٹھ": 60, "پچاس": 50}
_WORD = "|".join(sorted([*_UNITS, *_TEENS, *_TENS], key=len, reverse=True))
_SPELLED = re.compile(
    rf"\b(?:(?P<hundred>(?:a|one)\s+hundred)|(?P<tens>{_WORD})(?:[\s-]+(?P<unit>{'|'.join(_UNITS)}))?)"
    r"(?=[\s-]+(?:per\s*cent|percent|pc\b|%))",
    re.I,
)
# "four out of five", "nine in ten": small counts as digits, so outcome figures read alike however written.
_SMALL = {**_UNITS, "ten": 10}
_COUNT = re.compile(rf"\b(?P<a>{'|'.join(_SMALL)})(?P<mid>\s+(?:out of|in)\s+)(?P<b>{'|'.join(_SMALL)})\b", re.I)
_PERCENT = re.compile(r"(?<=\d)[\s-]*(?:per\s*cent|percent|pct\b|%)", re.I)
# "#1", "No. 1": a rank, read as "number 1" (the "#" is no word, and "No." no negation).
_RANK = re.compile(r"(?<![\w#&])(?:#\s?|\bno\.\s?)(?=\d)", re.I)
# An English loanword's s-cluster written with or without a leading alef ("اسٹیم" and "سٹیم", stem): read alike.
_ALEF_CLUSTER = re.compile("(?<![\u0600-\u06ff])\u0627(?=\u0633[\u0679\u067e\u06a9])")
_URDU_PERCENT = re.compile(r"(?:(?P<word>" + "|".join(_URDU_NUMBERS) + r")|(?P<digits>\d+))\s*فیصد")


def normalise(text: str) -> str:
    """The text with entities decoded, variants folded and percentages as digits ("100%"); same line breaks."""
    text = html.unescape(text) if "&" in text else text
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    text = _MARKS.sub("", text)
    text = _SPELLED.sub(_spelled, text)
    text = _PERCENT.sub("%", text)
    text = _COUNT.sub(lambda m: f"{_SMALL[m['a'].lower()]}{m['mid']}{_SMALL[m['b'].lower()]}", text)
    text = _RANK.sub("number ", text) if "#" in text or "o." in text else text
    text = _ALEF_CLUSTER.sub("", text)
    return _URDU_PERCENT.sub(lambda m: f"{m.group('digits') or _URDU_NUMBERS[m.group('word')]}%", text)


def _spelled(match: re.Match) -> str:
    if match.group("hundred"):
        return "100"
    tens = match.group("tens").lower()
    value = _UNITS.get(tens) or _TEENS.get(tens) or _TENS[tens]
    return str(value + _UNITS.get((match.group("unit") or "").lower(), 0))
