"""Bad input, end to end: exit 2, every problem on its own located line, and output/ left as it was.

One table: each case changes the fixture project (clinics.yaml or a Markdown
file), runs the build as the command line does, and names the exact lines it
must print.
"""

import io
import shutil
from dataclasses import dataclass

import pytest
from conftest import FIXTURE, build_project
from PIL import Image

from clinicsites import commands
from clinicsites.clinics.services import SPECIALTIES

PAGE = "content/shared/pages/about-treatment.md"
FAQ = "content/shared/pages/faq.md"
PARKING = "content/clinics/north/pages/parking.md"
FM = "---\ntitle: About\ndescription: About.\n---\n\n"  # front matter: the body starts on line 6
BRAND = "brand:\n  name: G\n  base_url: https://example.org\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16  # a PNG's signature, and nothing an image reader can use


def _big_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (7000, 6000)).save(buffer, "PNG")  # one flat colour: a few kilobytes, 42 megapixels
    return buffer.getvalue()


BIG_PNG = _big_png()
JS_LINK = 'expected a web address (https://), a mailto: or tel: address, or a {filename} link to a page, got "javascript:alert(1)"'
SANDBOX = "access to '__class__' is not allowed; use clinic.<field> or brand.<field> or country.<field>"
NO_SCRIPT = "scripts are not allowed in Markdown; pages must work without JavaScript"
NO_HANDLER = "event-handler attributes are not allowed in Markdown; pages must work without JavaScript"
IMAGE_PLACE = "expected {static}/shared/images/<file> or {static}/clinics/<this clinic>/images/<file>"


@dataclass(frozen=True)
class Case:
    id: str
    edits: dict  # path -> new text or bytes, or (old, new) to replace in the fixture's file
    expected: list[str]


def clinics(old: str, new: str) -> dict:
    """An edit of the fixture's clinics.yaml."""
    return {"clinics.yaml": (old, new)}


def markdown(text: str, path: str = PAGE) -> dict:
    return {path: text}


BOMB = (
    BRAND
    + "clinics:\n  - &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"  - &{chr(n)} [" + ", ".join([f"*{chr(n - 1)}"] * 10) + "]\n" for n in range(ord("b"), ord("k")))
)

POST = "content/clinics/north/posts/2026-11-01-open.md"
SAMPLE_NAME = ("    conditions: [neck-pain]\n", "    conditions: [neck-pain]\n    sample: [name]\n")
BRAND_GONE = [
    ("brand:\n  name: Test Group\n  base_url: https://example.org/sites\n", ""),
    ("  # The fixture", "# The fixture"),
    ("  shared_pages: noindex\n", ""),
    SAMPLE_NAME,
]
UNKNOWN_CLINIC_KEY = (
    "; expected one of: slug, name, address, phones, languages, language, timezone, hours, special_hours, geo, "
    "email, booking_url, domain, type, specialty, services, same_as, colors, conditions, benefits, practitioners, "
    "registration, photos, fees, payment, insurance, spoken_languages, access, notes, shared_pages, sample"
)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buffer, "JPEG")
    return buffer.getvalue()


PHOTO_JPEG = _jpeg()


def with_sample(old: str, new: str) -> dict:
    """An edit of the brand in a file where a clinic's name is a sample (as in the shipped clinics.yaml)."""
    return {"clinics.yaml": [(old, new), SAMPLE_NAME]}


def PHOTO_EDIT(src: str) -> tuple:
    return ("    conditions: [neck-pain]\n", f"    conditions: [neck-pain]\n    photos: [{{src: {src}, alt: Door}}]\n")


def photo(src: str) -> dict:
    """The south clinic's first photo."""
    return {"clinics.yaml": [PHOTO_EDIT(src)]}


