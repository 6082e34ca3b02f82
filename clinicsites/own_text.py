"""How much of each clinic's indexed text is its own, measured on its built pages as a search engine reads them.

Search engines treat many sites that differ only by a town's name as doorway pages, so the figure is taken from
what they see, not from where the Markdown came from: every page a clinic publishes for them (no ``noindex``,
its canonical link naming itself), the text of its ``<main>``, split into words. A word is shared when it sits
in a run of ``SHINGLE`` words (a shingle) that also appears on another clinic's site or the guide, on any of
their pages; every other word is the clinic's own. ``./run check`` builds the sites into the cache to measure
them (build.py ``check``); tests/test_own_text.py counts the same figure again with a second, simpler reader.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .clinics.model import Clinic, Config
from .content.library import Library
from .render import seo
from .render.plan import GUIDE, page_words, words
from .render.plan import plan as make_plan

#: Words in a run that another site also has: five, as in near-duplicate detection on the web.
SHINGLE = 5
#: Pages listed under a clinic's figure as pulling it down most.
WORST = 3
_HEAD = re.compile(r"<body\b", re.I)
_NOINDEX = re.compile(r"<meta\s[^>]*name=\"robots\"[^>]*content=\"[^\"]*noindex", re.I)
_CANONICAL = re.compile(r"<link\s[^>]*rel=\"canonical\"[^>]*href=\"([^\"]*)\"", re.I)
_MAIN = re.compile(r"<main\b[^>]*>(.*?)</main\s*>", re.S | re.I)
_UNSEEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


@dataclass
class PageShare:
    address: str  # from the output's root, e.g. "baton-rouge/conditions/"
    words: int
    own: int

    @property
    def ratio(self) -> float:
        return self.own / self.words if self.words else 0.0


@dataclass
class Share:
    slug: str
    own: int  # words
    indexed: int  # words
    facts: int
    indexed_at_all: bool = True
    pages: list[PageShare] = field(default_factory=list)  # the indexed ones
    short_notes: list[str] = field(default_factory=list)  # notes shown that do not make their page the clinic's

    @property
    def ratio(self) -> float:
        return self.own / self.indexed if self.indexed else 0.0

    def worst(self) -> list[PageShare]:
        """The indexed pages with the most shared words, most first."""
        return sorted(self.pages, key=lambda p: (p.own - p.words, p.address))[:WORST]


@dataclass
class _Page:
    address: str
    words: list[int]  # word numbers (each distinct word numbered once per measurement)
    indexed: bool


def measure(output: Path | str, config: Config, settings: dict) -> list[Share]:
    """Each clinic's own words on its indexed pages in ``output``, built with ``settings`` (which say where each
    site is published, so which canonical links name the page itself)."""
    output, numbers = Path(output), {}
    root = seo.root_url(settings, config.brand)
    sites = {c.slug: _read_site(output, c.slug, seo.clinic_url(settings, config.brand, c), numbers)
             for c in config.clinics}  # fmt: skip
    if (output / GUIDE).is_dir():
        sites[GUIDE] = _read_site(output, GUIDE, f"{root}{GUIDE}/", numbers)
    # Each shingle's site, or None once a second site has it too.
    where: dict[tuple, str | None] = {}
    for name, pages in sites.items():
        for page in pages:
            for shingle in _shingles(page.words):
                if where.setdefault(shingle, name) != name:
                    where[shingle] = None
    shares = []
    for clinic in config.clinics:
        counted = [PageShare(p.address, len(p.words), _own_words(p.words, where)) for p in sites[clinic.slug]
                   if p.indexed]  # fmt: skip
        shares.append(Share(clinic.slug, sum(p.own for p in counted), sum(p.words for p in counted),
                            local_facts(clinic), bool(counted), counted))  # fmt: skip
    return shares


def note_shortfalls(shares: list[Share], config: Config, library: Library, settings: dict) -> None:
    """Note on each share the clinic's notes too short to make their shared page its own (render/plan.py
    NOTE_SHARE), with the words each would need."""
    for share in shares:
        plan = make_plan(config, library, share.slug, settings)
        lang = plan.languages[0]
        for section, notes in sorted(plan.owner.notes.items()):
            for slug, note in sorted(notes.items()):
                src = plan.sources[lang].get((section, slug))
                if src is not None and src.owner is None and not plan.own(lang, (section, slug)):
                    share.short_notes.append(f"{section}/{slug} ({words(note)} words; "
                                             f"{-(-page_words(src) // 2)} needed)")  # fmt: skip


def main_words(page: str) -> list[str]:
    """The words of a page's ``<main>`` as a reader sees them: text only, lower case, scripts and styles left out."""
    found = _MAIN.search(page)
    if not found:
        return []
    text = html.unescape(_TAG.sub(" ", _UNSEEN.sub(" ", found.group(1))))
    return _WORD.findall(text.lower())


