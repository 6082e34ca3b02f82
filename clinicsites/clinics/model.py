"""The clinic facts templates and Markdown see, as read-only dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import quote_plus

from .. import cache
from .countries import Country
from .hours import TimeRange

#: Primary language subtags written right to left.
RTL_LANGUAGES = {"ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
#: Languages written in Arabic script, whose comma is "،" (U+060C): "راولپنڈی، پنجاب".
ARABIC_COMMA = {"ar", "fa", "ks", "ku", "ps", "sd", "ug", "ur"}


def comma(lang: str) -> str:
    """The comma that joins the parts of a name or an address in ``lang``."""
    return "، " if lang.split("-")[0].lower() in ARABIC_COMMA else ", "


@dataclass(frozen=True)
class Phone:
    """A phone number stored in E.164 and shown in the national format."""

    e164: str
    national: str
    international: str
    label: str | None = None
    whatsapp: bool = False

    def __str__(self) -> str:
        return self.national

    @property
    def tel_url(self) -> str:
        return f"tel:{self.e164}"

    @property
    def whatsapp_url(self) -> str | None:
        return f"https://wa.me/{self.e164.lstrip('+')}" if self.whatsapp else None


@dataclass(frozen=True)
class Address:
    locality: str
    country: str
    street: str | None = None
    region: str | None = None
    postal_code: str | None = None
    comma: str = ", "  # the language's own: "، " in an address written in Urdu

    @property
    def lines(self) -> tuple[str, ...]:
        """The address as display lines, skipping what is unknown (the country is named in the site's language:
        see render/i18n.py ``Language.address``)."""
        region = " ".join(p for p in (self.region, self.postal_code) if p)
        town = self.comma.join(p for p in (self.locality, region) if p)
        return tuple(p for p in (self.street, town) if p)

    def __str__(self) -> str:
        return self.comma.join(self.lines)


@dataclass(frozen=True)
class Geo:
    lat: float
    lng: float


@dataclass(frozen=True)
class Day:
    """One weekday's opening periods; no periods means closed."""

    name: str
    ranges: tuple[TimeRange, ...]

    @property
    def closed(self) -> bool:
        return not self.ranges

    def __str__(self) -> str:
        return ", ".join(str(r) for r in self.ranges) if self.ranges else "Closed"


@dataclass(frozen=True)
class SpecialHours:
    date: datetime.date
    ranges: tuple[TimeRange, ...]
    note: str | None = None

    @property
    def closed(self) -> bool:
        return not self.ranges


@dataclass(frozen=True)
class Photo:
    """An image under content/ and what it shows."""

    src: str  # relative to content/
    alt: str


@dataclass(frozen=True)
class Practitioner:
    name: str
    profession: str | None = None
    credentials: str | None = None
    licence: str | None = None
    languages: tuple[str, ...] = ()
    bio: str | None = None
    photo: Photo | None = None


@dataclass(frozen=True)
class Fee:
    """One price: ``amount``, or from ``amount`` up to ``up_to``, in ``currency``."""

    service: str
    amount: float
    currency: str
    up_to: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Access:
    """How to get to the clinic and in."""

    entrance: str | None = None
    parking: str | None = None
    step_free: bool | None = None
    transport: str | None = None


