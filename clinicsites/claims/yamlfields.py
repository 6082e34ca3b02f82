"""The text fields of clinics.yaml as blocks: what patients read, and apart from it the names (never claims)."""

from __future__ import annotations

from ..clinics.yamlsource import load_text
from ..errors import InputError
from .sources import MARKER, Block

#: Keys whose values are names: of the brand, a clinic, a practitioner, an award, a qualification.
NAME_KEYS = frozenset({"name", "credentials", "award", "awards"})
#: Keys whose values are facts in a fixed form, not sentences (addresses, numbers, codes, links, dates).
FACT_KEYS = frozenset({
    "slug", "base_url", "domain", "booking_url", "email", "same_as", "timezone", "language", "languages",
    "spoken_languages", "number", "src", "country", "region", "locality", "postal_code", "street", "lat", "lng",
    "hours", "special_hours", "date", "colors", "primary", "accent", "type", "currency", "amount", "up_to", "licence",
    "registration", "sample", "shared_pages", "conditions", "benefits", "logo", "min_own_text", "min_local_facts",
    "whatsapp", "step_free", "geo",
})  # fmt: skip
# Under notes:, conditions: and benefits: hold the clinic's own sentences, by slug.
_TEXT_PARENTS = frozenset({"notes"})


def text_blocks(text: str, path: str) -> list[Block]:
    """The sentences of clinics.yaml patients read (bios, notes, access, fees...), each with its markers."""
    return [block for key, block in _values(text, path) if key not in NAME_KEYS]


def name_blocks(text: str, path: str) -> list[Block]:
    """The names in clinics.yaml, to warn about one that makes a claim on its own."""
    return [block for key, block in _values(text, path) if key in NAME_KEYS]


def _values(text: str, path: str):
    try:
        doc = load_text(text, path)
    except InputError:
        return  # loading clinics.yaml reports it
    lines = text.split("\n")
    for where, value in _strings(doc.data, ()):
        keys = [k for k in where if isinstance(k, str)]
        if not keys or (keys[-1] in FACT_KEYS and not _TEXT_PARENTS.intersection(keys)):
            continue
        first = doc.line(where) or 1
        last = max(first, doc.end_lines.get(tuple(where), first))
        comments = " ".join(line.partition(" #")[2] for line in lines[first - 1 : last] if "claims-ok" in line)
        markers = [(m.group("rule"), (m.group("reason") or "").strip(), 0) for m in MARKER.finditer(comments)]
        yield keys[-1], Block(value, first, markers, "yaml")


def _strings(data, where):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*where, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from _strings(value, (*where, n))
    elif isinstance(data, str):
        yield where, data