def indexed(page: str, url: str) -> bool:
    """Whether search engines are invited to index the page at ``url``: no noindex, and no canonical link naming
    another page."""
    head = page[: m.start()] if (m := _HEAD.search(page)) else page
    if _NOINDEX.search(head):
        return False
    canonical = _CANONICAL.search(head)
    return canonical is None or html.unescape(canonical.group(1)) == url


def _read_site(output: Path, name: str, site_url: str, numbers: dict[str, int]) -> list[_Page]:
    folder = output / name
    pages = []
    for path in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
        address = path.relative_to(folder).as_posix()
        address = address[: -len("index.html")] if address.endswith("index.html") else address
        text = path.read_text(encoding="utf-8")
        found = [numbers.setdefault(word, len(numbers)) for word in main_words(text)]
        pages.append(_Page(f"{name}/{address}", found, indexed(text, site_url + address)))
    return pages


def _shingles(words: list[int]):
    return zip(*(words[i:] for i in range(SHINGLE)), strict=False)


def _own_words(words: list[int], where: dict) -> int:
    """Words of a page in no shingle another site shares."""
    shared = bytearray(len(words))
    for start, shingle in enumerate(_shingles(words)):
        if where[shingle] is None:
            shared[start : start + SHINGLE] = b"\1" * SHINGLE
    return len(words) - sum(shared)


def local_facts(clinic: Clinic) -> int:
    """Facts that are the clinic's own: where, when, who, how much, how to get in."""
    access = clinic.access
    counted = [
        bool(clinic.hours),
        bool(clinic.special_hours),
        bool(clinic.address and clinic.address.street),
        bool(clinic.geo),
        bool(clinic.email),
        bool(clinic.booking_url),
        bool(clinic.registration),
        bool(clinic.payment),
        bool(clinic.insurance),
        bool(clinic.spoken_languages),
        bool(clinic.same_as),
    ]
    counted += [bool(access and getattr(access, name) is not None) for name in ("entrance", "parking", "step_free",
                                                                                  "transport")]  # fmt: skip
    return (
        sum(counted)
        + len(clinic.photos)
        + len(clinic.practitioners)
        + len(clinic.fees)
        + sum(len(notes) for notes in clinic.notes.values())
    )


def summary(config: Config, shares: list[Share]) -> str:
    """One line for a build's report: each measured clinic's share, those below ``brand.min_own_text`` marked."""
    parts = [f"{s.slug} {s.ratio:.0%}" + (" (low)" if s.ratio < config.brand.min_own_text else "")
             for s in shares if s.indexed_at_all]  # fmt: skip
    if not parts:
        return "Own text: no clinic has pages for search engines yet (sample facts or an unreviewed language)."
    return (f"Own text on the pages search engines index: {', '.join(parts)} (./run check names the pages that pull "
            "it down).")  # fmt: skip


def report(config: Config, shares: list[Share]) -> list[str]:
    """A line per clinic with the pages pulling its figure down most, and a warning for each clinic below
    ``brand.min_own_text`` or ``brand.min_local_facts``."""
    brand = config.brand
    lines = []
    for share in shares:
        if not share.indexed_at_all:
            why = "it has sample facts" if config.clinic(share.slug).sample else "none of its pages is indexed"
            lines.append(f"{share.slug}: not measured, as search engines are asked to leave out every page "
                         f"({why}); {share.facts} local facts")  # fmt: skip
            continue
        line = (f"{share.slug}: {share.ratio:.0%} of its indexed text is its own ({share.own:,} of "
                f"{share.indexed:,} words on {len(share.pages)} indexed pages); {share.facts} local facts")  # fmt: skip
        low = []
        if share.ratio < brand.min_own_text:
            low.append(f"own text below brand.min_own_text ({brand.min_own_text:.0%})")
        if share.facts < brand.min_local_facts:
            low.append(f"local facts below brand.min_local_facts ({brand.min_local_facts})")
        if low:
            line += (" -- warning: " + " and ".join(low) + "; add its own pages, notes on shared pages, practitioners, "
                     "photos, fees or access details (README: clinics.yaml fields)")  # fmt: skip
        lines.append(line)
        worst = "; ".join(f"/{p.address} {p.words:,} words, {p.ratio:.0%} own" for p in share.worst())
        lines.append(f"  most shared: {worst}")
        if share.short_notes:
            lines.append(f"  notes shown but too short to make their page its own (at least half as long as the "
                         f"shared text): {', '.join(share.short_notes)}")  # fmt: skip
    return lines
