"""countries.yaml: local facts by country (emergency numbers, where to check a licence, insurance, spelling),
validated like clinics.yaml, with the line of every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import cache, memory
from ..errors import InputError, Problem, display_path
from . import kinds
from .fields import INVALID, Checker, Choice, Flag, Text
from .shapes import AnyOf, Dict, Field, ListOf, Mapping
from .yamlsource import load_file

#: Spellings the theme and content know; a country not listed in countries.yaml gets the first.
SPELLINGS = ("en-GB", "en-US")


def _localised(doc: str, max_length: int) -> AnyOf:
    """Text in every language, or a mapping of language to text (``{en: Rescue 1122, ur: ...}``)."""
    return AnyOf(
        (lambda v: isinstance(v, str), Text(max_length=max_length)),
        (lambda v: isinstance(v, dict), Dict(kinds.language(), Text(max_length=max_length))),
        doc=doc,
        expected="text, or a mapping of language to text like {en: ..., ur: ...}",
    )


EMERGENCY = Mapping(
    {
        "number": Field(Text("The number as dialled, digits only.", "a number of 2 to 6 digits, like \"911\"",
                             r"[0-9]{2,6}", 6, digits=True), required=True),
        "name": Field(_localised('What people call the service, e.g. "Rescue 1122".', 80)),
        "regions": Field(ListOf(Text(max_length=100), "Only clinics whose address.region is one of these get this "
                                "number (a service that covers part of the country).", unique=True)),
    },
    doc="A number to call in an emergency.",
)  # fmt: skip

COUNTRY = Mapping(
    {
        "name": Field(Text("The country's name in English.", max_length=80), required=True),
        "emergency": Field(ListOf(EMERGENCY, "Emergency numbers, the first one patients should try first.",
                                  min_items=1)),
        "licence_lookup": Field(_localised("Where patients can look up a practitioner's licence, completing "
                                           '"look the number up with ...". Left out, pages tell patients to ask the '
                                           "clinic for the practitioner's registration.", 300)),
        "insurance_usual": Field(Flag("Most patients have health insurance that may pay toward treatment: pages "
                                      'say "check with your insurer" rather than "if you have health insurance".'),
                                 default=False),
        "spelling": Field(Choice(SPELLINGS, "How English is spelt on the clinic's site."), default=SPELLINGS[0]),
    },
    doc="One country's local facts.",
)  # fmt: skip

ROOT = Mapping(
    {"countries": Field(Dict(kinds.country(), COUNTRY, "Local facts by two-letter ISO country code."),
                        required=True)},
    doc="Local facts by country: see README.md.",
    expected="a mapping with countries",
)  # fmt: skip


@dataclass(frozen=True)
class Emergency:
    number: str
    names: tuple[tuple[str, str], ...] = ()  # (language, name); ("", name) for every language
    regions: tuple[str, ...] = ()  # empty: the whole country


@dataclass(frozen=True)
class Country:
    """One country's facts from countries.yaml."""

    code: str
    name: str
    emergency: tuple[Emergency, ...] = ()
    licence_lookup: tuple[tuple[str, str], ...] = ()  # (language, text)
    insurance_usual: bool = False
    spelling: str = SPELLINGS[0]


def in_language(texts: tuple[tuple[str, str], ...], lang: str) -> str | None:
    """The text for ``lang`` (its primary subtag), else the one for every language, else None."""
    wanted = lang.split("-")[0].lower()
    found = dict(texts)
    return found.get(lang) or found.get(wanted) or found.get("")


def countries_digest(path) -> str:
    """What the countries file's facts depend on: its bytes (and its name, shown in messages)."""
    try:
        return cache.digest(str(path), Path(path).read_bytes())
    except OSError:
        return ""


def load_countries(path) -> dict[str, Country]:
    """Read and validate countries.yaml; raise InputError listing every problem. Remembered by the file's bytes."""
    return _COUNTRIES.make((str(path), countries_digest(path)), lambda: _load(path))


_COUNTRIES = memory.store("countries", 4)


def _load(path) -> dict[str, Country]:
    doc = load_file(path, display_path(path))
    checker = Checker(doc)
    data = ROOT.check(doc.data if doc.data is not None else {}, (), checker)
    if checker.problems:
        raise InputError(checker.problems)
    if data is INVALID:  # a problem was reported above; kept for type checkers
        raise InputError([Problem(display_path(path), None, "", "expected a mapping with countries")])
    return {code: _country(code, raw) for code, raw in data["countries"].items()}


def _country(code: str, raw: dict) -> Country:
    return Country(
        code=code,
        name=raw["name"],
        emergency=tuple(Emergency(e["number"], _texts(e["name"]), tuple(e["regions"] or ()))
                        for e in raw["emergency"] or ()),
        licence_lookup=_texts(raw["licence_lookup"]),
        insurance_usual=raw["insurance_usual"],
        spelling=raw["spelling"],
    )  # fmt: skip


def _texts(value) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (("", value),)
    return tuple(sorted(value.items()))
