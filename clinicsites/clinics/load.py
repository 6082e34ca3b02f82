"""Read clinics.yaml, validate every field, and build the Config the rest of the engine sees."""

from __future__ import annotations

from dataclasses import dataclass, replace

import phonenumbers
from babel.numbers import get_territory_currencies

from ..errors import InputError, Problem, display_path
from . import colors, localized
from . import hours as hours_mod
from .fields import INVALID, Checker
from .model import (
    Access,
    Address,
    Brand,
    Clinic,
    Config,
    Day,
    Fee,
    Geo,
    Phone,
    Photo,
    Practitioner,
    SpecialHours,
    comma,
)
from .spec import BRAND, CLINIC, ROOT
from .yamlsource import load_file


def load_config(path) -> Config:
    """Read and validate a clinics file; raise InputError listing every problem."""
    found = validate(path)
    if found.problems:
        raise InputError(found.problems)
    return found.config


@dataclass(frozen=True)
class Validation:
    """What a clinics file gave: the part of it that validated, and every problem in the rest."""

    #: The brand and every clinic that validated (the file's other clinics left out, lines renumbered to match);
    #: None when the file, its brand or its list of clinics could not be used.
    config: Config | None
    problems: list[Problem]
    #: Every clinic slug the file names, valid or not: their content folders are still read and checked.
    slugs: frozenset[str] = frozenset()


def validate(path) -> Validation:
    """Validate a clinics file, never stopping at the first problem, and keep what is usable.

    Each clinic's own fields are checked whatever else is wrong. Building a clinic's facts needs a valid brand
    (its name, language and colours are the clinics' defaults), so without one no clinic is built; a clinic with
    any problem of its own is left out of the Config, which the other clinics' checks can then rely on.
    """
    display = display_path(path)
    try:
        doc = load_file(path, display)
    except InputError as exc:
        return Validation(None, exc.problems)
    checker = Checker(doc)
    data = doc.data
    if data is None:
        checker.error((), "the file is empty; expected a mapping with brand and clinics")
        return Validation(None, checker.problems)
    ROOT.check_keys(data, (), checker)
    if not isinstance(data, dict):
        return Validation(None, checker.problems)
    brand = BRAND.check(data["brand"], ("brand",), checker) if data.get("brand") is not None else INVALID
    if brand is not INVALID:
        brand["colors"] = _colours(brand["colors"], {}, ("brand", "colors"), checker)
        brand["logo"] = Photo(**brand["logo"]) if brand["logo"] else None
    if checker.failed(("brand",)):
        brand = INVALID
    clinics_raw = data.get("clinics")
    if clinics_raw is None or not ROOT.fields["clinics"].spec.check_shape(clinics_raw, ("clinics",), checker):
        return Validation(None, checker.problems)
    built: list[tuple[int, Clinic]] = []
    for i, raw in enumerate(clinics_raw):
        entry = CLINIC.check(raw, ("clinics", i), checker)
        clinic = _build_clinic(entry, ("clinics", i), checker, brand) if entry is not INVALID else None
        if clinic:
            built.append((i, clinic))
    _check_unique(clinics_raw, "slug", checker)
    _check_unique(clinics_raw, "domain", checker)
    _check_copies(clinics_raw, checker)
    slugs = frozenset(raw["slug"] for raw in clinics_raw if isinstance(raw, dict) and isinstance(raw.get("slug"), str))
    if brand is INVALID:
        return Validation(None, checker.problems, slugs)
    valid = [(i, clinic) for i, clinic in built if not checker.failed(("clinics", i))]
    lines = doc.lines if len(valid) == len(clinics_raw) else _renumbered(doc.lines, [i for i, _ in valid])
    config = Config(display, Brand(**brand), tuple(clinic for _, clinic in valid), lines)
    return Validation(config, checker.problems, slugs)


def _renumbered(lines: dict, kept: list[int]) -> dict:
    """The lines of a file whose clinics ``kept`` are the only ones: clinic ``kept[n]``'s lines become clinic n's."""
    new_index = {old: new for new, old in enumerate(kept)}
    out = {}
    for path, line in lines.items():
        if len(path) >= 2 and path[0] == "clinics" and isinstance(path[1], int):
            if path[1] in new_index:
                out[("clinics", new_index[path[1]], *path[2:])] = line
        else:
            out[path] = line
    return out


