"""Validate everything, then build each clinic's site and the directory of clinics."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError
from pelican.settings import read_settings
from pelican.writers import Writer

from . import output as out
from . import seo, sitefiles
from .config import load_config
from .content import Library, load_library
from .errors import BuildError, InputError, Problem
from .model import Config
from .site import Theme, build_clinic, check_render, theme_problem


#: Below this many clinics, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


@dataclass
class Report:
    clinics: int
    pages: int
    seconds: float
    output: Path


def load_settings(settings_file="pelicanconf.py", override: dict | None = None) -> dict:
    """Read pelicanconf.py (or publishconf.py) as Pelican does, with overrides on top."""
    path = Path(settings_file)
    if not path.is_file():
        raise InputError([Problem(str(settings_file), None, "", "settings file not found")])
    return read_settings(str(path), override=override or {})


def prepare(clinics_file, settings: dict, only: str | None = None) -> tuple[Config, Library]:
    """Load and validate clinics.yaml and all content: the shared first step of check and build."""
    config = load_config(clinics_file)
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
) -> Report:
    """Build every clinic (or only one) and the directory; swap into ``output`` only on success."""
    started = time.perf_counter()
    output = Path(output).resolve()
    settings = load_settings(settings_file, {**(override or {}), "OUTPUT_PATH": str(output)})
    config, library = prepare(clinics_file, settings, only)
    clinics = [c for c in config.clinics if not only or c.slug == only]
    theme = Theme(settings)
    with out.staging(output) as staged:
        pages = _build_all(theme, config, library, clinics, staged, jobs or os.cpu_count() or 1)
        pages += write_directory(theme, config, staged)
        root_files = sitefiles.write_root_files(staged, config, settings)
        if only:
            out.swap_parts(staged, output, [only, "index.html", "404.html", settings["THEME_STATIC_DIR"], out.MARKER,
                                            *root_files])
        else:
            out.swap_all(staged, output)
    return Report(len(clinics), pages, time.perf_counter() - started, output)


def write_directory(theme: Theme, config: Config, root: Path) -> int:
    """Write output/index.html (every clinic, by country and town) and the root 404 page, with the stylesheet."""
    settings = {**theme.settings, "SITENAME": config.brand.name, "DEFAULT_LANG": config.brand.language}
    root_url = seo.root_url(settings, config.brand)
    urls = {c.slug: seo.clinic_url(settings, config.brand, c) for c in config.clinics}
    context = {**settings, "brand": config.brand, "clinics": config.clinics, "groups": directory_groups(config),
               "ROOT_URL": root_url, "CLINIC_URLS": urls, "crumbs": [], "og_type": "website",
               "structured_data": seo.to_script(seo.graph(seo.brand_data(config.brand, root_url)))}
    writer = Writer(str(root), settings)
    try:
        writer.write_file("index.html", theme.template("directory"), context, relative_urls=True, page_name="directory")
        # GitHub Pages answers every missing address with the root 404.html, at any depth: absolute links only.
        writer.write_file("404.html", theme.template("404"), {**context, "SITEURL": root_url.rstrip("/")},
                          page_name="404", noindex=True, structured_data=None)
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, None)]) from None
    theme.copy_static(root)
    return 2


def directory_groups(config: Config) -> list[tuple[str, list[tuple[str, list]]]]:
    """Clinics grouped by country name, then town, each level sorted by name."""
    countries: dict[str, dict[str, list]] = {}
    for clinic in config.clinics:
        towns = countries.setdefault(clinic.address.country_name, {})
        towns.setdefault(clinic.town, []).append(clinic)
    return [(country, [(town, sorted(towns[town], key=lambda c: c.name.lower())) for town in sorted(towns)])
            for country, towns in sorted(countries.items())]


def _build_all(theme: Theme, config: Config, library: Library, clinics, staged: Path, jobs: int) -> int:
    if jobs < 2 or len(clinics) < PARALLEL_FROM:
        return sum(build_clinic(theme, config, c, library, staged / c.slug) for c in clinics)
    # Fork so workers inherit the parsed content instead of unpickling it.
    context = multiprocessing.get_context("fork")
    chunks = [clinics[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(theme, config, library, staged)) as pool:
        return sum(pool.map(_build_chunk, chunks))


_worker: dict = {}  # set once in each worker process by _start_worker, never in the parent


def _start_worker(theme, config, library, staged) -> None:
    _worker.update(theme=theme, config=config, library=library, staged=staged)


def _build_chunk(clinics) -> int:
    w = _worker
    return sum(build_clinic(w["theme"], w["config"], c, w["library"], w["staged"] / c.slug) for c in clinics)
