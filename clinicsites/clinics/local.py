"""What pages say that depends on where the clinic is, and on the day the site is built.

``as_of`` gives each clinic the facts of its country (countries.yaml) and drops special hours whose day has
passed in the clinic's time zone. ``local_facts`` is what templates and Markdown see as ``country``: those
facts in one site's language, or neutral ones where the country is unknown (the guide, a clinic whose address
is a sample, a country countries.yaml does not list).
"""

from __future__ import annotations

import dataclasses
import datetime
import zoneinfo
from dataclasses import dataclass

from babel.lists import format_list
from markupsafe import escape

from .. import cache, memory
from ..errors import InputError, Problem
from .countries import SPELLINGS, Country, countries_digest, in_language, load_countries
from .model import Clinic, Config

#: What pages say where no emergency number is known, in English; the theme translates it.
LOCAL_NUMBER = "your local emergency number"


def for_build(config: Config, settings: dict) -> Config:
    """``as_of`` with the settings' countries file (``COUNTRIES``), day (``TODAY``, or the environment's
    CLINICSITES_TODAY: see settings.py) and default time zone. The result's ``digest`` covers all three, and a
    process that builds again gets the same Config object back while none of them changed."""
    today = settings.get("TODAY") or None
    if isinstance(today, str):
        try:
            today = datetime.date.fromisoformat(today)
        except ValueError:
            raise InputError([Problem("settings", None, "TODAY", f'expected a date written YYYY-MM-DD, got "{today}"')
                              ]) from None  # fmt: skip
    path = settings.get("COUNTRIES")
    countries = load_countries(path) if path else {}
    timezone = settings.get("TIMEZONE") or "UTC"
    days = _days(config, today, timezone)
    if not config.digest:  # not known to be unchanged (read without the cache): nothing to remember it by
        return as_of(config, countries, today, timezone)
    key = (config.digest, countries_digest(path) if path else "", days)
    return _CONFIGS.make(key, lambda: _fingerprinted(dataclasses.replace(as_of(config, countries, today, timezone),
                                                                         digest=cache.digest(*key))))  # fmt: skip


def _fingerprinted(config: Config) -> Config:
    """``config`` with each clinic's fingerprint worked out, here in the process that keeps it: a forked worker
    inherits them, where working one out in the worker would be lost with it after every build."""
    for clinic in config.clinics:
        clinic.fingerprint  # noqa: B018 (a cached property)
    return config


def as_of(config: Config, countries: dict[str, Country], today=None, timezone: str = "UTC", now=None) -> Config:
    """``config`` with each clinic's country facts attached and its past special hours left out.

    ``today`` (a date) fixes the day for every clinic; otherwise it is the day it is at ``now`` (an aware
    datetime, default the current time) in each clinic's time zone (``timezone`` for a clinic without one)."""
    clinics = []
    for clinic, day in zip(config.clinics, _days(config, today, timezone, now), strict=True):
        country = countries.get(clinic.address.country) if clinic.address else None
        clinics.append(dataclasses.replace(
            clinic,
            special_hours=tuple(s for s in clinic.special_hours if s.date >= day),
            local=_for_region(country, clinic.address.region) if country else None,
        ))  # fmt: skip
    return dataclasses.replace(config, clinics=tuple(clinics))


def _days(config: Config, today, timezone: str, now=None) -> tuple[datetime.date, ...]:
    """Each clinic's day: ``today`` for all, or the date at ``now`` in the clinic's time zone."""
    now = now or datetime.datetime.now(datetime.UTC)
    return tuple(today or now.astimezone(zoneinfo.ZoneInfo(c.timezone or timezone)).date() for c in config.clinics)


#: Configs with their country facts and days, by (clinics file digest, countries file digest, days).
_CONFIGS = memory.store("clinics-as-of", 2)


def _for_region(country: Country, region: str | None) -> Country:
    """The country's facts with the emergency numbers that serve the clinic's region."""
    wanted = (region or "").casefold()
    numbers = tuple(e for e in country.emergency if not e.regions or wanted in {r.casefold() for r in e.regions})
    return dataclasses.replace(country, emergency=numbers)


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    name: str | None = None

    @property
    def tel_url(self) -> str:
        return f"tel:{self.number}"


@dataclass(frozen=True)
class EmergencyCall:
    """Who to call in an emergency, as words that follow "call": "911", "1122 (Rescue 1122) or 115 (Edhi
    ambulance)", or "your local emergency number". In HTML each number is a call link."""

    numbers: tuple[EmergencyNumber, ...]
    fallback: str
    lang: str = "en"

    def __str__(self) -> str:
        return self._joined(lambda n: n.number, str) if self.numbers else self.fallback

    def __html__(self) -> str:
        if not self.numbers:
            return str(escape(self.fallback))
        return self._joined(lambda n: f'<a href="{escape(n.tel_url)}">{escape(n.number)}</a>', escape)

    def _joined(self, number, text) -> str:
        # CLDR's "or" pattern ("a, b, or c"; Urdu "a یا b") around placeholders, so markup never passes through
        # Babel and the pattern's own words are escaped like any text.
        parts = [f"\x00{i}\x00" for i in range(len(self.numbers))]
        pattern = str(text(format_list(parts, style="or", locale=self.lang.split("-")[0])))
        for i, n in enumerate(self.numbers):
            shown = number(n) + (f" ({text(n.name)})" if n.name else "")
            pattern = pattern.replace(f"\x00{i}\x00", shown)
        return pattern


@dataclass(frozen=True)
class LocalFacts:
    """The ``country`` templates and Markdown see: the clinic's country's facts in the site's language."""

    code: str | None  # the ISO code of a country countries.yaml describes; None when unknown
    name: str | None
    emergency: EmergencyCall
    licence_lookup: str | None  # completes "look the number up with ..."; None: ask the clinic
    insurance_usual: bool
    spelling: str  # en-US or en-GB

    @property
    def known(self) -> bool:
        return self.code is not None

    # A bare {{ country }} names the country rather than printing the whole record.
    def __str__(self) -> str:
        return self.name or ""

    def __html__(self) -> str:
        return str(escape(str(self)))


def local_facts(clinic: Clinic | None, lang: str, fallback: str = LOCAL_NUMBER) -> LocalFacts:
    """The local facts a page of ``clinic``'s site in ``lang`` shows (neutral ones with no clinic or country)."""
    country: Country | None = clinic.local if clinic is not None else None
    if country is None:
        return LocalFacts(None, None, EmergencyCall((), fallback, lang), None, False, SPELLINGS[0])
    numbers = tuple(EmergencyNumber(e.number, in_language(e.names, lang)) for e in country.emergency)
    return LocalFacts(
        country.code,
        country.name,
        EmergencyCall(numbers, fallback, lang),
        in_language(country.licence_lookup, lang),
        country.insurance_usual,
        country.spelling,
    )