def _colours(own: dict | None, inherited: dict | None, path: tuple, checker: Checker) -> dict:
    """Own colours over inherited ones over the defaults; links on the accent tint must stay readable."""
    chosen = {
        **colors.DEFAULTS,
        **{k: v for k, v in (inherited or {}).items() if v},
        **{k: v for k, v in (own or {}).items() if v},
    }
    ratio = colors.contrast(chosen["primary"], chosen["accent"])
    if own and ratio < colors.MIN_CONTRAST:
        checker.error(
            path,
            f"expected primary and accent colours with at least {colors.MIN_CONTRAST}:1 contrast "
            f"(links sit on the accent tint), got {ratio:.2f}:1",
        )
    return chosen


def _check_unique(clinics_raw: list, key: str, checker: Checker) -> None:
    seen: dict[str, int] = {}
    for i, raw in enumerate(clinics_raw):
        value = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(value, str):
            continue
        if value in seen:
            first = seen[value]
            checker.error(
                ("clinics", i, key),
                f'{key} "{value}" is already used by the clinic on line {checker.doc.line(("clinics", first, key))}; '
                f"expected a {key} of its own",
            )
        else:
            seen[value] = i


def _check_copies(clinics_raw: list, checker: Checker) -> None:
    """A clinic pasted twice with only its slug changed would publish one clinic's facts as another's."""
    seen: dict[str, int] = {}
    for i, raw in enumerate(clinics_raw):
        if not isinstance(raw, dict):
            continue
        facts = repr({k: v for k, v in raw.items() if k != "slug"})
        if facts in seen:
            first = seen[facts]
            checker.error(
                ("clinics", i),
                f"has the same details as the clinic on line "
                f"{checker.doc.line(('clinics', first))}, except its slug; give it its own "
                "name, address and phone, or remove it",
            )
        else:
            seen[facts] = i


def _build_clinic(entry: dict, path: tuple, checker: Checker, brand) -> Clinic | None:
    """Check what a clinic's fields say together; build its facts unless the brand they default to is INVALID."""
    if entry["language"] and entry["languages"]:
        checker.error(
            (*path, "language"),
            f"expected language or languages, not both; keep languages: [{', '.join(entry['languages'])}]",
        )
    own = entry["languages"] or ([entry["language"]] if entry["language"] else None)
    if own is None and brand is INVALID:
        return None  # its site's language is the brand's: per-language forms cannot be checked without it
    languages = tuple(own or [brand["language"]])
    # Names, address parts and phone labels may be written per language; the main language's form is the fact.
    words = localized.Words(languages, path, checker)
    address = Address(**{k: words.read(v, ("address", k)) for k, v in entry["address"].items()})
    phones = []
    for i, raw in enumerate(entry["phones"]):
        raw = raw if isinstance(raw, dict) else {"number": raw, "label": None, "whatsapp": False}
        raw = {**raw, "label": words.read(raw.get("label"), ("phones", i, "label"))}
        phone = _parse_phone(raw, address.country, (*path, "phones", i), checker)
        if phone:
            phones.append(phone)
    name = words.read(entry["name"], ("name",))
    if len(phones) != len(entry["phones"]) or not words.ok:
        return None
    for field_name in entry["sample"]:
        if not entry.get(field_name):
            checker.error((*path, "sample"), f'"{field_name}" is marked as sample but the clinic has no {field_name}')
    if brand is INVALID:
        return None
    hours = entry["hours"] or {}
    # A fact marked sample is never published as if it were real: it is left out here, so no page, title, call
    # link or structured data can show it. The site says which facts are missing (Clinic.sample).
    sample = set(entry["sample"])
    return Clinic(
        slug=entry["slug"],
        name=name if "name" not in sample else _sample_name(brand.get("name"), address, sample, languages[0]),
        address=None if "address" in sample else address,
        phones=() if "phones" in sample else tuple(phones),
        languages=languages,
        hours=() if "hours" in sample or not entry["hours"] else tuple(Day(d, hours.get(d) or ()) for d in
                                                                        hours_mod.WEEKDAYS),
        special_hours=() if "hours" in sample else tuple(SpecialHours(s["date"], s["hours"], s["note"])
                                                         for s in entry["special_hours"] or ()),
        timezone=entry["timezone"],
        geo=Geo(**entry["geo"]) if entry["geo"] and "address" not in sample else None,
        email=None if "email" in sample else entry["email"],
        booking_url=entry["booking_url"],
        domain=entry["domain"],
        conditions=entry["conditions"] if entry["conditions"] == "all" else tuple(entry["conditions"]),
        benefits=entry["benefits"] if entry["benefits"] == "all" else tuple(entry["benefits"]),
        practitioners=() if "practitioners" in sample else tuple(map(_practitioner, entry["practitioners"] or ())),
        registration=entry["registration"],
        sample=tuple(entry["sample"]),
        type=entry["type"],
        same_as=tuple(entry["same_as"]),
        specialty=tuple(entry["specialty"]),
        services=tuple(entry["services"]),
        photos=() if "photos" in sample else tuple(Photo(**p) for p in entry["photos"] or ()),
        fees=() if "fees" in sample else tuple(_fee(f, address.country) for f in entry["fees"] or ()),
        payment=tuple(entry["payment"] or ()),
        insurance=entry["insurance"],
        spoken_languages=tuple(entry["spoken_languages"]),
        access=Access(**entry["access"]) if entry["access"] and "address" not in sample else None,
        notes={k: v for k, v in (entry["notes"] or {}).items() if v},
        shared_pages=entry["shared_pages"] or brand["shared_pages"],
        colors=_colours(entry["colors"], brand["colors"], (*path, "colors"), checker),
        forms=_forms(words, brand.get("name"), address, sample, languages[1:]),
    )  # fmt: skip


