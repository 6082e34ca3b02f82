"""Validate everything, then build each clinic's site and the directory of clinics."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError
from pelican.settings import read_settings

from . import incremental, seo, sitefiles
from . import output as out
from .content import Library, load_library
from .errors import BuildError, InputError, Problem
from .model import Config
from .parsecache import load_config_cached
from .site import Built, Theme, build_clinic, check_render, theme_problem
from .writer import SiteFiles, ThreadedWriter, discard_changes

#: Below this many clinics, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


@dataclass
class Report:
    clinics: int
    pages: int  # rendered
    seconds: float
    output: Path
    files: int = 0  # written into the clinics' folders: new or changed


def load_settings(settings_file="pelicanconf.py", override: dict | None = None) -> dict:
    """Read pelicanconf.py (or publishconf.py) as Pelican does, with overrides on top."""
    path = Path(settings_file)
    if not path.is_file():
        raise InputError([Problem(str(settings_file), None, "", "settings file not found")])
    return read_settings(str(path), override=override or {})


def prepare(clinics_file, settings: dict, only: str | None = None) -> tuple[Config, Library]:
    """Load and validate clinics.yaml and all content: the shared first step of check and build."""
    config = load_config_cached(clinics_file, settings)
    if only and not config.clinic(only):
        known = ", ".join(c.slug for c in config.clinics)
        raise InputError([Problem(config.path, None, "--clinic", f"expected one of: {known}, got \"{only}\"")])
    library = load_library(settings["PATH"], config, settings, only)
    return config, library


def check(clinics_file="clinics.yaml", settings_file="pelicanconf.py", override: dict | None = None) -> Config:
    """Validate clinics.yaml and every Markdown file for every clinic; write nothing."""
    settings = load_settings(settings_file, override)
    config, library = prepare(clinics_file, settings)
    problems = check_render(config, library)
    if problems:
        raise InputError(problems)
    return config


def build(
    clinics_file="clinics.yaml",
    output="output",
    settings_file="pelicanconf.py",
    only: str | None = None,
    override: dict | None = None,
    jobs: int | None = None,
    full: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Report:
    """Build every clinic (or only one) and the directory; swap into ``output`` only on success.

    Unless ``full``, pages whose inputs are unchanged since the previous build are reused
    (see incremental.py). ``progress(total)`` returns a function called once per clinic built.
    """
    started = time.perf_counter()
    output = Path(output).resolve()
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(output)})
    config, library = prepare(clinics_file, settings, only)
    clinics = [c for c in config.clinics if not only or c.slug == only]
    theme = Theme(settings)
    # What the last build wrote, by clinic; it only describes an output folder a build made.
    state_file = incremental.state_path(settings, output)
    state = incremental.load_state(state_file) if (output / out.MARKER).is_file() else {}
    step = progress(len(clinics)) if progress else None
    with out.staging(output) as staged:
        jobs = jobs or os.cpu_count() or 1
        results = _build_all(theme, config, library, clinics, staged, output, state, jobs,
                             incremental.engine_key(settings), full, step)
        try:
            pages = sum(built.pages for _, built in results)
            pages += write_directory(theme, config, staged)
            sitefiles.write_root_files(staged, config, settings)
        except BaseException:
            _discard(output, results)
            raise
        # Everything is rendered: only now is output/ changed.
        out.commit(staged, output, results, keep_others=bool(only))
    _remember(state_file, state, results, output, keep_others=bool(only))
    files = sum(len(b.manifest["files"]) if b.mode == "fresh" else len(b.changes.replaced) + len(b.changes.added)
                for _, b in results)
    return Report(len(clinics), pages, time.perf_counter() - started, output, files)


def _remember(state_file: Path, state: dict, results, output: Path, keep_others: bool) -> None:
    """Save each clinic's manifest for the next build, with its folders' times as they are now."""
    for slug, built in results:
        if built.mode == "fresh" or built.changes:
            built.manifest["dirs"] = incremental.folder_times(output / slug, built.manifest["files"])
    new_state = {**state} if keep_others else {}
    new_state.update({slug: state[slug] if built.manifest is None else incremental.pack(built.manifest)
                      for slug, built in results})
    if new_state != state:
        incremental.save_state(state_file, new_state)


def write_directory(theme: Theme, config: Config, root: Path) -> int:
    """Write output/index.html (every clinic, by country and town) and the root 404 page, with the stylesheet."""
    settings = {**theme.settings, "SITENAME": config.brand.name, "DEFAULT_LANG": config.brand.language}
    root_url = seo.root_url(settings, config.brand)
    urls = {c.slug: seo.clinic_url(settings, config.brand, c) for c in config.clinics}
    context = {**settings, "brand": config.brand, "clinics": config.clinics, "groups": directory_groups(config),
               "ROOT_URL": root_url, "CLINIC_URLS": urls, "crumbs": [], "og_type": "website",
               "structured_data": seo.to_script(seo.graph(seo.brand_data(config.brand, root_url)))}
    files = SiteFiles(root)
    writer = ThreadedWriter(files, settings)
    try:
        writer.render("index.html", theme.template("directory"), context, page_name="directory")
        # GitHub Pages answers every missing address with the root 404.html, at any depth: absolute links only.
        writer.render("404.html", theme.template("404"), {**context, "SITEURL": root_url.rstrip("/")}, relative=False,
                      page_name="404", noindex=True, structured_data=None)
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, None)]) from None
    theme.copy_static(files)
    return 2


def directory_groups(config: Config) -> list[tuple[str, list[tuple[str, list]]]]:
    """Clinics grouped by country name, then town, each level sorted by name."""
    countries: dict[str, dict[str, list]] = {}
    for clinic in config.clinics:
        towns = countries.setdefault(clinic.address.country_name, {})
        towns.setdefault(clinic.town, []).append(clinic)
    return [(country, [(town, sorted(towns[town], key=lambda c: c.name.lower())) for town in sorted(towns)])
            for country, towns in sorted(countries.items())]


def _build_all(theme: Theme, config: Config, library: Library, clinics, staged: Path, output: Path, state: dict,
               jobs: int, engine: str, full: bool, step) -> list[tuple[str, Built]]:
    """Build every clinic, in worker processes when there are enough of them; return what each did.

    Every clinic is built even when one fails, so that the changes the others wrote beside the
    current output can be removed before the first error is raised.
    """
    args = (theme, config, library, staged, output, state, engine, full)
    if jobs < 2 or len(clinics) < PARALLEL_FROM:
        _worker.update(zip(_WORKER_KEYS, args))
        try:
            results = [_tick(step, _build_one(c)) for c in clinics]
        finally:
            _worker.clear()
    else:
        # Fork so workers inherit the parsed content instead of unpickling it; frozen objects are left
        # alone by the workers' garbage collector, so their memory pages stay shared with the parent.
        context = multiprocessing.get_context("fork")
        gc.freeze()
        try:
            with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=args) as pool:
                chunks = max(1, len(clinics) // (jobs * 8))
                results = [_tick(step, r) for r in pool.map(_build_one, clinics, chunksize=chunks)]
        finally:
            gc.unfreeze()
    failed = [error for _, error in results if isinstance(error, Exception)]
    if failed:
        _discard(output, results)
        raise failed[0]
    return results


def _discard(output: Path, results) -> None:
    for slug, built in results:
        if isinstance(built, Built) and built.mode == "patch":
            discard_changes(output / slug, built.changes)


_WORKER_KEYS = ("theme", "config", "library", "staged", "output", "state", "engine", "full")
_worker: dict = {}  # set once in each worker process by _start_worker (or for the length of a serial build)


def _start_worker(*args) -> None:
    _worker.update(zip(_WORKER_KEYS, args))


def _build_one(clinic) -> tuple[str, Built | Exception]:
    w = _worker
    try:
        return clinic.slug, build_clinic(w["theme"], w["config"], clinic, w["library"], w["staged"] / clinic.slug,
                                         w["output"] / clinic.slug, incremental.unpack(w["state"].get(clinic.slug)),
                                         w["staged"] / out.PATCHES / clinic.slug, w["engine"], w["full"])
    except (InputError, BuildError) as exc:  # the clinic's own half-written changes are already removed
        return clinic.slug, exc


def _tick(step, result):
    if step:
        step()
    return result
