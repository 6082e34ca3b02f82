"""What one job publishes, before anything is rendered: its sites by language, each page's sources, and which
copies search engines should index.

A job is a clinic, or the brand's guide (one copy of every shared page, which clinic copies point to). A
clinic publishes a site per language, its main language at ``/<slug>/`` and each other one at
``/<slug>/<lang>/``; a page is published in a language only if it is written in it or translated into it.
Search engines are asked to index a page only where it is the site's own: a clinic's copy of a shared page
points to the guide's (``shared_pages: guide``) or is left out (``noindex``) unless the clinic adds a note
to it; an unreviewed translation and every page of a clinic with sample facts are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..clinics.model import Brand, Clinic, Config
from ..content.library import Key, Library, Source
from . import i18n, seo

#: The brand's guide: one indexed copy of each shared page, at the top of the output.
GUIDE = "guide"
#: Pages the theme makes from facts alone (the guide has a home page of its own), as (template, file).
CLINIC_PAGES = (("index", "index.html"), ("conditions", "conditions/index.html"),
                ("benefits", "benefits/index.html"), ("contact", "contact/index.html"),
                ("search", "search/index.html"))  # fmt: skip
GUIDE_PAGES = (("guide", "index.html"),)


@dataclass
class Plan:
    name: str  # the clinic's slug, or GUIDE
    owner: Clinic | None  # None for the guide
    brand: Brand
    languages: tuple[str, ...]  # main first
    sources: dict[str, dict[Key, Source]]  # by language
    url: str  # absolute address of the site's root (its main language), ending in /
    root_url: str  # absolute address of the output's root (the directory of clinics), ending in /
    guide_url: str | None  # None when no clinic's shared pages point to a guide, so none is built
    fact_pages: tuple[tuple[str, str], ...]
    _index: dict = field(default_factory=dict)

    def prefix(self, lang: str) -> str:
        """Where a language's site sits inside the owner's: "" for the main language, else "ur/"."""
        return "" if lang == self.languages[0] else f"{i18n.base(lang)}/"

    def indexed(self, lang: str, key: Key) -> bool:
        """Whether search engines should index the page ``key`` (or a fact page ``("fact", template)``)."""
        if (lang, key) not in self._index:
            self._index[lang, key] = self._indexed(lang, key)
        return self._index[lang, key]

    def _indexed(self, lang: str, key: Key) -> bool:
        if self.owner is not None and self.owner.sample:
            return False  # a site with placeholder facts is a preview, not for search engines
        if key[0] == "fact":
            return True
        src = self.sources[lang].get(key)
        if src is None:
            return False
        if src.lang and not src.parsed.meta.get("translation_reviewed"):
            return False  # not yet checked by a fluent speaker
        return self.owner is None or self.own(lang, key) or self.owner.shared_pages == "index"

    def own(self, lang: str, key: Key) -> bool:
        """Whether a clinic's page is its own: its own file, or a shared page it adds a note to (main language)."""
        src = self.sources[lang].get(key)
        if src is None or src.owner is not None:
            return src is not None
        return lang == self.languages[0] and bool(self.owner.note(key[0], key[1]))

    def canonical(self, lang: str, key: Key, address: str) -> str | None:
        """Where a page not indexed here is indexed instead: the guide's copy (None: no copy is indexed)."""
        if self.owner is None or self.indexed(lang, key) or key[0] == "fact" or self.owner.sample:
            return None
        if self.owner.shared_pages != "guide" or self.own(lang, key):
            return None
        guide_prefix = "" if i18n.base(lang) == i18n.base(self.brand.language) else f"{i18n.base(lang)}/"
        return self.guide_url + guide_prefix + address[len(self.prefix(lang)) :]

    def has(self, lang: str, key: Key) -> bool:
        """Whether the site in ``lang`` has the page ``key`` (or the fact page ``("fact", template)``)."""
        if key[0] != "fact":
            return key in self.sources[lang]
        # In a language the owner adds, a list is published only if something in it is written in that language.
        section = {"conditions": "conditions", "benefits": "benefits", "news": "posts"}.get(key[1])
        if section is None:
            return True
        written = any(s == section for s, _ in self.sources[lang])
        # A clinic that shows no condition or benefit page (the default) has no empty list of them either.
        return written if section != "posts" else written or lang == self.languages[0]


def plan(config: Config, library: Library, name: str, settings: dict) -> Plan:
    """The plan of job ``name``: a clinic's slug, or GUIDE."""
    brand = config.brand
    root = seo.root_url(settings, brand)
    guide_url = f"{root}{GUIDE}/" if config.has_guide else None
    if name == GUIDE:
        languages = guide_languages(config)
        chosen = dict(library.shared)
        sources = {lang: _in_language(chosen, lang, brand.language, brand.language) for lang in languages}
        return Plan(name, None, brand, languages, sources, f"{root}{GUIDE}/", root, guide_url, GUIDE_PAGES)
    clinic = config.clinic(name)
    chosen = library.for_clinic(clinic)
    sources = {lang: _in_language(chosen, lang, brand.language, clinic.language) for lang in clinic.languages}
    return Plan(name, clinic, brand, clinic.languages, sources, seo.clinic_url(settings, brand, clinic), root,
                guide_url, CLINIC_PAGES)  # fmt: skip


def guide_languages(config: Config) -> tuple[str, ...]:
    """The brand's language, then every other language a clinic publishes (in the order first seen)."""
    found = [config.brand.language]
    for clinic in config.clinics:
        found += [lang for lang in clinic.languages if i18n.base(lang) not in {i18n.base(f) for f in found}]
    return tuple(found)


def _in_language(chosen: dict[Key, Source], lang: str, shared_lang: str, own_lang: str) -> dict[Key, Source]:
    """Each page in ``lang``: the original where it is written in it, else its translation, else nothing."""
    out = {}
    for key, src in chosen.items():
        written = shared_lang if src.owner is None else own_lang
        if i18n.base(written) == i18n.base(lang):
            out[key] = src
        elif i18n.base(lang) in src.translations:
            out[key] = src.translations[i18n.base(lang)]
    return out
