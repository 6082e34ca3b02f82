"""The fields of clinics.yaml, declared once: the validator, clinics.schema.json and the README all read them."""

from __future__ import annotations

from . import hours as hours_mod
from . import kinds
from .fields import Choice, Flag, Number, Text
from .services import SERVICES, SPECIALTIES
from .shapes import AnyOf, Dict, Field, ListOf, Mapping

#: How shared pages are published: one indexed copy in the brand's guide that clinic copies point to, clinic
#: copies kept out of search engines, or every copy indexed (one clinic, or a brand that accepts the duplicates).
SHARED_PAGES = ("guide", "noindex", "index")
#: Phone labels the theme's catalogues translate (a site in Urdu says "Mobile" in Urdu); any other label can be
#: written in each language, like a name.
COMMON_PHONE_LABELS = ("Mobile", "Landline", "Clinic", "Reception", "Front desk", "Office", "Appointments")
#: Fields that can be marked as placeholders; a sample value is never published as a confirmed fact.
SAMPLE_FIELDS = ("name", "address", "phones", "hours", "email", "practitioners", "fees", "photos")


def in_languages(text: Text) -> AnyOf:
    """Text, or the same text in each language of the clinic's site: ``{en: Rawalpindi, ur: راولپنڈی}``."""
    return AnyOf(
        (lambda v: not isinstance(v, dict), text),
        (lambda v: isinstance(v, dict), Dict(kinds.language(), text)),
        doc=f"{text.doc} Or one per language of the site, main language first: {{en: ..., ur: ...}}.".strip(),
        expected=text.expected,  # a missing or misshapen name: "expected text", as for any text
    )


COLORS = Mapping(
    {
        "primary": Field(kinds.primary_colour("Links and buttons (white text); 4.5:1 contrast with white.")),
        "accent": Field(kinds.accent_colour("Tint behind the contact block; needs 4.5:1 contrast with dark text "
                                            "and with primary.")),
    },
    doc="Brand colours; checked for WCAG AA text contrast.",
)  # fmt: skip

PHOTO = Mapping(
    {
        "src": Field(kinds.image_path("The image file, relative to content/."), required=True),
        "alt": Field(Text("What the picture shows, for people who cannot see it.", max_length=200), required=True),
    },
    doc="A photo: a .jpg, .png, .webp or .avif file under content/, with a description.",
)

PHONE = Mapping(
    {
        "number": Field(kinds.phone_number("With country code, or in the clinic country's national format."),
                        required=True),
        "label": Field(in_languages(Text('What the number is for, e.g. "Reception" or "Mobile" (common labels are '
                                         "translated on the site's other languages).", max_length=40))),
        "whatsapp": Field(Flag("Whether patients can message this number on WhatsApp."), default=False),
    },
    doc="A phone number patients can call.",
)  # fmt: skip

PRACTITIONER = Mapping(
    {
        "name": Field(Text("Full name.", max_length=120), required=True),
        "profession": Field(Text('Their profession, e.g. "Physical therapist" or "Physiotherapist".', max_length=80)),
        "credentials": Field(Text('Qualifications, e.g. "PT, DPT, certified in dry needling".', max_length=200)),
        "licence": Field(Text("Licence or registration number, where the jurisdiction issues one.", max_length=60)),
        "languages": Field(ListOf(kinds.language(), "Languages they speak with patients.", unique=True), default=()),
        "bio": Field(Text("A few sentences about them, in plain words.", max_length=600)),
        "photo": Field(PHOTO),
    },
    doc="Someone who treats patients.",
)  # fmt: skip

FEE = Mapping(
    {
        "service": Field(Text('What is charged for, e.g. "First visit (assessment)".', max_length=120), required=True),
        "amount": Field(Number("The price, or the lowest price of a range.", 0, 10_000_000), required=True),
        "up_to": Field(Number("The highest price, for a range.", 0, 10_000_000)),
        "currency": Field(kinds.currency("ISO 4217 code; defaults to the currency of the clinic's country.")),
        "note": Field(Text('e.g. "about 45 minutes" or "includes exercises".', max_length=160)),
    },
    doc="One price patients can expect.",
)  # fmt: skip

ACCESS = Mapping(
    {
        "entrance": Field(Text('How to find the door, e.g. "MidCity Mall, first floor, unit 12".', max_length=300)),
        "parking": Field(Text("Where to park, and what it costs.", max_length=300)),
        "step_free": Field(Flag("Whether the way in and the treatment room have no steps.")),
        "transport": Field(Text("Buses, trains or landmarks near the clinic.", max_length=300)),
    },
    doc="How to get there and in.",
)

NOTES = Mapping(
    {
        "conditions": Field(Dict(kinds.slug(), Text(max_length=600), "A local note per condition page, by slug.")),
        "benefits": Field(Dict(kinds.slug(), Text(max_length=600), "A local note per benefit page, by slug.")),
        "pages": Field(Dict(kinds.slug(), Text(max_length=600), "A local note per shared page, by slug.")),
    },
    doc="The clinic's own words on shared pages: shown on that page of its site, in a box of its own.",
)


def _all_or_slugs(what: str) -> Field:
    return Field(
        AnyOf(
            (lambda v: isinstance(v, str), Choice(["all"])),
            (lambda v: isinstance(v, list), ListOf(kinds.slug(), unique=True)),
            doc=f"Shared {what} pages this clinic shows: a list of their slugs (none if left out: a list of {what}s "
            "is itself a health claim, so a clinic shows only the ones its own pages name), or all.",
            expected=f'a list of {what} slugs, or "all"',
        ),
        default=(),
    )