def _sample_name(brand: str | None, address: Address, sample: set, lang: str) -> str:
    """What a clinic whose name is not confirmed is called: the group's name and the town ("X, Rawalpindi")."""
    return comma(lang).join(p for p in (brand, None if "address" in sample else address.locality) if p)


def _forms(words: localized.Words, brand: str | None, address: Address, sample: set, others: tuple) -> dict:
    """The name, address and phone labels in each other language of the site (Clinic.in_language)."""
    forms = {}
    for lang in others:
        local = replace(address, comma=comma(lang), **words.address_in(lang))
        form = {"address": local, "labels": words.labels_in(lang)}
        if "name" in sample:
            form["name"] = _sample_name(brand, local, sample, lang)
        elif words.name_in(lang):
            form["name"] = words.name_in(lang)
        forms[localized.base(lang)] = form
    return forms


def _practitioner(entry: dict) -> Practitioner:
    photo = Photo(**entry["photo"]) if entry["photo"] else None
    return Practitioner(**{**entry, "languages": tuple(entry["languages"]), "photo": photo})


def _fee(entry: dict, country: str) -> Fee:
    # Fees are in the money of the clinic's country unless they say otherwise.
    currency = entry["currency"] or (get_territory_currencies(country) or ["USD"])[0]
    return Fee(entry["service"], entry["amount"], currency, entry["up_to"], entry["note"])


def _parse_phone(raw: dict, country: str, path: tuple, checker: Checker) -> Phone | None:
    where = (*path, "number") if (*path, "number") in checker.doc.lines else path
    try:
        number = phonenumbers.parse(raw["number"], country)
    except phonenumbers.NumberParseException:
        checker.expected(
            where, "a phone number with country code, or a national number in the clinic's country", raw["number"]
        )
        return None
    if not phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_number(number) or country
        checker.expected(
            where, f"a phone number that exists in {region} (check the digits and country code)", raw["number"]
        )
        return None
    fmt = phonenumbers.PhoneNumberFormat
    return Phone(
        e164=phonenumbers.format_number(number, fmt.E164),
        national=phonenumbers.format_number(number, fmt.NATIONAL),
        international=phonenumbers.format_number(number, fmt.INTERNATIONAL),
        label=raw.get("label"),
        whatsapp=bool(raw.get("whatsapp")),
    )
