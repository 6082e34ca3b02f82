"""Front matter: the YAML block between ``---`` lines at the top of a Markdown file."""

from __future__ import annotations

from .. import cache
from ..clinics.fields import Checker, Choice, Flag, Number, Text
from ..clinics.kinds import date, slug
from ..clinics.shapes import AnyOf, Field, ListOf, Mapping
from ..clinics.yamlsource import Document, load_text
from ..errors import InputError, Problem

#: Body regions a condition page can belong to, head to foot, with the body map's labels.
REGION_LABELS = {
    "head": "Head and jaw",
    "neck": "Neck",
    "shoulder": "Shoulder",
    "upper-back": "Upper back",
    "arm": "Arm",
    "elbow": "Elbow",
    "wrist-hand": "Wrist and hand",
    "lower-back": "Lower back",
    "hip": "Hip and buttock",
    "knee": "Knee",
    "leg": "Leg and calf",
    "foot": "Foot and heel",
    "whole-body": "All over the body",
}
REGIONS = tuple(REGION_LABELS)
#: Regions whose needling sites may lie over a lung (neck, shoulders, upper back, chest wall; the head's muscles
#: run down into the neck; whole-body problems may be needled anywhere): a condition page in one must say
#: whether it does (``lung_risk``), so the warning cannot be left out by forgetting it.
LUNG_REGIONS = ("head", "neck", "shoulder", "upper-back", "whole-body")

_SLUGS = ListOf(slug(), unique=True)
#: One careful line on what the evidence says, for the guide's list of conditions and benefits.
_EVIDENCE = Field(
    Text("One careful sentence on what the evidence says (the guide shows it beside the title).", max_length=240)
)

_COMMON = {
    "title": Field(Text("Short label used in lists, menus and breadcrumbs.", max_length=120), required=True),
    "description": Field(Text("One sentence for search results.", max_length=300), required=True),
    "headline": Field(Text("The page's main heading and browser title, if different from title.", max_length=200)),
    "slug": Field(slug("Address of the page; defaults to the file name.")),
    "order": Field(Number("Position in lists; lower comes first.", 0, 10_000, integer=True), default=1000),
    "updated": Field(date("Date of the last real change, YYYY-MM-DD (sitemap lastmod).")),
    "reviewed": Field(date("Date the health content was last checked against its sources, YYYY-MM-DD; shown as "
                           "\"Last updated\" unless reviewed_by names who checked it.")),
    "reviewed_by": Field(Mapping({
        "name": Field(Text("Name of the person who reviewed the page.", max_length=120), required=True),
        "credentials": Field(Text('Their qualifications, e.g. "PT, DPT".', max_length=120), required=True),
    }, doc="Who reviewed the page's health content on the reviewed date: the page then says \"Last reviewed by\" "
           "them (and tells search engines so); without it, it says \"Last updated\".")),
    "sources": Field(
        ListOf(Text("Published guidance the page relies on, named as it is published (no web address).",
                    max_length=200), unique=True),
        default=(),
    ),
}  # fmt: skip

SECTIONS: dict[str, Mapping] = {
    "pages": Mapping({**_COMMON, "faq": Field(Flag("Questions and answers: each ## heading ending in ? is a question, "
                                                   "the text after it its answer (FAQPage data)."), default=False)}),
    "conditions": Mapping({
        **_COMMON,
        "region": Field(Choice(REGIONS, "Body region, used by the body map."), required=True),
        "lung_risk": Field(Flag("Whether the page describes needling near the chest wall, neck, upper back or "
                                "shoulders: true shows the collapsed-lung warning with the local emergency number. "
                                f"Required in the regions {', '.join(LUNG_REGIONS)}.")),
        "evidence": _EVIDENCE,
        "related_conditions": Field(_SLUGS, default=()),
        "related_benefits": Field(_SLUGS, default=()),
    }),
    "benefits": Mapping({**_COMMON, "evidence": _EVIDENCE, "related_conditions": Field(_SLUGS, default=())}),
    "posts": Mapping({**_COMMON, "date": Field(date("Publication date, YYYY-MM-DD."), required=True)}),
}  # fmt: skip

#: A translation (``neck-pain.ur.md`` beside ``neck-pain.md``) has its own words; the rest comes from the original.
TRANSLATION = Mapping({
    "title": _COMMON["title"],
    "description": _COMMON["description"],
    "headline": _COMMON["headline"],
    "evidence": _EVIDENCE,
    "translation_reviewed": Field(
        AnyOf((lambda v: isinstance(v, bool), Flag()), (lambda v: isinstance(v, str), date()),
              doc="false until a fluent speaker has checked it, then the date they did (YYYY-MM-DD); until then "
                  "it is published noindex, with a note saying so.", expected="false, or the date a fluent speaker "
                                                                              "reviewed it (YYYY-MM-DD)"),
        required=True),
})  # fmt: skip

#: Front matter a translation must give in its own words, or go without (never the original's, in another language).
OWN_WORDS = ("evidence",)

#: Front matter values that may use clinic facts ({{ clinic.name }} and the like).
TEMPLATED = ("title", "description", "headline")


def split(text: str, path: str) -> tuple[Document, str, int]:
    """Split a Markdown file into its front matter and body.

    Return the parsed front matter, the body, and the file line the body starts on.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError(
            [
                Problem(
                    path,
                    1,
                    "front matter",
                    "expected the file to start with a --- line, then title: and description:, then another --- line",
                )
            ]
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise InputError([Problem(path, 1, "front matter", "expected a closing --- line after the front matter")])
    doc = load_text("\n".join(lines[1:end]), path, line_offset=1)
    return doc, "\n".join(lines[end + 1 :]), end + 2


def validate(doc: Document, section: str, translation: bool = False) -> tuple[dict, list[Problem]]:
    """Check front matter against its section's fields (a translation's own few); return values and problems."""
    checker = Checker(doc)
    if doc.data is None:
        doc.data = {}
    spec = TRANSLATION if translation else SECTIONS[section]
    values = spec.check(doc.data, (), checker)
    region = doc.data.get("region") if isinstance(doc.data, dict) else None
    if section == "conditions" and not translation and region in LUNG_REGIONS and doc.data.get("lung_risk") is None:
        checker.error(
            ("region",),
            f"a page in region {region} must say whether its needling sites are near the "
            "chest wall, neck, upper back or shoulders, where a needle can reach a lung; "
            "expected lung_risk: true (shows the warning) or lung_risk: false below it",
        )
    if isinstance(values, dict) and values.get("reviewed_by") and not values.get("reviewed"):
        checker.error(("reviewed_by",), "expected reviewed: beside it, the date the named person reviewed the page")
    return values, checker.problems


def digest(meta: dict, fields: dict, links: list) -> str:
    """What a site key covers of one file besides its body (render/keys.py): its front matter as validated, its
    templated fields and its links."""
    return cache.digest(sorted((k, repr(v)) for k, v in meta.items()),
                        sorted((k, t.source) for k, t in fields.items()), sorted(links))  # fmt: skip