CLINIC_FIELDS = {
    "slug": Field(kinds.slug("Short name used in the site's address (output/<slug>/)."), required=True),
    "name": Field(in_languages(Text("The clinic's name as patients see it.", max_length=120)), required=True),
    "address": Field(
        Mapping(
            {
                "street": Field(in_languages(Text("Street and number.", max_length=200))),
                "locality": Field(in_languages(Text("Town or city; page titles name it.", max_length=100)),
                                  required=True),
                "region": Field(in_languages(Text("State, province or region.", max_length=100))),
                "postal_code": Field(Text("Postal or ZIP code.", max_length=20, digits=True)),
                "country": Field(kinds.country("Two-letter ISO 3166 country code."), required=True),
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
    "languages": Field(ListOf(kinds.language(), "Languages of the clinic's site, main one first (each has its own "
                                                "pages); defaults to brand.language.", min_items=1, unique=True)),
    "language": Field(kinds.language("The site's one language (the same as languages: [it])."), ),
    "timezone": Field(kinds.timezone("IANA time zone of the clinic.")),
    "hours": Field(
        Mapping({day: Field(kinds.DayHours()) for day in hours_mod.WEEKDAYS},
                doc="Opening hours per weekday; a weekday left out is closed.",
                hint=lambda v: 'list each weekday under hours:, like monday: "09:00-17:00"'
                if isinstance(v, str) else None)
    ),
    "special_hours": Field(
        ListOf(
            Mapping(
                {
                    "date": Field(kinds.date("The day, YYYY-MM-DD."), required=True),
                    "hours": Field(kinds.DayHours("Hours that day, or closed."), required=True),
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
    "email": Field(kinds.email("Public e-mail address.")),
    "booking_url": Field(kinds.url("Online booking page.")),
    "domain": Field(kinds.domain("The clinic's own domain, if its site is also served there.")),
    "type": Field(Choice(["MedicalClinic", "Physiotherapy"], "schema.org type search engines see for the clinic."),
                  default="MedicalClinic"),
    "specialty": Field(ListOf(Choice(SPECIALTIES), "The clinic's medical specialty as schema.org names it, e.g. "
                                                   "[Physiotherapy]; left out, search engines are told none.",
                              unique=True), default=()),
    "services": Field(ListOf(Choice(list(SERVICES)), "What the clinic offers, e.g. [dry-needling]; left out, no "
                                                     "service is claimed for it.", unique=True), default=()),
    "same_as": Field(ListOf(kinds.url(), "The clinic's profiles elsewhere (maps listing, social pages), for search "
                                         "engines.", unique=True), default=()),
    "colors": Field(COLORS),
    "conditions": _all_or_slugs("condition"),
    "benefits": _all_or_slugs("benefit"),
    "practitioners": Field(ListOf(PRACTITIONER, "Who treats patients.")),
    "registration": Field(Text("The clinic's own licence or registration number, where it has one.", max_length=60)),
    "photos": Field(ListOf(PHOTO, "Photos of the clinic, the best first (it heads the home page).")),
    "fees": Field(ListOf(FEE, "What patients pay.")),
    "payment": Field(ListOf(Text(max_length=80), 'How patients can pay, e.g. "Cash", "Card".', unique=True)),
    "insurance": Field(Text("Which insurance the clinic accepts, or how to claim, in a sentence or two.",
                            max_length=400)),
    "spoken_languages": Field(ListOf(kinds.language(), "Languages patients can speak with the clinic.", unique=True),
                              default=()),
    "access": Field(ACCESS),
    "notes": Field(NOTES),
    "shared_pages": Field(Choice(SHARED_PAGES, "How this clinic's copies of shared pages are indexed (overrides "
                                               "brand.shared_pages).")),
    "sample": Field(
        ListOf(
            Choice(SAMPLE_FIELDS),
            "Fields whose values are placeholders, not the clinic's confirmed facts; the site says so and never "
            "publishes them as real.",
            unique=True,
        ),
        default=(),
    ),
}  # fmt: skip

CLINIC = Mapping(CLINIC_FIELDS, doc="One clinic.")

BRAND = Mapping(
    {
        "name": Field(Text("Name of the group publishing the sites.", max_length=120), required=True),
        "base_url": Field(kinds.https_url("Address where the sites are published (https://); each clinic is under "
                                           "/<slug>/."),
                          required=True),
        "language": Field(kinds.language("Default language of the sites."), default="en"),
        "domain": Field(kinds.domain("Custom domain serving base_url's site (written to CNAME).")),
        "colors": Field(COLORS),
        "logo": Field(PHOTO),
        "shared_pages": Field(Choice(SHARED_PAGES, "How shared pages are indexed: guide (one copy in the brand's "
                                                   "guide, clinic copies point to it), noindex, or index."),
                              default="guide"),
        "min_own_text": Field(Number("./run check warns about a clinic whose indexed text is less than this share "
                                     "its own (0 to 1).", 0, 1), default=0.2),
        "min_local_facts": Field(Number("./run check warns about a clinic with fewer local facts than this.", 0, 100,
                                        integer=True), default=6),
    },
    doc="The group that publishes the sites.",
)  # fmt: skip

ROOT = Mapping(
    {
        "brand": Field(BRAND, required=True),
        "clinics": Field(ListOf(CLINIC, "Every clinic with a site.", min_items=1), required=True),
    },
    doc="Clinics published by this repository: see README.md for every field.",
    expected="a mapping with brand and clinics",
)
