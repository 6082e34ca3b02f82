"""The Urdu pages' font: Noto Naskh Arabic (SIL OFL 1.1), subset to Urdu's letters and marks and made WOFF2.

Only pages in Urdu load it (themes/clinic/static/css/urdu.css). A Nastaliq face is Urdu's traditional style,
but its contextual forms keep even a small subset several times heavier than the page budget allows; Naskh
reads well at body sizes. ``./run fonts`` remakes the files from Debian's fonts-noto-core.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto")
#: Urdu's letters, the marks written over and under them, its punctuation, and the joiners and direction marks.
URDU = ("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٹپچڈڑژکگںھہۂۃیےۓ" "ًٌٍَُِّْٰٖٗ" "،؛؟۔٪٫٬"
        "\u200c\u200d\u200e\u200f\u061c" " 0123456789()[]-:.,!?'\"/%+")  # fmt: skip
FACES = (
    ("NotoNaskhArabic-Regular.ttf", "naskh-regular.woff2"),
    ("NotoNaskhArabic-Bold.ttf", "naskh-bold.woff2"),
)


def make(folder: Path, extra: str = "") -> list[Path]:
    """Write each face, subset to Urdu (and ``extra``, the characters the content uses), into ``folder``."""
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
