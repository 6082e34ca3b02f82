"""The commands' engine: read settings, validate everything, then build every clinic's site and the directory."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import claims, memory, own_text, parallel, publishing, validation
from .clinics.model import Config
from .content.library import Library
from .errors import Problem
from .output import Transaction
from .render.clinic import Job, Shared
from .render.directory import write_directory
from .render.keys import engine_key
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


def inputs(clinics_file, settings: dict, settings_file) -> list[Path]:
    """Every file and folder a build reads: what the preview watches, and what its remembered results are keyed by."""
    found = [settings["PATH"], settings["THEME"], clinics_file, settings_file, claims.RULES_FILE]
    found += [settings["COUNTRIES"]] if settings.get("COUNTRIES") else []
    return [Path(p) for p in found if Path(p).exists()]


def prepare(clinics_file, settings: dict, only: str | None = None) -> tuple[Config, Library]:
    """Validate clinics.yaml and all content, every stage in one run (see validation.py): the shared first step of
    check and build."""
    return validation.prepare(clinics_file, settings, only)


def check(clinics_file="clinics.yaml", settings_file="pelicanconf.py", override: dict | None = None) -> Checked:
    """Validate clinics.yaml and every Markdown file for every clinic, and measure how much of each clinic's site
    is its own; write nothing."""
    settings = load_settings(settings_file, override)
    config, library = validation.prepare(clinics_file, settings, render=True)
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
    rules = None if allow_placeholders else lambda config: publishing.placeholders(config, base_url)
    override = {"BASE_URL": base_url} if base_url else {}
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
    caller's own checks of the facts, reported with every other problem (``publish``'s).
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(output)})
    config, library = validation.prepare(clinics_file, settings, only, rules=rules)
    clinics = [c for c in config.clinics if not only or c.slug == only]
    engine = engine_key(settings)
    shared = Shared(Theme.reused(settings, engine), config, library, engine, search)
    names = [c.slug for c in clinics]
    if config.has_guide:
        names.append(GUIDE)  # shared pages indexed once, in the brand's guide
    with Transaction(output, settings["CACHE_PATH"], keep_others=bool(only)) as tx:
        work = [Job(name, tx.target(name), full) for name in names]
        parallel.run(shared, work, jobs or os.cpu_count() or 1, tx, progress(len(clinics)) if progress else None)
        pages = sum(r.pages for r in tx.results.values())
        files = sum(r.files for r in tx.results.values())
        pages += write_directory(shared.theme, config, tx.root(), engine, full)
        tx.commit()
    memory.prune(settings["CACHE_PATH"])
    return Report(len(clinics), pages, time.perf_counter() - started, output, files)
