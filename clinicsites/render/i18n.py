"""Languages: the theme's words from gettext catalogues, and dates, times, days, money and names from CLDR (Babel).

Each site is in one language; a clinic with ``languages: [en, ur]`` has a site per language. The theme's
strings are translated by ``themes/<theme>/translations/<lang>/LC_MESSAGES/messages.po`` (``./run
translations`` extracts them); English, the language the theme is written in, needs no catalogue.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import NullTranslations, Translations

from .. import memory
from ..clinics.hours import group_days
from ..clinics.model import comma
from ..errors import Problem, display_path

#: The language the theme's templates are written in.
SOURCE = "en"
#: Primary language subtags written right to left.
RTL = {"ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def base(tag: str) -> str:
    """``en-US`` -> ``en``: translations are matched on the primary language."""
    return tag.split("-")[0].lower()


@memory.remember("locales", 64)
def locale(tag: str, country: str | None = None) -> Locale:
    """The CLDR locale for a site: the tag's own region, else the clinic's country where CLDR knows the pair."""
    parts = tag.replace("-", "_")
    if "_" not in parts and country:
        try:
            return Locale.parse(f"{parts}_{country}")
        except (UnknownLocaleError, ValueError):
            pass
    try:
        return Locale.parse(parts)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(base(tag))


class Language:
    """One site's language, as templates use it: ``lang.date(d)``, ``lang.day("monday")``, ``lang.money(fee)``..."""

    def __init__(self, tag: str, country: str | None = None):
        self.tag = tag
        self.base = base(tag)
        self.locale = locale(tag, country)
        self.dir = "rtl" if self.base in RTL else "ltr"
        #: The language's name in itself, for the language switcher ("English", "اردو").
        self.name = self.locale.get_display_name(self.locale).split(" (")[0]
        #: What joins the parts of a list of times or an address: "، " in Urdu.
        self.comma = comma(tag)

    def date(self, value: datetime.date | datetime.datetime) -> str:
        return _date(value, self.locale)

    def time(self, hhmm: str) -> str:
        return _time(hhmm, self.locale, _latin_periods(self.locale))

    def day(self, name: str, width: str = "wide") -> str:
        return get_day_names(width, locale=self.locale)[_WEEKDAYS.index(name)]

    def period(self, ranges) -> str:
        """One day's opening periods ("9:00 AM–5:00 PM"), or "" when closed."""
        return self.comma.join(f"{self.time(r.opens)}–{self.time(r.closes)}" for r in ranges)

    def week(self, days) -> list[tuple[str, tuple]]:
        """Consecutive weekdays with the same hours grouped: [("Mon–Fri", ranges), ("Sat–Sun", ())]."""
        short = functools.partial(self.day, width="abbreviated")
        return [(short(a) if a == b else f"{short(a)}–{short(b)}", ranges) for a, ranges, b in group_days(days)]

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def address(self, address) -> tuple[str, ...]:
        """An address's lines with its country named in this language."""
        return (*address.lines, self.country(address.country)) if address else ()

    def language(self, tag: str) -> str:
        """A spoken language's name in this site's language."""
        return Locale.parse(tag.replace("-", "_")).get_display_name(self.locale) or tag

    def languages(self, tags) -> str:
        return self.list([self.language(t) for t in tags])

    def list(self, items) -> str:
        return format_list(list(items), locale=self.locale) if items else ""

    def money(self, amount: float, currency: str) -> str:
        whole = float(amount).is_integer()
        return format_currency(amount, currency, format="¤#,##0" if whole else None, locale=self.locale,
                               currency_digits=not whole)  # fmt: skip

    def fee(self, fee) -> str:
        """A fee's price: "$85" or "$85–120"."""
        text = self.money(fee.amount, fee.currency)
        return f"{text}–{self.money(fee.up_to, fee.currency)}" if fee.up_to else text


# Every page shows the same few dates and opening times, and Babel formats each in about a tenth of a
# millisecond: remember them (a Locale is hashable, so each language keeps its own).
@memory.remember("formatted-dates", 4096)
def _date(value: datetime.date | datetime.datetime, where: Locale) -> str:
    return format_date(value, "long", locale=where)


