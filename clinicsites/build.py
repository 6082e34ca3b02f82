"""The commands' engine: read settings, validate everything, then build every clinic's site and the directory."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import cache, claims, memory, own_text, parallel, publishing, validation
from .clinics.cache import load_config_cached
from .clinics.model import Config
from .content.library import Library
from .errors import Problem
from .output import Transaction
from .render import pagefind_api
from .render.clinic import Job, Shared
from .render.directory import write_directory
from .render.keys import engine_key
from .render.parts import USED_FROM
from .render.plan import GUIDE
from .render.search import FOLDER as SEARCH_FOLDER
from .render.theme import Theme
from .settings import load_settings

logger = logging.getLogger(__name__)


@dataclass
class Checked:
    """What ``check`` found: the valid config, and a line per clinic on how much of its site is its own."""

    config: Config
    own_text: list[str]


@dataclass
class Report:
    """What a build did, for its summary line."""

    clinics: int
    pages: int  # rendered
    seconds: float
    output: Path
    files: int = 0  # new or changed in the clinics' folders
    indexed: tuple[str, ...] = ()  # the jobs (clinics, the guide) whose search index was made again


def inputs(clinics_file, settings: dict, settings_file) -> list[Path]:
    """Every file and folder a build reads: what the preview watches, and what its remembered results are keyed by."""
    found = [settings["PATH"], settings["THEME"], clinics_file, settings_file, claims.rules_file(settings)]
    found += [settings["COUNTRIES"]] if settings.get("COUNTRIES") else []
    return [Path(p) for p in found if Path(p).exists()]


def prepare(clinics_file, settings: dict, only: str | None = None) -> tuple[Config, Library]:
    """Validate clinics.yaml and all content, every stage in one run (see validation.py): the shared first step of
    check and build."""
    return validation.prepare(clinics_file, settings, only)


def check(clinics_file="clinics.yaml", settings_file="pelicanconf.py", override: dict | None = None) -> Checked:
    """Validate clinics.yaml and every Markdown file for every clinic, then measure how much of each clinic's
    indexed text is its own on the sites as they would be built (into the cache, not the output)."""
    settings = load_settings(settings_file, override)
    config, library = validation.prepare(clinics_file, settings, render=True)
    # Built like any other output, so a second check renders only what changed since the first.
    folder = Path(settings["CACHE_PATH"]) / f"measured-{cache.digest(str(Path(clinics_file).resolve()))[:12]}"
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(folder.resolve())})
    _build(config, library, settings, search=False)
    shares = own_text.measure(folder, config, settings)
    own_text.note_shortfalls(shares, config, library, settings)
    return Checked(config, own_text.report(config, shares) + _unchosen(config))


def own_text_summary(clinics_file, output, settings_file="pelicanconf.py") -> str:
    """How much of each clinic's indexed text is its own, measured on a built ``output``, in one line."""
    settings = load_settings(settings_file)
    config = load_config_cached(clinics_file, settings["CACHE_PATH"])
    return own_text.summary(config, own_text.measure(output, config, settings))


def _unchosen(config: Config) -> list[str]:
    """A line for each clinic that shows no shared condition or benefit page (the default), so its owner knows."""
    return [
        f"{clinic.slug}: shows no shared {section[:-1]} pages (list the ones its own pages name under {section}: in "
        f"{config.path})"
        for clinic in config.clinics
        for section in ("conditions", "benefits")
        if not getattr(clinic, section)
    ]


def publish(
    clinics_file="clinics.yaml",
    output="output",
    settings_file="publishconf.py",
    base_url: str | None = None,
    allow_sample_facts: bool = False,
    progress=None,
    preview: bool = False,
    pages_url: str | None = None,
) -> Report:
    """A full build with the production settings, refused while the address is a placeholder (unless a
    ``preview``, kept out of search engines), while a clinic has sample facts (unless ``allow_sample_facts``), or
    while a fact published as real looks like a placeholder (always)."""
    override = {"BASE_URL": base_url, "PAGES_URL": pages_url, "UNINDEXED_PREVIEW": preview or None}
    override = {key: value for key, value in override.items() if value}

    def rules(config: Config) -> list[Problem]:
        return publishing.rules(config, base_url, pages_url, preview, allow_sample_facts)

    return build(clinics_file, output, settings_file, override=override, full=True, progress=progress, rules=rules)


def build(
    clinics_file="clinics.yaml",
    output="output",
    settings_file="pelicanconf.py",
    only: str | None = None,
    override: dict | None = None,
    jobs: int | None = None,
    full: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
    search: bool = True,
    rules: Callable[[Config], list[Problem]] | None = None,
) -> Report:
    """Build every clinic (or only one) and the directory into ``output``, which changes only if all succeed.

    Unless ``full``, pages whose inputs are unchanged since the last build are not rendered again (see
    render/keys.py). ``progress(total)`` returns a function called once per clinic built. Without ``search`` the
    search indexes are left as the last build made them (the preview's rebuilds, for speed). ``rules`` are the
    caller's own checks of the facts, run with the rest of validation (``publish``: no placeholders).
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(output)})
    config, library = validation.prepare(clinics_file, settings, only, rules=rules)
    clinics, pages, files, indexed = _build(config, library, settings, only, jobs, full, progress, search)
    return Report(clinics, pages, time.perf_counter() - started, output, files, indexed)


def _build(
    config: Config, library: Library, settings: dict, only=None, jobs=None, full=False, progress=None, search=True
) -> tuple[int, int, int, tuple[str, ...]]:
    """Build validated input into ``OUTPUT_PATH``; return the clinics built, pages rendered, files changed and the
    jobs whose search index was made again."""
    output = Path(settings["OUTPUT_PATH"])
    clinics = [c for c in config.clinics if not only or c.slug == only]
    engine = engine_key(settings)
    shared = Shared(Theme.reused(settings, engine), config, library, engine, search)
    names = [c.slug for c in clinics]
    if config.has_guide:
        # Shared pages are indexed once, in the brand's guide: the largest index, so made early, beside the clinics,
        # rather than last, with the other workers idle. The first clinic stays first: it teaches the theme's parts
        # (parallel.py).
        names.insert(1, GUIDE)
    shared.theme.parts.enabled = len(names) >= USED_FROM  # pages from pre-built parts pay off from there
    with Transaction(output, settings["CACHE_PATH"], keep_others=bool(only)) as tx:
        work = [Job(name, tx.target(name), full) for name in names]
        try:
            parallel.run(shared, work, jobs or os.cpu_count() or 1, tx, progress(len(clinics)) if progress else None)
        finally:
            pagefind_api.close()  # this process's indexing service, if it indexed: no process is left behind
        pages = sum(r.pages for r in tx.results.values())
        files = sum(r.files for r in tx.results.values())
        indexed = tuple(sorted(name for name, r in tx.results.items() if SEARCH_FOLDER in r.remade))
        pages += write_directory(shared.theme, config, tx.root(), engine, full)
        tx.commit()
    memory.prune(settings["CACHE_PATH"])
    return len(clinics), pages, files, indexed
