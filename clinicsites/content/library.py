"""Find the Markdown under content/, read each file once, and pick each clinic's pages."""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import memory
from ..clinics.kinds import SLUG_PATTERN
from ..clinics.local import local_facts
from ..clinics.model import Clinic, Config
from ..errors import InputError, Problem, display_path
from . import images, translations
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

    def for_clinic(self, clinic: Clinic) -> dict[Key, Source]:
        """The sources of one clinic's site: shared ones it includes, then its own on top."""
        chosen = {key: src for key, src in self.shared.items() if key[0] == "pages" or clinic.includes(key[0], key[1])}
        chosen.update(self.own.get(clinic.slug, {}))
        return chosen


def load_library(root, config: Config, settings: dict, only: str | None = None) -> Library:
    """Read every Markdown file once; raise InputError listing every problem in every file."""
    root = Path(root)
    library = Library(root)
    reader = ClinicMarkdownReader(settings)
    cache = ParseCache(settings)
    problems: list[Problem] = []
    # Files that failed to parse, as (owner, key, rel): references to them are not reported again.
    failed: list[tuple[str | None, Key, str]] = []
    if not (root / "shared").is_dir():
        raise InputError(
            [Problem(display_path(root / "shared"), None, "", "folder not found; expected the shared pages here")]
        )
    _read_tree(root, "shared", SHARED_SECTIONS, None, reader, cache, library.shared, problems, failed)
    slugs = {c.slug for c in config.clinics}
    clinics_dir = root / "clinics"
    for folder in sorted(clinics_dir.iterdir()) if clinics_dir.is_dir() else []:
        if not folder.is_dir():
            continue
        if folder.name not in slugs:
            logger.warning(
                "%s: no clinic with slug '%s' in %s; its pages are not built",
                display_path(folder),
                folder.name,
                config.path,
            )
            continue
        if only and folder.name != only:
            continue
        own: dict[Key, Source] = {}
        _read_tree(root, f"clinics/{folder.name}", CLINIC_SECTIONS, folder.name, reader, cache, own, problems, failed)
        library.own[folder.name] = own
    cache.save(prune=not only)  # a one-clinic build reads only some folders; it keeps the others' cache
    problems += _check_references(library, config, only, failed)
    if problems:
        raise InputError(problems)
    return library


def _read_tree(
    root: Path, base: str, sections, owner, reader, cache, into: dict, problems: list[Problem], failed: list
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
                failed.append((owner, (entry.name, path.stem), f"{base}/{entry.name}/{name}"))
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
    problems += translations.attach(pending, into, failed)


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


def _check_references(library: Library, config: Config, only: str | None, failed: list) -> list[Problem]:
    """Related pages, {filename} links, {static} images and clinics' condition lists must name files that exist."""
    problems: list[Problem] = []
    rels = {rel for _, _, rel in failed}
    rels |= {src.rel for src in library.shared.values()}
    for own in library.own.values():
        rels |= {src.rel for src in own.values()}
    everything = list(library.shared.values()) + [s for own in library.own.values() for s in own.values()]
    for src in everything:
        problems += images.check(src, library.root)
        available = set(library.shared) | set(library.own.get(src.owner, {}))
        available |= {key for owner, key, _ in failed if owner in (None, src.owner)}
        for key in ("related_conditions", "related_benefits"):
            section = key.removeprefix("related_")
            for slug in src.parsed.meta.get(key) or ():
                if (section, slug) not in available:
                    problems.append(
                        Problem(
                            src.path,
                            src.parsed.lines.get(key),
                            key,
                            f'expected the slug of an existing {section[:-1]} page, got "{slug}"',
                        )
                    )
        for target, line in src.parsed.links:
            rel = resolve_link(src.rel, target)
            owner_ok = rel.startswith(("shared/", f"clinics/{src.owner}/"))
            if rel not in rels or not owner_ok:
                problems.append(
                    Problem(
                        src.path,
                        line,
                        "link",
                        f'expected a link to an existing page, got "{target}" '
                        "(links start with {filename}/shared/... or {filename}/clinics/<this clinic>/...)",
                    )
                )
    for i, clinic in enumerate(config.clinics):
        if only and clinic.slug != only:
            continue
        for section in ("conditions", "benefits"):
            chosen = getattr(clinic, section)
            if chosen == "all":
                continue
            known = {slug for sec, slug in library.shared if sec == section}
            known |= {key[1] for owner, key, _ in failed if owner is None and key[0] == section}
            for j, slug in enumerate(chosen):
                if slug not in known:
                    path = ("clinics", i, section, j)
                    problems.append(
                        Problem(
                            config.path,
                            config.lines.get(path),
                            f"clinic {clinic.slug}, {section} #{j + 1}",
                            f"expected the slug of a shared {section[:-1]} page "
                            f'(one of: {", ".join(sorted(known))}), got "{slug}"',
                        )
                    )
    return problems


def resolve_link(source_rel: str, target: str) -> str:
    """Turn a {filename} target into a path relative to the content folder."""
    target = target.split("#")[0]
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))


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