@memory.remember("formatted-times", 1024)
def _time(hhmm: str, where: Locale, by_period: bool = False) -> str:
    hour, minute = (int(p) for p in hhmm.split(":"))
    moment = datetime.datetime(2000, 1, 1, hour % 24, minute)  # 24:00 is midnight, at the day's end
    if by_period:  # "9:00 صبح", "5:30 سہ پہر"
        return format_skeleton("Bhm", moment, locale=where)
    return format_time(moment.time(), "short", locale=where)


@memory.remember("latin-periods", 64)
def _latin_periods(where: Locale) -> bool:
    """Whether a language not written in Latin letters still marks 12-hour times "AM"/"PM" in CLDR's short format
    (Urdu does): such a language's times are written with its own words for the part of the day instead."""
    marker = where.day_periods["format"]["abbreviated"].get("am", "")
    own_name = where.get_display_name(where) or ""
    return "a" in where.time_formats["short"].pattern and marker.isascii() and not own_name.isascii()


def catalogue(theme: Path, lang: str) -> Path:
    return Path(theme) / "translations" / base(lang) / "LC_MESSAGES" / "messages.po"


#: The header field of a catalogue saying whether a fluent speaker has checked it: ``X-Reviewed: yes``.
REVIEWED_HEADER = "X-Reviewed"
_REVIEWED = re.compile(rf'^"{REVIEWED_HEADER}:[ \t]*(\S*?)[ \t]*\\n"$', re.M | re.I)


def reviewed(theme: Path | str, lang: str) -> bool:
    """Whether the theme's words in ``lang`` have been checked by a fluent speaker: the source language, or a
    catalogue whose header says ``X-Reviewed: yes``. A catalogue without the field is unreviewed, so a new
    language stays out of search engines until someone says otherwise."""
    if base(lang) == SOURCE:
        return True
    path = catalogue(Path(theme), lang)
    stamp = memory.file_stamp(path)
    if stamp is None:
        return False
    return _reviewed_field(str(path), stamp) == "yes"


@memory.remember("catalogue-reviewed", 16)
def _reviewed_field(path: str, stamp: tuple) -> str:
    """The catalogue's X-Reviewed value, read once per version of the file (Babel drops unknown header fields)."""
    with open(path, encoding="utf-8") as file:
        head = file.read().split("\n\n", 1)[0]
    found = _REVIEWED.search(head)
    return found.group(1).lower() if found else ""


def translations(theme: str, lang: str) -> NullTranslations:
    """The theme's words in ``lang`` (the source language needs none), read again whenever the catalogue changes."""
    path = catalogue(Path(theme), lang)
    if base(lang) == SOURCE or not path.is_file():
        return NullTranslations()
    return _translations(str(path), memory.file_stamp(path), base(lang))


@memory.remember("translations", 16)
def _translations(path: str, stamp: tuple, lang: str) -> NullTranslations:
    with open(path, "rb") as file:
        catalog = read_po(file, locale=base(lang))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def missing(theme: Path, lang: str) -> list[Problem]:
    """A problem for every theme string without a translation into ``lang``, a language some clinic publishes."""
    if base(lang) == SOURCE:
        return []
    path = catalogue(theme, lang)
    template = Path(theme) / "translations" / "messages.pot"
    if not path.is_file():
        return [
            Problem(
                display_path(path),
                None,
                "translations",
                f"expected the theme's words in {lang} (run ./run translations, then translate each msgstr)",
            )
        ]
    with open(path, "rb") as file:
        catalog = read_po(file, locale=base(lang))
    wanted = set()
    if template.is_file():
        with open(template, "rb") as file:
            wanted = {m.id for m in read_po(file) if m.id}
    problems = []
    for message in catalog:
        if not message.id:
            continue
        wanted.discard(message.id)
        text = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if not text or message.fuzzy:
            problems.append(
                Problem(
                    display_path(path),
                    message.lineno,
                    "translation",
                    f'"{_short(message.id)}" has no {lang} translation yet',
                )
            )
    for msgid in sorted(wanted, key=str):
        problems.append(
            Problem(
                display_path(path),
                None,
                "translation",
                f'"{_short(msgid)}" is missing: run '
                "./run translations to add the theme's new words, then translate them",
            )
        )
    return problems  # fmt: skip


def _short(msgid) -> str:
    text = msgid if isinstance(msgid, str) else msgid[0]
    return text if len(text) <= 60 else text[:57] + "..."