CASES = [
    # clinics.yaml: YAML itself
    Case(
        "yaml-syntax-error",
        clinics("    name: Northside Needling", "    name: [Northside Needling"),
        [
            "clinics.yaml:10: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts on line 9)"
        ],
    ),
    Case(
        "tab-indentation",
        clinics("    name: Northside Needling", "\tname: Northside Needling"),
        ["clinics.yaml:9: indentation uses a tab; YAML needs spaces"],
    ),
    Case(
        "empty-file",
        {"clinics.yaml": ""},
        ["clinics.yaml: the file is empty; expected a mapping with brand and clinics"],
    ),
    Case(
        "python-object-tag",
        clinics("    name: Southside Physio", '    name: !!python/object/apply:os.system ["touch pwned"]'),
        [
            "clinics.yaml:24: clinic south, name: YAML tag !!python/object/apply:os.system is not allowed here; write a plain value",
            "clinics.yaml:24: clinic south, name: expected text, got nothing (this field is required)",
        ],
    ),
    Case(
        "alias-bomb",
        {"clinics.yaml": BOMB},
        ["clinics.yaml:1: aliases expand to more than 200,000 values; write the values out instead of nesting anchors"],
    ),
    Case(
        "duplicate-key",
        clinics("    name: Southside Physio\n", "    name: Southside Physio\n    name: Southside Two\n"),
        ["clinics.yaml:25: clinic south, name: duplicate key (first set on line 24)"],
    ),
    # clinics.yaml: the clinics
    Case(
        "empty-clinic-list",
        {"clinics.yaml": BRAND + "clinics: []\n"},
        ["clinics.yaml:4: clinics: expected at least 1 item, got an empty list"],
    ),
    Case(
        "duplicate-slug",
        clinics("- slug: south", "- slug: north"),
        [
            'clinics.yaml:23: clinic north, slug: slug "north" is already used by the clinic on line 8; expected a slug of its own'
        ],
    ),
    Case(
        "missing-required-field",
        clinics("    name: Southside Physio\n", ""),
        ["clinics.yaml:23: clinic south, name: expected text, got nothing (this field is required)"],
    ),
    Case(
        "wrong-type",
        clinics(
            '    hours:\n      monday: "09:00-17:00"\n      tuesday: "09:00-12:00, 13:00-17:00"\n',
            '    hours: "09:00-17:00"\n',
        ),
        [
            'clinics.yaml:18: clinic north, hours: expected a mapping of keys, got "09:00-17:00"; list each weekday under '
            'hours:, like monday: "09:00-17:00"'
        ],
    ),
    Case(
        "unknown-key-did-you-mean",
        clinics("    address:\n      street", "    adress:\n      street"),
        [
            "clinics.yaml:8: clinic north, address: expected a mapping of keys, got nothing (this field is required)",
            "clinics.yaml:10: clinic north, adress: unknown key; did you mean 'address'?",
        ],
    ),
    Case(
        "invalid-phone",
        clinics("+1 202-555-0111", "+1 202-555-011"),
        [
            "clinics.yaml:16: clinic north, phones #1.number: expected a phone number that exists in US "
            '(check the digits and country code), got "+1 202-555-011"'
        ],
    ),
    Case(
        "slug-with-dots",
        clinics("- slug: north", "- slug: ../north"),
        [
            "clinics.yaml:8: clinic #1, slug: expected a slug of lowercase letters, digits and hyphens, like baton-rouge, "
            'got "../north"; write it as "north"'
        ],
    ),
    Case(
        "slug-with-slash",
        clinics("- slug: north", "- slug: north/side"),
        [
            "clinics.yaml:8: clinic #1, slug: expected a slug of lowercase letters, digits and hyphens, like baton-rouge, "
            'got "north/side"; write it as "north-side"'
        ],
    ),
    Case(
        "hour-out-of-range",
        clinics('monday: "09:00-17:00"', 'monday: "09:00-25:00"'),
        [
            "clinics.yaml:19: clinic north, hours.monday: expected times from 00:00 to 24:00 (25:00 is not a time of day), "
            'got "09:00-25:00"'
        ],
    ),
    Case(
        "closing-before-opening",
        clinics('monday: "09:00-17:00"', 'monday: "18:00-09:00"'),
        [
            "clinics.yaml:19: clinic north, hours.monday: expected a closing time after the opening time "
            '(18:00 to 09:00 closes first), got "18:00-09:00"'
        ],
    ),
    Case(
        "javascript-booking-url",
        clinics(
            '    phones:\n      - number: "+92',
            '    booking_url: javascript:alert(1)\n    phones:\n      - number: "+92',
        ),
        [
            'clinics.yaml:28: clinic south, booking_url: expected a web address starting with https://, got "javascript:alert(1)"'
        ],
    ),
    Case(
        "invalid-email",
        clinics('    phones:\n      - number: "+92', '    email: info@@example\n    phones:\n      - number: "+92'),
        ['clinics.yaml:28: clinic south, email: expected an e-mail address like info@example.com, got "info@@example"'],
    ),
    Case(
        "latitude-out-of-range",
        clinics(
            '    phones:\n      - number: "+92', '    geo: {lat: 91.5, lng: 73}\n    phones:\n      - number: "+92'
        ),
        ["clinics.yaml:28: clinic south, geo.lat: expected a number from -90 to 90, got the number 91.5"],
    ),
    Case(
        "control-character-in-name",
        clinics("name: Southside Physio", 'name: "South\\0side"'),
        ["clinics.yaml:24: clinic south, name: expected text without control characters, got U+0000 at character 6"],
    ),
    Case(
        "name-and-town-in-languages-the-site-is-not-in",
        {
            "clinics.yaml": (
                "    name: Northside Needling\n",
                "    name: {en: Northside Needling, fr: Aiguilles Nord, en-US: Northside}\n",
            ),
        },
        [
            'clinics.yaml:9: clinic north, name.en-US: expected one form per language, got "en" twice',
            'clinics.yaml:9: clinic north, name.fr: expected one of the site\'s languages (en), got "fr"; add it to '
            "languages, or remove this form",
        ],
    ),
    Case(
        "town-without-the-main-language",
        clinics("      locality: Southville", "      locality: {ur: ساؤتھ ویل}"),
        [
            "clinics.yaml:26: clinic south, address.locality: expected a form in en, the site's main language, got "
            "only ur",
            'clinics.yaml:26: clinic south, address.locality.ur: expected one of the site\'s languages (en), got "ur"; '
            "add it to languages, or remove this form",
        ],
    ),
    Case(
        "unknown-condition-slug",
        clinics("conditions: [neck-pain]", "conditions: [neck-pain, nek-pain]"),
        [
            "clinics.yaml:31: clinic south, conditions #2: expected the slug of a shared condition page "
            '(one of: knee-pain, neck-pain), got "nek-pain"'
        ],
    ),
    # Markdown: front matter, clinic tags and the sandbox
    Case(
        "front-matter-syntax-error",
        markdown("---\ntitle: About\ndescription: [unclosed\n---\n\nText\n"),
        [
            f"{PAGE}:4: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 3)"
        ],
    ),
    Case(
        "unknown-template-variable",
        markdown(FM + "Text.\n\nWe are in {{ clinic.adress.locality }}.\n"),
        [f"{PAGE}:8: {{{{ clinic.adress.locality }}}}: clinic has no field 'adress'; did you mean 'clinic.address'?"],
    ),
    Case(
        "sandbox-mro",
        markdown(FM + "{{ ''.__class__.__mro__ }}\n"),
        [
            f"{PAGE}:6: {{{{ ''.__class__.__mro__ }}}}: access to '__mro__' is not allowed; use clinic.<field> or brand.<field> or country.<field>"
        ],
    ),
    Case(
        "sandbox-clinic-class",
        markdown(FM + "{{ clinic.__class__ }}\n"),
        [f"{PAGE}:6: {{{{ clinic.__class__ }}}}: {SANDBOX}"],
    ),
    Case(
        "sandbox-cycler-globals",
        markdown(FM + "{{ cycler.__init__.__globals__ }}\n"),
        [
            f"{PAGE}:6: {{{{ cycler.__init__.__globals__ }}}}: access to '__globals__' is not allowed; "
            "use clinic.<field> or brand.<field> or country.<field>"
        ],
    ),
    Case(
        "sandbox-attr-filter",
        markdown(FM + "{{ clinic|attr('__class__') }}\n"),
        [
            f"{PAGE}:6: {{{{ clinic|attr('__class__') }}}}: not allowed: access to attribute '__class__' of 'Clinic' "
            "object is unsafe."
        ],
    ),
    Case(
        "sandbox-private-field",
        markdown(FM + "{{ clinic._private }}\n"),
        [
            f"{PAGE}:6: {{{{ clinic._private }}}}: access to '_private' is not allowed; use clinic.<field> or brand.<field> or country.<field>"
        ],
    ),
    Case(
        "sandbox-tuple-bases",
        markdown(FM + "{{ ().__class__.__bases__ }}\n"),
        [
            f"{PAGE}:6: {{{{ ().__class__.__bases__ }}}}: access to '__bases__' is not allowed; "
            "use clinic.<field> or brand.<field> or country.<field>"
        ],
    ),
    Case(
        "safe-filter",
        markdown(FM + "Hello {{ clinic.name|safe }}.\n"),
        [
            f"{PAGE}:6: {{{{ clinic.name|safe }}}}: 'safe' is not allowed: values are always escaped, so tags cannot add HTML"
        ],
    ),
    Case(
        "invalid-utf8",
        markdown(b"---\ntitle: About\ndescription: x\n---\n\nCaf\xe9\n"),
        [f"{PAGE}:6: invalid UTF-8 (byte 0xe9); save the file as UTF-8"],
    ),
    # Markdown: raw HTML and URLs that could run code
    Case("raw-script", markdown(FM + "Text.\n\n<script>alert(1)</script>\n"), [f"{PAGE}:8: <script>: {NO_SCRIPT}"]),
    Case(
        "inline-onclick",
        markdown(FM + 'Text.\n\nPress <b onclick="alert(1)">here</b>.\n'),
        [f"{PAGE}:8: onclick: {NO_HANDLER}"],
    ),
    Case(
        "handler-through-attr-list",
        markdown(FM + '## Hello {: onmouseover="alert(1)" }\n'),
        [f"{PAGE}:6: onmouseover: {NO_HANDLER}"],
    ),
    Case("javascript-link", markdown(FM + "Text.\n\n[Click]( javascript:alert(1) )\n"), [f"{PAGE}:8: link: {JS_LINK}"]),
    Case(
        "javascript-link-hidden-by-entities",
        markdown(FM + "[Click](jav&#x61;script:alert(1))\n"),
        [f"{PAGE}:6: link: {JS_LINK}"],
    ),
    Case(
        "clinic-fact-as-link-address",
        markdown(FM + "[Our name]({{ clinic.name }})\n"),
        [
            f"{PAGE}:6: link: expected an address or a clinic fact that is one (like {{{{ clinic.phone.tel_url }}}}) at the start "
            'of a link; write the scheme first, like mailto:{{ clinic.email }}, got "{{ clinic.name }}"'
        ],
    ),
    Case(
        "iframe",
        markdown(FM + '<iframe src="https://example.com"></iframe>\n'),
        [f"{PAGE}:6: <iframe>: embedded frames and objects are not allowed in Markdown; link to the page instead"],
    ),
    Case(
        "style-element",
        markdown(FM + "<style>body { display: none }</style>\n"),
        [f"{PAGE}:6: <style>: styles are not allowed in Markdown; the theme's stylesheet styles every page"],
    ),
    # Markdown: images
    Case(
        "missing-image",
        markdown(FM + "Text.\n\n![A needle]({static}/shared/images/needle.jpg)\n"),
        [
            f'{PAGE}:8: image: expected an existing image file, got "/shared/images/needle.jpg" (there is no folder content/shared/images/)'
        ],
    ),
    Case(
        "missing-alt-text",
        {"content/shared/images/needle.png": PNG, **markdown(FM + "![]({static}/shared/images/needle.png)\n")},
        [
            f'{PAGE}:6: image: expected a PNG image that can be opened, got a damaged file in "/shared/images/needle.png"',
            f'{PAGE}:6: image: expected alt text that describes the image, got none for "/shared/images/needle.png"',
        ],
    ),
    Case(
        "svg-image",
        {"content/shared/images/map.svg": "<svg></svg>", **markdown(FM + "![Map]({static}/shared/images/map.svg)\n")},
        [
            f"{PAGE}:6: image: expected a .jpg, .jpeg, .png, .webp, .avif or .gif file (SVG can carry scripts), "
            'got "/shared/images/map.svg"'
        ],
    ),
    Case(
        "image-not-what-its-name-says",
        {
            "content/shared/images/x.png": "<svg onload=alert(1)>",
            **markdown(FM + "![X]({static}/shared/images/x.png)\n"),
        },
        [f'{PAGE}:6: image: expected a PNG image, as the file name says, got other content in "/shared/images/x.png"'],
    ),
    Case(
        "image-too-many-pixels",
        {"content/shared/images/big.png": BIG_PNG, **markdown(FM + "![Big]({static}/shared/images/big.png)\n")},
        [
            f'{PAGE}:6: image: expected at most 40 megapixels, got 7000 x 6000 in "/shared/images/big.png"; resize it '
            "(the build makes the sizes pages need)"
        ],
    ),
    Case(
        "image-damaged",
        {"content/shared/images/torn.png": PNG, **markdown(FM + "![Torn]({static}/shared/images/torn.png)\n")},
        [f'{PAGE}:6: image: expected a PNG image that can be opened, got a damaged file in "/shared/images/torn.png"'],
    ),
    Case(
        "other-clinics-image",
        {
            "content/clinics/south/images/door.png": PNG,
            PARKING: "---\ntitle: P\ndescription: P.\n---\n\n![Door]({static}/clinics/south/images/door.png)\n",
        },
        [f'{PARKING}:6: image: {IMAGE_PLACE}, got "/clinics/south/images/door.png"'],
    ),
    Case(
        "hotlinked-image",
        markdown(FM + '<img src="https://example.com/x.png" alt="X">\n'),
        [f'{PAGE}:6: image: {IMAGE_PLACE}, got "https://example.com/x.png"'],
    ),
    # What owners get wrong when editing by hand, answered with the fix
    Case(
        "key-indented-too-deep",
        clinics("    name: Northside Needling\n", "    name: Northside Needling\n      email: info@example.org\n"),
        [
            "clinics.yaml:10: indentation: `email:` is indented 6 spaces, more than `name:` above it (line 9, 4 spaces), "
            "whose value is already on that line; line it up with `name:` (4 spaces)"
        ],
    ),
    Case(
        "key-lined-up-with-nothing",
        clinics("    name: Northside Needling\n", "    name: Northside Needling\n   email: info@example.org\n"),
        [
            "clinics.yaml:10: indentation: `email:` is indented 3 spaces, which lines up with nothing above it; "
            "line it up with `name:` on line 9 (4 spaces)"
        ],
    ),
    Case(
        "country-written-out",
        clinics("      country: PK", "      country: Pakistan"),
        [
            'clinics.yaml:27: clinic south, address.country: expected a two-letter ISO country code such as "US" or '
            '"PK", got "Pakistan"; the code for Pakistan is "PK"'
        ],
    ),
    Case(
        "curly-quotes",
        clinics("name: Southside Physio", "name: “Southside Physio”"),
        [
            'clinics.yaml:24: clinic south, name: expected text in straight quotes or none, got "“Southside Physio”"; '
            'it is wrapped in curly quotes (“ ”), which YAML keeps as part of the text; use straight quotes (" ")'
        ],
    ),
    Case(
        "address-without-https",
        clinics("    conditions: [neck-pain]", "    conditions: [neck-pain]\n    booking_url: www.example.com/book"),
        [
            "clinics.yaml:32: clinic south, booking_url: expected a web address starting with https://, got "
            '"www.example.com/book"; write it as "https://www.example.com/book"'
        ],
    ),
    Case(
        "booking-page-without-encryption",
        clinics(
            "    conditions: [neck-pain]", "    conditions: [neck-pain]\n    booking_url: http://book.example.com/a"
        ),
        [
            "clinics.yaml:32: clinic south, booking_url: expected a web address starting with https://, got "
            '"http://book.example.com/a"; write it as "https://book.example.com/a" once you have checked that it '
            "opens that way: a page sent without encryption can be read or changed on the way to a patient's phone"
        ],
    ),
    Case(
        "hours-in-am-pm",
        clinics('monday: "09:00-17:00"', "monday: 9am-5pm"),
        [
            'clinics.yaml:19: clinic north, hours.monday: expected opening times like "09:00-17:00" or '
            '"09:00-13:00, 14:00-18:00", or "closed", got "9am-5pm"; write it as "09:00-17:00"'
        ],
    ),
    Case(
        "open-24-7",
        clinics('monday: "09:00-17:00"', "monday: 24/7"),
        [
            'clinics.yaml:19: clinic north, hours.monday: expected opening times like "09:00-17:00" or '
            '"09:00-13:00, 14:00-18:00", or "closed", got "24/7"; for a day open round the clock write "00:00-24:00"'
        ],
    ),
    Case(
        "holiday-date-in-words",
        clinics(
            "    conditions: [neck-pain]",
            "    conditions: [neck-pain]\n    special_hours:\n      - date: 25 December 2026\n        hours: closed",
        ),
        [
            "clinics.yaml:33: clinic south, special_hours #1.date: expected a date written YYYY-MM-DD, such as "
            '"2026-12-25", got "25 December 2026"; write it as "2026-12-25"'
        ],
    ),
    Case(
        "unknown-service-and-specialty",
        clinics(
            "    conditions: [neck-pain]",
            "    conditions: [neck-pain]\n    services: [dry-needles]\n    specialty: [Physio]",
        ),
        [
            "clinics.yaml:32: clinic south, services #1: expected one of dry-needling, physiotherapy, "
            'exercise-therapy, manual-therapy, massage, electrotherapy, chiropractic, got "dry-needles"; '
            "did you mean 'dry-needling'?",
            "clinics.yaml:33: clinic south, specialty #1: expected one of "
            + ", ".join(SPECIALTIES)
            + ", got \"Physio\"; did you mean 'Physiotherapy'?",
        ],
    ),
    Case(
        "yes-for-true",
        clinics("        whatsapp: true", "        whatsapp: yes"),
        ['clinics.yaml:30: clinic south, phones #1.whatsapp: expected true or false, got "yes"; write true'],
    ),
    Case(
        "timezone-abbreviation",
        clinics("    conditions: [neck-pain]", "    conditions: [neck-pain]\n    timezone: PKT"),
        [
            'clinics.yaml:32: clinic south, timezone: expected an IANA time zone such as "America/Chicago" or '
            '"Asia/Karachi", got "PKT"; '
            'write "Asia/Karachi" (the IANA name, which follows summer time)'
        ],
    ),
    Case(
        "language-written-out",
        clinics("    conditions: [neck-pain]", "    conditions: [neck-pain]\n    language: Urdu"),
        [
            'clinics.yaml:32: clinic south, language: expected a language tag such as "en", "en-US" or "ur", '
            'got "Urdu"; write "ur"'
        ],
    ),
    Case(
        "mailto-in-email",
        clinics("    conditions: [neck-pain]", "    conditions: [neck-pain]\n    email: mailto:info@example.org"),
        [
            "clinics.yaml:32: clinic south, email: expected an e-mail address like info@example.com, got "
            '"mailto:info@example.org"; write only the address: "info@example.org"'
        ],
    ),
    Case(
        "slug-with-capitals-and-space",
        clinics("- slug: south", '- slug: "South Side"'),
        [
            "clinics.yaml:23: clinic #2, slug: expected a slug of lowercase letters, digits and hyphens, like "
            'baton-rouge, got "South Side"; write it as "south-side"'
        ],
    ),
    Case(
        "condition-name-not-slug",
        clinics("conditions: [neck-pain]", "conditions: [neck pain]"),
        [
            "clinics.yaml:31: clinic south, conditions #1: expected a slug of lowercase letters, digits and hyphens, "
            'like baton-rouge, got "neck pain"; write it as "neck-pain"'
        ],
    ),
    Case(
        "clinic-pasted-twice",
        clinics(
            "    conditions: [neck-pain]\n    benefits: [pain-reduction]\n",
            "    conditions: [neck-pain]\n    benefits: [pain-reduction]\n  - slug: south-2\n    name: Southside Physio\n"
            '    address:\n      locality: Southville\n      country: PK\n    phones:\n      - number: "+92 300 0000001"\n'
            "        whatsapp: true\n    conditions: [neck-pain]\n    benefits: [pain-reduction]\n",
        ),
        [
            "clinics.yaml:33: clinic south-2: has the same details as the clinic on line 23, except its slug; give it "
            "its own name, address and phone, or remove it"
        ],
    ),
    Case(
        "slug-of-a-root-folder",
        clinics("- slug: south", "- slug: theme"),
        [
            'clinics.yaml:23: clinic theme, slug: "theme" is the name of a folder every build writes beside the '
            "clinics (guide, theme); choose another slug"
        ],
    ),
    Case(
        "page-saved-as-MD",
        {"content/shared/conditions/shin-splints.MD": "---\ntitle: Shin\ndescription: Shin.\nregion: leg\n---\n"},
        [
            "content/shared/conditions/shin-splints.MD: file name: pages are read from .md files only; rename it to "
            '"shin-splints.md"'
        ],
    ),
    Case(
        "image-file-name-with-a-space",
        markdown(FM + "Our door:\n\n![The front door]({static}/shared/images/front door.png)\n"),
        [
            f"{PAGE}:8: image: expected a file name without spaces (a space breaks the address), got "
            '"/shared/images/front door.png"; rename the file to "front-door.png" and change the link to match'
        ],
    ),
    Case(
        "link-to-a-site-address",
        markdown(FM + "See [neck pain](/conditions/neck-pain/).\n"),
        [
            f"{PAGE}:6: link: expected a {{filename}} link to the page's Markdown file (like "
            "{filename}/shared/conditions/neck-pain.md) rather than an address on the site, got "
            "\"/conditions/neck-pain/\"; did you mean '{filename}/shared/conditions/neck-pain.md'?"
        ],
    ),
    Case(
        "second-main-heading",
        markdown(FM + "# About us\n\nText.\n"),
        [
            f"{PAGE}:6: # heading: the theme writes the page's one main heading (H1) from its headline or title; "
            "start sections with ## instead"
        ],
    ),
    Case(
        "post-date-in-words",
        {
            "content/clinics/north/posts/2026-11-01-open.md": "---\ntitle: Open\ndescription: Open.\n"
            "date: 1 November 2026\n---\n\nWe are open.\n"
        },
        [
            "content/clinics/north/posts/2026-11-01-open.md:4: date: expected a date written YYYY-MM-DD, such as "
            '"2026-12-25", got "1 November 2026"; write it as "2026-11-01"'
        ],
    ),
    # Found crashing (exit 1, "error: KeyError: 'name'", TypeError...) before issue 21; each now says what is wrong.
    Case(
        "brand-missing-with-a-sample-name",
        {
            "clinics.yaml": BRAND_GONE,
        },
        ["clinics.yaml:3: brand: expected a mapping of keys, got nothing (this field is required)"],
    ),
    Case(
        "brand-key-misspelt-with-a-sample-name",
        with_sample("  shared_pages: noindex", "  langauge: en\n  shared_pages: noindex"),
        ["clinics.yaml:6: brand.langauge: unknown key; did you mean 'language'?"],
    ),
    Case(
        "brand-named-colour-with-a-sample-name",
        with_sample("  shared_pages: noindex", "  colors: {primary: purple}\n  shared_pages: noindex"),
        ['clinics.yaml:6: brand.colors.primary: expected a hex colour such as "#0b5563", got "purple"'],
    ),
    Case(
        "brand-low-contrast-with-a-sample-name",
        with_sample("  shared_pages: noindex", '  colors: {primary: "#eeeeee"}\n  shared_pages: noindex'),
        [
            "clinics.yaml:6: brand.colors.primary: expected a darker colour: #eeeeee on white has contrast 1.16:1, "
            'and text needs at least 4.5:1, got "#eeeeee"'
        ],
    ),
    Case(
        "phone-number-as-a-list",
        clinics('- number: "+92 300 0000001"', '- number: ["+92 300 0000001"]'),
        ['clinics.yaml:29: clinic south, phones #1.number: expected a phone number like "+1 225 308 4064", got a list'],
    ),
    Case(
        "slug-as-a-list",
        clinics("- slug: south", "- slug: [south]"),
        [
            "clinics.yaml:23: clinic #2, slug: expected a slug of lowercase letters, digits and hyphens, like "
            "baton-rouge, got a list"
        ],
    ),
    Case(
        "control-character-typed-into-the-file",
        clinics("name: Southside Physio", "name: South\x15side Physio"),
        [
            "clinics.yaml:24: expected text without control characters, got U+0015 at character 16 of the line; "
            "delete it or retype the line"
        ],
    ),
    Case(
        "blank-key",
        clinics("    conditions: [neck-pain]\n", '    conditions: [neck-pain]\n    " ": x\n'),
        ['clinics.yaml:32: clinic south, " ": unknown key' + UNKNOWN_CLINIC_KEY],
    ),
    Case(
        "key-with-a-line-break",
        clinics("    conditions: [neck-pain]\n", '    conditions: [neck-pain]\n    "a\\nb": x\n'),
        [f'clinics.yaml:32: clinic south, "a\\nb": unknown key{UNKNOWN_CLINIC_KEY}'],
    ),
    Case(
        "front-matter-date-as-a-mapping",
        {POST: ("date: 2026-11-01", "date: {2026: 11-01}")},
        [
            f'{POST}:4: date: expected a date written YYYY-MM-DD, such as "2026-12-25", got a mapping of keys',
            f"{POST}:4: date: keys must be plain words",
        ],
    ),
    Case(
        "front-matter-as-a-list",
        {FAQ: "---\n- title\n- faq\n---\n\nText.\n"},
        [f"{FAQ}:2: expected a mapping of keys, got a list"],
    ),
    # Links to pages, in every form: relative to the page's address, a bare .md file, {filename}, anchors
    Case(
        "relative-link-to-a-misspelt-page",
        markdown(FM + "See [neck pain](../conditions/neck-pian/).\n"),
        [
            f'{PAGE}:6: link: expected a link to an existing page, got "../conditions/neck-pian/"; did you mean '
            "'../conditions/neck-pain/'?"
        ],
    ),
    Case(
        "bare-md-link-to-a-misspelt-file",
        markdown(FM + "See [the FAQ](fqa.md).\n"),
        [f"{PAGE}:6: link: expected a link to an existing page, got \"fqa.md\"; did you mean 'faq.md'?"],
    ),
    Case(
        "filename-link-to-a-misspelt-file",
        markdown(FM + "See [neck pain]({filename}/shared/conditions/neck-pian.md).\n"),
        [
            f'{PAGE}:6: link: expected a link to an existing page, got "{{filename}}/shared/conditions/neck-pian.md"; '
            "did you mean '{filename}/shared/conditions/neck-pain.md'?"
        ],
    ),
    Case(
        "link-to-a-missing-anchor-on-the-page",
        markdown(FM + "## What it is\n\nSee [above](#what-it-iz).\n"),
        [
            f"{PAGE}:8: link: expected the anchor of a heading on the page, got \"#what-it-iz\"; did you mean '#what-it-is'?"
        ],
    ),
    Case(
        "link-to-a-missing-anchor-on-another-page",
        markdown(FM + "See [the FAQ](faq.md#does-it-hurts).\n"),
        [
            f'{PAGE}:6: link: expected the anchor of a heading on that page, got "faq.md#does-it-hurts"; did you '
            "mean 'faq.md#does-it-hurt'?"
        ],
    ),
    Case(
        "relative-link-above-the-site",
        markdown(FM + "See [contact](../../contact/).\n"),
        [
            f'{PAGE}:6: link: expected a link to an existing page, got "../../contact/" (it leads above the '
            "site's root, out of the clinic's site)"
        ],
    ),
    # Photos in clinics.yaml: the messages images in Markdown get
    Case(
        "photo-name-in-other-capitals",
        {"content/clinics/south/images/Door.jpg": PHOTO_JPEG, **photo("clinics/south/images/door.jpg")},
        [
            "clinics.yaml:32: clinic south, photos #1.src: expected an existing image file, got "
            '"clinics/south/images/door.jpg"; the file is named "Door.jpg": write its name with the same capitals '
            "(web servers tell them apart)"
        ],
    ),
    Case(
        "photo-misspelt",
        {"content/clinics/south/images/door.jpg": PHOTO_JPEG, **photo("clinics/south/images/dor.jpg")},
        [
            "clinics.yaml:32: clinic south, photos #1.src: expected an existing image file, got "
            "\"clinics/south/images/dor.jpg\"; did you mean 'clinics/south/images/door.jpg'?"
        ],
    ),
    Case(
        "photo-in-heic",
        photo("clinics/south/images/door.heic"),
        [
            "clinics.yaml:32: clinic south, photos #1.src: expected a .jpg, .jpeg, .png, .webp, .avif or .gif file "
            "(browsers cannot show HEIC, the format iPhones save; export the photo as JPEG), got "
            '"clinics/south/images/door.heic"'
        ],
    ),
    Case(
        "photo-too-large",
        {
            "content/clinics/south/images/big.jpg": b"\xff\xd8\xff" + b"\0" * (12 * 2**20 + 1),
            **photo("clinics/south/images/big.jpg"),
        },
        [
            'clinics.yaml:32: clinic south, photos #1.src: expected at most 12 MB, got 12.0 MB in "clinics/south/images/big.jpg"'
        ],
    ),
    # Every independent stage reports in the same run
    Case(
        "problems-in-every-stage",
        {
            "clinics.yaml": [
                ("+1 202-555-0111", "+1 202-555-011"),
                PHOTO_EDIT("clinics/south/images/door.heic"),
            ],
            FAQ: (
                "A short ache, usually.",
                "A short ache, usually, in {{ clinic.adress }}.\nSee [safety](../saftey/).",
            ),
        },
        [
            "clinics.yaml:16: clinic north, phones #1.number: expected a phone number that exists in US (check the "
            'digits and country code), got "+1 202-555-011"',
            "clinics.yaml:32: clinic south, photos #1.src: expected a .jpg, .jpeg, .png, .webp, .avif or .gif file "
            "(browsers cannot show HEIC, the format iPhones save; export the photo as JPEG), got "
            '"clinics/south/images/door.heic"',
            f"{FAQ}:9: {{{{ clinic.adress }}}}: clinic has no field 'adress'; did you mean 'clinic.address'?",
            f'{FAQ}:10: link: expected a link to an existing page, got "../saftey/"',
        ],
    ),
    # Several files wrong: all reported in one run
    Case(
        "problems-in-two-files",
        {
            **markdown(FM + "<script>alert(1)</script>\n"),
            **markdown("---\ntitle: FAQ\n---\n\nHi {{ clinic.nme }}\n", FAQ),
        },
        [
            f"{PAGE}:6: <script>: {NO_SCRIPT}",
            f"{FAQ}:2: description: expected text, got nothing (this field is required)",
            f"{FAQ}:5: {{{{ clinic.nme }}}}: clinic has no field 'nme'; did you mean 'clinic.name'?",
        ],
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture project, built once successfully into output/."""
    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURE, root)
    build_project(root)
    return root


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def apply(root, edits: dict) -> None:
    for rel, change in edits.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(change, list):  # several edits of one file
            for one in change:
                apply(root, {rel: one})
        elif isinstance(change, tuple):
            old, new = change
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} is not in {rel}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif isinstance(change, bytes):
            path.write_bytes(change)
        else:
            path.write_text(change, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_exits_2_with_located_problems_and_keeps_output(built, tmp_path, monkeypatch, capsys, case):
    root = tmp_path / "project"
    shutil.copytree(built, root)
    monkeypatch.chdir(root)  # messages name paths relative to the working directory
    before = snapshot(root / "output")
    apply(root, case.edits)

    code = commands.run(lambda: build_project(root))

    out, err = capsys.readouterr()
    count = len(case.expected)
    assert err.splitlines() == [
        *case.expected,
        f"{count} problem{'s' if count != 1 else ''} found; nothing was written.",
    ]
    assert code == 2
    assert "Traceback" not in out + err
    assert snapshot(root / "output") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".output")] == [], "no staging folder left behind"
    assert not (root / "pwned").exists()
