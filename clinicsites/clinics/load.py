"""Read clinics.yaml, validate every field, and build the Config the rest of the engine sees."""

from __future__ import annotations

import phonenumbers
from babel.numbers import get_territory_currencies

from ..errors import InputError, display_path
from . import colors
from . import hours as hours_mod
from .fields import INVALID, Checker
from .model import Access, Address, Brand, Clinic, Config, Day, Fee, Geo, Phone, Photo, Practitioner, SpecialHours
from .spec import BRAND, CLINIC, ROOT
from .yamlsource import load_file


def load_config(path) -> Config:
    """Read and validate a clinics file; raise InputError listing every problem."""
    display = display_path(path)
    doc = load_file(path, display)
    checker = Checker(doc)
    if doc.data is None:
        checker.error((), "the file is empty; expected a mapping with brand and clinics")
        raise InputError(checker.problems)
    data = doc.data
    clinics: list[Clinic] = []
    brand = None
    ROOT.check_keys(data, (), checker)
    if isinstance(data, dict):
        if data.get("brand") is not None:
            brand = BRAND.check(data["brand"], ("brand",), checker)
        clinics_raw = data.get("clinics")
        if clinics_raw is not None and ROOT.fields["clinics"].spec.check_shape(clinics_raw, ("clinics",), checker):
            valid_brand = (
                brand
                if brand not in (None, INVALID)
                else {"name": None, "language": "en", "colors": None, "shared_pages": "guide"}
            )
            for i, raw in enumerate(clinics_raw):
                entry = CLINIC.check(raw, ("clinics", i), checker)
                clinic = entry is not INVALID and _build_clinic(entry, ("clinics", i), checker, valid_brand)
                if clinic:
                    clinics.append(clinic)
            _check_unique(clinics_raw, "slug", checker)
            _check_unique(clinics_raw, "domain", checker)
            _check_copies(clinics_raw, checker)
    if brand not in (None, INVALID):
        brand["colors"] = _colours(brand["colors"], {}, ("brand", "colors"), checker)
        brand["logo"] = Photo(**brand["logo"]) if brand["logo"] else None
    if checker.problems:
        raise InputError(checker.problems)
    return Config(display, Brand(**brand), tuple(clinics), doc.lines)


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


def _build_clinic(entry: dict, path: tuple, checker: Checker, brand: dict) -> Clinic | None:
    address = Address(**entry["address"])
    phones = []
    for i, raw in enumerate(entry["phones"]):
        raw = raw if isinstance(raw, dict) else {"number": raw, "label": None, "whatsapp": False}
        phone = _parse_phone(raw, address.country, (*path, "phones", i), checker)
        if phone:
            phones.append(phone)
    if len(phones) != len(entry["phones"]):
        return None
    for field_name in entry["sample"]:
        if not entry.get(field_name):
            checker.error((*path, "sample"), f'"{field_name}" is marked as sample but the clinic has no {field_name}')
    if entry["language"] and entry["languages"]:
        checker.error(
            (*path, "language"),
            f"expected language or languages, not both; keep languages: [{', '.join(entry['languages'])}]",
        )
    languages = tuple(entry["languages"] or [entry["language"] or brand["language"]])
    hours = entry["hours"] or {}
    # A fact marked sample is never published as if it were real: it is left out here, so no page, title, call
    # link or structured data can show it. The site says which facts are missing (Clinic.sample).
    sample = set(entry["sample"])
    town = None if "address" in sample else address.locality
    return Clinic(
        slug=entry["slug"],
        name=entry["name"] if "name" not in sample else ", ".join(p for p in (brand["name"], town) if p),
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
        photos=() if "photos" in sample else tuple(Photo(**p) for p in entry["photos"] or ()),
        fees=() if "fees" in sample else tuple(_fee(f, address.country) for f in entry["fees"] or ()),
        payment=tuple(entry["payment"] or ()),
        insurance=entry["insurance"],
        spoken_languages=tuple(entry["spoken_languages"]),
        access=Access(**entry["access"]) if entry["access"] and "address" not in sample else None,
        notes={k: v for k, v in (entry["notes"] or {}).items() if v},
        shared_pages=entry["shared_pages"] or brand["shared_pages"],
        colors=_colours(entry["colors"], brand["colors"], (*path, "colors"), checker),
    )  # fmt: skip


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
