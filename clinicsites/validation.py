"""Validate everything a build reads, every independent stage in one run, so all problems are reported at once.

| stage     | what it checks                                                       | needs                          |
|-----------|----------------------------------------------------------------------|--------------------------------|
| clinics   | clinics.yaml: every field of the brand and of each clinic; countries.yaml | nothing                    |
| content   | every Markdown file: front matter, Markdown, HTML, tag names (against | the slugs clinics.yaml names   |
|           | the clinic model, not a clinic), links and anchors, images           | (whose folders to read)        |
| claims    | health claims in the theme's words and in clinics.yaml's text        | nothing                        |
| choices   | the conditions and benefits each clinic lists exist                  | clinics, content               |
| photos    | the photo files clinics.yaml names                                   | clinics                        |
| render    | ``check`` only: every page's tags rendered with each clinic's facts   | clinics, content               |
| languages | ``check`` only: the theme's words in every language a clinic publishes | clinics                       |
| rules     | the caller's own checks of the facts (``publish``: no placeholders)  | clinics                        |

A stage runs on what validated and skips the rest, never half-valid data: "clinics" gives the brand and each
clinic with no problem of its own (``clinics.load.validate``), so the later stages check those clinics and skip
a clinic whose entry failed; without a valid brand (every clinic's defaults) no clinic is built and the stages
that need clinics are skipped. "content" gives the files that parsed; "render" renders only those.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, claims, memory
from .clinics import load
from .clinics.cache import load_config_cached
from .clinics.local import for_build
from .clinics.model import Config
from .clinics.yamlsource import read_utf8
from .content import images, references
from .content.library import Library, check_render, load_library
from .errors import InputError, Problem, display_path
from .render import i18n
from .render.clinic import languages_published
from .render.directory import root_folders

logger = logging.getLogger(__name__)


@dataclass
class Validated:
    """What validated (None where a stage could not give anything), and every problem found."""

    config: Config | None = None
    library: Library | None = None
    problems: list[Problem] = field(default_factory=list)

    def run(self, stage: Callable[[], list[Problem]]) -> None:
        """Run one stage, keeping its problems whether it returns them or raises them."""
        try:
            self.problems += stage()
        except InputError as exc:
            self.problems += exc.problems


def validate(clinics_file, settings: dict, only: str | None = None, render: bool = False,
             rules: Callable[[Config], list[Problem]] | None = None) -> Validated:  # fmt: skip
    """Run every stage (``render`` adds the ones only ``check`` runs); see the module's table."""
    found = Validated()
    slugs = _clinics(clinics_file, settings, found)
    config = found.config
    if only and only not in slugs and (config or slugs):
        known = ", ".join(sorted(slugs))
        found.problems.append(Problem(display_path(clinics_file), None, "--clinic",
                                      f'expected one of: {known}, got "{only}"'))  # fmt: skip
    shown = config.path if config else display_path(clinics_file)
    # With problems in the clinics file, a folder may belong to a clinic whose slug is mistyped: read them all.
    named = None if found.problems else slugs
    found.library, problems = load_library(settings["PATH"], named, settings, only, shown)
    found.problems += problems
    found.run(lambda: _claims(clinics_file, settings))
    if config is None:
        return found
    found.run(lambda: references.check_choices(config, found.library, only))
    found.run(lambda: images.check_photos(config, settings["PATH"]))
    if render:
        found.run(lambda: check_render(config, found.library))
        for lang in sorted(languages_published(config)):
            found.run(lambda lang=lang: i18n.missing(Path(settings["THEME"]), lang))
    if rules:
        found.run(lambda: rules(config))
    return found


def prepare(clinics_file, settings: dict, only: str | None = None, render: bool = False,
            rules: Callable[[Config], list[Problem]] | None = None) -> tuple[Config, Library]:  # fmt: skip
    """``validate``, raising InputError with every problem of every stage; else the config and the content."""
    found = validate(clinics_file, settings, only, render, rules)
    if found.problems:
        raise InputError(found.problems)
    return found.config, found.library


def _clinics(clinics_file, settings: dict, found: Validated) -> frozenset[str]:
    """The clinics stage: the valid config (from the cache when the file validated before) and every slug named."""
    try:
        found.config = load_config_cached(clinics_file, settings["CACHE_PATH"])
        slugs = frozenset(c.slug for c in found.config.clinics)
    except InputError:
        result = load.validate(clinics_file)  # the part that validated, and every problem
        found.config, found.problems, slugs = result.config, list(result.problems), result.slugs
    if found.config:
        found.run(lambda: _slugs_free(found.config, settings))
        try:  # each clinic's country facts (countries.yaml), and no special hours whose day has passed
            found.config = for_build(found.config, settings)
        except InputError as exc:
            found.problems += exc.problems
    return slugs


def _slugs_free(config: Config, settings: dict) -> list[Problem]:
    taken = root_folders(settings)
    return [Problem(config.path, config.lines.get(("clinics", config.clinics.index(c), "slug")),
                    f"clinic {c.slug}, slug", f'"{c.slug}" is the name of a folder every build writes beside the '
                    f"clinics ({', '.join(sorted(taken))}); choose another slug")
            for c in config.clinics if c.slug in taken]  # fmt: skip


def _claims(clinics_file, settings: dict) -> list[Problem]:
    """Claims in the theme's words and the clinics file's text; the Markdown's were checked as it was read. A name
    in clinics.yaml that makes a claim on its own is a warning, never an error."""
    rules = claims.load_rules(claims.rules_file(settings), Path(settings["CACHE_PATH"]))
    texts = claims.theme_texts(Path(settings["THEME"]))
    key = (rules.digest, cache.digest(*(part for text in texts for part in text)))
    hits = list(_THEME_CLAIMS.make(key, lambda: claims.scan_theme(texts, rules)))
    shown = display_path(clinics_file)
    with contextlib.suppress(InputError):  # an unreadable file: the clinics stage says why
        text = read_utf8(clinics_file, shown)
        found, names = _YAML_CLAIMS.make((cache.digest(text), shown, rules.digest),
                                         lambda: (claims.scan_yaml(text, shown, rules),
                                                  claims.name_warnings(text, shown, rules)))  # fmt: skip
        hits += found
        for hit in names:
            logger.warning("%s (a name: a warning, not an error)", hit.problem())
    return [hit.problem() for hit in hits if not hit.allowed]


#: The claims in a clinics file, by its text's digest, its name and the rules': scanning a thousand clinics' text
#: fields again for every preview rebuild would cost more than the rebuild.
_YAML_CLAIMS = memory.store("claims-in-clinics-file", 2)
#: The claims in the theme's words, by the rules' digest and the digest of every template and catalogue as read now
#: (reading them is cheap; scanning them again cost a tenth of a one-post rebuild of 1,000 clinics).
_THEME_CLAIMS = memory.store("claims-in-theme", 2)
