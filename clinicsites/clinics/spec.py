"""The fields of clinics.yaml, declared once: the validator, clinics.schema.json and the README all read them."""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from urllib.parse import urlsplit

import phonenumbers

from . import colors
from . import hours as hours_mod
from .fields import AnyOf, Choice, Field, Flag, ListOf, Mapping, Number, Spec, Text

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", value):
        raise ValueError("a web address starting with https://")
    return value


def _timezone(value: str) -> str:
    if value not in _timezones():
        raise ValueError('an IANA time zone such as "America/Chicago" or "Asia/Karachi"')
    return value


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _country(value: str) -> str:
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError('a two-letter ISO country code such as "US" or "PK"')
    return value


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError('a date written YYYY-MM-DD, such as "2026-12-25"') from None


class DayHours(Spec):
    """One day's hours: "closed", "09:00-17:00", or a list of such periods."""

    expected = hours_mod.EXPECTED

    def check(self, value, path, checker):
        try:
            if isinstance(value, str):
                return hours_mod.parse_day(value)
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return hours_mod.parse_day_list(value)
        except ValueError as exc:
            return checker.expected(path, str(exc), value)
        return checker.expected(path, self.expected, value)

    def schema(self):
        period = r"\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}"
        day = {"type": "string", "pattern": rf"^(?:[Cc]losed|{period}(?:\s*,\s*{period})*)$"}
        periods = {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": rf"^{period}$"}}
        return self._with_doc({"anyOf": [day, periods]})


SLUG = Text(
    expected="a slug of lowercase letters, digits and hyphens, like baton-rouge", pattern=SLUG_PATTERN, max_length=63
)
URL = Text(
    expected="a web address starting with https://",
    convert=_url,
    max_length=2000,
    pattern=r"https?://\S+",
    schema_extra={"format": "uri"},
)
LANGUAGE = Text(
    expected='a language tag such as "en", "en-US" or "ur"',
    pattern=r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?",
    max_length=20,
)
ONE_LINE = Text(max_length=200)
DOMAIN = Text("", "a domain name like example.com", r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", 253)
COLORS = Mapping(
    {
        "primary": Field(
            Text(
                "Links and buttons (white text on it); needs 4.5:1 contrast with white.",
                'a hex colour such as "#0b5563"',
                r"#(?:[0-9a-fA-F]{3}){1,2}",
                7,
                colors.primary,
            )
        ),
        "accent": Field(
            Text(
                "Tint behind the contact block; needs 4.5:1 contrast with dark text and with primary.",
                'a hex colour such as "#e8f3f1"',
                r"#(?:[0-9a-fA-F]{3}){1,2}",
                7,
                colors.accent,
            )
        ),
    },
    doc="Brand colours; checked for WCAG AA text contrast.",
)

PHONE = Mapping(
    {
        "number": Field(
            Text(
                "The number, with country code or in the clinic country's national format.",
                expected='a phone number in quotes, like "+1 225 308 4064"',
                pattern=r"\+?\(?[0-9][0-9 ().\-]{3,29}",
                max_length=30,
            ),
            required=True,
        ),
        "label": Field(Text('What the number is for, e.g. "Reception" or "Mobile".', max_length=40)),
        "whatsapp": Field(Flag("Whether patients can message this number on WhatsApp."), default=False),
    },
    doc="A phone number patients can call.",
)

CLINIC_FIELDS = {
    "slug": Field(
        Text("Short name used in the site's address (output/<slug>/).", SLUG.expected, SLUG.pattern, 63), required=True
    ),
    "name": Field(Text("The clinic's name as patients see it.", max_length=120), required=True),
    "address": Field(
        Mapping(
            {
                "street": Field(Text("Street and number.", max_length=200)),
                "locality": Field(Text("Town or city; page titles name it.", max_length=100), required=True),
                "region": Field(Text("State, province or region.", max_length=100)),
                "postal_code": Field(Text("Postal or ZIP code.", max_length=20)),
                "country": Field(
                    Text(
                        "Two-letter ISO 3166 country code.",
                        'a two-letter ISO country code such as "US" or "PK"',
                        r"[A-Z]{2}",
                        2,
                        _country,
                    ),
                    required=True,
                ),
            },
            doc="Where the clinic is.",
        ),
        required=True,
    ),
    "phones": Field(
        ListOf(
            AnyOf(
                (lambda v: isinstance(v, dict), PHONE),
                (lambda v: isinstance(v, str), PHONE.fields["number"].spec),
                expected=PHONE.fields["number"].spec.expected,
            ),
            "Phone numbers, main number first; stored in E.164, shown in national format.",
            min_items=1,
            expected='a list of phone numbers, like - "+1 225 308 4064"',
        ),
        required=True,
    ),
    "language": Field(
        Text(
            "Language of the clinic's site (BCP 47 tag); defaults to the brand's.",
            LANGUAGE.expected,
            LANGUAGE.pattern,
            20,
        )
    ),
    "timezone": Field(
        Text(
            "IANA time zone of the clinic.",
            'an IANA time zone such as "America/Chicago"',
            max_length=60,
            convert=_timezone,
        )
    ),
    "hours": Field(
        Mapping(
            {day: Field(DayHours()) for day in hours_mod.WEEKDAYS},
            doc="Opening hours per weekday; a weekday left out is closed.",
        )
    ),
    "special_hours": Field(
        ListOf(
            Mapping(
                {
                    "date": Field(
                        Text(
                            "The day, YYYY-MM-DD.",
                            expected='a date written YYYY-MM-DD, such as "2026-12-25"',
                            pattern=r"\d{4}-\d{2}-\d{2}",
                            max_length=10,
                            convert=parse_date,
                        ),
                        required=True,
                    ),
                    "hours": Field(DayHours("Hours that day, or closed."), required=True),
                    "note": Field(Text('Why, e.g. "Christmas Day".', max_length=100)),
                }
            ),
            "Holidays and other days with different hours.",
        )
    ),
    "geo": Field(
        Mapping(
            {
                "lat": Field(Number("Latitude.", -90, 90), required=True),
                "lng": Field(Number("Longitude.", -180, 180), required=True),
            },
            doc="Coordinates of the entrance, for maps and search engines.",
        )
    ),
    "email": Field(
        Text(
            "Public e-mail address.",
            "an e-mail address like info@example.com",
            r"[^@\s<>\"'(),;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
            254,
            schema_extra={"format": "email"},
        )
    ),
    "booking_url": Field(Text("Online booking page.", URL.expected, URL.pattern, 2000, _url, {"format": "uri"})),
    "domain": Field(
        Text("The clinic's own domain, if its site is also served there.", DOMAIN.expected, DOMAIN.pattern, 253)
    ),
    "type": Field(
        Choice(["MedicalClinic", "Physiotherapy"], "schema.org type search engines see for the clinic."),
        default="MedicalClinic",
    ),
    "same_as": Field(
        ListOf(URL, "The clinic's profiles elsewhere (maps listing, social pages), for search engines.", unique=True),
        default=(),
    ),
    "colors": Field(COLORS),
    "conditions": Field(
        AnyOf(
            (lambda v: isinstance(v, str), Choice(["all"])),
            (lambda v: isinstance(v, list), ListOf(SLUG, unique=True)),
            doc="Shared condition pages to show: all, or a list of their slugs.",
            expected='"all" or a list of condition slugs',
        ),
        default="all",
    ),
    "benefits": Field(
        AnyOf(
            (lambda v: isinstance(v, str), Choice(["all"])),
            (lambda v: isinstance(v, list), ListOf(SLUG, unique=True)),
            doc="Shared benefit pages to show: all, or a list of their slugs.",
            expected='"all" or a list of benefit slugs',
        ),
        default="all",
    ),
    "practitioners": Field(
        ListOf(
            Mapping(
                {
                    "name": Field(Text("Full name.", max_length=120), required=True),
                    "credentials": Field(
                        Text('Qualifications, e.g. "PT, DPT, certified in dry needling".', max_length=200)
                    ),
                    "licence": Field(
                        Text("Licence or registration number, where the jurisdiction issues one.", max_length=60)
                    ),
                }
            ),
            "Who treats patients.",
        )
    ),
    "registration": Field(Text("The clinic's own licence or registration number, where it has one.", max_length=60)),
    "sample": Field(
        ListOf(
            Choice(["name", "address", "phones", "hours", "email", "practitioners"]),
            "Fields whose values are placeholders, not the clinic's confirmed facts; the site says so.",
            unique=True,
        ),
        default=(),
    ),
}

CLINIC = Mapping(CLINIC_FIELDS, doc="One clinic.")

BRAND = Mapping(
    {
        "name": Field(Text("Name of the group publishing the sites.", max_length=120), required=True),
        "base_url": Field(
            Text(
                "Address where the sites are published; each clinic is under /<slug>/.",
                URL.expected,
                URL.pattern,
                2000,
                _url,
                {"format": "uri"},
            ),
            required=True,
        ),
        "language": Field(
            Text("Default language of the sites.", LANGUAGE.expected, LANGUAGE.pattern, 20), default="en"
        ),
        "domain": Field(
            Text("Custom domain serving base_url's site (written to CNAME).", DOMAIN.expected, DOMAIN.pattern, 253)
        ),
        "colors": Field(COLORS),
    },
    doc="The group that publishes the sites.",
)

ROOT = Mapping(
    {
        "brand": Field(BRAND, required=True),
        "clinics": Field(ListOf(CLINIC, "Every clinic with a site.", min_items=1), required=True),
    },
    doc="Clinics published by this repository: see README.md for every field.",
    expected="a mapping with brand and clinics",
)
