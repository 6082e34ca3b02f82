"""The Urdu pages' font: Noto Naskh Arabic (SIL OFL 1.1), subset to the letters Urdu pages use and made WOFF2, and
the fallback faces that stand in for it with matched metrics.

Only pages in Urdu load it (themes/clinic/static/css/lang-ur.css), preloaded so it is there for the first paint.
A Nastaliq face is Urdu's traditional style, but its contextual forms keep even a small subset several times
heavier than the page budget allows; Naskh reads well at body sizes. ``./run fonts`` builds the sites, gathers
every character their right-to-left pages show, and remakes the files from Debian's fonts-noto-core; it also
writes the fallback faces into lang-ur.css.

Fallback faces: where the web font is not there in time, the text is set in a system font that has Urdu's
letters (ہ, ے, ۔ are missing from many), sized and spaced like the Naskh face (``size-adjust``, ``ascent-override``,
``descent-override``), so lines break in nearly the same places. The metrics are measured here from the fonts
Debian ships; a font not installed here (Segoe UI, Tahoma, Geeza Pro) follows them in the stack unadjusted.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto")
#: Urdu's letters, the marks written over and under them, its punctuation, and the joiners and direction marks:
#: always in the subset, so a new page using a letter no page used before still shows it.
URDU = ("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٹپچڈڑژکگںھہۂۃیےۓ" "ًٌٍَُِّْٰٖٗ" "،؛؟۔٪٫٬"
        "\u200c\u200d\u200e\u200f\u061c" " 0123456789()[]-:.,!?'\"/%+")  # fmt: skip
#: The characters the face is used for (lang-ur.css ``unicode-range``): Urdu's, its joiners and direction marks, and
#: the spaces, digits, colon, comma and full stop written among Urdu words (from another font, a space between
#: two Urdu words would take that font's width); the rest is set in the Latin fonts. The face has each of them.
RANGE = ((0x0020, 0x0020), (0x002C, 0x002C), (0x002E, 0x002E), (0x0030, 0x003A), (0x00A0, 0x00A0), (0x0600, 0x06FF),
         (0x200C, 0x200F))  # fmt: skip
UNICODE_RANGE = ", ".join(f"U+{low:04X}-{high:04X}" if low != high else f"U+{low:04X}" for low, high in RANGE)
FACES = (
    ("NotoNaskhArabic-Regular.ttf", "naskh-regular.woff2"),
    ("NotoNaskhArabic-Bold.ttf", "naskh-bold.woff2"),
)
#: Fallback faces: (family name in the stylesheet, weight, local() names, the font file here to measure).
FALLBACKS = (
    ("Urdu Naskh Local", 400, ("Noto Naskh Arabic", "NotoNaskhArabic-Regular", "Noto Naskh Arabic UI",
                               "NotoNaskhArabicUI-Regular"), "NotoNaskhArabic-Regular.ttf"),
    ("Urdu Naskh Local", 700, ("Noto Naskh Arabic Bold", "NotoNaskhArabic-Bold", "Noto Naskh Arabic UI Bold",
                               "NotoNaskhArabicUI-Bold"), "NotoNaskhArabic-Bold.ttf"),
    ("Urdu Sans Fallback", 400, ("Noto Sans Arabic", "NotoSansArabic-Regular", "Noto Sans Arabic UI",
                                 "NotoSansArabicUI-Regular"), "NotoSansArabic-Regular.ttf"),
    ("Urdu Sans Fallback", 700, ("Noto Sans Arabic Bold", "NotoSansArabic-Bold", "Noto Sans Arabic UI Bold",
                                 "NotoSansArabicUI-Bold"), "NotoSansArabic-Bold.ttf"),
)  # fmt: skip
BEGIN, END = "/* fonts.py fallback faces: written by ./run fonts */", "/* end of fonts.py fallback faces */"


def in_range(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in RANGE)


_NOT_TEXT = re.compile(r"<head>.*?</head>|<script.*?</script>|<style.*?</style>|<svg.*?</svg>|<[^>]+>", re.S)


def used_characters(folder: Path) -> Counter:
    """How often each character the face is for appears in the text of the right-to-left pages under ``folder``
    (what the page shows: not its markup, scripts or drawings)."""
    counts: Counter = Counter()
    for page in sorted(Path(folder).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if re.search(r'<html[^>]*\bdir="rtl"', html[:400]):
            counts.update(ch for ch in unescape(_NOT_TEXT.sub(" ", html)) if in_range(ch))
    return counts


def make(folder: Path, extra: str = "") -> list[Path]:
    """Write each face, subset to Urdu (and ``extra``, the characters the pages use), into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source, name in FACES:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # joining forms and mark positioning are what make Urdu readable
        options.name_IDs = ["*"]  # keep the copyright and licence notices in the font
        font = TTFont(SOURCE / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=URDU + extra)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(folder / name)
        written.append(folder / name)
    return written


def _metrics(path: Path, counts: Counter) -> tuple[float, float, float]:
    """(average advance of the text, ascent, descent) in ems: the advance of each character's own glyph, weighted
    by how often the pages use it (an estimate: joined letters take other forms, of similar widths)."""
    font = TTFont(path)
    em = font["head"].unitsPerEm
    cmap, advances = font.getBestCmap(), font["hmtx"].metrics
    total = sum(n for ch, n in counts.items() if ord(ch) in cmap)
    width = sum(n * advances[cmap[ord(ch)]][0] for ch, n in counts.items() if ord(ch) in cmap) / (total or 1)
    return width / em, font["hhea"].ascent / em, -font["hhea"].descent / em


def fallback_css(counts: Counter, source: Path = SOURCE) -> str:
    """The fallback @font-face rules, each local font sized and spaced like the web font's face of its weight."""
    web = {400: _metrics(source / FACES[0][0], counts), 700: _metrics(source / FACES[1][0], counts)}
    rules = [BEGIN]
    for family, weight, names, measured in FALLBACKS:
        width, ascent, descent = web[weight]
        size = width / _metrics(source / measured, counts)[0]
        local = ", ".join(f'local("{name}")' for name in names)
        rules.append(f'@font-face {{ font-family: "{family}"; src: {local}; font-weight: {weight}; '
                     f"size-adjust: {size:.1%}; ascent-override: {ascent / size:.1%}; "
                     f"descent-override: {descent / size:.1%}; line-gap-override: 0%; "
                     f"unicode-range: {UNICODE_RANGE}; }}")  # fmt: skip
    rules.append(END)
    return "\n".join(rules)


def write_fallbacks(stylesheet: Path, counts: Counter) -> None:
    """Put the fallback faces into ``stylesheet``, in place of the ones written last time."""
    text = stylesheet.read_text(encoding="utf-8")
    block = fallback_css(counts)
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n" + block + "\n"
    stylesheet.write_text(text, encoding="utf-8")
