"""Kinds of value clinics.yaml and front matter share (a slug, a web address, a date...), each declared once."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import phonenumbers

from .. import memory
from . import colors, hints
from . import hours as hours_mod
from .fields import Spec, Text

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LANGUAGE_PATTERN = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"
_HEX = r"#(?:[0-9a-fA-F]{3}){1,2}"
_DATE_EXPECTED = 'a date written YYYY-MM-DD, such as "2026-12-25"'
HTTPS_EXPECTED = "an absolute https:// address with a host, such as https://<owner>.github.io/<repository>"


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_DATE_EXPECTED) from None


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or re.search(r"\s", value):
        raise ValueError("a web address starting with https://")
    return value


def _https_url(value: str) -> str:
    if urlsplit(value).scheme != "https" or not urlsplit(value).hostname or re.search(r"\s", value):
        raise ValueError(HTTPS_EXPECTED)
    return value


def _timezone(value: str) -> str:
    if value not in _timezones():
        raise ValueError('an IANA time zone such as "America/Chicago" or "Asia/Karachi"')
    return value


@memory.remember("time-zones", 1)
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _country(value: str) -> str:
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError('a two-letter ISO country code such as "US" or "PK"')
    return value


def slug(doc: str = "") -> Text:
    return Text(doc, "a slug of lowercase letters, digits and hyphens, like baton-rouge", SLUG_PATTERN, 63,
                hint=hints.slug)  # fmt: skip


def url(doc: str = "") -> Text:
    return Text(doc, "a web address starting with https://", r"https://\S+", 2000, _url, {"format": "uri"},
                hint=hints.web_address)  # fmt: skip


def https_url(doc: str = "") -> Text:
    """A published address: https only (search engines and browsers are sent there), with a host, no spaces."""
    return Text(doc, HTTPS_EXPECTED, r"https://\S+", 2000, _https_url, {"format": "uri"},
                hint=hints.web_address)  # fmt: skip


def date(doc: str = "") -> Text:
    return Text(doc, _DATE_EXPECTED, r"\d{4}-\d{2}-\d{2}", 10, parse_date, hint=hints.date)


def language(doc: str = "") -> Text:
    return Text(doc, 'a language tag such as "en", "en-US" or "ur"', LANGUAGE_PATTERN, 20, hint=hints.language)


def domain(doc: str = "") -> Text:
    return Text(doc, "a domain name like example.com", r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", 253)


def country(doc: str = "") -> Text:
    return Text(doc, 'a two-letter ISO country code such as "US" or "PK"', r"[A-Z]{2}", 2, _country,
                hint=hints.country)  # fmt: skip


def timezone(doc: str = "") -> Text:
    return Text(
        doc, 'an IANA time zone such as "America/Chicago"', max_length=60, convert=_timezone, hint=hints.timezone
    )


def email(doc: str = "") -> Text:
    return Text(doc, "an e-mail address like info@example.com", r"[^@\s<>\"'(),;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
                254, schema_extra={"format": "email"}, hint=hints.email)  # fmt: skip


def phone_number(doc: str = "") -> Text:
    return Text(doc, 'a phone number like "+1 225 308 4064"', r"\+?\(?[0-9][0-9 ().\-]{3,29}", 30, hint=hints.phone,
                digits=True)  # fmt: skip


def primary_colour(doc: str) -> Text:
    return Text(doc, 'a hex colour such as "#0b5563"', _HEX, 7, colors.primary)


def accent_colour(doc: str) -> Text:
    return Text(doc, 'a hex colour such as "#e8f3f1"', _HEX, 7, colors.accent)


def currency(doc: str = "") -> Text:
    return Text(doc, 'a three-letter currency code such as "USD" or "PKR"', r"[A-Z]{3}", 3)


def image_path(doc: str = "") -> Text:
    # Any text here: the build's photo check (content/images.py) says what is wrong with a path and its file
    # (where it is, its name, format, size), as it does for images in Markdown. Editors get the pattern.
    pattern = r"^(?:(?:shared|clinics/[a-z0-9-]+)/images/[^\s\\]+\.(?:jpe?g|png|webp|avif|gif))$"
    return Text(doc, "a path inside content/, like clinics/rawalpindi/images/entrance.jpg", max_length=300,
                schema_extra={"pattern": pattern})  # fmt: skip


class DayHours(Spec):
    """One day's hours: "closed", "09:00-17:00", or a list of such periods."""

    expected = hours_mod.EXPECTED

    def check(self, value, path, checker):
        hint = hints.hours if isinstance(value, str) else None
        try:
            if isinstance(value, str):
                return hours_mod.parse_day(value)
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return hours_mod.parse_day_list(value)
        except ValueError as exc:
            return checker.expected(path, str(exc), value, hint)
        return checker.expected(path, self.expected, value, hint)

    def schema(self):
        period = r"\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}"
        day = {"type": "string", "pattern": rf"^(?:[Cc]losed|{period}(?:\s*,\s*{period})*)$"}
        periods = {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": rf"^{period}$"}}
        return self._with_doc({"anyOf": [day, periods]})
