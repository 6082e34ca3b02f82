"""Find the Markdown under content/, read each file once, and pick each clinic's pages."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import memory
from ..clinics.kinds import SLUG_PATTERN
from ..clinics.local import local_facts
from ..clinics.model import Clinic, Config
from ..errors import InputError, Problem, display_path
from . import references, translations
from .parsecache import ParseCache
from .reader import ClinicMarkdownReader, ParsedMarkdown

logger = logging.getLogger(__name__)

SHARED_SECTIONS = ("pages", "conditions", "benefits")
CLINIC_SECTIONS = ("pages", "conditions", "benefits", "posts")
#: Page slugs the site itself uses for its own addresses.
RESERVED_PAGE_SLUGS = {"conditions", "benefits", "news", "contact", "theme", "index", "404", "feeds", "images"}

Key = tuple[str, str]  # (section, slug)


@dataclass
class Source:
    """One Markdown file, parsed once, with where it belongs."""

    path: str  # as shown in messages, e.g. content/shared/pages/faq.md
    rel: str  # relative to the content folder, as {filename}/... links name it
    section: str
    slug: str
    owner: str | None  # the clinic's slug, or None when shared by every clinic
    parsed: ParsedMarkdown
    lang: str | None = None  # a translation's language ("ur"); None for the original
    original_rel: str | None = None  # a translation's original, as {filename} links name it
    translations: dict[str, Source] = field(default_factory=dict)  # an original's, by language

    @property
    def key(self) -> Key:
        return (self.section, self.slug)

    def __getstate__(self):
        # Keys worked out during a build (render/keys.py) are not worth sending to a worker.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}


@dataclass
class Library:
    """All content of a build: shared sources and each clinic's own."""

    root: Path
    shared: dict[Key, Source] = field(default_factory=dict)
    own: dict[str, dict[Key, Source]] = field(default_factory=dict)
    #: Files that did not parse, as (owner, key, rel): what names them is not reported again.
    failed: list[tuple[str | None, Key, str]] = field(default_factory=list)
    #: Those files as far as they were read (their links and images), checked with the rest in the same run.
    unparsed: list[Source] = field(default_factory=list)

    def for_clinic(self, clinic: Clinic) -> dict[Key, Source]:
        """The sources of one clinic's site: shared ones it includes, then its own on top."""
        chosen = {key: src for key, src in self.shared.items() if key[0] == "pages" or clinic.includes(key[0], key[1])}
        chosen.update(self.own.get(clinic.slug, {}))
        return chosen


def load_library(
    root, slugs, settings: dict, only: str | None = None, clinics_path: str = "clinics.yaml"
) -> tuple[Library, list[Problem]]:
    """Read every Markdown file once: the shared ones, and each folder of a clinic in ``slugs`` (every clinic
    folder if None: a clinics file with problems may not name them all; only ``only``'s, if given). Return the files
    that parsed and every problem in any file, its links and images included; none depends on a clinic's facts."""
    root = Path(root)
    library = Library(root)
    problems: list[Problem] = []
    if not (root / "shared").is_dir():
        return library, [Problem(display_path(root / "shared"), None, "", "folder not found; expected the shared "
                                 "pages here")]  # fmt: skip
    reader = ClinicMarkdownReader(settings)
    cache = ParseCache(settings)
    _read_tree(root, "shared", SHARED_SECTIONS, None, reader, cache, library.shared, problems, library)
    clinics_dir = root / "clinics"
    for folder in sorted(clinics_dir.iterdir()) if clinics_dir.is_dir() else []:
        if not folder.is_dir():
            continue
        if slugs is not None and folder.name not in slugs:
            logger.warning("%s: no clinic with slug '%s' in %s; its pages are not built", display_path(folder),
                           folder.name, clinics_path)  # fmt: skip
            continue
        if only and folder.name != only:
            continue
        own: dict[Key, Source] = {}
        _read_tree(root, f"clinics/{folder.name}", CLINIC_SECTIONS, folder.name, reader, cache, own, problems, library)
        library.own[folder.name] = own
    cache.save(prune=not only)  # a one-clinic build reads only some folders; it keeps the others' cache
    problems += references.check(library)
    return library, problems


