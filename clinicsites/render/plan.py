"""What one job publishes, before anything is rendered: its sites by language, each page's sources, and which
copies search engines should index.

A job is a clinic, or the brand's guide (one copy of every shared page, which clinic copies point to). A
clinic publishes a site per language, its main language at ``/<slug>/`` and each other one at
``/<slug>/<lang>/``; a page is published in a language only if it is written in it or translated into it.
Search engines are asked to index a page only where it is the site's own (the rules, in order):

- nothing at all in a preview published under a placeholder address (``UNINDEXED_PREVIEW``, ./run publish
  --preview), nor on the site of a clinic with sample facts;
- nothing in a language whose theme catalogue no fluent speaker has checked (``X-Reviewed: yes`` in its
  header, render/i18n.py), guide included, nor a translation not yet reviewed (``translation_reviewed``);
- of the pages the theme makes, a clinic's home, contact and news pages are indexed; its conditions and
  benefits indexes list the guide's summaries and its search page is only a tool, so they are ``noindex``
  (indexed only under ``shared_pages: index``);
- a clinic's own pages are indexed; its copy of a shared page points to the guide's (``shared_pages:
  guide``) or is left out (``noindex``), unless the clinic's note on it is at least ``NOTE_SHARE`` of the
  page's words: a short note is shown but does not make a copy of shared text the clinic's own.
"""

from __future__ import annotations

import re
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
#: The theme's pages search engines may index on a clinic's site; the others repeat the guide or are tools.
INDEXED_FACT_PAGES = frozenset({"index", "contact", "news", "guide"})
#: Theme pages indexed only when every copy of shared text is (``shared_pages: index``).
SHARED_LISTS = frozenset({"conditions", "benefits"})
#: A clinic's note makes its copy of a shared page its own when the note is at least this share of the words
#: (the note's and the page's Markdown, clinic tags left out): a third, so that at least half as many words
#: again as the shared text are the clinic's.
NOTE_SHARE = 1 / 3
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NOISE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]+>|\]\([^)]*\)|[#*_`>|]", re.S)


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
    unindexed: bool = False  # a preview under a placeholder address: nothing in it is for search engines
    reviewed: frozenset[str] = frozenset()  # languages whose theme catalogue a fluent speaker has checked
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
        if not self.open_to_search(lang):
            return False
        if key[0] == "fact":
            every_copy = self.owner is not None and self.owner.shared_pages == "index"
            return key[1] in INDEXED_FACT_PAGES or (key[1] in SHARED_LISTS and every_copy)
        src = self.sources[lang].get(key)
        if src is None or not _reviewed_text(src):
            return False  # a translation not yet checked by a fluent speaker
        return self.owner is None or self.own(lang, key) or self.owner.shared_pages == "index"

    def open_to_search(self, lang: str) -> bool:
        """Whether any page of the site in ``lang`` may be indexed: not a preview, no sample facts, the theme's
        words in that language reviewed."""
        sample = self.owner is not None and bool(self.owner.sample)
        return not self.unindexed and not sample and i18n.base(lang) in self.reviewed

    def unreviewed_theme(self, lang: str) -> bool:
        """Whether the theme's words in ``lang`` (menus, buttons, the pages it makes) are not yet reviewed."""
        return i18n.base(lang) not in self.reviewed

    def own(self, lang: str, key: Key) -> bool:
        """Whether a clinic's page is its own: its own file, or a shared page whose note (main language only) is
        at least ``NOTE_SHARE`` of its words."""
        src = self.sources[lang].get(key)
        if src is None or src.owner is not None:
            return src is not None
        note = self.owner.note(key[0], key[1]) if lang == self.languages[0] else None
        if not note:
            return False
        note_words = words(note)
        return note_words >= NOTE_SHARE * (note_words + page_words(src))

    def canonical(self, lang: str, key: Key, address: str) -> str | None:
        """Where a page not indexed here is indexed instead: the guide's copy, if the guide indexes it (None: no
        copy is indexed, so the page says noindex)."""
        if self.owner is None or key[0] == "fact" or self.owner.shared_pages != "guide" or self.indexed(lang, key):
            return None
        src = self.sources[lang].get(key)
        if src is None or src.owner is not None or not self.open_to_search(lang) or not _reviewed_text(src):
            return None  # the guide's copy would be left out too
        guide_prefix = "" if i18n.base(lang) == i18n.base(self.brand.language) else f"{i18n.base(lang)}/"
        return self.guide_url + guide_prefix + address[len(self.prefix(lang)) :]

    def owned_by_notes(self) -> tuple[Key, ...]:
        """The shared pages a clinic's notes make its own (they depend on the pages' bodies: render/keys.py)."""
        if self.owner is None:
            return ()
        lang = self.languages[0]
        return tuple(sorted(key for section, notes in self.owner.notes.items() for slug in notes
                            if (key := (section, slug)) in self.sources[lang] and self.own(lang, key)))  # fmt: skip

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
        return Plan(name, None, brand, languages, sources, f"{root}{GUIDE}/", root, guide_url, GUIDE_PAGES,
                    *_search_rules(settings, languages))  # fmt: skip
    clinic = config.clinic(name)
    chosen = library.for_clinic(clinic)
    sources = {lang: _in_language(chosen, lang, brand.language, clinic.language) for lang in clinic.languages}
    return Plan(name, clinic, brand, clinic.languages, sources, seo.clinic_url(settings, brand, clinic), root,
                guide_url, CLINIC_PAGES, *_search_rules(settings, clinic.languages))  # fmt: skip


def _search_rules(settings: dict, languages) -> tuple[bool, frozenset[str]]:
    """Whether the build is a preview kept from search engines, and which languages' theme words are reviewed."""
    reviewed = frozenset(i18n.base(lang) for lang in languages if i18n.reviewed(settings["THEME"], lang))
    return bool(settings.get("UNINDEXED_PREVIEW")), reviewed


def indexes_anything(settings: dict, clinic: Clinic | None, languages) -> bool:
    """Whether a clinic's site (or the guide's, ``clinic`` None) has a page for search engines, so a sitemap."""
    unindexed, reviewed = _search_rules(settings, languages)
    return not unindexed and not (clinic is not None and clinic.sample) and bool(reviewed)


def words(text: str) -> int:
    """Words of Markdown or plain text, leaving out tags, markup and link targets."""
    return len(_WORD.findall(_NOISE.sub(" ", text)))


def page_words(src: Source) -> int:
    """Words of a page's Markdown body and description, counted once per file and kept on it."""
    found = src.__dict__.get("_words")
    if found is None:
        found = src.__dict__["_words"] = words(src.parsed.body.source) + words(src.parsed.meta.get("description") or "")
    return found


def _reviewed_text(src: Source) -> bool:
    return not src.lang or bool(src.parsed.meta.get("translation_reviewed"))


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
