"""pelicanconf.py and publishconf.py: read as Pelican reads them, and checked for settings the engine ignores.

The engine honours the Pelican settings listed in ``HONOURED`` (and any setting of its own, or of the
theme, which templates see). A Pelican setting it does not honour would otherwise be silently
ignored: setting one to anything but Pelican's default is an error naming the file, line and what to
do instead.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, get_settings_from_file, read_settings

from .errors import InputError, Problem, display_path

HONOURED = frozenset({
    "PATH", "THEME", "THEME_STATIC_DIR", "OUTPUT_PATH", "CACHE_PATH", "TIMEZONE", "DEFAULT_DATE_FORMAT",
    "DATE_FORMATS", "RELATIVE_URLS", "PAGE_URL", "PAGE_SAVE_AS", "ARTICLE_URL", "ARTICLE_SAVE_AS",
    "DEFAULT_PAGINATION", "PAGINATED_TEMPLATES", "PAGINATION_PATTERNS", "DEFAULT_ORPHANS", "MARKDOWN",
    "JINJA_ENVIRONMENT", "JINJA_FILTERS", "JINJA_GLOBALS", "JINJA_TESTS", "THEME_TEMPLATES_OVERRIDES",
    "TEMPLATE_EXTENSIONS", "FEED_MAX_ITEMS", "FEED_APPEND_REF",
})  # fmt: skip
#: Pelican's own feeds: the engine writes each clinic's NEWS_FEED_ATOM instead, so these are off.
PELICAN_FEEDS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS",
                 "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS", "TRANSLATION_FEED_ATOM",
                 "TRANSLATION_FEED_RSS")  # fmt: skip
#: Environment variable naming the cache folder, over CACHE_PATH.
CACHE_ENV = "CLINICSITES_CACHE"
#: Environment variable fixing the day a build takes as today (YYYY-MM-DD), over the TODAY setting: tests and
#: recorded snapshots must not change when the calendar does (past special hours are left out).
TODAY_ENV = "CLINICSITES_TODAY"
_FROM_CLINICS = "it comes from clinics.yaml (brand.name, brand.language, and each clinic's name and language)"
_ADVICE = {
    "PLUGINS": "Pelican plugins are not run: the engine renders each clinic itself, so their signals never fire",
    "PLUGIN_PATHS": "Pelican plugins are not run: the engine renders each clinic itself, so their signals never fire",
    "STATIC_PATHS": "static files come from the theme's static/ folder and from content/shared/images/ and "
                    "content/clinics/<slug>/images/ (linked with {static})",
    "DIRECT_TEMPLATES": "each site's pages are fixed by the engine (render/plan.py CLINIC_PAGES)",
    "TEMPLATE_PAGES": "each site's pages are fixed by the engine (render/plan.py CLINIC_PAGES)",
    "SITENAME": _FROM_CLINICS, "SITEURL": "addresses come from brand.base_url (or a clinic's domain) and PREVIEW_URL",
    "DEFAULT_LANG": _FROM_CLINICS, "AUTHOR": _FROM_CLINICS,
    "RELATIVE_URLS": "pages always link relatively, so each site works under /<slug>/ and at its own domain",
    "DELETE_OUTPUT_DIRECTORY": "a build replaces only what changed, and only once every clinic has built",
    "CACHE_CONTENT": "the engine keeps its own parse cache in CACHE_PATH",
    "LOAD_CONTENT_CACHE": "the engine keeps its own parse cache in CACHE_PATH",
}  # fmt: skip
_FEED_ADVICE = "each clinic's news feed is NEWS_FEED_ATOM; Pelican's other feeds are not written"


def load_settings(settings_file="pelicanconf.py", override: dict | None = None) -> dict:
    """Read pelicanconf.py (or publishconf.py) as Pelican does, with overrides on top; refuse settings the engine
    would silently ignore."""
    path = Path(settings_file)
    if not path.is_file():
        raise InputError([Problem(str(settings_file), None, "", "settings file not found")])
    problems = ignored_settings(path)
    if problems:
        raise InputError(problems)
    own = get_settings_from_file(str(path))
    defaults = {key: None for key in PELICAN_FEEDS if key not in own}
    if os.environ.get(CACHE_ENV):
        defaults["CACHE_PATH"] = os.environ[CACHE_ENV]  # e.g. tests and CI keep caches out of the checkout
    if os.environ.get(TODAY_ENV):
        defaults["TODAY"] = os.environ[TODAY_ENV]
    settings = read_settings(str(path), override={**defaults, **(override or {})})
    # Like PATH and THEME, the countries and claims files are named relative to the settings file.
    for key in ("COUNTRIES", "CLAIMS"):
        if settings.get(key) and not os.path.isabs(settings[key]):
            settings[key] = str(path.resolve().parent / settings[key])
    return settings


def ignored_settings(path: Path) -> list[Problem]:
    """A problem for each Pelican setting in ``path`` that differs from Pelican's default and is not honoured."""
    own = get_settings_from_file(str(path))
    lines = _assignments(path)
    problems = []
    for key, value in sorted(own.items()):
        if key not in DEFAULT_CONFIG or (key in HONOURED and key != "RELATIVE_URLS"):
            continue  # a setting of the engine or the theme, or one the engine honours
        if key == "RELATIVE_URLS" and value is True:
            continue
        if key in PELICAN_FEEDS and value is None:
            continue  # switching one of Pelican's feeds off is what the engine does anyway
        if value == DEFAULT_CONFIG[key] and key != "RELATIVE_URLS":
            continue
        where, line = lines.get(key, (path, None))
        advice = _ADVICE.get(key) or (_FEED_ADVICE if key in PELICAN_FEEDS else "clinicsites does not use it")
        problems.append(
            Problem(
                display_path(where),
                line,
                key,
                f"this Pelican setting has no effect: {advice}; remove it (ARCHITECTURE.md lists the settings used)",
            )
        )
    return problems


def _assignments(path: Path, seen: set | None = None) -> dict[str, tuple[Path, int]]:
    """Where each UPPERCASE name is assigned, following ``from sibling import *`` (as publishconf.py does)."""
    seen = seen or set()
    if path in seen or not path.is_file():
        return {}
    seen.add(path)
    found: dict[str, tuple[Path, int]] = {}
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and any(a.name == "*" for a in node.names):
            found.update(_assignments(path.with_name(node.module.replace(".", "/") + ".py"), seen))
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                found[target.id] = (path, node.lineno)
    return found