@dataclass(frozen=True)
class Clinic:
    """Everything known about one clinic; absent facts are None or empty."""

    slug: str
    name: str  # as published: a sample name is replaced by the brand's name and the town
    address: Address | None  # None while the address is a sample
    phones: tuple[Phone, ...]  # empty while the numbers are samples
    languages: tuple[str, ...]  # of the site, main one first
    hours: tuple[Day, ...] = ()
    special_hours: tuple[SpecialHours, ...] = ()
    timezone: str | None = None
    geo: Geo | None = None
    email: str | None = None
    booking_url: str | None = None
    domain: str | None = None
    conditions: str | tuple[str, ...] = ()  # "all", or the slugs the clinic chose; none by default
    benefits: str | tuple[str, ...] = ()
    practitioners: tuple[Practitioner, ...] = ()
    registration: str | None = None
    sample: tuple[str, ...] = ()
    type: str = "MedicalClinic"  # schema.org type
    same_as: tuple[str, ...] = ()
    photos: tuple[Photo, ...] = ()
    fees: tuple[Fee, ...] = ()
    payment: tuple[str, ...] = ()
    insurance: str | None = None
    spoken_languages: tuple[str, ...] = ()
    access: Access | None = None
    notes: dict = field(default_factory=dict, compare=False, hash=False)  # section -> slug -> text
    shared_pages: str = "guide"
    colors: dict = field(default_factory=dict, compare=False, hash=False)
    specialty: tuple[str, ...] = ()  # schema.org MedicalSpecialty names the clinic declares
    services: tuple[str, ...] = ()  # what it offers, from clinics/services.py SERVICES
    #: Its country's facts from countries.yaml (clinics/local.py ``as_of``, at build time); None when unknown.
    local: Country | None = None
    #: The name, address and phone labels in each other language of the site (by primary subtag), where they
    #: differ: {"ur": {"name": ..., "address": Address, "labels": {0: ...}}}. See ``in_language``.
    forms: dict = field(default_factory=dict, compare=False, hash=False)
    #: Set on a clinic in another language ("" for none): directions lead to the address as written in the main one.
    directions: str | None = None

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every fact of the clinic, which site keys cover (render/keys.py). Worked out once for the
        config a process keeps (clinics/local.py ``for_build``), so workers forked for each build inherit it."""
        return cache.digest(repr(self))

    def in_language(self, lang: str, translate=None) -> Clinic:
        """The clinic as its site in ``lang`` shows it: name, address and phone labels in that language where
        clinics.yaml gives them, the main language's otherwise; ``translate`` (the theme's catalogue) turns a
        common phone label ("Mobile") into that language when no form of it is given."""
        form = self.forms.get(lang.split("-")[0].lower())
        if form is None:
            return self
        labels = form.get("labels", {})
        phones = tuple(replace(p, label=labels.get(i) or (translate(p.label) if translate and p.label else p.label))
                       for i, p in enumerate(self.phones))  # fmt: skip
        return replace(self, name=form.get("name", self.name), address=form.get("address", self.address),
                       phones=phones, forms={}, directions=self.directions_url or "")  # fmt: skip

    @property
    def language(self) -> str:
        """The site's main language."""
        return self.languages[0]

    def is_sample(self, name: str) -> bool:
        """Whether the clinic's ``name`` fact (name, address, phones...) is a placeholder, never to be shown as real."""
        return name in self.sample

    def note(self, section: str, slug: str) -> str | None:
        """The clinic's own note for a shared page (section: conditions, benefits or pages)."""
        return self.notes.get(section, {}).get(slug)

    @property
    def phone(self) -> Phone | None:
        """The main phone: the first one listed (None while the numbers are samples)."""
        return self.phones[0] if self.phones else None

    @property
    def whatsapp(self) -> Phone | None:
        """The first phone that takes WhatsApp messages, if any."""
        return next((p for p in self.phones if p.whatsapp), None)

    @property
    def town(self) -> str | None:
        """The town, for titles and headings; None while the address is a sample."""
        return self.address.locality if self.address else None

    @property
    def dir(self) -> str:
        return "rtl" if self.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"

    @property
    def has_hours(self) -> bool:
        return bool(self.hours)

    @property
    def directions_url(self) -> str | None:
        """A maps link for directions (no API key): the coordinates if given, else the street address."""
        if self.directions is not None:
            return self.directions or None
        if self.address is None or not (self.geo or self.address.street):
            return None  # a town alone, or a placeholder, would send patients to the wrong door
        place = f"{self.geo.lat},{self.geo.lng}" if self.geo else ", ".join((self.name, str(self.address)))
        return "https://www.google.com/maps/dir/?api=1&destination=" + quote_plus(place)

    def offers(self, service: str) -> bool:
        """Whether the clinic declares ``service`` (a SERVICES key, e.g. "dry-needling") in clinics.yaml."""
        return service in self.services

    def includes(self, section: str, slug: str) -> bool:
        """Whether this clinic shows shared ``section`` page ``slug``."""
        chosen = getattr(self, section)
        return chosen == "all" or slug in chosen


@dataclass(frozen=True)
class Brand:
    """The group that publishes the clinics' sites."""

    name: str
    base_url: str
    language: str
    domain: str | None = None
    logo: Photo | None = None
    shared_pages: str = "guide"
    min_own_text: float = 0.2
    min_local_facts: int = 6
    colors: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str:
        """Where the root of the published output lives, ending in /."""
        return f"https://{self.domain}/" if self.domain else self.base_url.rstrip("/") + "/"


@dataclass(frozen=True)
class Config:
    """A validated clinics file."""

    path: str
    brand: Brand
    clinics: tuple[Clinic, ...]
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # YAML path -> line
    digest: str = field(default="", compare=False, repr=False)  # of what it was validated from (clinics/cache.py)

    def clinic(self, slug: str) -> Clinic | None:
        return self._by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, Clinic]:
        # Every job looks its clinic up: a search of the list made a build of 1,000 clinics quadratic.
        return {c.slug: c for c in self.clinics}

    @property
    def has_guide(self) -> bool:
        """Whether the build makes the brand's guide: some clinic's copies of shared pages point to it."""
        return any(c.shared_pages == "guide" for c in self.clinics)
