"""How much of each clinic's site is its own: ``./run check`` reports it, and warns below the brand's thresholds.

Search engines treat many sites that differ only by a town's name as doorway pages. What a clinic's indexed
pages say in its own words (its own pages and posts, its notes on shared pages, the facts it gives) is
counted against everything they say; words a clinic tag fills in (a name, a town, a phone) count for neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clinics.model import Clinic, Config
from .content.library import Library
from .render.plan import plan as make_plan

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NOISE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]+>|\]\([^)]*\)|[#*_`>|]", re.S)


@dataclass
class Share:
    slug: str
    own: int  # words
    indexed: int  # words
    facts: int
    indexed_at_all: bool = True

    @property
    def ratio(self) -> float:
        return self.own / self.indexed if self.indexed else 0.0


def words(text: str) -> int:
    return len(_WORD.findall(_NOISE.sub(" ", text)))


def measure(config: Config, library: Library, settings: dict) -> list[Share]:
    """Each clinic's own words, indexed words and local facts."""
    shares = []
    for clinic in config.clinics:
        plan = make_plan(config, library, clinic.slug, settings)
        own = indexed = 0
        for lang in plan.languages:
            for key, src in plan.sources[lang].items():
                if not plan.indexed(lang, key):
                    continue
                count = words(src.parsed.body.source) + words(src.parsed.meta.get("description") or "")
                note = words(clinic.note(*key) or "") if lang == plan.languages[0] else 0
                indexed += count + note
                own += note + (count if src.owner is not None else 0)
        fact_words = words(" ".join(_fact_texts(clinic)))
        shares.append(Share(clinic.slug, own + fact_words, indexed + fact_words, local_facts(clinic),
                            not clinic.sample))  # fmt: skip
    return shares


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


def _fact_texts(clinic: Clinic) -> list[str]:
    texts = [p.bio or "" for p in clinic.practitioners] + [f.note or "" for f in clinic.fees]
    if clinic.access:
        texts += [clinic.access.entrance or "", clinic.access.parking or "", clinic.access.transport or ""]
    return [*texts, clinic.insurance or ""]


def report(config: Config, shares: list[Share]) -> list[str]:
    """One line per clinic, and a warning for each below ``brand.min_own_text`` or ``brand.min_local_facts``."""
    brand = config.brand
    lines = []
    for share in shares:
        if not share.indexed_at_all:
            lines.append(f"{share.slug}: not indexed while it has sample facts; {share.facts} local facts")
            continue
        line = (f"{share.slug}: {share.ratio:.0%} of its indexed text is its own ({share.own:,} of {share.indexed:,} "
                f"words); {share.facts} local facts")  # fmt: skip
        low = []
        if share.ratio < brand.min_own_text:
            low.append(f"own text below brand.min_own_text ({brand.min_own_text:.0%})")
        if share.facts < brand.min_local_facts:
            low.append(f"local facts below brand.min_local_facts ({brand.min_local_facts})")
        if low:
            line += (" -- warning: " + " and ".join(low) + "; add its own pages, notes on shared pages, practitioners, "
                     "photos, fees or access details (README: clinics.yaml fields)")  # fmt: skip
        lines.append(line)
    return lines
