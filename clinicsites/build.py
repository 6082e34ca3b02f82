"""The commands' engine: read settings, validate everything, then build every clinic's site and the directory."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import cache, claims, own_text, parallel, publishing
from .clinics.cache import load_config_cached
from .clinics.model import Config
from .content import images
from .content.library import Library, check_render, load_library
from .errors import InputError, Problem
from .output import Transaction
from .render import i18n
from .render.clinic import Job, Shared, languages_published
from .render.directory import root_folders, write_directory
from .render.keys import engine_key
from .render.parts import USED_FROM
from .render.plan import GUIDE
from .render.theme import Theme
from .settings import load_settings


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


def prepare(clinics_file, settings: dict, only: str | None = None) -> tuple[Config, Library]:
    """Load and validate clinics.yaml and all content: the shared first step of check and build."""
    config = load_config_cached(clinics_file, settings["CACHE_PATH"])
    taken = root_folders(settings)
    clashes = [c for c in config.clinics if c.slug in taken]
    if clashes:
        raise InputError([Problem(config.path, config.lines.get(("clinics", config.clinics.index(c), "slug")),
                                  f"clinic {c.slug}, slug", f'"{c.slug}" is the name of a folder every build writes '
                                  f"beside the clinics ({', '.join(sorted(taken))}); choose another slug")
                          for c in clashes])  # fmt: skip
    if only and not config.clinic(only):
        known = ", ".join(c.slug for c in config.clinics)
        raise InputError([Problem(config.path, None, "--clinic", f'expected one of: {known}, got "{only}"')])
    library = load_library(settings["PATH"], config, settings, only)
    photo_problems = images.check_photos(config, settings["PATH"])
    if photo_problems:
        raise InputError(photo_problems)
    # Claims in the theme's words and the clinics' text fields; the Markdown's were checked as it was read.
    hits = claims.theme_hits(Path(settings["THEME"]))
    hits += claims.scan_yaml(Path(clinics_file).read_text(encoding="utf-8-sig"), config.path)
    claims.refuse(hits)
    return config, library


def check(clinics_file="clinics.yaml", settings_file="pelicanconf.py", override: dict | None = None) -> Checked:
    """Validate clinics.yaml and every Markdown file for every clinic, and measure how much of each clinic's site
    is its own; write nothing."""
    settings = load_settings(settings_file, override)
    config, library = prepare(clinics_file, settings)
    problems = check_render(config, library)
    for lang in sorted(languages_published(config)):
        problems += i18n.missing(Path(settings["THEME"]), lang)
    if problems:
        raise InputError(problems)
    return Checked(config, own_text.report(config, own_text.measure(config, library, settings)))


def publish(
    clinics_file="clinics.yaml",
    output="output",
    settings_file="publishconf.py",
    base_url: str | None = None,
    allow_placeholders: bool = False,
    progress=None,
) -> Report:
    """A full build with the production settings; refused while the address or any fact is a placeholder."""
    settings = load_settings(settings_file)
    config = load_config_cached(clinics_file, settings["CACHE_PATH"])
    problems = [] if allow_placeholders else publishing.placeholders(config, base_url)
    if problems:
        raise InputError(problems)
    override = {"BASE_URL": base_url} if base_url else {}
    return build(clinics_file, output, settings_file, override=override, full=True, progress=progress)


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
) -> Report:
    """Build every clinic (or only one) and the directory into ``output``, which changes only if all succeed.

    Unless ``full``, pages whose inputs are unchanged since the last build are not rendered again (see
    render/keys.py). ``progress(total)`` returns a function called once per clinic built. Without ``search`` the
    search indexes are left as the last build made them (the preview's rebuilds, for speed).
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(output)})
    config, library = prepare(clinics_file, settings, only)
    clinics = [c for c in config.clinics if not only or c.slug == only]
    engine = engine_key(settings)
    shared = Shared(Theme.reused(settings, engine), config, library, engine, search)
    names = [c.slug for c in clinics]
    if config.has_guide:
        names.append(GUIDE)  # shared pages indexed once, in the brand's guide
    shared.theme.parts.enabled = len(names) >= USED_FROM  # pages from pre-built parts pay off from there
    with Transaction(output, settings["CACHE_PATH"], keep_others=bool(only)) as tx:
        work = [Job(name, tx.target(name), full) for name in names]
        parallel.run(shared, work, jobs or os.cpu_count() or 1, tx, progress(len(clinics)) if progress else None)
        pages = sum(r.pages for r in tx.results.values())
        files = sum(r.files for r in tx.results.values())
        pages += write_directory(shared.theme, config, tx.root(), engine, full)
        tx.commit()
    cache.prune(settings["CACHE_PATH"])
    return Report(len(clinics), pages, time.perf_counter() - started, output, files)