def _read_tree(
    root: Path, base: str, sections, owner, reader, cache, into: dict, problems: list[Problem], library: Library
) -> None:
    pending: list[Source] = []  # translations
    shard = cache.shard(base)
    top = _shown(root, os.getcwd())  # shown relative to the working directory
    shown = base if top == "." else f"{top}/{base}"
    for entry in sorted(os.scandir(root / base), key=lambda e: e.name):
        is_dir = entry.is_dir()
        if is_dir and entry.name not in sections and entry.name != "images":
            problems.append(
                Problem(
                    f"{shown}/{entry.name}",
                    None,
                    "",
                    "unexpected folder; expected one of: " + ", ".join((*sections, "images")),
                )
            )
            continue
        if not is_dir or entry.name == "images":
            continue
        folder = f"{shown}/{entry.name}"
        # Hidden files are editors' locks and swap files, not pages.
        names = sorted(n.name for n in os.scandir(entry.path) if n.name[0] != ".")
        problems += _misnamed(folder, names)
        for name in (n for n in names if n.endswith(".md")):
            path = Path(entry.path, name)
            display = f"{folder}/{name}"
            lang = translations.language_of(name)
            try:
                parsed = reader.parse_cached(path, display, entry.name, shard, translation=bool(lang))
            except InputError as exc:
                problems += exc.problems
                library.failed.append((owner, (entry.name, path.stem), f"{base}/{entry.name}/{name}"))
                if getattr(exc, "partial", None):
                    rel = f"{base}/{entry.name}/{name}"
                    library.unparsed.append(Source(display, rel, entry.name, path.stem, owner, exc.partial, lang))
                continue
            if lang:  # attached to its original once every file of the folder is read
                pending.append(Source(display, f"{base}/{entry.name}/{name}", entry.name, "", owner, parsed, lang))
                continue
            slug = parsed.meta.get("slug") or _slug_from_name(path, entry.name, problems)
            if not slug:
                continue
            src = Source(display, f"{base}/{entry.name}/{name}", entry.name, slug, owner, parsed)
            if owner:  # rendered for one clinic only: no need to keep its Jinja template in memory
                for template in (parsed.body, *parsed.fields.values()):
                    template.keep = False
            if src.key in into:
                problems.append(Problem(display, None, "slug", f'"{slug}" is already used by {into[src.key].path}'))
            elif entry.name == "pages" and slug in RESERVED_PAGE_SLUGS:
                problems.append(
                    Problem(display, None, "slug", f'"{slug}" is reserved for the site\'s own pages; rename the file')
                )
            else:
                into[src.key] = src
    problems += translations.attach(pending, into, library.failed)


def _misnamed(folder: str, names: list[str]) -> list[Problem]:
    """Pages saved as .MD, .markdown or .txt would be skipped without a word: say what to rename them to."""
    problems = []
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if dot and suffix.lower() in ("md", "markdown", "mdown", "txt") and suffix != "md":
            problems.append(Problem(f"{folder}/{name}", None, "file name", f'pages are read from .md files only; '
                                    f'rename it to "{stem.lower().replace(" ", "-")}.md"'))  # fmt: skip
    return problems


@memory.remember("shown-paths", 8)
def _shown(root: Path, cwd: str) -> str:
    return display_path(root)  # resolved once, not once per folder: thousands of folders make it add up


def _slug_from_name(path: Path, section: str, problems: list[Problem]) -> str | None:
    # Posts are usually named 2026-11-20-title.md; the date is not part of the address.
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem) if section == "posts" else path.stem
    if re.fullmatch(SLUG_PATTERN, stem):
        return stem
    problems.append(
        Problem(
            display_path(path),
            None,
            "file name",
            "expected lowercase letters, digits and hyphens (it becomes the page address), "
            f'got "{path.name}"; rename the file or set slug: in its front matter',
        )
    )
    return None


def check_render(config: Config, library: Library) -> list[Problem]:
    """Render every page's Markdown for every clinic without writing: per-clinic tag errors."""
    problems: list[Problem] = []
    owners = list(config.clinics)
    if config.has_guide:
        owners.append(None)  # the brand's guide publishes every shared page, with no clinic
    for clinic in owners:
        main = clinic.language if clinic else config.brand.language
        chosen = library.for_clinic(clinic) if clinic else library.shared
        for src in [s for original in chosen.values() for s in (original, *original.translations.values())]:
            values = {"clinic": clinic, "brand": config.brand, "country": local_facts(clinic, src.lang or main)}
            for template in (src.parsed.body, *src.parsed.fields.values()):
                try:
                    template.render(values)
                except InputError as exc:
                    problems += exc.problems
    return problems
